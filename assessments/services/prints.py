"""A cycle's 个人考核登记表 for a whole agency, as one PDF built in the background through the one
job pipeline (lms.jobs): requested from the cycle's page, watched with a progress bar, downloaded
when ready."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from assessments import pdf
from assessments.models import Assessment, Cycle, CyclePrint
from lms.jobs.services import job_claim, job_enqueue, job_fail, job_finish, job_progress
from lms.models import Agency
from lms.permissions import scope_for

logger = logging.getLogger(__name__)

# Forms are read and their scores and violations prefetched this many at a time: a prefetch
# binds one parameter per assessment, and PostgreSQL with server-side binding takes at most
# 65,535 in one query, fewer than a province's cycle has forms.
CHUNK_SIZE = 2000


def print_scope_root(*, user, cycle: Cycle) -> Agency | None:
    """The widest agency of the cycle the user may print: the cycle's own agency when the
    user's scope covers it, else the user's own agency when the cycle reaches down to it."""
    scope = scope_for(user)
    if not scope.is_staff_viewer:
        return None
    if scope.is_provincial or cycle.agency.path.startswith(scope.agency_path or "\0"):
        return cycle.agency
    own = getattr(getattr(user, "profile", None), "agency", None)
    if own is not None and cycle.include_subordinates and own.path.startswith(cycle.agency.path):
        return own
    return None


def print_assessments(job: CyclePrint):
    """The submitted assessments the print run covers: the cycle's, under its agency."""
    return pdf.printable(
        Assessment.objects.filter(
            cycle=job.cycle, auxiliary__agency__path__startswith=job.agency.path
        )
    )


@transaction.atomic
def cycle_print_request(*, user, cycle: Cycle) -> CyclePrint:
    agency = print_scope_root(user=user, cycle=cycle)
    if agency is None:
        raise PermissionDenied
    job = CyclePrint.objects.create(cycle=cycle, agency=agency, requested_by=user)
    job_enqueue(job=job)
    return job


def cycle_print_build(*, print_id: int) -> CyclePrint:
    """Render every form, counting them as they are laid out, then store the PDF through the
    storage API; a run another worker has is left to it."""
    job = CyclePrint.objects.select_related("cycle__agency", "agency").get(pk=print_id)
    if not job_claim(job=job):
        return job
    assessments = print_assessments(job)
    total = assessments.count()
    if not total:
        with translation.override(settings.LANGUAGE_CODE):
            message = _("No assessment of this cycle has been submitted yet: nothing to print.")
        return job_fail(job=job, error=message, retry=False)
    job_progress(job=job, done=0, total=total)
    rendered = 0

    def progress(done: int) -> None:
        nonlocal rendered
        rendered = done
        job_progress(job=job, done=done)

    try:
        # Streamed, never a list of the whole cycle; each chunk gets its own prefetch.
        content = pdf.assessments_pdf(
            assessments.iterator(chunk_size=CHUNK_SIZE), progress=progress
        )
        job.file.save(
            f"{job.agency.code}-assessments-{job.cycle_id}-{job.pk}.pdf",
            ContentFile(content),
            save=False,
        )
    except Exception:  # the page must say it failed instead of polling forever
        logger.exception("Cycle print %s failed", job.pk)
        with translation.override(settings.LANGUAGE_CODE):
            message = _(
                "The assessment forms could not be built. Start again; if it fails again, "
                "tell the system administrator (print run no. %(id)s)."
            ) % {"id": job.pk}
        return job_fail(job=job, error=message)
    # The forms printed are the total, should a form have been submitted or reopened between
    # the count and the read.
    job.total = rendered
    return job_finish(job=job, update_fields=("file",))
