"""Home-page panels and navigation entries for credentials."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from credentials import selectors
from credentials.models import CredentialStatus
from lms.home import NavLink, Panel, TodoItem
from lms.permissions import can_learn, can_view_people


def nav_links(request) -> list[NavLink]:
    if can_view_people(request.user):
        return [NavLink(_("Credentials"), reverse("credentials:list"), order=40)]
    if can_learn(request.user):
        return [NavLink(_("My work credential"), reverse("credentials:mine"), order=40)]
    return []


def learner_panel(request) -> Panel | None:
    if not can_learn(request.user):
        return None
    auxiliary = getattr(request.user, "auxiliary", None)
    if auxiliary is None:
        return None
    credential = selectors.latest_credential(auxiliary=auxiliary)
    return Panel("credentials/panels/learner.html", {"credential": credential}, order=20)


# How long a newly issued credential stays on the holder's to-do list.
COLLECT_DAYS = 14


def collect_todos(request) -> list[TodoItem]:
    """A credential issued in the last COLLECT_DAYS: the holder saves the card and collects the
    printed one, since without it they may not go on duty (Art. 20)."""
    auxiliary = getattr(request.user, "auxiliary", None)
    if auxiliary is None or not can_learn(request.user):
        return []
    credential = selectors.latest_credential(auxiliary=auxiliary)
    today = timezone.localdate()
    if (
        credential is None
        or credential.status != CredentialStatus.ACTIVE
        or credential.issued_on < today - datetime.timedelta(days=COLLECT_DAYS)
    ):
        return []
    return [
        TodoItem(
            title=_("Collect your work credential %(number)s") % {"number": credential.number},
            detail=_("Save the card on your phone and collect the printed card from your agency."),
            url=reverse("credentials:mine"),
            action=_("My work credential"),
            order=30,
        )
    ]


def staff_panel(request) -> Panel | None:
    if not can_view_people(request.user):
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
    if not can_view_people(request.user):
        return None
    return NavLink(_("Work credentials"), reverse("credentials:auxiliary", args=[auxiliary.pk]), 30)
