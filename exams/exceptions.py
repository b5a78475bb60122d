"""Refusals of the exams app, all derived from ``ExamsError`` (see ``lms.exceptions``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lms.exceptions import LmsError

if TYPE_CHECKING:
    from exams.selectors import StartBlocker


class ExamsError(LmsError):
    """A refusal of the exams app."""


class AttemptStartError(ExamsError):
    """The attempt cannot start; ``blockers`` say why, each with a message for the learner."""

    def __init__(self, blockers: list[StartBlocker]):
        self.blockers = blockers
        super().__init__("; ".join(str(b.message) for b in blockers))


class AnswerError(ExamsError, ValueError):
    """The posted answer does not fit the question (unknown choice, two for a single)."""


class BlueprintError(ExamsError):
    """A blueprint rule cannot be filled from the bank (no short paper is handed out)."""


class ImportFormatError(ExamsError, ValueError):
    """A file could not be imported. ``str()`` names the line and/or the question; for a Word
    file the paragraph and the question's number."""

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        question: str | None = None,
        paragraph: int | None = None,
        number: int | None = None,
    ):
        self.message = message
        self.line = line
        self.question = question
        self.paragraph = paragraph
        self.number = number
        where = []
        if line is not None:
            where.append(f"line {line}")
        if paragraph is not None:
            where.append(f"paragraph {paragraph}")
        if number is not None:
            where.append(f"question {number}")
        if question is not None:
            where.append(f"question '{question}'")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


class GradingError(ExamsError, ValueError):
    """An essay mark was refused (out of range, or not this grader's turn)."""
