"""The qcluster is killed (SIGKILL of its whole process group) while a background job (a
renewal report, a card batch) is running. After a restart the job, which has stopped beating,
is queued again (the minutely jobs schedule, or the ORM broker handing the unacknowledged task
out again once its lock expires, Q_CLUSTER["retry"]) and completes: the person who asked gets
the file.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from django.db import connection

from tests.faults.servers import BASE_DIR, database_url, server_env, stop


def _qcluster(env: dict, **extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.faults.run_qcluster"],
        cwd=BASE_DIR,
        env={**env, **extra},
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_for(predicate, seconds: float) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def _kill_mid_job_and_restart(env: dict, status, **slow: str) -> bool:
    """Start a cluster whose job is slowed down, SIGKILL it while the job runs, start a normal
    one; whether the job then finished (done or failed) in time."""
    from lms.jobs.models import FINISHED_STATUSES, JobStatus

    first = _qcluster(env, **slow)
    try:
        assert _wait_for(lambda: status() == JobStatus.RUNNING, 40), "never started"
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        stop(first)
    time.sleep(1)
    assert status() == JobStatus.RUNNING  # stale: nobody is running it any more

    second = _qcluster(env)
    try:
        return _wait_for(lambda: status() in FINISHED_STATUSES, 45)
    finally:
        stop(second)


def _broker_env(settings, monkeypatch) -> dict:
    from django_q.conf import Conf

    # The test settings run tasks inline; here the task must go through the broker.
    monkeypatch.setattr(Conf, "SYNC", False)
    return server_env(
        database_url(connection.settings_dict),
        DJANGO_SETTINGS_MODULE="tests.faults.qcluster_settings",
        # Where this test reads the finished file from.
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
    )


def _seeded_admin(settings, monkeypatch):
    """The demo data seeded and the broker switched on: the demo's agency admin, and the
    environment a cluster is started with."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("seed_demo", stdout=open("/dev/null", "w"))
    env = _broker_env(settings, monkeypatch)
    return get_user_model().objects.get(username="dhadmin"), env


def _finishes_despite_the_kill(job, env: dict, **slow: str) -> None:
    """``job``, just requested and queued, is done after its cluster is killed mid-job and a
    new one started."""
    from lms.jobs.models import JobStatus

    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED

    def status() -> str:
        return type(job).objects.values_list("status", flat=True).get(pk=job.pk)

    done = _kill_mid_job_and_restart(env, status, **slow)
    job.refresh_from_db()
    assert done, f"the {type(job).__name__} stayed {job.status}"
    assert job.status == JobStatus.DONE, job.error


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_report_completes_after_the_cluster_is_killed_mid_build(monkeypatch, settings):
    from assessments.demo import DEMO_CYCLE_NAME
    from assessments.models import Cycle
    from reports import services

    admin, env = _seeded_admin(settings, monkeypatch)
    report = services.report_request(
        user=admin, kind="renewal", cycle=Cycle.objects.get(name=DEMO_CYCLE_NAME)
    )
    _finishes_despite_the_kill(report, env, FAULT_SLOW_BUILD="120")
    assert report.file and report.done == report.total > 0 and report.attempts >= 2
    with report.file.open("rb") as handle:
        assert handle.read(2) == b"PK"  # an xlsx (zip) file


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_card_batch_completes_after_the_cluster_is_killed_mid_batch(monkeypatch, settings):
    from credentials.batches import card_batch_create

    admin, env = _seeded_admin(settings, monkeypatch)
    batch = card_batch_create(agency=admin.profile.agency, actor=admin)
    _finishes_despite_the_kill(batch, env, FAULT_SLOW_CARDS="120")
    assert batch.done == batch.total > 0 and batch.attempts >= 2
    with batch.pdf_file.open("rb") as handle:
        assert handle.read(4) == b"%PDF"
