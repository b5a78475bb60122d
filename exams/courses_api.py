"""The few reads exams needs from the course app, in one place."""

from __future__ import annotations

import datetime

from courses import selectors as course_selectors
from courses.models import CoursePage


def required_course():
    return course_selectors.required_course()


def required_courses():
    return course_selectors.required_courses()


def live_course(pk: int) -> CoursePage | None:
    return CoursePage.objects.live().filter(pk=pk).first()


def course_completed_at(*, user, course: CoursePage | int | None) -> datetime.datetime | None:
    return course_selectors.course_completed_at(user=user, course=course)


def completed_course_ids(*, user, course_ids) -> set[int]:
    return course_selectors.completed_course_ids(user=user, course_ids=course_ids)


def lessons_by_citation() -> dict[tuple[int, int | None], list]:
    """Every cited (article, item) → the lessons citing it; read once per page."""
    return course_selectors.lesson_citations()
