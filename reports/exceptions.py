"""Refusals of the reports app derive from ``ReportsError`` (see ``lms.exceptions``)."""

from __future__ import annotations

from lms.exceptions import LmsError


class ReportsError(LmsError):
    """A refusal of the reports app."""
