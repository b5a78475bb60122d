"""The database is unreachable: requests get a clear 503 (JSON for the exam's autosave, the
Chinese 503 page for pages), never a traceback or a bare 500.

The shared PostgreSQL server is not stopped (other test runs use it): a real gunicorn is
started with DATABASE_URL pointing at a port where nothing listens, which is what the
application sees while PostgreSQL restarts.
"""

from __future__ import annotations

import httpx
import pytest

from tests.faults.servers import free_port, server_env, start_gunicorn, stop


@pytest.fixture
def dead_database_server():
    dead = f"postgres://postgres@127.0.0.1:{free_port()}/lms_unreachable"
    process, port = start_gunicorn(server_env(dead), workers=1)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


def _client(base: str) -> httpx.Client:
    # A session cookie as a logged-in learner's browser would send it: loading the session is
    # the request's first database access.
    token = "a" * 32
    return httpx.Client(
        base_url=base,
        cookies={"sessionid": "x" * 32, "csrftoken": token},
        headers={"X-CSRFToken": token, "Referer": base + "/"},
        timeout=20,
    )


def test_autosave_during_outage_is_a_503_json(dead_database_server):
    with _client(dead_database_server) as client:
        response = client.post(
            "/exams/attempts/1/save/", json={"position": 1, "seq": 1, "selected": ["A"]}
        )
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["ok"] is False
    assert response.json()["error"] == "database_unavailable"
    assert response.headers["Retry-After"]


def test_page_during_outage_is_the_chinese_503_page(dead_database_server):
    with _client(dead_database_server) as client:
        response = client.get("/assessments/score/", headers={"Accept": "text/html"})
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("text/html")
    assert "暂时无法访问" in response.text
    assert "Traceback" not in response.text and "OperationalError" not in response.text


def test_health_check_reports_the_outage_and_the_login_page_still_renders(
    dead_database_server,
):
    with httpx.Client(base_url=dead_database_server, timeout=20) as client:
        health = client.get("/healthz")
        login = client.get("/accounts/login/")
    # Monitoring sees the outage…
    assert health.status_code == 503
    assert health.json()["database"]["ok"] is False
    # …while pages that need no database (an anonymous login form) keep working.
    assert login.status_code == 200
    assert "<form" in login.text
