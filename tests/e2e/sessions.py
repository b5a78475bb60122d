"""Exam sessions for the browser journeys: on the demo data, a new learner who has read the
required course, the only candidate of a confirmed session of the credential exam that starts
shortly, with the papers drawn."""

from __future__ import annotations

import datetime


def candidate_in_session(username: str, *, starts_in: datetime.timedelta, **session_fields):
    """(the learner, the session): check-in opens 30 minutes before the start, latecomers are
    let in for 15 minutes, and it ends when the exam's time is up."""
    from django.utils import timezone

    from courses.models import CourseCompletion
    from courses.selectors import required_course
    from exams.selectors import credential_exam
    from exams.sessions import services
    from exams.sessions.models import ExamSession, PaperDraw
    from tests.e2e.test_learner_journey import _new_learner, _seed

    _seed()
    aux = _new_learner(username)
    CourseCompletion.objects.get_or_create(
        user=aux.user, course=required_course(), defaults={"completed_at": timezone.now()}
    )
    exam = credential_exam()
    start = timezone.now() + starts_in
    session = ExamSession.objects.create(
        exam=exam, agency=aux.agency, starts_at=start,
        check_in_at=start - datetime.timedelta(minutes=30),
        late_cutoff_at=start + datetime.timedelta(minutes=15), ends_at=start + exam.time_limit,
        status="confirmed", **session_fields,
    )  # fmt: skip
    session.candidates.create(auxiliary=aux)
    services.session_draw_papers(draw_id=PaperDraw.objects.create(session=session).pk)
    return aux, session
