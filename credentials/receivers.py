"""Reactions to other apps' events: a passed exam issues the credential (Art. 20)."""

from __future__ import annotations

import logging

from django.db import transaction

from credentials.exceptions import CredentialRefused
from credentials.services import credential_issue

logger = logging.getLogger(__name__)


def on_exam_passed(sender, *, auxiliary, attempt=None, **kwargs) -> None:
    """Runs inside the exam's transaction. A refusal (e.g. the course is not finished) must not
    undo the pass, so the issue runs in a savepoint that leaves nothing behind."""
    try:
        with transaction.atomic():
            credential = credential_issue(auxiliary=auxiliary, actor=None)
    except CredentialRefused as refused:
        logger.warning(
            "Exam passed but no credential issued for auxiliary %s: %s",
            auxiliary.pk,
            "; ".join(refused.reasons),
        )
        return
    except Exception:  # never lose a graded pass over a credential problem; an admin can issue
        logger.exception("Issuing the credential failed for auxiliary %s", auxiliary.pk)
        return
    logger.info("Credential %s issued to auxiliary %s", credential.number, auxiliary.pk)
