"""The learner's exam panel on the home page and the navigation entries of exams."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from lms.home import NavLink, Panel, register_nav, register_panel
from lms.models import Role
from lms.permissions import scope_for


@register_panel
def exam_panel(request):
    if scope_for(request.user).role != Role.LEARNER:
        return None
    from exams.selectors import exam_status

    status = exam_status(user=request.user)
    if status["exam"] is None:
        return None
    return Panel(template="exams/_home_panel.html", context=status, order=20)


@register_nav
def exam_nav(request):
    scope = scope_for(request.user)
    if scope.role == Role.LEARNER:
        return [NavLink(_("Exam"), reverse("exams:overview"), order=30)]
    if scope.is_staff_viewer or scope.role == Role.SUPERVISOR:
        return [NavLink(_("Exam attempts"), reverse("exams:staff_attempts"), order=40)]
    return []
