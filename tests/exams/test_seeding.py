"""The shipped bank and exam as seed_demo / seed_course create them, and what others read."""

from __future__ import annotations

import copy

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from exams import selectors, services
from exams.content.questions import QUESTIONS
from exams.models import Attempt, Question
from exams.seeding import (
    bank_sync,
    fingerprint,
    seed_exam,
    seed_question_bank,
    seed_step,
    shipped_versions,
)
from lms.measures import coverage_items
from lms.models import AuxiliaryStatus
from lms.setup import platform_setup
from tests.exams import factories as f


def right_answers(attempt):
    for seq, row in enumerate(attempt.questions.all(), start=1):
        keys = [c["key"] for c in row.snapshot["choices"] if c["weight"] > 0]
        services.attempt_save_answer(attempt=attempt, position=row.position, selected=keys, seq=seq)


@pytest.mark.django_db
def test_seeding_is_idempotent_and_keeps_editors_changes():
    assert len(seed_question_bank().created) == len(QUESTIONS)
    question = Question.objects.get(name="13.1-a")
    question.text = "编辑改过的题干"
    question.save()
    report = seed_question_bank()
    assert report.created == [] and report.updated == [] and report.kept == ["13.1-a"]
    assert Question.objects.count() == len(QUESTIONS)
    assert Question.objects.get(name="13.1-a").text == "编辑改过的题干"


def _first_edition(name: str) -> dict:
    """The question as an earlier edition shipped it: another explanation and scenario flag."""
    data = copy.deepcopy(next(q for q in QUESTIONS if q["name"] == name))
    data["explanation"] = "旧版解析。（依据" + data["explanation"].rpartition("依据")[2]
    data["scenario"] = not data["scenario"]
    return data


@pytest.mark.django_db
def test_a_correction_reaches_an_install_seeded_before_unless_an_editor_changed_it():
    old_a, old_b = _first_edition("15.4-b"), _first_edition("16.3-a")
    versions = {old["name"]: [fingerprint(old)] for old in (old_a, old_b)}
    bank_sync([old_a, old_b], versions)
    edited = Question.objects.get(name="16.3-a")
    edited.explanation = "编辑自己的解析。（依据第十六条第（三）项）"
    edited.save()

    shipped = [q for q in QUESTIONS if q["name"] in ("15.4-b", "16.3-a")]
    report = bank_sync(shipped, versions)

    assert report.updated == ["15.4-b"] and report.kept == ["16.3-a"]
    corrected = Question.objects.get(name="15.4-b")
    assert corrected.explanation == shipped[0]["explanation"]
    assert corrected.scenario == shipped[0]["scenario"]
    assert Question.objects.get(name="16.3-a").explanation.startswith("编辑自己的解析")
    assert bank_sync(shipped, versions).unchanged == ["15.4-b"]


def test_every_shipped_question_has_its_current_version_recorded():
    """shipped.json must list each question's current fingerprint last; otherwise the next
    correction could not tell an untouched question from an edited one."""
    versions = shipped_versions()
    stale = [q["name"] for q in QUESTIONS if versions.get(q["name"], [None])[-1] != fingerprint(q)]
    assert stale == [], "run: manage.py shipped_bank_lock"


@pytest.mark.django_db
def test_multiple_choice_thirds_score_exactly_full_marks():
    seed_question_bank()
    thirds = Question.objects.filter(
        qtype="multiple", choices__weight__gt=0.3, choices__weight__lt=0.34
    )
    assert thirds.distinct().count() >= 17
    for question in thirds.distinct():
        right = [c.weight for c in question.choices.all() if c.weight > 0]
        assert sum(right) == 1.0, question.name


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
    editors.permissions.clear()
    platform_setup()
    assert editors.permissions.filter(codename="add_question").exists()


def test_a_credential_holder_with_no_exam_here_is_not_told_the_exam_is_locked(exam_setup, client):
    """Someone credentialed before the platform (or by the agency's own exam) has no attempt
    here: their home page has no exam card or 待办, and the exam page says they are on duty
    instead of listing what locks the exam."""
    org = exam_setup.org
    org.aux_b.status = AuxiliaryStatus.CREDENTIALED
    org.aux_b.save(update_fields=["status"])
    assert selectors.exam_status(user=org.learner_b)["state"] == "on_duty"
    client.force_login(org.learner_b)
    home = client.get(reverse("home")).content.decode()
    assert 'class="card exam-status' not in home
    assert "参加考试：" not in home  # the 待办 row an exam waiting on them would add
    page = client.get(reverse("exams:overview")).content.decode()
    assert "你已持有工作证件，无需参加这场考试" in page
    assert "未解锁" not in page
