"""The qcluster is killed (SIGKILL of its whole process group) while a renewal report is being
built. After a restart the ORM broker hands the unacknowledged task out again once its lock
expires (Q_CLUSTER["retry"]), and the report completes: the person who asked gets the file.
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


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_report_completes_after_the_cluster_is_killed_mid_build(monkeypatch, settings):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django_q.conf import Conf

    from assessments.demo import DEMO_CYCLE_NAME
    from assessments.models import Cycle
    from reports import services
    from reports.models import ReportFile, ReportStatus

    call_command("seed_demo", stdout=open("/dev/null", "w"))
    # The test settings run tasks inline; here the task must go through the broker.
    monkeypatch.setattr(Conf, "SYNC", False)
    admin = get_user_model().objects.get(username="dhadmin")
    report = services.report_request(
        user=admin, kind="renewal", cycle=Cycle.objects.get(name=DEMO_CYCLE_NAME)
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.QUEUED

    env = server_env(
        database_url(connection.settings_dict),
        DJANGO_SETTINGS_MODULE="tests.faults.qcluster_settings",
        # Where this test reads the finished file from.
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
    )

    def status() -> str:
        return ReportFile.objects.values_list("status", flat=True).get(pk=report.pk)

    first = _qcluster(env, FAULT_SLOW_BUILD="120")
    try:
        assert _wait_for(lambda: status() == ReportStatus.RUNNING, 40), "never started"
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        stop(first)
    time.sleep(1)
    assert status() == ReportStatus.RUNNING  # stale: nobody is building it any more

    second = _qcluster(env)
    try:
        done = _wait_for(lambda: status() in (ReportStatus.DONE, ReportStatus.FAILED), 45)
    finally:
        stop(second)
    report.refresh_from_db()
    assert done, f"the report stayed {report.status}"
    assert report.status == ReportStatus.DONE, report.error
    assert report.file and report.rows_written == report.rows_total > 0
    with report.file.open("rb") as handle:
        assert handle.read(2) == b"PK"  # an xlsx (zip) file
