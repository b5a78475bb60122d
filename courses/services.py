"""Writes for courses: reading time (opens and heartbeats), watching time of lesson videos,
confirming a lesson read and recording course completion. The reading rule itself is in
``courses.reading``, the watching rule in ``courses.video``."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from courses import selectors
from courses.exceptions import ReadingIncomplete
from courses.models import (
    CourseCompletion,
    LessonPage,
    LessonProgress,
    LessonReading,
    VideoWatching,
)
from courses.reading import ReadingStatus, heartbeat_seconds
from courses.signals import course_completed
from courses.video import lesson_videos
from lms.permissions import can_learn

READING_EVENTS = ("show", "beat", "hide", "end")
VIDEO_EVENTS = ("play", "beat", "pause", "ended")


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
    return selectors.lesson_reading_status(user=user, lesson=lesson, reading=reading, now=now)


def _credit_play(watching: VideoWatching, length: int, now) -> None:
    """Credit the time played since the last heartbeat: at most one interval (as for reading),
    and within one play-through at most what is left of the video's length, so a burst of
    beats, a player left paused or a page asleep never adds more than real time played."""
    if watching.last_beat_at is not None:
        elapsed = (now - watching.last_beat_at).total_seconds()
        left = max(length - watching.play_seconds, 0)
        seconds = int(min(max(elapsed, 0), heartbeat_seconds(), left))
        watching.seconds_watched += seconds
        watching.play_seconds += seconds
    watching.last_beat_at = now


@transaction.atomic
def lesson_video_beat(
    *, user, lesson: LessonPage, video: str, event: str, now=None
) -> ReadingStatus:
    """A message from a lesson video while the page is visible: ``play`` (it started or
    resumed: start counting), ``beat`` (still playing), ``pause`` (paused, hidden or left: stop
    counting), ``ended`` (played to the end: the next play is a new play-through). ``video``
    is the video block's id. Raises ValueError for an unknown event or video."""
    _check_learner_lesson(user, lesson)
    if event not in VIDEO_EVENTS:
        raise ValueError(event)
    spec = next((v for v in lesson_videos(lesson) if v.key and v.key == video), None)
    if spec is None:
        raise ValueError(video)
    now = now or timezone.now()
    lesson_reading_open(user=user, lesson=lesson, now=now)
    # A heartbeat means the page's script runs: heartbeats count, not the wall clock.
    LessonReading.objects.filter(user=user, lesson=lesson, tracked_by_page=False).update(
        tracked_by_page=True
    )
    try:
        with transaction.atomic():
            VideoWatching.objects.get_or_create(user=user, lesson=lesson, video=spec.key)
    except IntegrityError:
        pass  # the other tab's first heartbeat made the row
    watching = VideoWatching.objects.select_for_update().get(
        user=user, lesson=lesson, video=spec.key
    )
    if event == "play" and watching.last_beat_at is None:
        watching.last_beat_at = now
    elif watching.last_beat_at is not None:
        _credit_play(watching, spec.seconds, now)
    # Otherwise nothing plays on record (a beat after a pause): only "play" starts a stretch.
    if event in ("pause", "ended"):
        watching.last_beat_at = None
    if event == "ended":
        watching.play_seconds = 0
    watching.save()
    return selectors.lesson_reading_status(user=user, lesson=lesson, now=now)


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
    status = selectors.lesson_reading_status(
        user=user, lesson=lesson, reading=reading, at_end=at_end, now=now
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
