"""Hours of an in-service course with a quiz: when the course says the hours count only after a
pass, finishing the lessons writes nothing and the first pass writes them (once); otherwise they
land at completion as before and the quiz is practice."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import LessonPage, LessonProgress
from courses.services import course_completion_record
from exams import services as exam_services
from exams.models import ExamPurpose
from tests.exams import factories as exam_factories
from tests.exams.test_course_quiz import sit
from tests.training.factories import in_service_course
from training import selectors, services
from training.models import LedgerEntry, Source


def read_all(user, course, django_capture_on_commit_callbacks):
    """Every lesson confirmed and the completion recorded, with its after-commit signal (the
    one that writes a course's hours)."""
    for lesson in LessonPage.objects.child_of(course):
        LessonProgress.objects.create(user=user, lesson=lesson, completed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        course_completion_record(user=user, course=course)


@pytest.fixture
def quiz_course(org):
    course = in_service_course(hours="4")
    exam_factories.make_bank()
    quiz = exam_factories.make_exam(
        course,
        rules=((13, 1), (19, 1)),
        purpose=ExamPurpose.COURSE_QUIZ,
        hours_need_pass=True,
        retake_wait_hours=0,
    )
    return course, quiz


def this_year(org):
    return selectors.person_standing(org.aux_a, timezone.localdate().year).totals.total


def test_hours_wait_for_the_pass_and_land_once(
    org, quiz_course, django_capture_on_commit_callbacks
):
    course, quiz = quiz_course
    read_all(org.learner_a, course, django_capture_on_commit_callbacks)
    assert not LedgerEntry.objects.exists()
    assert this_year(org) == 0
    failed = sit(org.aux_a, quiz, right=False)
    assert failed.passed is False
    assert not LedgerEntry.objects.exists()
    sit(org.aux_a, quiz, right=True)
    entry = LedgerEntry.objects.get()
    assert (entry.hours, entry.source, entry.title) == (Decimal("4"), Source.ONLINE, course.title)
    assert entry.date == timezone.localdate()
    assert this_year(org) == Decimal("4")
    # Practising again and passing again adds nothing; nothing was removed either.
    sit(org.aux_a, quiz, right=True)
    assert LedgerEntry.objects.count() == 1
    assert this_year(org) == Decimal("4")


def test_a_retake_pass_in_the_next_year_adds_nothing(
    org, quiz_course, django_capture_on_commit_callbacks
):
    course, quiz = quiz_course
    read_all(org.learner_a, course, django_capture_on_commit_callbacks)
    sit(org.aux_a, quiz, right=True)
    later = timezone.now() + datetime.timedelta(days=400)
    assert (
        services.course_quiz_hours_record(user=org.learner_a, course=course, passed_at=later)
        is None
    )
    assert LedgerEntry.objects.count() == 1


def test_without_the_requirement_hours_land_at_completion(
    org, quiz_course, django_capture_on_commit_callbacks
):
    course, quiz = quiz_course
    quiz.hours_need_pass = False
    quiz.save()
    read_all(org.learner_a, course, django_capture_on_commit_callbacks)
    assert this_year(org) == Decimal("4")
    sit(org.aux_a, quiz, right=True)
    assert LedgerEntry.objects.count() == 1


def test_a_pass_before_the_lessons_are_read_cannot_happen_and_writes_nothing(org, quiz_course):
    course, quiz = quiz_course
    with pytest.raises(exam_services.AttemptStartError):
        exam_services.attempt_start(auxiliary=org.aux_a, exam=quiz)
    assert not LedgerEntry.objects.exists()


def test_the_learners_hours_page_shows_the_quiz_hours_after_the_pass(
    client, org, quiz_course, django_capture_on_commit_callbacks
):
    course, quiz = quiz_course
    read_all(org.learner_a, course, django_capture_on_commit_callbacks)
    client.force_login(org.learner_a)
    assert course.title not in client.get(reverse("training:mine")).content.decode()
    sit(org.aux_a, quiz, right=True)
    assert course.title in client.get(reverse("training:mine")).content.decode()


def test_hours_written_before_the_quiz_was_added_stand_and_the_quiz_is_not_a_to_do(
    client, org, django_capture_on_commit_callbacks
):
    """An editor adds a quiz to a course some learners have finished: their hours stay, the
    course page says so instead of "hours count after you pass", and no to-do asks for it."""
    course = in_service_course(hours="4")
    exam_factories.make_bank()
    read_all(org.learner_a, course, django_capture_on_commit_callbacks)
    assert this_year(org) == Decimal("4")
    exam_factories.make_exam(
        course,
        rules=((13, 1), (19, 1)),
        purpose=ExamPurpose.COURSE_QUIZ,
        hours_need_pass=True,
        retake_wait_hours=0,
    )
    client.force_login(org.learner_a)
    page = client.get(course.url).content.decode()
    assert 'data-role="quiz-hours"' in page
    assert "通过测验后计入学时" not in page
    assert "参加测验" not in client.get(reverse("home")).content.decode()
    assert this_year(org) == Decimal("4")
