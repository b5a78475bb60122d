"""Writes for courses: reading time (opens and heartbeats), confirming a lesson read and
recording course completion. The reading rule itself is in ``courses.reading``."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses import selectors
from courses.exceptions import ReadingIncomplete
from courses.models import CourseCompletion, LessonPage, LessonProgress, LessonReading
from courses.reading import ReadingStatus, heartbeat_seconds, reading_status
from courses.signals import course_completed
from lms.permissions import can_learn

READING_EVENTS = ("show", "beat", "hide", "end")


def _check_learner_lesson(user, lesson: LessonPage):
    if not can_learn(user) or not lesson.live:
        raise PermissionDenied
    course = selectors.lesson_course(lesson)
    if course is None:
        raise PermissionDenied
    return course


def lesson_reading_open(*, user, lesson: LessonPage, now=None) -> LessonReading:
    """The lesson page was served to the learner: the server's clock starts at the first open
    (the fallback count for a page without JavaScript). Later opens change nothing, in one
    query: this runs on every lesson view."""
    reading = LessonReading.objects.filter(user=user, lesson=lesson).first()
    if reading is not None:
        return reading
    try:
        with transaction.atomic():
            return LessonReading.objects.create(
                user=user, lesson=lesson, opened_at=now or timezone.now()
            )
    except IntegrityError:
        # Two tabs opened the lesson at once: the other request recorded the first open.
        return LessonReading.objects.get(user=user, lesson=lesson)


def _credit(reading: LessonReading, now) -> None:
    """Credit the time since the last heartbeat, at most one interval: a longer gap means the
    page was not being read (hidden, asleep, offline), and a burst of beats adds only the
    seconds that really passed between them."""
    if reading.last_beat_at is not None:
        elapsed = (now - reading.last_beat_at).total_seconds()
        reading.seconds_read += int(min(max(elapsed, 0), heartbeat_seconds()))
    reading.last_beat_at = now


@transaction.atomic
def lesson_reading_beat(*, user, lesson: LessonPage, event: str, now=None) -> ReadingStatus:
    """A message from the visible lesson page: ``show`` (became visible: start counting),
    ``beat`` (still visible), ``hide`` (hidden or left: stop counting), ``end`` (the end of the
    lesson is on screen)."""
    _check_learner_lesson(user, lesson)
    if event not in READING_EVENTS:
        raise ValueError(event)
    now = now or timezone.now()
    lesson_reading_open(user=user, lesson=lesson, now=now)
    reading = LessonReading.objects.select_for_update().get(user=user, lesson=lesson)
    if event == "show":
        reading.last_beat_at = now
    else:
        _credit(reading, now)
    if event == "hide":
        reading.last_beat_at = None
    if event == "end" and reading.end_seen_at is None:
        reading.end_seen_at = now
    reading.tracked_by_page = True
    reading.save()
    return reading_status(estimated_minutes=lesson.estimated_minutes, reading=reading, now=now)


def lesson_complete(*, user, lesson: LessonPage, at_end: bool = False, now=None) -> LessonProgress:
    """The learner confirmed, at the end of the lesson, that they read it. Refused with
    ``ReadingIncomplete`` until the reading rule (``courses.reading``) is met; ``at_end`` says
    the page saw its end marker. Confirming the last unread lesson of a course records the
    course completion date (which unlocks the exam). Confirming twice keeps the first date."""
    progress, status = _lesson_complete(user=user, lesson=lesson, at_end=at_end, now=now)
    if progress is None:
        # Raised after the commit: the time credited and the end reached by this press stay.
        raise ReadingIncomplete(status)
    return progress


@transaction.atomic
def _lesson_complete(*, user, lesson, at_end, now):
    course = _check_learner_lesson(user, lesson)
    # One learner's confirmations are serialised: two devices confirming the last two lessons
    # at once must still see each other's progress and record the completion.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    now = now or timezone.now()
    already = LessonProgress.objects.filter(user=user, lesson=lesson).first()
    if already is not None:
        course_completion_record(user=user, course=course, at=now)
        return already, None
    # A press without an open on record (a form kept from elsewhere) starts the clock now.
    lesson_reading_open(user=user, lesson=lesson, now=now)
    reading = LessonReading.objects.select_for_update().get(user=user, lesson=lesson)
    if reading.tracked_by_page:
        # The press itself comes from the visible page: credit the seconds since its last beat.
        _credit(reading, now)
        if at_end and reading.end_seen_at is None:
            reading.end_seen_at = now
        reading.save()
    status = reading_status(
        estimated_minutes=lesson.estimated_minutes, reading=reading, now=now, at_end=at_end
    )
    if not status.may_complete:
        return None, status
    try:
        with transaction.atomic():
            progress, _created = LessonProgress.objects.get_or_create(
                user=user, lesson=lesson, defaults={"completed_at": now}
            )
    except IntegrityError:
        # A double tap on two devices: the other request recorded it first.
        progress = LessonProgress.objects.get(user=user, lesson=lesson)
    course_completion_record(user=user, course=course, at=now)
    return progress, status


@transaction.atomic
def course_completion_record(*, user, course, at=None) -> CourseCompletion | None:
    """Record the completion once every live lesson of the course is confirmed. It trusts the
    lesson records as they are (the demo data writes them directly); the learner's button goes
    through ``lesson_complete``, which enforces the reading rule."""
    lessons = selectors.course_lessons(course)
    total = lessons.count()
    if total == 0:
        return None
    done = LessonProgress.objects.filter(user=user, lesson__in=lessons).count()
    if done < total:
        return None
    try:
        with transaction.atomic():
            completion, created = CourseCompletion.objects.get_or_create(
                user=user, course=course, defaults={"completed_at": at or timezone.now()}
            )
    except IntegrityError:
        return CourseCompletion.objects.get(user=user, course=course)
    if created:
        transaction.on_commit(
            lambda: course_completed.send(
                sender=CourseCompletion, user=user, course=course, completion=completion
            )
        )
    return completion
