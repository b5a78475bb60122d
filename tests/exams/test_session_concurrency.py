"""Exam sessions under real concurrency on PostgreSQL, with threads: a cohort opening its papers
at the start instant, a proctor extending time while the candidate hands in, two proctors acting
on one candidate at once."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from exams import services as exam_services
from exams.models import Attempt, AttemptStatus
from exams.sessions import services
from exams.sessions.exceptions import SessionError
from exams.sessions.models import ExamSession, PaperDraw, ProctorAction, SessionCandidate
from tests import factories
from tests.exams import factories as f

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_together(targets) -> tuple[list, list]:
    """Run every callable at once (a barrier releases them together); (results, errors)."""
    barrier = threading.Barrier(len(targets))
    results, errors = [], []

    def worker(target):
        try:
            barrier.wait()
            results.append(target())
        except Exception as exc:  # collected for the assertions
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results, errors


def _session(people: int):
    org = factories.build_org()
    course = f.make_course()
    f.make_bank()
    exam = f.make_exam(course)
    auxiliaries = []
    for _ in range(people):
        aux = factories.make_learner(org.county_a)
        f.complete_course(aux.user, course)
        auxiliaries.append(aux)
    start = timezone.now() - datetime.timedelta(seconds=1)
    session = ExamSession.objects.create(
        exam=exam, agency=org.county_a, title="并发场次", venue="会议室", starts_at=start,
        check_in_at=start - datetime.timedelta(minutes=30),
        late_cutoff_at=start + datetime.timedelta(minutes=15), ends_at=start + exam.time_limit,
        status="confirmed",
    )  # fmt: skip
    SessionCandidate.objects.bulk_create(
        SessionCandidate(session=session, auxiliary=a) for a in auxiliaries
    )
    services.session_draw_papers(draw_id=PaperDraw.objects.create(session=session).pk)
    return org, session, list(session.candidates.order_by("pk"))


def test_fifty_candidates_opening_at_the_start_instant_get_one_attempt_each():
    _org, session, candidates = _session(50)
    # All at the same instant, ten of them with a double tap (two requests each); the
    # database's connection limit is shared, so 60 threads rather than 100.
    targets = [
        (lambda pk=c.pk: services.session_open_paper(candidate_id=pk).pk) for c in candidates
    ]
    targets += targets[:10]
    results, errors = run_together(targets)
    assert not errors, errors[:3]
    assert len(set(results)) == 50
    attempts = Attempt.objects.filter(auxiliary__exam_sessions__session=session)
    assert attempts.count() == 50
    assert all(a.questions.count() == session.exam.question_count for a in attempts)
    assert SessionCandidate.objects.filter(session=session, attempt__isnull=True).count() == 0


def test_a_proctor_extending_while_the_candidate_hands_in():
    org, session, (candidate,) = _session(1)
    attempt = services.session_open_paper(candidate_id=candidate.pk)
    before = attempt.deadline

    def extend():
        try:
            services.candidate_extend(
                candidate=candidate, minutes=10, reason="网络故障", actor=org.admin_a
            )
            return "extended"
        except SessionError:
            return "refused"

    results, errors = run_together([extend, lambda: exam_services.attempt_submit(attempt=attempt)])
    assert not errors, errors
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED
    outcome = next(r for r in results if isinstance(r, str))
    recorded = ProctorAction.objects.filter(kind="extend").count()
    # Either the extension landed first (recorded, deadline moved) or it was refused with
    # nothing recorded: never a recorded extension on a paper already handed in.
    if outcome == "extended":
        assert recorded == 1 and attempt.deadline == before + datetime.timedelta(minutes=10)
    else:
        assert recorded == 0 and attempt.deadline == before


def test_two_proctors_acting_on_one_candidate_at_once():
    org, session, (candidate, other) = _session(2)
    services.session_open_paper(candidate_id=candidate.pk)

    def extend(by):
        return lambda: services.candidate_extend(
            candidate=candidate, minutes=5, reason="加时", actor=by
        )

    results, errors = run_together([extend(org.admin_a), extend(org.city_admin)])
    assert not errors, errors
    candidate.refresh_from_db()
    attempt = Attempt.objects.get(pk=candidate.attempt_id)
    assert candidate.extended_minutes == 10
    assert attempt.deadline == session.ends_at + datetime.timedelta(minutes=10)
    assert ProctorAction.objects.filter(candidate=candidate).count() == 2

    # Marking absent and ending at once on a candidate who has not opened: one absent, and
    # the end is refused (there is no attempt to end).
    def absent():
        services.candidate_mark_absent(candidate=other, reason="未到", actor=org.admin_a)
        return "absent"

    def end():
        try:
            services.candidate_end(candidate=other, reason="违纪", actor=org.city_admin)
            return "ended"
        except SessionError:
            return "refused"

    results, errors = run_together([absent, end])
    assert not errors, errors
    assert sorted(results) == ["absent", "refused"]
