"""Real server processes on 127.0.0.1 for the fault tests: gunicorn (the launcher `bench exam`
uses too) and qcluster."""

from __future__ import annotations

import os

from bench.servers import BASE_DIR, free_port, start_gunicorn, stop, wait_for_port, worker_pids

__all__ = [
    "BASE_DIR", "database_url", "free_port", "server_env", "start_gunicorn", "stop",
    "wait_for_port", "worker_pids",
]  # fmt: skip


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL for a subprocess, pointing at the test database this process uses."""
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = settings_dict.get("USER") or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings_dict['NAME']}"


def server_env(database: str, **extra: str) -> dict:
    from django.conf import settings

    return {
        **os.environ,
        # Test settings: plain static storage (no collectstatic), fast hashers; DEBUG off so
        # that an error would be a real error page, not a technical one.
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DEBUG": "0",
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database,
        "LOG_LEVEL": "ERROR",
        "DJANGO_ALLOW_ASYNC_UNSAFE": "",
        **extra,
    }
