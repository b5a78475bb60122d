"""Requesting, building, retrying and cleaning up report files."""

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
from django.db.models import Q
from django.db.models.sql.constants import ROW_COUNT
from django.db.models.sql.subqueries import UpdateQuery
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from lms.models import Agency, Role
from lms.permissions import scope_for, visible_agencies
from reports import selectors
from reports.models import ReportFile, ReportKind, ReportStatus

logger = logging.getLogger(__name__)

TASK = "reports.tasks.report_build_task"


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


def may_roll_up(user) -> bool:
    """Roll-ups across a jurisdiction are for the provincial office and oversight viewers."""
    scope = scope_for(user)
    return scope.is_provincial or scope.role == Role.OVERSIGHT


def _enqueue(report: ReportFile) -> None:
    transaction.on_commit(lambda: async_task(TASK, report.pk, task_name=f"report-{report.pk}"))


@transaction.atomic
def report_request(*, user, kind: str, cycle=None, agency: Agency | None = None) -> ReportFile:
    """Queue a report. Renewal kinds need a cycle; the scope root defaults from the cycle."""
    if kind in (ReportKind.RENEWAL, ReportKind.RENEWAL_ROLLUP):
        if cycle is None:
            raise ValueError("a renewal report needs a cycle")
        if kind == ReportKind.RENEWAL_ROLLUP and not may_roll_up(user):
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
        kind=kind, cycle=cycle, agency=agency, requested_by=user, status=ReportStatus.QUEUED
    )
    _enqueue(report)
    return report


@transaction.atomic
def report_retry(*, report: ReportFile) -> ReportFile:
    """Queue a failed report again (the caller has checked the user's scope)."""
    if report.status != ReportStatus.FAILED:
        return report
    report.status = ReportStatus.QUEUED
    report.error = ""
    report.rows_written = 0
    report.finished_at = None
    report.save(update_fields=["status", "error", "rows_written", "finished_at"])
    _enqueue(report)
    return report


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
    from reports import builders

    return {
        ReportKind.RENEWAL: builders.build_renewal,
        ReportKind.RENEWAL_ROLLUP: builders.build_renewal,
        ReportKind.TRAINING: builders.build_training,
        ReportKind.ITEM_ANALYSIS: builders.build_item_analysis,
    }[kind]


def report_file_name(report: ReportFile) -> str:
    stamp = timezone.localtime(report.created_at).strftime("%Y%m%d-%H%M")
    label = {
        ReportKind.RENEWAL: "续聘考核报表",
        ReportKind.RENEWAL_ROLLUP: "续聘考核汇总",
        ReportKind.TRAINING: "培训报表",
        ReportKind.ITEM_ANALYSIS: "试题分析",
    }[report.kind]
    return f"{label}-{report.agency.code}-{stamp}-{report.pk}.xlsx"


def report_build(*, report_id: int) -> ReportFile:
    """Build the file. Deliberately not one transaction: the progress UPDATEs must commit as
    they happen so that the page polling them sees the bar move."""
    report = ReportFile.objects.select_related(
        "agency", "cycle__agency", "cycle__template", "requested_by__profile"
    ).get(pk=report_id)
    started = timezone.now()
    # Claimed in one UPDATE, so that only one worker builds a report: a duplicate delivery of
    # the task, or a re-queued build whose first worker is alive after all, finds it taken.
    claimable = Q(status=ReportStatus.QUEUED) | _stalled(started)
    claimed = ReportFile.objects.filter(claimable, pk=report.pk).update(
        status=ReportStatus.RUNNING,
        started_at=started,
        heartbeat_at=started,
        rows_written=0,
        error="",
    )
    if not claimed:
        return report
    fd, path = tempfile.mkstemp(suffix=".xlsx", prefix="report-")
    os.close(fd)
    # Opens no connection yet: a side connection connects on its first progress write.
    progress, progress_done = _progress_writer(report)
    try:

        def set_total(total: int) -> None:
            report.rows_total = total
            ReportFile.objects.filter(pk=report.pk).update(rows_total=total)

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
        report.status = ReportStatus.DONE
        report.rows_written = written
        report.rows_total = max(report.rows_total, written)
        report.finished_at = timezone.now()
        report.error = ""
        report.save(
            update_fields=["file", "status", "rows_written", "rows_total", "finished_at", "error"]
        )
    except Exception as exc:  # any failure must reach the person who asked
        logger.exception("report %s failed", report.pk)
        report.status = ReportStatus.FAILED
        report.error = _readable_error(report, exc)
        report.finished_at = timezone.now()
        ReportFile.objects.filter(pk=report.pk).update(
            status=report.status, error=report.error, finished_at=report.finished_at
        )
    finally:
        progress_done()
        if os.path.exists(path):
            os.unlink(path)
    return report


def _progress_writer(report: ReportFile) -> tuple[Callable[[int], None], Callable[[], None]]:
    """(write progress, clean up). While the rows stream over the default connection
    (reports.selectors.rows_stream), it is busy until the last row, so progress goes over a
    connection of its own; either way it commits as it goes, so the page polling the report
    sees the bar move, and each write is the build's heartbeat."""
    progress = ReportFile.objects.filter(pk=report.pk)
    if not selectors.rows_stream():

        def write(written: int) -> None:
            progress.update(rows_written=written, heartbeat_at=timezone.now())

        return write, lambda: None
    side = connections.create_connection(DEFAULT_DB_ALIAS)

    def write_aside(written: int) -> None:
        # QuerySet.update(), compiled for the other connection.
        query = progress.query.chain(UpdateQuery)
        query.add_update_values({"rows_written": written, "heartbeat_at": timezone.now()})
        query.get_compiler(connection=side).execute_sql(ROW_COUNT)

    return write_aside, side.close


def stall_after() -> datetime.timedelta:
    """A running build with no progress for this long is taken to have lost its worker."""
    return datetime.timedelta(seconds=settings.REPORT_STALL_SECONDS)


def _stalled(now: datetime.datetime) -> Q:
    """Running builds whose worker is taken to be gone at ``now`` (see stall_after)."""
    return Q(status=ReportStatus.RUNNING, heartbeat_at__lt=now - stall_after())


def reports_requeue_stalled(*, now: datetime.datetime | None = None) -> int:
    """Queue again the builds whose worker died (the task cluster was killed or restarted):
    running, with no progress for stall_after(). Without this the broker hands the task out
    again only after Q_CLUSTER["retry"] (12 minutes). Returns how many were queued."""
    stalled = _stalled(now or timezone.now())
    queued = 0
    for report in ReportFile.objects.filter(stalled).only("pk"):
        with transaction.atomic():
            # Claimed in the UPDATE, as a build claims: a build that beat meanwhile stays.
            if ReportFile.objects.filter(stalled, pk=report.pk).update(
                status=ReportStatus.QUEUED
            ):
                _enqueue(report)
                queued += 1
    return queued


def retention_days() -> int:
    return getattr(settings, "REPORT_RETENTION_DAYS", 30)


def reports_cleanup(*, now: datetime.datetime | None = None) -> int:
    """Delete finished report files older than REPORT_RETENTION_DAYS (default 30), with their
    stored files. Returns how many were removed."""
    days = retention_days()
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    removed = 0
    old = ReportFile.objects.filter(
        status__in=[ReportStatus.DONE, ReportStatus.FAILED], finished_at__lt=cutoff
    )
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
