"""Exam session rules (services): times, proctors, enrolment all or nothing with reasons, papers
drawn ahead, the door at the start and at the cutoff, late entry, extra time, pause and resume,
proctor actions with reasons. Each test tries to break one rule."""

from __future__ import annotations

import datetime

import pytest

from exams import services as exam_services
from exams.models import Attempt, AttemptStatus
from exams.sessions import services
from exams.sessions.exceptions import DoorClosed, EnrolmentRefused, SessionError
from exams.sessions.models import PaperDraw, ProctorAction, SessionCandidate
from lms.jobs.models import JobStatus
from tests.exams.session_helpers import at, confirmed_session, eligible_learner, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(exam_setup, django_capture_on_commit_callbacks):
    s = exam_setup
    people = [s.org.aux_a] + [eligible_learner(s.org.county_a, s.course) for _ in range(2)]
    session = confirmed_session(
        org=s.org,
        exam=s.exam,
        people=people,
        capture=django_capture_on_commit_callbacks,
        proctors=[s.org.supervisor_a],
    )
    s.session, s.people = session, people
    s.candidates = list(session.candidates.order_by("pk"))
    return s


def test_a_new_session_has_the_default_times(exam_setup):
    s = exam_setup
    session = make_session(org=s.org, exam=s.exam)
    assert session.check_in_at == session.starts_at - datetime.timedelta(minutes=30)
    assert session.late_cutoff_at == session.starts_at + datetime.timedelta(minutes=15)
    assert session.ends_at == session.starts_at + s.exam.time_limit


def test_check_in_after_the_start_is_refused(exam_setup):
    s = exam_setup
    with pytest.raises(SessionError, match="签到"):
        make_session(
            org=s.org, exam=s.exam, check_in_at=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC)
        )


def test_proctors_come_from_the_organising_agency_or_above(exam_setup):
    s = exam_setup
    with pytest.raises(SessionError, match="sup_b"):
        make_session(org=s.org, exam=s.exam, proctors=[s.org.supervisor_b])
    with pytest.raises(SessionError):
        make_session(org=s.org, exam=s.exam, proctors=[s.org.learner_a])
    session = make_session(org=s.org, exam=s.exam, proctors=[s.org.supervisor_a, s.org.city_admin])
    assert set(session.proctors.all()) == {s.org.supervisor_a, s.org.city_admin}


def test_another_agencys_admin_cannot_organise_for_county_a(exam_setup):
    s = exam_setup
    with pytest.raises(SessionError):
        make_session(org=s.org, exam=s.exam, actor=s.org.admin_b)


def test_enrolment_is_all_or_nothing_and_names_each_reason(exam_setup):
    s = exam_setup
    session = make_session(org=s.org, exam=s.exam)
    from tests import factories

    not_ready = factories.make_learner(s.org.county_a, name="未学完")
    with pytest.raises(EnrolmentRefused) as refused:
        services.session_enrol(
            session=session, actor=s.org.admin_a, auxiliaries=[s.org.aux_a, not_ready]
        )
    assert session.candidates.count() == 0
    ((person, reasons),) = refused.value.ineligible
    assert person == not_ready
    assert any("学完课程的全部课时" in r for r in reasons)


def test_preview_lists_people_without_attempts_left_or_in_their_wait(exam_setup):
    s = exam_setup
    session = make_session(org=s.org, exam=s.exam)
    waiting = eligible_learner(s.org.county_a, s.course, name="等待中")
    attempt = exam_services.attempt_start(auxiliary=waiting, exam=s.exam)
    exam_services.attempt_submit(attempt=attempt)  # fails: nothing answered, wait 24 h
    used_up = eligible_learner(s.org.county_a, s.course, name="次数用完")
    s.exam.retake_wait_hours = 0
    s.exam.save()
    for _ in range(s.exam.max_attempts):
        exam_services.attempt_submit(
            attempt=exam_services.attempt_start(auxiliary=used_up, exam=s.exam)
        )
    s.exam.retake_wait_hours = 24
    s.exam.save()
    eligible, ineligible = services.enrolment_preview(
        session=session, auxiliaries=[s.org.aux_a, waiting, used_up]
    )
    assert eligible == [s.org.aux_a]
    reasons = {person.name: " ".join(r) for person, r in ineligible}
    assert "可于" in reasons["等待中"]
    assert "你已用完全部 3 次" in reasons["次数用完"]


