"""Refusals of the training app, under the project's LmsError."""

from django.core.exceptions import ValidationError

from lms.exceptions import LmsError


class TrainingError(LmsError):
    """Base of the training app's refusals."""


class SignInSheetError(TrainingError, ValidationError):
    """A sign-in sheet that cannot be imported; ``rows`` names each bad row."""

    def __init__(self, message, rows=None):
        super().__init__(message)
        self.rows = rows or []
