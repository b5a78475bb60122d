"""Refusals of the courses app, all derived from ``CoursesError`` (see ``lms.exceptions``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lms.exceptions import LmsError

if TYPE_CHECKING:
    from courses.reading import ReadingStatus


class CoursesError(LmsError):
    """A refusal of the courses app."""


class ReadingIncomplete(CoursesError):
    """A confirmation came before the reading rule was met; ``status`` says what is left."""

    def __init__(self, status: ReadingStatus):
        super().__init__("reading incomplete")
        self.status = status
