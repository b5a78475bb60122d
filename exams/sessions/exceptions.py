"""Refusals of exam sessions, under the exams app's ExamsError."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from exams.exceptions import ExamsError


class SessionError(ExamsError, ValidationError):
    """A session write that the rules refuse; the message is for the person who asked."""


class EnrolmentRefused(SessionError):
    """Nobody was enrolled: ``ineligible`` is [(auxiliary, [reason, …]), …]."""

    def __init__(self, message: str, ineligible: list):
        self.ineligible = ineligible
        super().__init__(message)


class DoorClosed(SessionError):
    """The candidate may not open the paper now; ``code`` says why (for the page)."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        # After ValidationError's __init__, which sets its own ``code`` to None.
        self.code = code
