"""Background jobs (lms.jobs) as the person waiting for one sees them: a job of any kind whose
worker died is run again and finishes, an unexpected failure is retried with its error kept, a
job is never run twice at once, and one status JSON serves reports and card batches alike."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import DatabaseError, connection
from django.urls import reverse
from django.utils import timezone

from credentials.models import CardBatch
from lms.jobs import services as jobs
from lms.jobs.models import JobStatus
from lms.models import AuxiliaryStatus
from reports import selectors
from reports.models import ReportFile, ReportKind
from tests.credentials.factories import credential
from tests.reports.factories import make_cycle, make_people


def _holder(org):
    org.aux_a.status = AuxiliaryStatus.CREDENTIALED
    org.aux_a.save()
    return credential(org.aux_a)


def _running(model, *, age: datetime.timedelta, attempts: int = 1, **fields):
    beat = timezone.now() - age
    return model.objects.create(
        status=JobStatus.RUNNING, started_at=beat, heartbeat_at=beat, attempts=attempts, **fields
    )


@pytest.mark.django_db
def test_every_job_model_is_found_without_a_registry():
    assert {ReportFile, CardBatch} <= set(jobs.job_models())


@pytest.mark.django_db
def test_a_stalled_job_of_either_kind_is_queued_again_and_finishes(
    org, django_capture_on_commit_callbacks
):
    _holder(org)
    cycle = make_cycle(org.county_a)
    make_people(org.county_a, 3, cycle=cycle)
    dead = datetime.timedelta(minutes=10)
    report = _running(
        ReportFile, age=dead, kind=ReportKind.RENEWAL, cycle=cycle, agency=org.county_a
    )
    batch = _running(CardBatch, age=dead, agency=org.county_a, total=2, done=1)
    alive = _running(CardBatch, age=datetime.timedelta(seconds=20), agency=org.county_a)

    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.jobs_requeue_stalled() == 2

    for job in (report, batch, alive):
        job.refresh_from_db()
    assert report.status == JobStatus.DONE and report.done == 3 and report.file
    assert batch.status == JobStatus.DONE and batch.done == batch.total > 0 and batch.zip_file
    assert (report.attempts, batch.attempts) == (2, 2)
    assert alive.status == JobStatus.RUNNING  # still beating: left alone


@pytest.mark.django_db
def test_a_stalled_job_that_used_up_its_attempts_fails_with_a_message(org):
    batch = _running(CardBatch, age=datetime.timedelta(minutes=10), attempts=3, agency=org.county_a)
    assert jobs.jobs_requeue_stalled() == 0
    batch.refresh_from_db()
    assert batch.status == JobStatus.FAILED and batch.finished_at
    assert "多次在完成前中断" in batch.error


@pytest.mark.django_db
def test_a_job_failing_twice_then_succeeding_is_done_without_anyone_pressing_retry(
    org, client, monkeypatch, django_capture_on_commit_callbacks
):
    cycle = make_cycle(org.county_a)
    make_people(org.county_a, 2, cycle=cycle)
    real_summary = selectors.renewal_summary
    calls = []

    def flaky_summary(**kwargs):
        calls.append(1)
        if len(calls) <= 2:
            raise DatabaseError("server closed the connection unexpectedly")
        return real_summary(**kwargs)

    monkeypatch.setattr(selectors, "renewal_summary", flaky_summary)
    client.force_login(org.admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:cycle", args=[cycle.pk]), {"kind": "renewal"})
    report = ReportFile.objects.get()
    assert len(calls) == 3
    assert report.status == JobStatus.DONE and report.attempts == 3
    assert report.error == "" and report.done == 2 and report.file


@pytest.mark.django_db
def test_a_job_failing_every_time_gives_up_after_its_attempts_and_keeps_the_error(
    org, client, monkeypatch, django_capture_on_commit_callbacks
):
    cycle = make_cycle(org.county_a)
    make_people(org.county_a, 2, cycle=cycle)
    calls = []

    def broken(**kwargs):
        calls.append(1)
        raise DatabaseError("server closed the connection unexpectedly")

    monkeypatch.setattr(selectors, "renewal_summary", broken)
    client.force_login(org.admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:cycle", args=[cycle.pk]), {"kind": "renewal"})
    report = ReportFile.objects.get()
    assert len(calls) == ReportFile.max_attempts == 3
    assert report.status == JobStatus.FAILED and "数据库" in report.error


@pytest.mark.django_db
def test_a_batch_with_nothing_to_print_fails_at_once(org):
    from credentials.batches import card_batch_build

    batch = CardBatch.objects.create(agency=org.county_b)
    batch = card_batch_build(batch_id=batch.pk)
    # A refusal that another run would not change is not retried.
    assert batch.status == JobStatus.FAILED and batch.attempts == 1
    assert "没有可打印" in batch.error


@pytest.mark.django_db
def test_progress_writes_are_throttled_but_each_is_a_heartbeat(org, monkeypatch):
    batch = CardBatch.objects.create(agency=org.county_a)
    assert jobs.job_claim(job=batch)
    clock = [1000.0]
    monkeypatch.setattr(jobs.time, "monotonic", lambda: clock[0])
    batch._progress_at = None
    writes = [jobs.job_progress(job=batch, done=n) for n in range(1, 6)]
    assert writes == [True, False, False, False, False]
    clock[0] += jobs.PROGRESS_SECONDS
    assert jobs.job_progress(job=batch, done=6)
    stored = CardBatch.objects.get(pk=batch.pk)
    assert stored.done == 6 and stored.heartbeat_at >= batch.started_at


@pytest.mark.django_db
def test_status_json_of_a_report(org, client):
    cycle = make_cycle(org.county_a)
    report = ReportFile.objects.create(
        kind=ReportKind.RENEWAL, cycle=cycle, agency=org.county_a, status=JobStatus.RUNNING,
        total=40, done=10, error="上次失败",
    )  # fmt: skip
    client.force_login(org.admin_a)
    url = reverse("reports:status", args=[report.pk])
    response = client.get(url)
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    data = response.json()
    assert {k: data[k] for k in ("status", "status_label", "done", "total", "percent")} == {
        "status": "running", "status_label": "生成中", "done": 10, "total": 40, "percent": 25,
    }  # fmt: skip
    # An error of an earlier attempt shows only once the job has failed for good.
    assert (data["error"], data["download_url"], data["retry_url"]) == ("", "", "")
    ReportFile.objects.filter(pk=report.pk).update(status=JobStatus.FAILED)
    data = client.get(url).json()
    assert data["error"] == "上次失败" and data["status_label"] == "生成失败"
    assert data["retry_url"] == reverse("reports:retry", args=[report.pk])


@pytest.mark.django_db
def test_status_json_of_a_card_batch(org, client, django_capture_on_commit_callbacks):
    _holder(org)
    client.force_login(org.admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/credentials/batches/", {"agency": org.county_a.pk})
    batch = CardBatch.objects.get()
    data = client.get(reverse("credentials:batch_status", args=[batch.pk])).json()
    assert data == {
        "id": batch.pk, "status": "done", "status_label": "已生成", "done": 2, "total": 2,
        "percent": 100, "finished": True, "error": "",
        "download_url": reverse("credentials:batch_download", args=[batch.pk, "zip"]),
    }  # fmt: skip
    client.force_login(org.admin_b)
    assert client.get(reverse("credentials:batch_status", args=[batch.pk])).status_code == 404


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_job_is_claimed_by_one_worker_only(org):
    batch = CardBatch.objects.create(agency=org.county_a)
    workers = 6
    start = threading.Barrier(workers)
    claims: list[bool] = []

    def worker():
        try:
            job = CardBatch.objects.get(pk=batch.pk)
            start.wait()
            claims.append(jobs.job_claim(job=job))
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claims) == [False] * (workers - 1) + [True]
    batch.refresh_from_db()
    assert batch.status == JobStatus.RUNNING and batch.attempts == 1
