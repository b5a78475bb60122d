"""Reads for courses: outlines with the learner's progress, citations, completion, search.

Each function runs a fixed number of queries whatever the number of lessons."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from wagtail.documents import get_document_model

from courses.models import (
    CourseCompletion,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    LessonProgress,
    LessonReading,
    VideoWatching,
)
from courses.reading import ReadingStatus, heartbeat_seconds, reading_status
from courses.video import WatchingStatus, lesson_file_ids, lesson_videos, watching_status
from lms.permissions import can_learn
from lms.prepared import PreparedQuery

# The lesson list never needs the body; it is the heavy column.
_OUTLINE_DEFER = ("body", "search_text")


# Every press of 开始 and every exam card asks it (exams.selectors): compiled once per process.
_COURSE_COMPLETED_AT = PreparedQuery(
    lambda user_id, course_id: (
        CourseCompletion.objects.filter(user_id=user_id, course_id=course_id)
        .values_list("completed_at")
        .order_by("pk")
    ),
    "user_id",
    "course_id",
)


def course_completed_at(*, user, course: CoursePage | int | None) -> datetime.datetime | None:
    """When ``user`` completed ``course`` (a page or its id), or None."""
    if user is None or not user.is_authenticated or course is None:
        return None
    course_id = course if isinstance(course, int) else course.pk
    row = _COURSE_COMPLETED_AT.first(user_id=user.pk, course_id=course_id)
    return row[0] if row else None


def completed_course_ids(*, user, course_ids) -> set[int]:
    """Which of ``course_ids`` the user has completed: one query for any number."""
    if user is None or not user.is_authenticated:
        return set()
    return set(
        CourseCompletion.objects.filter(user=user, course_id__in=course_ids).values_list(
            "course_id", flat=True
        )
    )


def required_courses() -> QuerySet[CoursePage]:
    """The live courses marked as required for the credential, in tree order."""
    return CoursePage.objects.live().filter(required_for_credential=True).order_by("path")


def required_course() -> CoursePage | None:
    """The live course that unlocks the credential exam (the first, by tree order)."""
    return required_courses().first()


def course_lessons(course: CoursePage):
    return LessonPage.objects.live().child_of(course).order_by("path").defer(*_OUTLINE_DEFER)


@dataclass
class LessonEntry:
    lesson: LessonPage
    number: int
    done: bool
    completed_at: datetime.datetime | None = None


@dataclass
class Outline:
    course: CoursePage
    entries: list[LessonEntry] = field(default_factory=list)
    completed_at: datetime.datetime | None = None
    tracks_progress: bool = False

    @property
    def total(self) -> int:
        return len(self.entries)

    @property
    def done_count(self) -> int:
        return sum(1 for entry in self.entries if entry.done)

    @property
    def percent(self) -> int:
        return round(100 * self.done_count / self.total) if self.total else 0

    @property
    def started(self) -> bool:
        return self.done_count > 0

    @property
    def next_entry(self) -> LessonEntry | None:
        """Where to continue: the first lesson, in course order, not yet confirmed."""
        return next((entry for entry in self.entries if not entry.done), None)

    def entry_for(self, lesson_id: int) -> LessonEntry | None:
        return next((entry for entry in self.entries if entry.lesson.pk == lesson_id), None)


def course_outline(*, user, course: CoursePage) -> Outline:
    """The course's lessons with the user's progress: three queries."""
    lessons = list(course_lessons(course))
    progress: dict[int, datetime.datetime] = {}
    completed_at = None
    tracks = bool(user is not None and user.is_authenticated and can_learn(user))
    if tracks:
        progress = dict(
            LessonProgress.objects.filter(user=user, lesson__in=lessons).values_list(
                "lesson_id", "completed_at"
            )
        )
        completed_at = course_completed_at(user=user, course=course)
    entries = [
        LessonEntry(
            lesson=lesson,
            number=number,
            done=lesson.pk in progress,
            completed_at=progress.get(lesson.pk),
        )
        for number, lesson in enumerate(lessons, start=1)
    ]
    return Outline(
        course=course, entries=entries, completed_at=completed_at, tracks_progress=tracks
    )


def lesson_course(lesson: LessonPage) -> CoursePage | None:
    return CoursePage.objects.live().parent_of(lesson).first()


def lesson_watching_status(*, user, lesson: LessonPage, reading, now) -> WatchingStatus | None:
    """The learner's watching of a lesson's videos (``courses.video``); None without videos.
    One query, none for a lesson without uploaded videos."""
    videos = lesson_videos(lesson)
    if not videos:
        return None
    watched = dict(
        VideoWatching.objects.filter(user=user, lesson=lesson).values_list(
            "video", "seconds_watched"
        )
    )
    return watching_status(videos=videos, watched=watched, reading=reading, now=now)


def lesson_reading_status(
    *,
    user,
    lesson: LessonPage,
    reading: LessonReading | None = None,
    at_end: bool = False,
    now: datetime.datetime | None = None,
) -> ReadingStatus:
    """The learner's reading of one lesson against the rule in ``courses.reading``, with its
    videos' watching; ``reading`` when the caller has it already."""
    if reading is None:
        reading = LessonReading.objects.filter(user=user, lesson=lesson).first()
    now = now or timezone.now()
    return reading_status(
        estimated_minutes=lesson.estimated_minutes,
        reading=reading,
        now=now,
        at_end=at_end,
        watching=lesson_watching_status(user=user, lesson=lesson, reading=reading, now=now),
    )


