"""Navigation links and the home-page notice panel, registered with lms.home."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from assessments.models import Notice
from lms.home import NavLink, Panel, register_nav, register_panel
from lms.models import Role
from lms.permissions import scope_for


@register_nav
def assessment_links(request) -> list[NavLink]:
    scope = scope_for(request.user)
    if scope.role == Role.SUPERVISOR:
        return [NavLink(_("Scoring"), reverse("assessments:my_forms"), 40)]
    if scope.can_manage or scope.role == Role.OVERSIGHT:
        return [NavLink(_("Assessment cycles"), reverse("assessments:cycle_list"), 40)]
    if scope.role == Role.LEARNER:
        return [NavLink(_("My assessments"), reverse("assessments:mine"), 40)]
    return []


@register_panel
def notices_panel(request) -> Panel | None:
    if not request.user.is_authenticated:
        return None
    notices = list(Notice.objects.filter(user=request.user, read_at__isnull=True)[:10])
    if not notices:
        return None
    return Panel("assessments/panel_notices.html", {"notices": notices}, order=5)
