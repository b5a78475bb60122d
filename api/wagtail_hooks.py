"""What the API adds to the other apps (lms/hooks.py lists the hooks): the tokens page in the
navigation of those who may create tokens, and the schedules that send webhook deliveries and
purge the delivered ones."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from api.tokens import may_manage_tokens
from lms.home import NavLink
from lms.hooks import NAV_ITEMS, SCHEDULES
from lms.schedules import ScheduleSpec


def nav_links(request) -> list[NavLink]:
    if may_manage_tokens(request.user):
        return [
            NavLink(_("API tokens"), reverse("api:tokens"), order=90),
            NavLink(_("Webhooks"), reverse("api:webhooks"), order=91),
        ]
    return []


hooks.register(NAV_ITEMS, nav_links)


DELIVERIES = ScheduleSpec(
    name="api: webhook deliveries", func="api.tasks.deliveries_send", minutes=1
)


OUTBOX_PURGE = ScheduleSpec(
    name="api: outbox purge", func="api.tasks.outbox_purge", daily_at=datetime.time(3, 40)
)


def schedules() -> list[ScheduleSpec]:
    # Every minute: what a worker did not send (receiver down, worker killed) goes out again.
    # Nightly: delivered events past their keeping time go, so the outbox does not grow forever.
    return [DELIVERIES, OUTBOX_PURGE]


hooks.register(SCHEDULES, schedules)
