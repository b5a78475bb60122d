"""The production path on PostgreSQL: outside a transaction the detail rows stream from the
database while progress is written over a second connection, and the page sees it."""

from __future__ import annotations

import io
import threading

import openpyxl
import pytest
from django.db import connection

from lms.jobs import services as jobs
from lms.jobs.models import JobStatus
from reports import pipeline, selectors, services, workbook
from reports.models import ReportFile, ReportKind
from tests.reports.factories import make_cycle, make_people

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_rows_stream_and_progress_is_visible_to_other_connections(org, monkeypatch):
    cycle = make_cycle(org.county_a)
    make_people(org.county_a, 12, cycle=cycle)
    monkeypatch.setattr(workbook, "PROGRESS_EVERY", 1)
    monkeypatch.setattr(jobs, "PROGRESS_SECONDS", 0)  # every progress call writes
    monkeypatch.setattr(pipeline, "BATCH", 1)
    monkeypatch.setattr(pipeline, "DEPTH", 1)
    streamed: list[bool] = []
    real_stream_rows = selectors.stream_rows

    def spying_stream_rows(queryset):
        streamed.append(not connection.in_atomic_block)
        yield from real_stream_rows(queryset)

    monkeypatch.setattr(selectors, "stream_rows", spying_stream_rows)
    seen_elsewhere: list[int] = []
    real_writer = services._progress_writer

    def progress_writer(report):
        write, done = real_writer(report)

        def write_and_look(written):
            write(written)

            # What a poller on another connection (another thread here) reads right now.
            def look():
                try:
                    seen_elsewhere.append(ReportFile.objects.get(pk=report.pk).done)
                finally:
                    connection.close()  # this thread's own connection

            reader = threading.Thread(target=look)
            reader.start()
            reader.join()

        return write_and_look, done

    monkeypatch.setattr(services, "_progress_writer", progress_writer)
    report = services.report_build_now(kind=ReportKind.RENEWAL, agency=org.county_a, cycle=cycle)

    assert streamed == [True]
    assert report.status == JobStatus.DONE, report.error
    assert (report.done, report.total) == (12, 12)
    assert seen_elsewhere and seen_elsewhere == sorted(seen_elsewhere) and seen_elsewhere[-1] > 0
    sheet = openpyxl.load_workbook(io.BytesIO(report.file.read()))["明细"]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(names) == 12 and names == sorted(names)


def test_a_writer_failure_mid_stream_leaves_the_connection_usable(org, monkeypatch):
    cycle = make_cycle(org.county_a)
    make_people(org.county_a, 30, cycle=cycle)
    monkeypatch.setattr(selectors, "CHUNK_SIZE", 5)
    monkeypatch.setattr(pipeline, "BATCH", 1)

    def failing_write_details(self, columns, rows, progress=None):
        next(iter(rows))
        raise OSError("disk full")

    monkeypatch.setattr(workbook.RenewalWorkbook, "write_details", failing_write_details)
    report = services.report_build_now(kind=ReportKind.RENEWAL, agency=org.county_a, cycle=cycle)
    assert report.status == JobStatus.FAILED
    assert "磁盘" in report.error or "disk" in report.error
    # The half-read stream was cancelled: the same connection answers the next query.
    assert ReportFile.objects.get(pk=report.pk).status == JobStatus.FAILED
