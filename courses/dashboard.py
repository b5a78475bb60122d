"""What courses adds to the rest of the platform: the learner's "my course" home panel, the
navigation link and the demo seed step."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from courses import selectors
from courses.seed import course_seed
from lms.home import NavLink, Panel, register_nav, register_panel
from lms.seeding import register_seed_step


@register_panel
def my_course_panel(request) -> Panel | None:
    user = request.user
    if not user.is_authenticated or not selectors.may_take_courses(user):
        return None
    course = selectors.required_course()
    if course is None:
        return None
    outline = selectors.course_outline(user=user, course=course)
    return Panel(
        template="courses/panels/my_course.html",
        context={"outline": outline, "course": course},
        order=10,
    )


@register_nav
def course_nav(request) -> list[NavLink]:
    # A fixed URL: the navigation is on every page and must not cost a query.
    return [NavLink(label=_("Course"), url=reverse("courses:start"), order=20)]


@register_seed_step(20, "course")
def seed_course_step(stdout=None) -> None:
    report = course_seed()
    if stdout:
        stdout.write(
            f"  课程：新建 {len(report.created)}，更新 {len(report.updated)}，"
            f"保留编辑修改 {len(report.kept)}"
        )
