from types import SimpleNamespace

import pytest

from tests.exams import factories as f


@pytest.fixture
def exam_setup(org):
    """A required course, a bank of 6 questions (Arts. 13 and 19), an exam drawing 2 + 2, and
    learner A having finished the course."""
    course = f.make_course()
    bank = f.make_bank()
    exam = f.make_exam(course)
    f.complete_course(org.learner_a, course)
    return SimpleNamespace(course=course, bank=bank, exam=exam, org=org)
