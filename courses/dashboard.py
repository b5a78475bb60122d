"""What courses adds to the rest of the platform: the learner's "my course" home panel and
to-do, the navigation link, the link to a person's reading from their record, and the demo
seed step (registered in courses/wagtail_hooks.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from courses import selectors
from courses.seed import course_seed
from lms.home import NavLink, Panel, TodoItem, per_request
from lms.models import PRE_SERVICE_STATUSES
from lms.permissions import can_follow_people, can_learn


def my_course_panel(request) -> Panel | None:
    user = request.user
    if not user.is_authenticated or not can_learn(user):
        return None
    course, outline = _outline(request)
    if course is None:
        return None
    auxiliary = getattr(user, "auxiliary", None)
    # Someone already in service (a credential issued before the platform, or after an earlier
    # course) reads the course as a refresher: it no longer gates anything for them (Art. 20).
    for_review = auxiliary is not None and auxiliary.status not in PRE_SERVICE_STATUSES
    return Panel(
        template="courses/panels/my_course.html",
        context={"outline": outline, "course": course, "for_review": for_review},
        order=10,
    )


def _outline(request):
    """The required course and the user's outline of it, once per request (panel and to-do)."""

    def compute():
        course = selectors.required_course()
        if course is None:
            return None, None
        return course, selectors.course_outline(user=request.user, course=course)

    return per_request(request, "course_outline", compute)


def course_todos(request) -> list[TodoItem]:
    """Lessons still to read for someone in pre-job training (Arts. 13, 20)."""
    user = request.user
    auxiliary = getattr(user, "auxiliary", None)
    if auxiliary is None or not can_learn(user) or auxiliary.status not in PRE_SERVICE_STATUSES:
        return []
    course, outline = _outline(request)
    if course is None or outline.completed_at or outline.next_entry is None:
        return []
    left = outline.total - outline.done_count
    return [
        TodoItem(
            title=_("Finish the course: %(title)s") % {"title": course.title},
            detail=ngettext(
                "%(left)d lesson left of %(total)d.", "%(left)d lessons left of %(total)d.", left
            )
            % {"left": left, "total": outline.total},
            url=outline.next_entry.lesson.url,
            action=_("Continue the course") if outline.started else _("Start the course"),
            order=15,
        )
    ]


def reading_person_link(request, auxiliary) -> NavLink | None:
    """The person's reading, lesson by lesson, from their record page."""
    if not can_follow_people(request.user) or auxiliary.user_id is None:
        return None
    return NavLink(
        _("Reading progress"), reverse("courses:person_reading", args=[auxiliary.pk]), 20
    )


def course_nav(request) -> list[NavLink]:
    # A fixed URL: the navigation is on every page and must not cost a query.
    return [NavLink(label=_("Course"), url=reverse("courses:start"), order=20)]


def seed_course_step(stdout=None) -> None:
    report = course_seed()
    if stdout:
        stdout.write(
            f"  课程：新建 {len(report.created)}，更新 {len(report.updated)}，"
            f"保留编辑修改 {len(report.kept)}"
        )
