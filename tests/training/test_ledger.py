"""Completing an in-service course writes its hours once; the pre-job course writes none;
nothing is deleted, a correction is a new entry with a reason."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from courses import services as course_services
from courses.exceptions import ReadingIncomplete
from courses.models import CoursePage, LessonPage
from tests.training.factories import give_hours, in_service_course
from training import selectors, services
from training.models import LedgerEntry, Source

pytestmark = pytest.mark.django_db


def _read_all(user, course, start, *, after):
    for lesson in LessonPage.objects.child_of(course).order_by("path"):
        course_services.lesson_reading_open(user=user, lesson=lesson, now=start)
        course_services.lesson_complete(user=user, lesson=lesson, now=start + after)


def test_completing_an_in_service_course_under_the_reading_rule_writes_its_hours_once(
    org, django_capture_on_commit_callbacks
):
    course = in_service_course(hours="4", lessons=2, minutes=2)
    start = datetime.datetime(2026, 5, 4, 9, tzinfo=datetime.UTC)
    first = LessonPage.objects.child_of(course).order_by("path").first()
    course_services.lesson_reading_open(user=org.learner_a, lesson=first, now=start)
    # Two minutes stated, half of it on the server's clock: ten seconds is refused.
    with pytest.raises(ReadingIncomplete):
        course_services.lesson_complete(
            user=org.learner_a, lesson=first, now=start + datetime.timedelta(seconds=10)
        )
    assert not LedgerEntry.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        _read_all(org.learner_a, course, start, after=datetime.timedelta(seconds=61))
    entry = LedgerEntry.objects.get()
    assert (entry.hours, entry.source, entry.ledger.year) == (Decimal("4"), Source.ONLINE, 2026)
    assert entry.ledger.auxiliary == org.aux_a
    # Confirming again (another device) writes nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        _read_all(org.learner_a, course, start, after=datetime.timedelta(seconds=90))
        services.course_hours_record(user=org.learner_a, course=course, completed_at=start)
    assert LedgerEntry.objects.count() == 1
    assert selectors.person_standing(org.aux_a, 2026).totals.total == Decimal("4")


def test_a_course_counting_for_next_year_lands_in_next_years_ledger(org):
    course = in_service_course(year=2027)
    entry = services.course_hours_record(
        user=org.learner_a, course=course,
        completed_at=datetime.datetime(2026, 12, 20, tzinfo=datetime.UTC),
    )  # fmt: skip
    assert entry.ledger.year == 2027


def test_the_pre_job_course_gives_no_in_service_hours(org, django_capture_on_commit_callbacks):
    in_service_course()
    pre_job = CoursePage.objects.get(slug="pre-job")
    assert pre_job.required_for_credential and not pre_job.gives_training_hours
    assert (
        services.course_hours_record(
            user=org.learner_a, course=pre_job, completed_at=datetime.datetime.now(datetime.UTC)
        )
        is None
    )
    assert not LedgerEntry.objects.exists()


def test_a_correction_is_a_new_entry_with_a_reason_and_the_original_stays(org):
    original = give_hours(org.aux_a, "4")
    with pytest.raises(ValidationError):
        services.entry_correct(
            entry=original, hours_delta=Decimal("-1"), reason=" ", actor=org.admin_a
        )
    with pytest.raises(PermissionDenied):
        services.entry_correct(
            entry=original, hours_delta=Decimal("-1"), reason="重复登记", actor=org.admin_b
        )
    fix = services.entry_correct(
        entry=original, hours_delta=Decimal("-1.5"), reason="实际只听了半天", actor=org.admin_a
    )
    assert fix.corrects == original and fix.source == Source.CORRECTION
    original.refresh_from_db()
    assert original.hours == Decimal("4")
    assert selectors.person_standing(org.aux_a, 2026).totals.total == Decimal("2.5")
