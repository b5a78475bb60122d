"""Cohort card batches: queueing an agency's cards and rendering them in the background (a ZIP
of front/back PNGs, then the printable PDF at true size with crop marks), with progress, heartbeat and retries through the
common job services (lms.jobs)."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from credentials import rendering
from credentials.cards import cohort_zip
from credentials.models import CardBatch
from credentials.pdf import card_sheet_pdf
from credentials.selectors import batch_credentials
from lms.jobs.services import job_claim, job_enqueue, job_fail, job_finish, job_progress
from lms.models import Agency

logger = logging.getLogger(__name__)


@transaction.atomic
def card_batch_create(
    *, agency: Agency, actor, issued_from: datetime.date | None = None
) -> CardBatch:
    """Queue the cards of an agency's valid credentials for background generation."""
    batch = CardBatch.objects.create(agency=agency, requested_by=actor, issued_from=issued_from)
    job_enqueue(job=batch)
    return batch


def card_batch_build(*, batch_id: int) -> CardBatch:
    """Render the batch. Progress is saved as the cards are drawn so the waiting page can
    show it; a batch another worker is rendering is left to it."""
    batch = CardBatch.objects.select_related("agency").get(pk=batch_id)
    if not job_claim(job=batch):
        return batch
    credentials = list(batch_credentials(batch=batch))
    if not credentials:
        with translation.override(settings.LANGUAGE_CODE):
            message = _("There are no valid credentials to print.")
        return job_fail(job=batch, error=message, retry=False)
    total = len(credentials)
    job_progress(job=batch, done=0, total=2 * total)

    def progress(offset: int):
        for index, credential in enumerate(credentials, start=1):
            yield rendering.card_data(credential)
            job_progress(job=batch, done=offset + index)

    try:
        design = rendering.design_from_settings()
        zip_bytes = cohort_zip(progress(0), design)
        # The print sheet: cards at true size with crop marks, fronts then backs.
        pdf_bytes = card_sheet_pdf(progress(total), design)
        stem = f"{batch.agency.code}-cards-{batch.pk}"
        batch.zip_file.save(f"{stem}.zip", ContentFile(zip_bytes), save=False)
        batch.pdf_file.save(f"{stem}.pdf", ContentFile(pdf_bytes), save=False)
    except Exception:  # the page must say it failed instead of polling forever
        logger.exception("Card batch %s failed", batch.pk)
        with translation.override(settings.LANGUAGE_CODE):
            message = _(
                "The cards could not be generated. Start the batch again; if it fails again, "
                "tell the system administrator (batch no. %(id)s)."
            ) % {"id": batch.pk}
        return job_fail(job=batch, error=message)
    return job_finish(job=batch, update_fields=("zip_file", "pdf_file"))
