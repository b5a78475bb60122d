"""What candidates are told about their sessions, by the scheduled task every few minutes:
that they are enrolled (time, place, what to bring), that the time moved, a reminder 24 hours
before the start, and that the session was cancelled.

Each notice is a CandidateNotice row, one per candidate, kind and start time, written before
the mail goes out: a notice is shown and mailed at most once, however often the task runs and
however many workers run it at the same moment. The row is what the candidate's 待办 shows
until they open the session's page. (The platform's own Notice model belongs to assessments,
above exams in the order of the apps; exams keeps its own.)
"""

from __future__ import annotations

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from exams.sessions.models import (
    CandidateNotice,
    ExamSession,
    NoticeKind,
    SessionCandidate,
    SessionStatus,
)
from exams.sessions.services import cancelled_message, when_text

logger = logging.getLogger(__name__)

# The reminder goes out once the start is this close.
REMIND_BEFORE = datetime.timedelta(hours=24)
# A cancellation is mailed only for sessions that would have started no longer ago than this.
CANCELLED_WITHIN = datetime.timedelta(days=1)


def _details(session: ExamSession) -> str:
    text = _(
        "It starts at %(start)s (check-in from %(check_in)s, no entry after %(cutoff)s), "
        "at %(place)s."
    ) % {
        "start": when_text(session.starts_at),
        "check_in": timezone.localtime(session.check_in_at).strftime("%H:%M"),
        "cutoff": timezone.localtime(session.late_cutoff_at).strftime("%H:%M"),
        "place": session.place,
    }
    if session.what_to_bring:
        text += " " + _("Bring: %(things)s.") % {"things": session.what_to_bring}
    return text


def notice_text(kind: str, session: ExamSession) -> str:
    """The notice as the candidate reads it (待办 and mail)."""
    title = {"title": session.title}
    if kind == NoticeKind.CANCELLED:
        return (_("Exam session %(title)s:") % title) + " " + cancelled_message(session)
    head = {
        NoticeKind.ENROLLED: _("You are enrolled in the exam session %(title)s."),
        NoticeKind.MOVED: _("The exam session %(title)s has moved to another time."),
        NoticeKind.REMINDER: _("Reminder: the exam session %(title)s is within 24 hours."),
    }[kind] % title
    return f"{head} {_details(session)}"


def notice_subject(kind: str, session: ExamSession) -> str:
    return {
        NoticeKind.ENROLLED: _("Exam session notice: %(title)s"),
        NoticeKind.MOVED: _("Exam session moved: %(title)s"),
        NoticeKind.REMINDER: _("Exam session reminder: %(title)s"),
        NoticeKind.CANCELLED: _("Exam session cancelled: %(title)s"),
    }[kind] % {"title": session.title}


def _send(candidate: SessionCandidate, kind: str, now: datetime.datetime) -> bool:
    """Record the notice, then mail it; False when it was recorded already (by an earlier run
    or by another worker at the same moment)."""
    session = candidate.session
    user = candidate.auxiliary.user
    email = (user.email or "").strip() if user is not None else ""
    text = notice_text(kind, session)
    try:
        with transaction.atomic():
            notice = CandidateNotice.objects.create(
                candidate=candidate, kind=kind, starts_at=session.starts_at, text=text[:400],
                email=email,
            )  # fmt: skip
    except IntegrityError:
        return False
    if email:
        url = settings.SITE_URL + reverse("exams:sessions:room", args=[session.pk])
        try:
            send_mail(notice_subject(kind, session), f"{text}\n\n{url}", None, [email])
        except (smtplib.SMTPException, OSError) as error:
            logger.warning("Exam session notice %s not mailed: %s", notice.pk, error)
            CandidateNotice.objects.filter(pk=notice.pk).update(email_error=str(error)[:200])
        else:
            CandidateNotice.objects.filter(pk=notice.pk).update(emailed_at=now)
    return True


def _told(kinds):
    """Exists: the candidate has a notice of ``kinds`` about the session's current start."""
    notices = CandidateNotice.objects.filter(
        candidate=OuterRef("pk"), kind__in=kinds, starts_at=OuterRef("session__starts_at")
    )
    return Exists(notices)


def _still_coming(now):
    return SessionCandidate.objects.select_related("session", "auxiliary__user").filter(
        session__status=SessionStatus.CONFIRMED,
        session__starts_at__gt=now,
        absent_at__isnull=True,
        attempt__isnull=True,
    )


def notices_send(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Send every notice that is due and not yet sent; returns how many of each kind."""
    now = now or timezone.now()
    sent = {kind: 0 for kind in NoticeKind.values}
    told = [NoticeKind.ENROLLED, NoticeKind.MOVED]
    with translation.override(settings.LANGUAGE_CODE):
        # Enrolled, or told of another start than the current one: moved.
        told_before = CandidateNotice.objects.filter(candidate=OuterRef("pk"), kind__in=told)
        untold = _still_coming(now).exclude(_told(told)).annotate(told_before=Exists(told_before))
        for candidate in untold.order_by("session__starts_at", "pk"):
            kind = NoticeKind.MOVED if candidate.told_before else NoticeKind.ENROLLED
            sent[kind] += _send(candidate, kind, now)
        # The reminder, unless they were told of this start within the last 24 hours anyway.
        due = (
            _still_coming(now)
            .filter(session__starts_at__lte=now + REMIND_BEFORE)
            .exclude(_told([NoticeKind.REMINDER]))
        )
        for candidate in due.order_by("session__starts_at", "pk"):
            recent = candidate.notices.filter(
                kind__in=told,
                starts_at=candidate.session.starts_at,
                created_at__gte=candidate.session.starts_at - REMIND_BEFORE,
            )
            if recent.exists():
                continue
            sent[NoticeKind.REMINDER] += _send(candidate, NoticeKind.REMINDER, now)
        cancelled = SessionCandidate.objects.select_related("session", "auxiliary__user").filter(
            session__status=SessionStatus.CANCELLED,
            session__confirmed_at__isnull=False,
            session__starts_at__gt=now - CANCELLED_WITHIN,
        ).exclude(_told([NoticeKind.CANCELLED]))  # fmt: skip
        for candidate in cancelled.order_by("session__starts_at", "pk"):
            sent[NoticeKind.CANCELLED] += _send(candidate, NoticeKind.CANCELLED, now)
    return sent


def notices_mark_read(*, candidate: SessionCandidate, now: datetime.datetime | None = None) -> int:
    """The candidate opened the session's page: its notices leave their 待办."""
    return CandidateNotice.objects.filter(candidate=candidate, read_at__isnull=True).update(
        read_at=now or timezone.now()
    )
