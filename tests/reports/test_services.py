"""Building in the background: progress, failures and retries, query counts, clean-up."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_q.models import Schedule

from lms.jobs import services as jobs
from lms.jobs.models import JobStatus
from lms.schedules import registered_schedules_ensure
from reports import pipeline, selectors, services, workbook
from reports.models import ReportFile, ReportKind
from reports.schedules import REQUEUE_SCHEDULE_NAME, SCHEDULE_NAME
from tests.reports.factories import make_cycle, make_people
from tests.training.factories import give_hours

pytestmark = pytest.mark.django_db


def test_request_builds_through_the_queue_and_records_progress(
    org, client, monkeypatch, django_capture_on_commit_callbacks
):
    cycle = make_cycle(org.county_a)
    make_people(org.county_a, 6, cycle=cycle)
    monkeypatch.setattr(workbook, "PROGRESS_EVERY", 1)
    monkeypatch.setattr(jobs, "PROGRESS_SECONDS", 0)  # every progress call writes
    monkeypatch.setattr(pipeline, "BATCH", 1)
    monkeypatch.setattr(pipeline, "DEPTH", 1)  # the reader waits for the writer: progress shows
    seen: list[int] = []

    def spy(execute, sql, params, many, context):
        if sql.startswith('UPDATE "reports_reportfile" SET "done"'):
            seen.append(params[0])
        return execute(sql, params, many, context)

    client.force_login(org.admin_a)
    with connection.execute_wrapper(spy), django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:cycle", args=[cycle.pk]), {"kind": "renewal"})
    assert response.status_code == 302
    report = ReportFile.objects.get()
    # Progress is written while the rows stream (how far the writer thread has got by each
    # batch varies), and the last figure equals the total.
    assert seen and seen == sorted(set(seen)) and seen[-1] <= 6
    assert report.status == JobStatus.DONE
    assert (report.done, report.total, report.percent) == (6, 6, 100)
    assert report.requested_by == org.admin_a and report.agency == org.county_a
    status = client.get(reverse("reports:status", args=[report.pk])).json()
    assert status["percent"] == 100 and status["download_url"].endswith("/download/")


def test_a_failing_build_shows_a_readable_message_and_retry_works(
    org, client, monkeypatch, django_capture_on_commit_callbacks
):
    cycle = make_cycle(org.county_a)
    make_people(org.county_a, 2, cycle=cycle)

    def broken(**kwargs):
        raise RuntimeError("connection reset")

    monkeypatch.setattr(selectors, "renewal_summary", broken)
    client.force_login(org.admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:cycle", args=[cycle.pk]), {"kind": "renewal"})
    report = ReportFile.objects.get()
    assert report.status == JobStatus.FAILED
    assert "报表生成失败" in report.error and "重试" in report.error
    assert "connection reset" not in report.error  # no stack-trace talk for the reader
    page = client.get(reverse("reports:cycle", args=[cycle.pk])).content.decode()
    assert report.error in page and reverse("reports:retry", args=[report.pk]) in page

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:retry", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == JobStatus.DONE and report.error == ""
    assert report.done == 2 and report.file


def _queries_for(cycle, agency) -> int:
    with CaptureQueriesContext(connection) as queries:
        report = services.report_build_now(kind=ReportKind.RENEWAL, agency=agency, cycle=cycle)
    assert report.status == JobStatus.DONE
    return len(queries)


def test_query_count_does_not_grow_with_rows(org):
    small = make_cycle(org.county_a, name="十人")
    make_people(org.county_a, 10, cycle=small, violations=(3,))
    large = make_cycle(org.county_a, name="四十人", template=small.template)
    make_people(org.county_a, 40, cycle=large, violations=(3, 9))
    assert _queries_for(small, org.county_a) == _queries_for(large, org.county_a)


def test_query_count_does_not_grow_with_the_people_who_have_training_hours(org):
    """The detail sheet's training hours are one grouped query, not one per person."""
    small = make_cycle(org.county_a, name="十人")
    few = make_people(org.county_a, 10, cycle=small)
    large = make_cycle(org.county_a, name="四十人", template=small.template)
    many = make_people(org.county_a, 40, cycle=large)
    for index, assessment in enumerate(few + many):
        give_hours(assessment.auxiliary, 2, cat=("法律法规", "业务技能")[index % 2])
    assert _queries_for(small, org.county_a) == _queries_for(large, org.county_a)