def test_confirming_draws_every_paper_in_the_background(cohort):
    draw = PaperDraw.objects.get(session=cohort.session)
    assert draw.status == JobStatus.DONE and draw.done == draw.total == 3
    for candidate in SessionCandidate.objects.filter(session=cohort.session):
        assert candidate.drawn_at is not None
        assert len(candidate.paper) == cohort.exam.question_count
    # Drawing is not starting: nobody has an attempt yet.
    assert not Attempt.objects.filter(auxiliary__in=cohort.people).exists()


def test_no_paper_opens_before_the_start(cohort):
    with pytest.raises(DoorClosed) as closed:
        services.session_open_paper(
            candidate_id=cohort.candidates[0].pk, now=at(cohort.session, seconds=-1)
        )
    assert closed.value.code == "waiting"
    assert not Attempt.objects.filter(auxiliary=cohort.org.aux_a).exists()


def test_an_opened_paper_is_a_normal_attempt_that_grades_and_counts(cohort):
    candidate = cohort.candidates[0]
    attempt = services.session_open_paper(candidate_id=candidate.pk, now=at(cohort.session))
    assert attempt.status == AttemptStatus.OPEN and attempt.number == 1
    assert attempt.deadline == cohort.session.ends_at
    again = services.session_open_paper(
        candidate_id=candidate.pk, now=at(cohort.session, seconds=5)
    )
    assert again.pk == attempt.pk  # a second click opens the same paper
    first = attempt.questions.first()
    assert first.snapshot == candidate.paper[0][1]
    right = [c["key"] for c in first.snapshot["choices"] if c["weight"] > 0]
    exam_services.attempt_save_answer(attempt=attempt, position=1, selected=right, seq=1)
    graded = exam_services.attempt_submit(attempt=attempt)
    assert graded.score == 25 and graded.passed is False


def test_the_door_closes_at_the_cutoff_with_the_reason(cohort):
    with pytest.raises(DoorClosed) as closed:
        services.session_open_paper(
            candidate_id=cohort.candidates[0].pk, now=at(cohort.session, minutes=15, seconds=1)
        )
    assert closed.value.code == "closed_late"
    assert "不能再入场" in str(closed.value.message)


def test_a_late_entrant_gets_only_the_remaining_time(cohort):
    attempt = services.session_open_paper(
        candidate_id=cohort.candidates[0].pk, now=at(cohort.session, minutes=10)
    )
    assert attempt.deadline == cohort.session.ends_at
    assert attempt.deadline - attempt.started_at == datetime.timedelta(minutes=50)


def test_extra_time_in_percent_before_the_start_lengthens_that_persons_paper(cohort):
    first, second = cohort.candidates[:2]
    services.candidate_accommodate(
        candidate=first, percent=25, reason="视力障碍，医院证明", actor=cohort.org.admin_a
    )
    mine = services.session_open_paper(candidate_id=first.pk, now=at(cohort.session))
    theirs = services.session_open_paper(candidate_id=second.pk, now=at(cohort.session))
    assert mine.deadline - theirs.deadline == datetime.timedelta(minutes=15)
    action = ProctorAction.objects.get(candidate=first)
    assert action.reason == "视力障碍，医院证明" and action.minutes == 15


def test_extending_one_person_during_the_sitting_moves_only_their_clock(cohort):
    first, second = cohort.candidates[:2]
    a = services.session_open_paper(candidate_id=first.pk, now=at(cohort.session))
    b = services.session_open_paper(candidate_id=second.pk, now=at(cohort.session))
    services.candidate_extend(
        candidate=first, minutes=10, reason="设备故障", actor=cohort.org.supervisor_a
    )
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.deadline - b.deadline == datetime.timedelta(minutes=10)


def test_a_proctor_action_needs_a_reason(cohort):
    candidate = cohort.candidates[0]
    for act in (
        lambda: services.candidate_extend(candidate=candidate, minutes=5, reason=" ", actor=None),
        lambda: services.candidate_mark_absent(candidate=candidate, reason="", actor=None),
        lambda: services.session_pause(session=cohort.session, reason="", actor=None),
    ):
        with pytest.raises(SessionError, match="原因"):
            act()
    assert not ProctorAction.objects.exists()


