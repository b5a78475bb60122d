from types import SimpleNamespace

import pytest

from tests.exams import factories as f
from tests.exams.session_helpers import confirmed_session, eligible_learner


@pytest.fixture
def exam_setup(org):
    """A required course, a bank of 6 questions (Arts. 13 and 19), an exam drawing 2 + 2, and
    learner A having finished the course."""
    course = f.make_course()
    bank = f.make_bank()
    exam = f.make_exam(course)
    f.complete_course(org.learner_a, course)
    return SimpleNamespace(course=course, bank=bank, exam=exam, org=org)


@pytest.fixture
def sitting(exam_setup, django_capture_on_commit_callbacks):
    """A confirmed session of the exam for learner A and a second eligible learner, proctored
    by supervisor A, with its papers drawn."""
    s = exam_setup
    s.other = eligible_learner(s.org.county_a, s.course, name="甲二")
    s.session = confirmed_session(
        org=s.org,
        exam=s.exam,
        people=[s.org.aux_a, s.other],
        capture=django_capture_on_commit_callbacks,
        proctors=[s.org.supervisor_a],
    )
    return s
