"""Home-page panels and navigation entries for credentials."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from lms.home import NavLink, Panel
from lms.models import Role
from lms.permissions import scope_for


def nav_links(request) -> list[NavLink]:
    scope = scope_for(request.user)
    if scope.is_staff_viewer:
        return [NavLink(_("Credentials"), reverse("credentials:list"), order=40)]
    if scope.role == Role.LEARNER:
        return [NavLink(_("My work credential"), reverse("credentials:mine"), order=40)]
    return []


def learner_panel(request) -> Panel | None:
    from credentials import selectors

    if scope_for(request.user).role != Role.LEARNER:
        return None
    auxiliary = getattr(request.user, "auxiliary", None)
    if auxiliary is None:
        return None
    credential = selectors.latest_credential(auxiliary=auxiliary)
    return Panel("credentials/panels/learner.html", {"credential": credential}, order=20)


def staff_panel(request) -> Panel | None:
    from credentials import selectors

    scope = scope_for(request.user)
    if not scope.is_staff_viewer:
        return None
    return Panel(
        "credentials/panels/staff.html",
        {
            "counts": selectors.status_counts(user=request.user),
            "expiring": list(selectors.expiring_soon(user=request.user)[:5]),
            "open_checklists": selectors.return_checklists(
                user=request.user, open_only=True
            ).count(),
        },
        order=30,
    )


def person_link(request, auxiliary):
    """The auxiliary's credentials, from their record page (staff who may see the record)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from lms.home import NavLink
    from lms.permissions import scope_for

    if not scope_for(request.user).is_staff_viewer:
        return None
    return NavLink(_("Work credentials"), reverse("credentials:auxiliary", args=[auxiliary.pk]), 30)