def test_old_files_are_cleaned_up_after_the_retention_period(org, settings):
    settings.REPORT_RETENTION_DAYS = 7
    cycle = make_cycle(org.county_a)
    make_people(org.county_a, 1, cycle=cycle)
    old = services.report_build_now(kind=ReportKind.RENEWAL, agency=org.county_a, cycle=cycle)
    new = services.report_build_now(kind=ReportKind.RENEWAL, agency=org.county_a, cycle=cycle)
    old_name, storage = old.file.name, old.file.storage
    ReportFile.objects.filter(pk=old.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=8)
    )
    assert services.reports_cleanup() == 1
    assert list(ReportFile.objects.all()) == [new]
    assert storage.exists(new.file.name) and not storage.exists(old_name)


def test_cleanup_schedule_is_created_once():
    Schedule.objects.filter(name=SCHEDULE_NAME).delete()
    registered_schedules_ensure()
    registered_schedules_ensure()
    schedule = Schedule.objects.get(name=SCHEDULE_NAME)
    assert schedule.func == "reports.tasks.reports_cleanup_task"


def test_shell_command_writes_the_same_report(org, tmp_path):
    cycle = make_cycle(org.city)
    make_people(org.county_b, 4, cycle=cycle)
    out = tmp_path / "renewal.xlsx"
    call_command("renewal_report", "--cycle", str(cycle.pk), "--agency", "CTYB", "--out", str(out))
    import openpyxl

    sheet = openpyxl.load_workbook(out)["明细"]
    assert sheet.max_row == 5  # header + 4 people
    assert ReportFile.objects.get().kind == ReportKind.RENEWAL


def test_a_build_that_another_worker_is_running_is_not_started_twice(org):
    cycle = make_cycle(org.county_a)
    make_people(org.county_a, 2, cycle=cycle)
    now = timezone.now()
    report = ReportFile.objects.create(
        kind=ReportKind.RENEWAL, cycle=cycle, agency=org.county_a, status=JobStatus.RUNNING,
        started_at=now, heartbeat_at=now,
    )  # fmt: skip
    services.report_build(report_id=report.pk)  # a duplicate delivery of the task
    report.refresh_from_db()
    assert report.status == JobStatus.RUNNING and not report.file


def test_a_stalled_build_is_queued_again_and_completes(org, django_capture_on_commit_callbacks):
    cycle = make_cycle(org.county_a)
    make_people(org.county_a, 3, cycle=cycle)
    now = timezone.now()
    stalled, alive = [
        ReportFile.objects.create(
            kind=ReportKind.RENEWAL,
            cycle=cycle,
            agency=org.county_a,
            status=JobStatus.RUNNING,
            started_at=now - age,
            heartbeat_at=now - age,
        )  # fmt: skip
        for age in (datetime.timedelta(minutes=10), datetime.timedelta(seconds=30))
    ]
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.jobs_requeue_stalled() == 1
    stalled.refresh_from_db()
    alive.refresh_from_db()
    assert stalled.status == JobStatus.DONE and stalled.done == 3 and stalled.file
    assert alive.status == JobStatus.RUNNING  # still beating: left alone


def test_requeue_schedule_runs_every_minute():
    Schedule.objects.filter(name=REQUEUE_SCHEDULE_NAME).delete()
    registered_schedules_ensure()
    registered_schedules_ensure()
    schedule = Schedule.objects.get(name=REQUEUE_SCHEDULE_NAME)
    assert schedule.func == "lms.jobs.tasks.jobs_requeue_stalled_task"
    assert (schedule.schedule_type, schedule.minutes) == (Schedule.MINUTES, 1)
