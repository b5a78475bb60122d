"""Refusals of the assessments app, all derived from ``AssessmentsError`` (see
``lms.exceptions``). Those the pages show keep Django's ``ValidationError`` as a second base, as
views and forms catch them as one."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from lms.exceptions import LmsError


class AssessmentsError(LmsError):
    """A refusal of the assessments app."""


class AssessmentError(AssessmentsError, ValidationError):
    """A refused action; the message says why, for the person who tried."""


class FormInvalid(AssessmentError):
    """Submitted values that cannot be saved; ``field_errors`` maps a field to its messages."""

    def __init__(self, errors: dict[str, list[str]]):
        self.field_errors = errors
        super().__init__([message for messages in errors.values() for message in messages])


class TemplateInvalid(AssessmentError):
    """Edited criteria that break a template rule. ``general`` concerns the whole set;
    ``per_criterion`` maps a row's position in the submitted list to [(field, message)]."""

    def __init__(self, general: list[str], per_criterion: dict[int, list[tuple[str, str]]]):
        self.general = general
        self.per_criterion = per_criterion
        super().__init__(general + [m for errors in per_criterion.values() for _f, m in errors])
