"""Building exam sessions for the tests: a confirmed session of county A with drawn papers."""

from __future__ import annotations

import datetime

from django.utils import timezone

from exams.sessions import services
from exams.sessions.models import ExamSession
from tests import factories
from tests.exams import factories as f


def eligible_learner(agency, course, **kwargs):
    aux = factories.make_learner(agency, **kwargs)
    f.complete_course(aux.user, course)
    return aux


def make_session(
    *, org, exam, actor=None, starts_in=datetime.timedelta(minutes=10), **kwargs
) -> ExamSession:
    return services.session_create(
        actor=actor or org.admin_a,
        exam=exam,
        agency=kwargs.pop("agency", org.county_a),
        title=kwargs.pop("title", "2026年12月岗前考试第一场"),
        starts_at=timezone.now() + starts_in,
        venue=kwargs.pop("venue", "县执法局三楼会议室"),
        **kwargs,
    )


def confirmed_session(*, org, exam, people, capture, proctors=()) -> ExamSession:
    """Enrolled, confirmed and drawn (``capture`` is django_capture_on_commit_callbacks)."""
    session = make_session(org=org, exam=exam, proctors=proctors)
    services.session_enrol(session=session, actor=org.admin_a, auxiliaries=people)
    with capture(execute=True):
        services.session_confirm(session=session, actor=org.admin_a)
    session.refresh_from_db()
    return session


def starts_in(session: ExamSession, delta: datetime.timedelta) -> None:
    """Move ``session`` to start ``delta`` from now (negative: it started that long ago),
    with check-in 30 minutes before, the late-entry cutoff 15 minutes after and the end one
    time limit after, as the defaults set them."""
    start = timezone.now() + delta
    ExamSession.objects.filter(pk=session.pk).update(
        starts_at=start,
        check_in_at=start - datetime.timedelta(minutes=30),
        late_cutoff_at=start + datetime.timedelta(minutes=15),
        ends_at=start + session.exam.time_limit,
    )
    session.refresh_from_db()


def at(session: ExamSession, **delta) -> datetime.datetime:
    """A moment relative to the session's start."""
    return session.starts_at + datetime.timedelta(**delta)
