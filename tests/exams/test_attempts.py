"""Starting, answering and submitting attempts: the learner's journey through the services."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from exams import services
from exams.models import Attempt, AttemptStatus
from exams.signals import exam_passed
from tests.exams import factories as f


def right_answers(attempt):
    return {
        row.position: [c["key"] for c in row.snapshot["choices"] if c["weight"] > 0]
        for row in attempt.questions.all()
    }


def answer_all(attempt, answers, now=None):
    for seq, (position, keys) in enumerate(answers.items(), start=1):
        services.attempt_save_answer(
            attempt=attempt, position=position, selected=keys, seq=seq, now=now
        )


def test_start_draws_a_fixed_paper(exam_setup):
    aux = exam_setup.org.aux_a
    attempt = services.attempt_start(auxiliary=aux, exam=exam_setup.exam)
    assert attempt.questions.count() == 4
    assert attempt.deadline - attempt.started_at == datetime.timedelta(minutes=60)
    # A second start (double click, another device) returns the same paper.
    again = services.attempt_start(auxiliary=aux, exam=exam_setup.exam)
    assert again.pk == attempt.pk
    assert Attempt.objects.count() == 1


def test_cannot_start_before_finishing_the_course(exam_setup):
    with pytest.raises(services.AttemptStartError) as error:
        services.attempt_start(auxiliary=exam_setup.org.aux_b, exam=exam_setup.exam)
    assert [b.code for b in error.value.blockers] == ["course"]


def test_ineligible_learner_cannot_start(exam_setup):
    aux = exam_setup.org.aux_a
    aux.disqualification_items = [1]
    aux.save()
    with pytest.raises(services.AttemptStartError) as error:
        services.attempt_start(auxiliary=aux, exam=exam_setup.exam)
    assert "ineligible" in [b.code for b in error.value.blockers]


def test_full_marks_pass_and_announce_the_credential(exam_setup):
    received = []

    def listener(sender, attempt, auxiliary, **kwargs):
        received.append((attempt.pk, auxiliary.pk))

    exam_passed.connect(listener)
    try:
        attempt = services.attempt_start(auxiliary=exam_setup.org.aux_a, exam=exam_setup.exam)
        answer_all(attempt, right_answers(attempt))
        graded = services.attempt_submit(attempt=attempt)
    finally:
        exam_passed.disconnect(listener)
    assert graded.status == AttemptStatus.SUBMITTED
    assert graded.score == 100
    assert graded.passed is True
    assert received == [(attempt.pk, exam_setup.org.aux_a.pk)]


def test_double_submit_gives_one_result(exam_setup):
    received = []

    def listener(sender, attempt, **kwargs):
        received.append(attempt.pk)

    exam_passed.connect(listener)
    try:
        attempt = services.attempt_start(auxiliary=exam_setup.org.aux_a, exam=exam_setup.exam)
        answer_all(attempt, right_answers(attempt))
        first = services.attempt_submit(attempt=attempt)
        second = services.attempt_submit(attempt=attempt)
    finally:
        exam_passed.disconnect(listener)
    assert (first.pk, first.score, first.finished_at) == (
        second.pk,
        second.score,
        second.finished_at,
    )
    assert received.count(attempt.pk) == 1


def test_unanswered_paper_fails_with_zero(exam_setup):
    attempt = services.attempt_start(auxiliary=exam_setup.org.aux_a, exam=exam_setup.exam)
    graded = services.attempt_submit(attempt=attempt)
    assert graded.score == 0
    assert graded.passed is False


def test_retake_waits_and_attempts_run_out(exam_setup):
    aux, exam = exam_setup.org.aux_a, exam_setup.exam
    now = timezone.now()
    for n in range(exam.max_attempts):
        at = now + n * datetime.timedelta(hours=25)
        attempt = services.attempt_start(auxiliary=aux, exam=exam, now=at)
        assert attempt.number == n + 1
        services.attempt_submit(attempt=attempt, now=at + datetime.timedelta(minutes=5))
        if n < exam.max_attempts - 1:
            with pytest.raises(services.AttemptStartError) as error:
                services.attempt_start(
                    auxiliary=aux, exam=exam, now=at + datetime.timedelta(hours=1)
                )
            assert error.value.blockers[0].code == "wait"
            assert error.value.blockers[0].retake_at == at + datetime.timedelta(minutes=5, hours=24)
    with pytest.raises(services.AttemptStartError) as error:
        services.attempt_start(auxiliary=aux, exam=exam, now=now + datetime.timedelta(days=30))
    assert error.value.blockers[0].code == "no_attempts"


def test_no_retake_after_a_pass(exam_setup):
    aux, exam = exam_setup.org.aux_a, exam_setup.exam
    attempt = services.attempt_start(auxiliary=aux, exam=exam)
    answer_all(attempt, right_answers(attempt))
    services.attempt_submit(attempt=attempt)
    with pytest.raises(services.AttemptStartError) as error:
        services.attempt_start(
            auxiliary=aux, exam=exam, now=timezone.now() + datetime.timedelta(days=3)
        )
    assert error.value.blockers[0].code == "passed"


def test_editing_the_bank_does_not_change_a_taken_attempt(exam_setup):
    attempt = services.attempt_start(auxiliary=exam_setup.org.aux_a, exam=exam_setup.exam)
    row = attempt.questions.first()
    question = row.question
    question.text = "改过的题干"
    question.save()
    question.choices.all().delete()
    row.refresh_from_db()
    assert row.snapshot["text"] != "改过的题干"
    assert len(row.snapshot["choices"]) >= 2


# -- autosave ---------------------------------------------------------------------------------


def test_autosave_is_idempotent_and_ignores_older_writes(exam_setup):
    attempt = services.attempt_start(auxiliary=exam_setup.org.aux_a, exam=exam_setup.exam)
    row = attempt.questions.get(position=1)
    first, second = row.snapshot["choices"][0]["key"], row.snapshot["choices"][1]["key"]
    if row.snapshot["qtype"] == "multiple":
        newer = [first, second]
    else:
        newer = [second]
    r1 = services.attempt_save_answer(attempt=attempt, position=1, selected=[first], seq=5)
    r2 = services.attempt_save_answer(attempt=attempt, position=1, selected=newer, seq=6)
    # A retry of the old write arrives late: it must not undo the newer answer.
    r3 = services.attempt_save_answer(attempt=attempt, position=1, selected=[first], seq=5)
    r4 = services.attempt_save_answer(attempt=attempt, position=1, selected=newer, seq=6)
    row.refresh_from_db()
    assert row.selected == newer
    assert [r.outcome.value for r in (r1, r2, r3, r4)] == ["saved", "saved", "stale", "stale"]


def test_autosave_refuses_foreign_choice_keys(exam_setup):
    attempt = services.attempt_start(auxiliary=exam_setup.org.aux_a, exam=exam_setup.exam)
    with pytest.raises(services.AnswerError):
        services.attempt_save_answer(attempt=attempt, position=1, selected=["nope"], seq=1)


def test_two_answers_to_a_single_choice_question_are_refused(exam_setup):
    attempt = services.attempt_start(auxiliary=exam_setup.org.aux_a, exam=exam_setup.exam)
    row = next(r for r in attempt.questions.all() if r.snapshot["qtype"] != "multiple")
    keys = [c["key"] for c in row.snapshot["choices"]][:2]
    with pytest.raises(services.AnswerError):
        services.attempt_save_answer(attempt=attempt, position=row.position, selected=keys, seq=1)


# -- the deadline -----------------------------------------------------------------------------


def test_answer_within_grace_counts_and_after_grace_is_refused(exam_setup):
    attempt = services.attempt_start(auxiliary=exam_setup.org.aux_a, exam=exam_setup.exam)
    key = attempt.questions.get(position=1).snapshot["choices"][0]["key"]
    in_grace = attempt.deadline + datetime.timedelta(seconds=5)
    ok = services.attempt_save_answer(
        attempt=attempt, position=1, selected=[key], seq=1, now=in_grace
    )
    assert ok.outcome is services.SaveOutcome.SAVED
    late = attempt.deadline + services.GRACE + datetime.timedelta(seconds=1)
    refused = services.attempt_save_answer(
        attempt=attempt, position=1, selected=[], seq=2, now=late
    )
    assert refused.outcome is services.SaveOutcome.CLOSED
    attempt.refresh_from_db()
    # The refused answer also finalised the attempt, grading what was saved in time.
    assert attempt.status == AttemptStatus.EXPIRED
    assert attempt.questions.get(position=1).selected == [key]


def test_sweep_finalises_expired_attempts_only(exam_setup, org):
    exam = exam_setup.exam
    f.complete_course(org.learner_b, exam_setup.course)
    old = services.attempt_start(
        auxiliary=org.aux_a, exam=exam, now=timezone.now() - datetime.timedelta(hours=2)
    )
    fresh = services.attempt_start(auxiliary=org.aux_b, exam=exam)
    from exams.tasks import sweep_expired_attempts

    assert sweep_expired_attempts() == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.status == AttemptStatus.EXPIRED and old.passed is False
    assert fresh.status == AttemptStatus.OPEN


def test_expired_attempt_is_finalised_on_next_start(exam_setup):
    aux = exam_setup.org.aux_a
    old = services.attempt_start(
        auxiliary=aux, exam=exam_setup.exam, now=timezone.now() - datetime.timedelta(hours=2)
    )
    # Within the 24 h wait of the expired attempt: no new one, but the old one is closed.
    with pytest.raises(services.AttemptStartError):
        services.attempt_start(auxiliary=aux, exam=exam_setup.exam)
    old.refresh_from_db()
    assert old.status == AttemptStatus.EXPIRED


def test_sweep_schedule_exists(db):
    from django_q.models import Schedule

    assert Schedule.objects.filter(func="exams.tasks.sweep_expired_attempts").count() == 1


def test_a_bank_too_small_for_the_blueprint_refuses_to_start(exam_setup):
    from exams.models import BlueprintRule

    BlueprintRule.objects.create(exam=exam_setup.exam, article=15, count=1, sort_order=5)
    with pytest.raises(services.AttemptStartError) as error:
        services.attempt_start(auxiliary=exam_setup.org.aux_a, exam=exam_setup.exam)
    assert error.value.blockers[0].code == "bank"
    assert Attempt.objects.count() == 0


def test_a_hand_in_writes_its_scores_and_its_result_in_two_statements(exam_setup):
    """Hand-ins come together at the end of a sitting: the scores are one UPDATE per distinct
    score (all blank here: one), and the attempt is closed and graded in one more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    attempt = services.attempt_start(auxiliary=exam_setup.org.aux_a, exam=exam_setup.exam)
    with CaptureQueriesContext(connection) as queries:
        services.attempt_submit(attempt=attempt)
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(updates) == 2, updates
    attempt.refresh_from_db()
    assert (attempt.status, float(attempt.score), attempt.passed) == ("submitted", 0.0, False)
    assert attempt.finished_at is not None
    assert list(attempt.questions.values_list("score", flat=True)) == [0.0] * 4
