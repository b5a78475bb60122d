"""What training adds to the others (lms/hooks.py lists the hooks): a home panel for learners
and for staff, the 待办 items, a navigation link, a link on a person's record, the demo step,
and the training categories as a snippet the province edits."""

import datetime

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.models import TrainingCategory
from lms.schedules import ScheduleSpec
from lms.seeding import SeedStep
from training import demo, home


class TrainingCategoryViewSet(SnippetViewSet):
    model = TrainingCategory
    icon = "tag"
    menu_order = 260
    list_display = ["name", "order"]


register_snippet(TrainingCategoryViewSet)

hooks.register("lms_home_panels", home.hours_panel)
hooks.register("lms_home_panels", home.staff_panel)
hooks.register("lms_todos", home.training_todos)
hooks.register("lms_nav_items", home.training_nav)
hooks.register("lms_person_links", home.training_person_link)
hooks.register("course_hours_notes", home.course_hours_note)


@hooks.register("lms_seed_steps")
def seed_steps():
    return [SeedStep(48, "training", "在岗培训：课程、计划、面授和学时", demo.seed_training)]


@hooks.register("lms_editor_permissions")
def editor_permissions():
    return {"courses": ["add_trainingcategory", "change_trainingcategory", "view_trainingcategory"]}


# Daily, after the assessments' reminders: a checkpoint's reminders go out on its day (or on
# the next run after it, when the worker was down), once.
HOURS_REMINDERS = ScheduleSpec(
    name="training: hours reminders",
    func="training.tasks.send_hours_reminders",
    daily_at=datetime.time(7, 30),
)


@hooks.register("lms_schedules")
def schedules():
    return [HOURS_REMINDERS]
