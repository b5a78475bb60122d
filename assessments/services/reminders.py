"""Reminders: supervisors 7 and 1 days before a cycle's due date, agency admins about overdue
forms every day after it; each goes out once."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import selectors
from assessments.models import AssessmentStatus, Cycle, ReminderSent
from assessments.services.notices import notify, platform_language

REMINDER_DAYS = (7, 1)


def _site_url(path: str) -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/") + path


def reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Remind supervisors 7 and 1 days before a cycle's due date (e-mail and notice), and list
    overdue forms to the agency admins every day after it. Each reminder goes out once."""
    with platform_language():
        return _reminders_send(today=today or timezone.localdate())


@transaction.atomic
def _reminders_send(*, today: datetime.date) -> dict[str, int]:
    sent = {"supervisors": 0, "admins": 0}
    due_dates = [today + datetime.timedelta(days=d) for d in REMINDER_DAYS]
    for cycle in Cycle.objects.filter(due_date__in=due_dates).select_related("agency"):
        kind = f"due_{(cycle.due_date - today).days}"
        if ReminderSent.objects.filter(cycle=cycle, kind=kind).exists():
            continue
        ReminderSent.objects.create(cycle=cycle, kind=kind, sent_on=today)
        sent["supervisors"] += _remind_supervisors(cycle, today)
    overdue = (
        Cycle.objects.filter(
            due_date__lt=today,
            assessments__status__in=[AssessmentStatus.PENDING, AssessmentStatus.DRAFT],
        )
        .distinct()
        .select_related("agency")
    )
    for cycle in overdue:
        _reminder, created = ReminderSent.objects.get_or_create(
            cycle=cycle, kind="overdue", sent_on=today
        )
        if created:
            sent["admins"] += _report_overdue(cycle)
    return sent


def _open_assessments(cycle: Cycle):
    return cycle.assessments.filter(
        status__in=[AssessmentStatus.PENDING, AssessmentStatus.DRAFT]
    ).select_related("auxiliary__supervisor__profile", "auxiliary")


def _remind_supervisors(cycle: Cycle, today: datetime.date) -> int:
    by_supervisor: dict = defaultdict(list)
    for assessment in _open_assessments(cycle):
        if assessment.auxiliary.supervisor_id:
            by_supervisor[assessment.auxiliary.supervisor].append(assessment)
    url = reverse("assessments:my_forms")
    days = (cycle.due_date - today).days
    for supervisor, assessments in by_supervisor.items():
        text = _(
            "%(cycle)s: %(count)s assessment(s) to submit by %(due)s (%(days)s day(s) left)."
        ) % {
            "cycle": cycle.name,
            "count": len(assessments),
            "due": cycle.due_date.isoformat(),
            "days": days,
        }
        notify(user=supervisor, text=text, url=url)
        if supervisor.email:
            names = "\n".join(f"- {a.auxiliary.name}" for a in assessments)
            send_mail(
                subject=_("Assessments due on %(due)s") % {"due": cycle.due_date.isoformat()},
                message=f"{text}\n\n{names}\n\n{_site_url(url)}",
                from_email=None,
                recipient_list=[supervisor.email],
            )
    return len(by_supervisor)


def _report_overdue(cycle: Cycle) -> int:
    assessments = list(_open_assessments(cycle))
    url = reverse("assessments:cycle_detail", args=[cycle.pk])
    lines = []
    for a in assessments:
        supervisor = a.auxiliary.supervisor
        who = (
            supervisor.profile.display_name if supervisor and hasattr(supervisor, "profile") else ""
        ) or (supervisor.username if supervisor else _("no supervisor"))
        lines.append(f"- {a.auxiliary.name}（{who}）")
    text = _("%(cycle)s: %(count)s assessment(s) are overdue (due %(due)s).") % {
        "cycle": cycle.name,
        "count": len(assessments),
        "due": cycle.due_date.isoformat(),
    }
    admins = list(selectors.agency_admins(cycle.agency))
    for admin in admins:
        notify(user=admin, text=text, url=url)
        if admin.email:
            send_mail(
                subject=_("Overdue assessments: %(cycle)s") % {"cycle": cycle.name},
                message=f"{text}\n\n" + "\n".join(lines) + f"\n\n{_site_url(url)}",
                from_email=None,
                recipient_list=[admin.email],
            )
    return len(admins)
