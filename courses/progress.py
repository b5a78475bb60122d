"""Reads for staff: each person's reading progress per lesson (minutes read against the
reading rule in ``courses.reading``, a lesson's videos watched against ``courses.video``, end
reached, confirmed at).

The people come in already scoped (``lms.permissions``); every function runs a fixed number of
queries whatever the number of lessons or people."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from courses.models import (
    CourseCompletion,
    CoursePage,
    LessonPage,
    LessonProgress,
    LessonReading,
    VideoWatching,
)
from courses.reading import ReadingStatus, reading_status
from courses.video import LessonVideo, lesson_videos, watching_status

_DEFER = ("body", "search_text")


@dataclass
class LessonCell:
    number: int
    lesson: LessonPage
    status: ReadingStatus
    opened_at: datetime.datetime | None = None
    end_seen_at: datetime.datetime | None = None
    completed_at: datetime.datetime | None = None

    @property
    def done(self) -> bool:
        return self.completed_at is not None


@dataclass
class CourseReading:
    """One person's reading of one course."""

    course: CoursePage
    cells: list[LessonCell] = field(default_factory=list)
    completed_at: datetime.datetime | None = None

    @property
    def done_count(self) -> int:
        return sum(1 for cell in self.cells if cell.done)


def _lessons_by_course(courses: list[CoursePage]) -> dict[int, list[LessonPage]]:
    """The live lessons of the courses, in tree order: one query for any number of courses."""
    by_path = {course.path: course.pk for course in courses}
    found: dict[int, list[LessonPage]] = {course.pk: [] for course in courses}
    if not courses:
        return found
    steplen = CoursePage.steplen
    under = Q()
    for path in by_path:
        under |= Q(path__startswith=path)
    lessons = (
        LessonPage.objects.live()
        .filter(under, depth=courses[0].depth + 1)
        .order_by("path")
        .defer(*_DEFER)
    )
    for lesson in lessons:
        course_pk = by_path.get(lesson.path[:-steplen])
        if course_pk is not None:
            found[course_pk].append(lesson)
    return found


@dataclass
class Watching:
    """The lessons' uploaded videos, and what each person watched of them."""

    videos: dict[int, list[LessonVideo]]  # lesson → its videos (lessons with videos only)
    watched: dict[tuple[int, int], dict[str, int]]  # (user, lesson) → {video key: seconds}

    def status(self, user_id, lesson, reading, now):
        videos = self.videos.get(lesson.pk)
        if not videos:
            return None
        watched = self.watched.get((user_id, lesson.pk), {})
        return watching_status(videos=videos, watched=watched, reading=reading, now=now)


def _watching(user_ids, lessons) -> Watching:
    """Two queries whatever the number of lessons or people: the bodies of the lessons that
    hold a video (the lesson list defers bodies), and the watching records of those."""
    videos = {}
    with_video = LessonPage.objects.filter(
        pk__in=[lesson.pk for lesson in lessons], body__icontains='"video"'
    ).only("pk", "body")
    for lesson in with_video:
        found = lesson_videos(lesson)
        if found:
            videos[lesson.pk] = found
    watched: dict[tuple[int, int], dict[str, int]] = {}
    if videos:
        rows = VideoWatching.objects.filter(
            user_id__in=user_ids, lesson_id__in=list(videos)
        ).values_list("user_id", "lesson_id", "video", "seconds_watched")
        for user_id, lesson_id, key, seconds in rows:
            watched.setdefault((user_id, lesson_id), {})[key] = seconds
    return Watching(videos, watched)


def _readings(user_ids, lessons) -> tuple[dict, dict, dict]:
    """(user, lesson) → LessonReading, (user, lesson) → confirmed at, (user, course) → done."""
    readings = {
        (r.user_id, r.lesson_id): r
        for r in LessonReading.objects.filter(user_id__in=user_ids, lesson__in=lessons)
    }
    progress = {
        (user_id, lesson_id): at
        for user_id, lesson_id, at in LessonProgress.objects.filter(
            user_id__in=user_ids, lesson__in=lessons
        ).values_list("user_id", "lesson_id", "completed_at")
    }
    completions = {
        (user_id, course_id): at
        for user_id, course_id, at in CourseCompletion.objects.filter(
            user_id__in=user_ids
        ).values_list("user_id", "course_id", "completed_at")
    }
    return readings, progress, completions


def _course_reading(course, lessons, user_id, readings, progress, completions, now, watching):
    cells = []
    for number, lesson in enumerate(lessons, start=1):
        reading = readings.get((user_id, lesson.pk))
        cells.append(
            LessonCell(
                number=number,
                lesson=lesson,
                status=reading_status(
                    estimated_minutes=lesson.estimated_minutes,
                    reading=reading,
                    now=now,
                    watching=watching.status(user_id, lesson, reading, now),
                ),
                opened_at=reading.opened_at if reading else None,
                end_seen_at=reading.end_seen_at if reading else None,
                completed_at=progress.get((user_id, lesson.pk)),
            )
        )
    return CourseReading(
        course=course, cells=cells, completed_at=completions.get((user_id, course.pk))
    )


def person_reading(*, auxiliary) -> list[CourseReading]:
    """Every live course with the person's reading of each lesson (nothing without a login)."""
    courses = list(CoursePage.objects.live().order_by("path"))
    lessons = _lessons_by_course(courses)
    if auxiliary.user_id is None:
        return []
    every = [lesson for found in lessons.values() for lesson in found]
    readings, progress, completions = _readings([auxiliary.user_id], every)
    watching = _watching([auxiliary.user_id], every)
    now = timezone.now()
    return [
        _course_reading(
            course,
            lessons[course.pk],
            auxiliary.user_id,
            readings,
            progress,
            completions,
            now,
            watching,
        )
        for course in courses
    ]


@dataclass
class PersonRow:
    auxiliary: object
    reading: CourseReading


def course_reading_table(*, course: CoursePage, auxiliaries) -> tuple[list[LessonPage], list]:
    """The course's lessons, and one row per auxiliary (a scoped list or page of them)."""
    lessons = _lessons_by_course([course])[course.pk]
    people = list(auxiliaries)
    user_ids = [aux.user_id for aux in people if aux.user_id]
    readings, progress, completions = _readings(user_ids, lessons)
    watching = _watching(user_ids, lessons)
    now = timezone.now()
    rows = [
        PersonRow(
            auxiliary=aux,
            reading=_course_reading(
                course, lessons, aux.user_id, readings, progress, completions, now, watching
            ),
        )
        for aux in people
    ]
    return lessons, rows
