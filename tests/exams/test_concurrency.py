"""Race-free start and submit on PostgreSQL, with real threads."""

from __future__ import annotations

import datetime
import threading
import time

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from exams import services
from exams.models import Attempt, AttemptStatus
from tests import factories
from tests.exams import factories as f

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_together(target, n: int = 2) -> list:
    barrier = threading.Barrier(n)
    results: list = []
    errors: list = []

    def worker():
        try:
            barrier.wait()
            results.append(target())
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    run_threads([worker] * n)
    assert not errors, errors
    return results


def run_threads(targets) -> None:
    """Run each target in its own thread (each with its own database connection), and wait."""
    threads = [threading.Thread(target=target) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)


@pytest.fixture
def ready(db):
    org = factories.build_org()
    course = f.make_course()
    f.make_bank()
    exam = f.make_exam(course)
    f.complete_course(org.learner_a, course)
    return org, exam


def test_two_simultaneous_starts_create_one_attempt(ready):
    org, exam = ready
    attempts = run_together(lambda: services.attempt_start(auxiliary=org.aux_a, exam=exam).pk, n=4)
    assert len(set(attempts)) == 1
    assert Attempt.objects.filter(auxiliary=org.aux_a).count() == 1


def test_simultaneous_presses_of_start_by_the_learner_create_one_attempt(ready):
    org, exam = ready
    attempts = run_together(
        lambda: services.attempt_start_for_learner(user=org.learner_a, exam=exam).pk, n=4
    )
    assert len(set(attempts)) == 1
    assert Attempt.objects.filter(auxiliary=org.aux_a).count() == 1


def _start_and_hand_in_together(aux, exam, attempt) -> list:
    """A start by ``aux`` and the hand-in of their ``attempt`` at once: what each returned."""
    outcomes: list = []

    def start():
        try:
            services.attempt_start(auxiliary=aux, exam=exam)
            outcomes.append("started")
        except services.AttemptStartError as error:
            outcomes.append([blocker.code for blocker in error.blockers])
        except Exception as exc:  # asserted by the caller
            outcomes.append(exc)
        finally:
            connection.close()

    def hand_in():
        try:
            outcomes.append(services.attempt_submit(attempt=attempt).status)
        except Exception as exc:  # asserted by the caller
            outcomes.append(exc)
        finally:
            connection.close()

    run_threads([start, hand_in])
    return outcomes


def test_a_start_closing_an_overdue_attempt_while_it_is_handed_in_closes_it_once(ready):
    """The sweep or a hand-in closing an attempt whose time ran out, as its person presses
    开始 again: both close it the same way (the attempt's row, then the person's), so neither
    deadlocks; one closes it and the other finds it closed."""
    org, exam = ready
    for _round in range(5):
        Attempt.objects.filter(auxiliary=org.aux_a).delete()
        two_hours_ago = timezone.now() - datetime.timedelta(hours=2)
        overdue = services.attempt_start(auxiliary=org.aux_a, exam=exam, now=two_hours_ago)
        outcomes = _start_and_hand_in_together(org.aux_a, exam, overdue)
        overdue.refresh_from_db()
        assert overdue.status == AttemptStatus.EXPIRED and overdue.finished_at is not None
        # The start is refused: within the retake wait of the attempt just closed.
        assert sorted(map(str, outcomes)) == sorted([AttemptStatus.EXPIRED, "['wait']"])
        assert Attempt.objects.filter(auxiliary=org.aux_a).count() == 1


def test_simultaneous_submits_grade_once(ready):
    org, exam = ready
    attempt = services.attempt_start(auxiliary=org.aux_a, exam=exam)
    finished = run_together(lambda: services.attempt_submit(attempt=attempt).finished_at, n=3)
    assert len(set(finished)) == 1
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED


def test_database_refuses_a_second_open_attempt(ready):
    org, exam = ready
    first = services.attempt_start(auxiliary=org.aux_a, exam=exam)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(
            exam=exam,
            auxiliary=org.aux_a,
            seed=1,
            started_at=first.started_at,
            deadline=first.deadline,
        )


