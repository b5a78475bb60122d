"""The project's one exception base, and the refusals of the people core.

Every refusal a person is meant to read (an ineligible enrolment, an exam that cannot start, an
import row that fails) derives from ``LmsError`` through its app's base in ``<app>/exceptions.py``
(``PeopleError`` here, ``CoursesError``, ``ExamsError``, …), so a view or a task can tell an
expected refusal from a bug with one ``except``. Classes that forms display keep Django's
``ValidationError`` as a second base, and those that callers catch as ``ValueError`` keep that.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from lms.eligibility import IneligibilityReason


class LmsError(Exception):
    """An expected refusal, with a message for the person who asked."""


class PeopleError(LmsError):
    """A refusal of the organisation and people core (lms): rosters, enrolment, status."""


class TransitionError(PeopleError, ValidationError):
    """An auxiliary's status change that the transition table (or the law) does not allow."""


class IneligibleError(PeopleError, ValidationError):
    """An enrolment refused under Arts. 9-10; ``reasons`` name the article items."""

    def __init__(self, reasons: list[IneligibilityReason]):
        self.reasons = reasons
        super().__init__([str(reason) for reason in reasons])


class RosterFileError(PeopleError, ValueError):
    """The roster file as a whole cannot be read (format, encoding, headers)."""


class UploadRejected(PeopleError, ValueError):
    """The upload is outside the bounds; the message says which and what is accepted."""


class BadJson(PeopleError, ValueError):
    """The body or one of its fields cannot be used; ``str()`` is the message for the client."""


class PreparedQueryError(PeopleError, RuntimeError):
    """A prepared query cannot be compiled safely: a placeholder did not come out as a query
    parameter, or the Django internals it relies on are not what it was written against."""
