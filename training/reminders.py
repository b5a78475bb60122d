"""Reminders to people behind on the year's training hours (Arts. 15(3), 17), and to their
agency's admins: sent at fixed checkpoints of the year by the daily task, each recorded
(training.models.HoursReminder) so that none goes out twice."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.models import Auxiliary, Role
from training import selectors
from training.hours import fmt_hours
from training.models import HoursReminder

# 1 July (half the year gone), 1 October (one quarter left), 1 December (the last month).
CHECKPOINTS = ((7, 1), (10, 1), (12, 1))


def checkpoint_for(day: datetime.date) -> datetime.date | None:
    """The latest checkpoint of ``day``'s year on or before it (None before the first), so a
    task that did not run on the day itself still sends that checkpoint's reminders later."""
    passed = [datetime.date(day.year, m, d) for m, d in CHECKPOINTS]
    passed = [point for point in passed if point <= day]
    return passed[-1] if passed else None


def _site_url(path: str) -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/") + path


def hours_reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Remind each person behind on the year's hours once per checkpoint (e-mail when they
    have an address; their 待办 shows it in any case), and send each agency's admins one list
    of their people reminded. Returns how many people and admins were written to."""
    today = today or timezone.localdate()
    checkpoint = checkpoint_for(today)
    if checkpoint is None:
        return {"people": 0, "admins": 0}
    with translation.override(settings.LANGUAGE_CODE):
        return _send(today, checkpoint)


@transaction.atomic
def _record(today: datetime.date, checkpoint: datetime.date) -> list[selectors.PersonYear]:
    """Record this checkpoint's reminders of the people behind and not yet reminded; another
    worker recording the same ones at once makes this fail whole (IntegrityError)."""
    reminded = HoursReminder.objects.filter(checkpoint=checkpoint).values("auxiliary_id")
    people = Auxiliary.objects.exclude(pk__in=reminded).select_related("user")
    rows = selectors.behind(people, today)
    HoursReminder.objects.bulk_create(
        HoursReminder(
            auxiliary=row.auxiliary,
            checkpoint=checkpoint,
            done=row.standing.done,
            required=row.standing.required,
        )  # fmt: skip
        for row in rows
    )
    return rows


def _send(today: datetime.date, checkpoint: datetime.date) -> dict[str, int]:
    try:
        rows = _record(today, checkpoint)
    except IntegrityError:
        return {"people": 0, "admins": 0}  # the other worker sends them
    # Mails go after the records are committed: a failure before can only miss, never repeat.
    url = _site_url(reverse("training:mine"))
    people_sent = 0
    by_agency: dict[int, list] = defaultdict(list)
    for row in rows:
        by_agency[row.auxiliary.agency_id].append(row)
        user = row.auxiliary.user
        if user is not None and user.email:
            text = _(
                "Your training hours this year: %(done)s of %(required)s. %(missing)s hours"
                " are still to do before the end of the year."
            ) % {
                "done": fmt_hours(row.standing.done),
                "required": fmt_hours(row.standing.required),
                "missing": fmt_hours(row.standing.missing),
            }
            send_mail(_("Training hours reminder"), f"{text}\n\n{url}", None, [user.email])
            people_sent += 1
    admins_sent = 0
    admins = (
        get_user_model()
        .objects.filter(
            profile__role=Role.AGENCY_ADMIN, profile__agency_id__in=by_agency, is_active=True
        )
        .exclude(email="")
    )
    people_url = _site_url(reverse("training:people"))
    for admin in admins.select_related("profile"):
        lines = [
            f"{row.auxiliary.name}: {fmt_hours(row.standing.done)} / "
            f"{fmt_hours(row.standing.required)}"
            for row in by_agency[admin.profile.agency_id]
        ]
        text = _("People behind on this year's training hours (done / required):")
        send_mail(
            _("Training hours reminder"), "\n".join([text, *lines, "", people_url]), None,
            [admin.email],
        )  # fmt: skip
        admins_sent += 1
    return {"people": people_sent, "admins": admins_sent}
