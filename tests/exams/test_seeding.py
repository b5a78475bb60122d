"""The shipped bank and exam as seed_demo / seed_course create them, and what others read."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from exams import selectors, services
from exams.content.questions import QUESTIONS
from exams.models import Attempt, Question
from exams.seeding import seed_exam, seed_question_bank, seed_step
from lms.measures import coverage_items
from tests.exams import factories as f


def right_answers(attempt):
    for seq, row in enumerate(attempt.questions.all(), start=1):
        keys = [c["key"] for c in row.snapshot["choices"] if c["weight"] > 0]
        services.attempt_save_answer(attempt=attempt, position=row.position, selected=keys, seq=seq)


@pytest.mark.django_db
def test_seeding_is_idempotent_and_keeps_editors_changes():
    assert seed_question_bank() == len(QUESTIONS)
    question = Question.objects.get(name="13.1-a")
    question.text = "编辑改过的题干"
    question.save()
    assert seed_question_bank() == 0
    assert Question.objects.count() == len(QUESTIONS)
    assert Question.objects.get(name="13.1-a").text == "编辑改过的题干"


@pytest.mark.django_db
def test_every_item_of_arts_13_to_19_has_two_questions():
    seed_question_bank()
    coverage = selectors.question_coverage()
    thin = [item for item in coverage_items() if len(coverage.get(item, [])) < 2]
    assert thin == []


def test_seeded_exam_draws_a_full_paper_and_passes_on_right_answers(org):
    assert seed_exam() is None  # no course yet: nothing to attach the exam to
    course = f.make_course()
    seed_step()
    seed_step()
    exam = seed_exam()
    assert exam.course_id == course.pk
    assert (exam.pass_mark, exam.time_limit_minutes, exam.max_attempts) == (80, 60, 3)
    assert 20 <= exam.question_count <= 25
    f.complete_course(org.learner_a, course)
    attempt = services.attempt_start(auxiliary=org.aux_a, exam=exam)
    assert attempt.questions.count() == exam.question_count
    right_answers(attempt)
    services.attempt_submit(attempt=attempt)
    assert selectors.exam_passed_attempt(auxiliary=org.aux_a) == Attempt.objects.get()
    assert selectors.exam_passed_attempt(auxiliary=org.aux_b) is None
    assert selectors.exam_status(user=org.learner_a)["state"] == "passed"


def test_exam_status_for_the_dashboard(exam_setup):
    org = exam_setup.org
    assert selectors.exam_status(user=org.learner_b)["state"] == "locked"
    assert selectors.exam_status(user=org.learner_a)["state"] == "available"
    attempt = services.attempt_start(auxiliary=org.aux_a, exam=exam_setup.exam)
    status = selectors.exam_status(user=org.learner_a)
    assert status["state"] == "in_progress" and status["attempt"] == attempt
    assert 3590 <= status["remaining_seconds"] <= 3600
    attempt = services.attempt_submit(attempt=attempt)
    status = selectors.exam_status(user=org.learner_a)
    assert status["state"] == "failed"
    assert status["retake_at"] == attempt.finished_at + exam_setup.exam.retake_wait
    assert status["attempts_left"] == 2


@pytest.mark.django_db
def test_editors_may_manage_the_bank():
    editors, _ = Group.objects.get_or_create(name="Editors")
    seed_step()
    assert editors.permissions.filter(codename="add_question").exists()