def lesson_file(*, request, lesson: LessonPage, document_id: int):
    """A video or captions file of a live lesson's video blocks, for someone who may read the
    lesson (Wagtail's view restrictions on it included); None otherwise. A document that no
    lesson block hands out is never served here, whatever its id."""
    if document_id not in lesson_file_ids(lesson):
        return None
    if any(not r.accept_request(request) for r in lesson.get_view_restrictions()):
        return None
    return get_document_model().objects.filter(pk=document_id).first()


def lesson_context(*, user, lesson: LessonPage, reading: LessonReading | None = None) -> dict:
    """What a lesson page shows around its body: course, position, previous/next, done, and
    for a learner still reading it, what the reading rule leaves to do (from ``reading``, their
    LessonReading, when the caller has it already)."""
    course = lesson_course(lesson)
    if course is None:
        return {"course": None, "outline": None, "entry": None}
    outline = course_outline(user=user, course=course)
    entry = outline.entry_for(lesson.pk)
    entries = outline.entries
    index = entries.index(entry) if entry else -1
    status = None
    if outline.tracks_progress and entry is not None and not entry.done:
        status = lesson_reading_status(user=user, lesson=lesson, reading=reading)
    return {
        "course": course,
        "outline": outline,
        "entry": entry,
        "reading": status,
        "heartbeat_seconds": heartbeat_seconds(),
        "previous_entry": entries[index - 1] if index > 0 else None,
        "next_entry": entries[index + 1] if 0 <= index < len(entries) - 1 else None,
    }


def course_list_for(*, user, index: CourseIndexPage) -> list[Outline]:
    courses = CoursePage.objects.live().child_of(index).order_by("path")
    return [course_outline(user=user, course=course) for course in courses]


def lesson_citations() -> dict[tuple[int, int | None], list[LessonPage]]:
    """Every citation in the live lessons → the lessons that cite it: first those that quote
    it in an article block (the lesson that teaches it), then the others, in course order."""
    cited: dict[tuple[int, int | None], list[tuple[bool, str, LessonPage]]] = {}
    for lesson in LessonPage.objects.live().order_by("path").defer("search_text"):
        quoted = lesson.quoted_citations()
        for ref in lesson.citations():
            cited.setdefault(ref, []).append((ref not in quoted, lesson.path, lesson))
    return {
        ref: [lesson for _other, _path, lesson in sorted(entries, key=lambda e: e[:2])]
        for ref, entries in cited.items()
    }


def lessons_citing(article: int, item: int | None = None) -> list[LessonPage]:
    return lesson_citations().get((article, item), [])


@dataclass
class SearchHit:
    lesson: LessonPage
    course: CoursePage | None
    rank: int
    occurrences: int
    excerpt: tuple[str, str, str]  # text before the match, the match, text after


def _excerpt(text: str, term: str, width: int = 40) -> tuple[str, str, str]:
    text = text.replace("\n", " ")
    position = text.lower().find(term.lower())
    if position < 0:
        return (text[: width * 2] + ("…" if len(text) > width * 2 else ""), "", "")
    start = max(0, position - width)
    end = min(len(text), position + len(term) + width)
    return (
        ("…" if start else "") + text[start:position],
        text[position : position + len(term)],
        text[position + len(term) : end] + ("…" if end < len(text) else ""),
    )


def lesson_search(*, query: str) -> list[SearchHit]:
    """Chinese substring search: the database search backend does not segment Chinese, and the
    course is small, so a plain ``icontains`` ranked by field (title > summary > body), then by
    how often the words occur, is both honest and fast. Every whitespace-separated term must
    match somewhere. Two queries."""
    terms = [term for term in query.split() if term][:5]
    if not terms:
        return []
    lessons = LessonPage.objects.live()
    title_hits = Q()
    summary_hits = Q()
    for term in terms:
        lessons = lessons.filter(
            Q(title__icontains=term) | Q(summary__icontains=term) | Q(search_text__icontains=term)
        )
        title_hits &= Q(title__icontains=term)
        summary_hits &= Q(summary__icontains=term)
    lessons = lessons.annotate(
        rank=Case(
            When(title_hits, then=Value(3)),
            When(summary_hits, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).defer("body")[:50]
    lessons = list(lessons)
    steplen = CoursePage.steplen
    courses = {
        course.path: course
        for course in CoursePage.objects.filter(
            path__in={lesson.path[:-steplen] for lesson in lessons}
        )
    }
    hits = [
        SearchHit(
            lesson=lesson,
            course=courses.get(lesson.path[:-steplen]),
            rank=lesson.rank,
            occurrences=sum(
                f"{lesson.title}\n{lesson.search_text}".lower().count(term.lower())
                for term in terms
            ),
            excerpt=_excerpt(lesson.search_text, terms[0]),
        )
        for lesson in lessons
    ]
    hits.sort(key=lambda hit: (-hit.rank, -hit.occurrences, hit.lesson.path))
    return hits