def test_pause_and_resume_stop_and_restart_every_clock(cohort):
    session = cohort.session
    a = services.session_open_paper(candidate_id=cohort.candidates[0].pk, now=at(session))
    b = services.session_open_paper(
        candidate_id=cohort.candidates[1].pk, now=at(session, minutes=5)
    )
    before = {a.pk: a.deadline, b.pk: b.deadline}
    ends = session.ends_at
    services.session_pause(
        session=session,
        reason="消防演练",
        actor=cohort.org.supervisor_a,
        now=at(session, minutes=20),
    )
    a.refresh_from_db()
    # While paused no clock can run out, and a late entrant cannot come in.
    assert not exam_services.is_overdue(a, at(session, minutes=200))
    with pytest.raises(DoorClosed) as closed:
        services.session_open_paper(
            candidate_id=cohort.candidates[2].pk, now=at(session, minutes=21)
        )
    assert closed.value.code == "paused"
    services.session_resume(
        session=session, reason="演练结束", actor=cohort.org.supervisor_a,
        now=at(session, minutes=32),
    )  # fmt: skip
    for attempt in (a, b):
        attempt.refresh_from_db()
        assert attempt.deadline == before[attempt.pk] + datetime.timedelta(minutes=12)
    session.refresh_from_db()
    assert session.ends_at == ends + datetime.timedelta(minutes=12)
    assert [a.kind for a in session.actions.order_by("pk")] == ["pause", "resume"]


def test_absent_candidates_cannot_open_and_present_ones_cannot_be_marked_absent(cohort):
    first, second = cohort.candidates[:2]
    services.candidate_mark_absent(candidate=first, reason="未到场", actor=cohort.org.supervisor_a)
    with pytest.raises(DoorClosed) as closed:
        services.session_open_paper(candidate_id=first.pk, now=at(cohort.session))
    assert closed.value.code == "absent"
    services.session_open_paper(candidate_id=second.pk, now=at(cohort.session))
    with pytest.raises(SessionError):
        services.candidate_mark_absent(candidate=second, reason="误点", actor=None)


def test_ending_for_misconduct_grades_the_paper_as_it_stands(cohort):
    candidate = cohort.candidates[0]
    attempt = services.session_open_paper(candidate_id=candidate.pk, now=at(cohort.session))
    ended = services.candidate_end(
        candidate=candidate, reason="夹带资料", actor=cohort.org.supervisor_a
    )
    assert ended.pk == attempt.pk and ended.status == AttemptStatus.SUBMITTED
    assert ended.score == 0 and ended.passed is False
    with pytest.raises(SessionError, match="已交卷"):
        services.candidate_extend(candidate=candidate, minutes=5, reason="x", actor=None)


def test_attempt_limits_still_apply_at_the_start(cohort):
    """Someone who used their last attempt on demand after enrolling cannot open the paper."""
    cohort.exam.max_attempts = 1
    cohort.exam.save()
    own = exam_services.attempt_start(auxiliary=cohort.org.aux_a, exam=cohort.exam)
    exam_services.attempt_submit(attempt=own)
    with pytest.raises(DoorClosed) as closed:
        services.session_open_paper(candidate_id=cohort.candidates[0].pk, now=at(cohort.session))
    assert closed.value.code == "no_attempts"


def test_integrity_events_are_counted_and_never_fail_anyone(cohort):
    candidate = cohort.candidates[0]
    attempt = services.session_open_paper(
        candidate_id=candidate.pk, device="phone-1", now=at(cohort.session)
    )
    candidate.refresh_from_db()
    services.integrity_record(candidate=candidate, kind="away", seconds=42)
    services.integrity_record(candidate=candidate, kind="paste")
    assert services.device_check(candidate=candidate, device="laptop-2")
    assert services.device_check(candidate=candidate, device="laptop-2")  # recorded once
    assert not services.device_check(candidate=candidate, device="phone-1")
    candidate.refresh_from_db()
    assert (candidate.away_count, candidate.away_seconds) == (1, 42)
    assert (candidate.paste_count, candidate.second_device_count) == (1, 1)
    attempt.refresh_from_db()
    assert attempt.is_open
