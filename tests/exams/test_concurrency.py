"""Race-free start and submit on PostgreSQL, with real threads."""

from __future__ import annotations

import threading

import pytest
from django.db import IntegrityError, connection, transaction

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

    threads = [threading.Thread(target=worker) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return results


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
