"""Refusals of the credentials app, all derived from ``CredentialsError`` (see
``lms.exceptions``)."""

from __future__ import annotations

from lms.exceptions import LmsError


class CredentialsError(LmsError):
    """A refusal of the credentials app."""


class CredentialRefused(CredentialsError):
    """Issuance (or another credential change) was refused; ``reasons`` are readable sentences."""

    def __init__(self, reasons: list[str]):
        self.reasons = [str(reason) for reason in reasons]
        super().__init__("；".join(self.reasons))


class FontNotFoundError(CredentialsError, RuntimeError):
    """No usable CJK font for rendering cards."""
