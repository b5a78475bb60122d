"""Requesting, building, retrying and cleaning up report files. Claiming, progress, heartbeat,
retries and the re-queue of stalled builds are the common job services (lms.jobs)."""

from __future__ import annotations

import datetime
import logging
import os
import secrets
import tempfile
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.exceptions import LmsError
from lms.jobs.models import FINISHED_STATUSES, JobStatus
from lms.jobs.services import (
    job_claim,
    job_enqueue,
    job_fail,
    job_finish,
    job_progress,
    job_retry,
)
from lms.models import Agency
from lms.permissions import can_roll_up_reports, scope_for, visible_agencies
from reports import builders, selectors
from reports.models import ReportFile, ReportKind

logger = logging.getLogger(__name__)


def report_scope_root(*, user, cycle) -> Agency | None:
    """The widest agency of ``cycle`` the user may report on: the cycle's own agency when the
    user's scope covers it, else the user's agency when the cycle reaches down to it."""
    scope = scope_for(user)
    if not scope.is_staff_viewer:
        return None
    cycle_agency = cycle.agency
    if scope.is_provincial or cycle_agency.path.startswith(scope.agency_path or "\0"):
        return cycle_agency
    own = getattr(getattr(user, "profile", None), "agency", None)
    if own is not None and cycle.include_subordinates and own.path.startswith(cycle_agency.path):
        return own
    return None


@transaction.atomic
def report_request(*, user, kind: str, cycle=None, agency: Agency | None = None) -> ReportFile:
    """Queue a report. Renewal kinds need a cycle; the scope root defaults from the cycle."""
    if kind in (ReportKind.RENEWAL, ReportKind.RENEWAL_ROLLUP):
        if cycle is None:
            raise ValueError("a renewal report needs a cycle")
        if kind == ReportKind.RENEWAL_ROLLUP and not can_roll_up_reports(user):
            raise PermissionDenied
        root = report_scope_root(user=user, cycle=cycle)
        if root is None:
            raise PermissionDenied
        if agency is not None:
            if not agency.path.startswith(root.path):
                raise PermissionDenied
            root = agency
        agency = root
    elif agency is None or not visible_agencies(user).filter(pk=agency.pk).exists():
        raise PermissionDenied
    report = ReportFile.objects.create(
        kind=kind, cycle=cycle, agency=agency, requested_by=user, status=JobStatus.QUEUED
    )
    job_enqueue(job=report)
    return report


def report_retry(*, report: ReportFile) -> ReportFile:
    """Queue a failed report again (the caller has checked the user's scope)."""
    return job_retry(job=report)


def _readable_error(report: ReportFile, exc: Exception) -> str:
    # Stored once in the default language: the people reading it work in Chinese.
    with translation.override(settings.LANGUAGE_CODE):
        if isinstance(exc, DatabaseError):
            reason = _("the database could not be read")
        elif isinstance(exc, OSError):
            reason = _("the file could not be written (is the disk full?)")
        else:
            reason = _("an unexpected error occurred")
        return _(
            "The report could not be built: %(reason)s. Press “Try again”; if it fails again, "
            "tell the system administrator (report no. %(id)s)."
        ) % {"reason": reason, "id": report.pk}


def _builder(kind: str) -> Callable:
    return {
        ReportKind.RENEWAL: builders.build_renewal,
        ReportKind.RENEWAL_ROLLUP: builders.build_renewal,
        ReportKind.TRAINING: builders.build_training,
        ReportKind.ITEM_ANALYSIS: builders.build_item_analysis,
    }[kind]


REPORT_FILE_LABELS = {
    # kind: (Chinese label for the file name, ASCII fallback)
    ReportKind.RENEWAL: ("续聘考核报表", "renewal-report"),
    ReportKind.RENEWAL_ROLLUP: ("续聘考核汇总", "renewal-rollup"),
    ReportKind.TRAINING: ("培训报表", "training-report"),
    ReportKind.ITEM_ANALYSIS: ("试题分析", "item-analysis"),
}


def report_build(*, report_id: int) -> ReportFile:
    """Build the file, unless another worker has the report (a duplicate delivery of the task,
    or a re-queued build whose first worker is alive after all)."""
    report = ReportFile.objects.select_related(
        "agency", "cycle__agency", "cycle__template", "requested_by__profile"
    ).get(pk=report_id)
    if not job_claim(job=report):
        return report
    fd, path = tempfile.mkstemp(suffix=".xlsx", prefix="report-")
    os.close(fd)
    # Opens no connection yet: a side connection connects on its first progress write.
    progress, progress_done = _progress_writer(report)
    try:

        def set_total(total: int) -> None:
            job_progress(job=report, done=report.done, total=total)

        # Files are Chinese documents whatever language the requester's browser was using.
        with translation.override(settings.LANGUAGE_CODE):
            written = _builder(report.kind)(
                report=report, path=path, set_total=set_total, progress=progress
            )
        with open(path, "rb") as handle:
            # An unguessable stored name: even if a web server ever exposed MEDIA_URL, no one
            # could fetch a report without going through the scoped download view.
            stored = f"{report.pk}-{secrets.token_hex(16)}.xlsx"
            report.file.save(stored, File(handle), save=False)
        job_finish(job=report, done=written, update_fields=("file",))
    except Exception as exc:  # any failure must reach the person who asked
        logger.exception("report %s failed", report.pk)
        # An expected refusal will not change on a second run; anything else may.
        job_fail(
            job=report, error=_readable_error(report, exc), retry=not isinstance(exc, LmsError)
        )
    finally:
        progress_done()
        if os.path.exists(path):
            os.unlink(path)
    return report


def _progress_writer(report: ReportFile) -> tuple[Callable[[int], None], Callable[[], None]]:
    """(write progress, clean up). While the rows stream over the default connection
    (reports.selectors.connection_streams_rows), it is busy until the last row, so progress
    goes over a connection of its own; either way it commits as it goes, so the page polling
    the report sees the bar move, and each write is the build's heartbeat."""
    if not selectors.connection_streams_rows():
        return lambda written: job_progress(job=report, done=written), lambda: None
    side = connections.create_connection(DEFAULT_DB_ALIAS)

    def write_aside(written: int) -> None:
        job_progress(job=report, done=written, connection=side)

    return write_aside, side.close


def retention_days() -> int:
    return getattr(settings, "REPORT_RETENTION_DAYS", 30)


def reports_cleanup(*, now: datetime.datetime | None = None) -> int:
    """Delete finished report files older than REPORT_RETENTION_DAYS (default 30), with their
    stored files. Returns how many were removed."""
    days = retention_days()
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    removed = 0
    old = ReportFile.objects.filter(status__in=FINISHED_STATUSES, finished_at__lt=cutoff)
    for report in old.iterator(chunk_size=500):
        if report.file:
            report.file.delete(save=False)
        report.delete()
        removed += 1
    return removed


def report_build_now(*, kind: str, agency: Agency, cycle=None, user=None) -> ReportFile:
    """Create a report and build it in this process (the shell command and the benchmark)."""
    report = ReportFile.objects.create(kind=kind, cycle=cycle, agency=agency, requested_by=user)
    return report_build(report_id=report.pk)
