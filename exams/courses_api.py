"""The few reads exams needs from the course app, in one place."""

from __future__ import annotations

import datetime


def required_course():
    from courses.selectors import required_course as course

    return course()


def course_completed_at(*, user, course) -> datetime.datetime | None:
    from courses.selectors import course_completed_at as completed_at

    return completed_at(user=user, course=course)


def lessons_by_citation() -> dict[tuple[int, int | None], list]:
    """Every cited (article, item) → the lessons citing it; read once per page."""
    from courses import selectors

    if hasattr(selectors, "lesson_citations"):
        return selectors.lesson_citations()
    return {}
