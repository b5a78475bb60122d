"""`kill -9` of one gunicorn worker while learners autosave: no acknowledged answer is lost and
the server keeps serving (the master replaces the worker)."""

from __future__ import annotations

import os
import signal
import time

import httpx
import pytest
from django.db import connection

from tests.faults.servers import database_url, server_env, start_gunicorn, stop, worker_pids

LEARNERS = 20
ANSWERS = 12
THINK = 0.25


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sigkill_of_a_worker_mid_load_loses_no_acknowledged_answer():
    from bench import exam as bench_exam
    from bench import loadgen

    sessions = bench_exam._seed_learners(LEARNERS)
    env = server_env(database_url(connection.settings_dict))
    server, port = start_gunicorn(env, workers=3)
    base = f"http://127.0.0.1:{port}"
    killed: list[int] = []

    def kill_one_worker():
        pids = worker_pids(server.pid)
        assert len(pids) == 3
        os.kill(pids[0], signal.SIGKILL)
        killed.append(pids[0])

    try:
        stats, acknowledged, _seconds = loadgen.run(
            bench_exam._drive(
                port, sessions, bench_exam.AnswerPattern(THINK, ANSWERS), False, kill_one_worker
            )
        )
        # The master notices the dead worker and starts a new one; the site keeps answering.
        deadline = time.time() + 15
        while time.time() < deadline and len(worker_pids(server.pid)) < 3:
            time.sleep(0.2)
        replacements = worker_pids(server.pid)
        with httpx.Client(base_url=base, timeout=10) as client:
            statuses = [client.get("/accounts/login/").status_code for _ in range(6)]
        alive = server.poll() is None
    finally:
        stop(server)

    assert killed and killed[0] not in replacements
    assert len(replacements) == 3
    assert alive and statuses == [200] * 6
    # Every learner started and saved: the load really ran across the kill.
    assert len(stats.latencies.get("start", [])) == LEARNERS
    assert len(stats.latencies.get("submit", [])) == LEARNERS
    assert len(acknowledged) >= LEARNERS * min(ANSWERS, 10) * 0.9
    assert bench_exam._lost_answers(acknowledged) == 0
    # Connection resets while the worker died are retried by the client, as the exam page
    # does; no request may have been answered with a server error.
    assert not [kind for kind in stats.errors if kind.endswith(":500")], stats.errors
