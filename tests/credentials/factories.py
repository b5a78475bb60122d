"""Builders for credential tests: the Art. 20 preconditions as real rows, and credentials."""

from __future__ import annotations

import datetime

from django.utils import timezone

from credentials.services import _credential_create
from exams.models import Attempt, AttemptStatus
from tests.exams import factories as exam_factories


def setup_course_and_exam():
    """The required course and its exam (created once per test database state)."""
    from courses.selectors import required_course
    from exams.selectors import credential_exam

    course = required_course() or exam_factories.make_course()
    exam = credential_exam() or exam_factories.make_exam(course)
    return course, exam


def complete_course(aux, course) -> None:
    exam_factories.complete_course(aux.user, course)


def pass_exam(aux, exam) -> Attempt:
    """A graded, passed attempt (the exam engine's own flow is exercised in tests/exams)."""
    now = timezone.now()
    return Attempt.objects.create(
        exam=exam,
        auxiliary=aux,
        user=aux.user,
        status=AttemptStatus.SUBMITTED,
        seed=1,
        started_at=now - datetime.timedelta(minutes=30),
        deadline=now + datetime.timedelta(minutes=30),
        finished_at=now,
        score=90,
        passed=True,
    )


def ready_for_credential(aux):
    """Course completed and exam passed for ``aux`` (creates the course/exam if needed)."""
    course, exam = setup_course_and_exam()
    complete_course(aux, course)
    pass_exam(aux, exam)
    return course, exam


def credential(aux, *, valid_until=None, issued_on=None):
    return _credential_create(auxiliary=aux, valid_until=valid_until, issued_on=issued_on)
