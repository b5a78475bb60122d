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


@register_panel
def scoring_panel(request) -> Panel | None:
    """A supervisor's home starts with the forms still to score, nearest due date first."""
    if scope_for(request.user).role != Role.SUPERVISOR:
        return None
    from assessments.models import Assessment, AssessmentStatus
    from lms.permissions import scope_queryset

    open_forms = list(
        scope_queryset(
            request.user,
            Assessment.objects.filter(
                status__in=[AssessmentStatus.PENDING, AssessmentStatus.DRAFT]
            ).select_related("auxiliary", "cycle"),
            auxiliary_path="auxiliary__",
        ).order_by("cycle__due_date", "auxiliary__name")[:20]
    )
    return Panel("assessments/panel_scoring.html", {"forms": open_forms}, order=10)