@pytest.mark.parametrize("path", ["learner's autosave", "hand-in form's save"])
def test_no_acknowledged_answer_lands_after_grading(ready, path):
    """Autosaves from three threads race a hand-in from a fourth: the newest acknowledged
    answer to each question is the stored one, and the score is the score of what is
    stored, so nothing landed after grading had read the paper. Both ways of saving: the
    learner's autosave (its write outside a transaction, guarded) and the hand-in form's
    (under the attempt's lock)."""
    from exams.grading import attempt_percent, question_score

    org, exam = ready
    attempt = services.attempt_start(auxiliary=org.aux_a, exam=exam)
    rows = list(attempt.questions.order_by("position"))
    # Alternate a right and a wrong answer, so an answer landing late would change the score.
    answers = {
        row.position: [
            [c["key"] for c in row.snapshot["choices"] if c["weight"] > 0],
            [next(c["key"] for c in row.snapshot["choices"] if c["weight"] <= 0)],
        ]
        for row in rows
    }
    acknowledged: dict[int, tuple[int, list[str]]] = {}
    lock = threading.Lock()
    counter = iter(range(1, 10**6))
    barrier = threading.Barrier(4)
    errors: list = []

    def saves():
        for round_ in range(60):
            position = rows[round_ % len(rows)].position
            with lock:
                seq = next(counter)
            selected = answers[position][seq % 2]
            if path == "learner's autosave":
                result = services.attempt_save_for_learner(
                    user_id=org.learner_a.pk,
                    pk=attempt.pk,
                    position=position,
                    selected=selected,
                    seq=seq,
                )
            else:
                result = services.attempt_save_answer(
                    attempt=attempt, position=position, selected=selected, seq=seq
                )
            if result.outcome is services.SaveOutcome.SAVED:
                with lock:
                    if seq > acknowledged.get(position, (0, []))[0]:
                        acknowledged[position] = (seq, selected)

    def hand_in():
        time.sleep(0.05)  # in the middle of the saves
        services.attempt_submit(attempt=attempt)

    def worker(job):
        try:
            barrier.wait()
            job()
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    run_threads([lambda job=job: worker(job) for job in (saves, saves, saves, hand_in)])
    assert not errors, errors
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED
    stored = {row.position: row for row in attempt.questions.all()}
    assert acknowledged  # some saves were acknowledged before the hand-in
    for position, (_seq, selected) in acknowledged.items():
        assert stored[position].selected == selected
    scores = [question_score(r.snapshot, r.selected, partial_credit=exam.partial_credit)
              for r in stored.values()]  # fmt: skip
    assert [r.score for r in stored.values()] == scores
    assert attempt.score == attempt_percent(scores)


def test_a_hand_in_does_not_wait_for_another_persons_hand_in(ready):
    """Two people of one exam hand in at the same moment: the second is graded while the
    first is still open. Each hand-in locks its own attempt and person, never the exam that
    every attempt shares, or a cohort's hand-ins would queue one behind the other."""
    org, exam = ready
    f.complete_course(org.learner_b, exam.course)
    first = services.attempt_start(auxiliary=org.aux_a, exam=exam)
    second = services.attempt_start(auxiliary=org.aux_b, exam=exam)
    first_locked, second_done = threading.Event(), threading.Event()
    errors: list = []

    def first_hand_in():
        try:
            with transaction.atomic():
                services.attempt_submit(attempt=first)
                first_locked.set()
                # Held open until the other hand-in is through (or clearly stuck).
                second_done.wait(timeout=10)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    def second_hand_in():
        try:
            first_locked.wait(timeout=10)
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '2s'")
                services.attempt_submit(attempt=second)
        except Exception as exc:  # a lock wait past 2 s lands here
            errors.append(exc)
        finally:
            second_done.set()
            connection.close()

    run_threads([first_hand_in, second_hand_in])
    assert not errors, errors
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == second.status == AttemptStatus.SUBMITTED
