"""Demo/seed data for exams: the shipped question bank and the credential exam. Idempotent."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from exams import courses_api
from exams.bank import question_bank_load
from exams.models import BlueprintRule, Exam, QuestionCategory
from lms.seeding import register_seed_step

# Questions drawn per article (category 岗前培训/第X条): 22 in all, weighted by how many
# numbered items the article has and how often its mistakes happen on the job.
BLUEPRINT = [
    ("岗前培训/第十三条", 4),
    ("岗前培训/第十四条", 2),
    ("岗前培训/第十五条", 3),
    ("岗前培训/第十六条", 3),
    ("岗前培训/第十七条", 2),
    ("岗前培训/第十八条", 3),
    ("岗前培训/第十九条", 5),
]
EXAM_TITLE = "行政执法辅助人员岗前培训考试"


def seed_question_bank() -> int:
    from exams.content.questions import QUESTIONS

    return question_bank_load(QUESTIONS)


@transaction.atomic
def seed_exam() -> Exam | None:
    """The exam of the required course (None while there is no course yet)."""
    course = courses_api.required_course()
    if course is None:
        return None
    exam = Exam.objects.filter(course=course).order_by("pk").first()
    if exam is not None:
        return exam
    exam = Exam.objects.create(course=course, title=EXAM_TITLE)
    for order, (path, count) in enumerate(BLUEPRINT):
        BlueprintRule.objects.create(
            exam=exam,
            count=count,
            category=QuestionCategory.for_path(path),
            sort_order=order,
        )
    return exam


def ensure_sweep_schedule() -> None:
    """The django-q2 schedule that finalises attempts whose time ran out."""
    from django_q.models import Schedule

    Schedule.objects.get_or_create(
        name="exams: finalise expired attempts",
        defaults={
            "func": "exams.tasks.sweep_expired_attempts",
            "schedule_type": Schedule.MINUTES,
            "minutes": 5,
            "repeats": -1,
        },
    )


EDITOR_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("question", "questioncategory", "exam")
    for action in ("add", "change", "delete", "view")
]


def grant_editor_permissions() -> None:
    """Wagtail's "Editors" group (provincial admins) manages the bank and the exams."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.filter(name="Editors").first()
    if group is None:
        return
    perms = Permission.objects.filter(
        content_type__app_label="exams", codename__in=EDITOR_PERMISSIONS
    )
    group.permissions.add(*perms)


@register_seed_step(30, "question bank and exam")
def seed_step(stdout=None, **kwargs) -> None:
    created = seed_question_bank()
    exam = seed_exam()
    ensure_sweep_schedule()
    grant_editor_permissions()
    if stdout is not None:
        stdout.write("  " + _("Question bank: %(n)d new questions") % {"n": created})
        stdout.write(
            "  "
            + (
                _("Exam: %(title)s") % {"title": exam.title}
                if exam
                else _("Exam: skipped (there is no required course yet)")
            )
        )
