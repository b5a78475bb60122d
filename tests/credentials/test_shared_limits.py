"""The limits that protect public pages hold across server processes: requests answered by
another process (here a separate `manage.py shell`, as a second gunicorn worker would be)
count against the same budget as this process's."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core.cache import caches

from credentials.models import RateLimitCounter

WINDOW = 600
UNKNOWN = "CTYA-2026-000001-X"


def _database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _in_another_process(code: str, **env: str) -> str:
    """Run Django code in a new process on the test database; its stdout."""
    full_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": _database_url(),
        "DEBUG": "1",
        "VERIFY_RATE_LIMIT": "5",
        "VERIFY_RATE_WINDOW": str(WINDOW),
        **env,
    }
    if "REDIS_URL" not in env:
        full_env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=settings.BASE_DIR,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


GET_FIVE_TIMES = (
    "from django.test import Client\n"
    "c = Client(HTTP_HOST='127.0.0.1')\n"
    f"print(','.join(str(c.get('/verify/{UNKNOWN}/').status_code) for _ in range(5)))\n"
)


def _not_near_a_window_end():
    # Both processes must count in the same fixed window: start well inside one.
    left = WINDOW - time.time() % WINDOW
    if left < 30:
        time.sleep(left + 1)


@pytest.fixture
def limits(settings):
    settings.CREDENTIALS_VERIFY_RATE_LIMIT = 5
    settings.CREDENTIALS_VERIFY_RATE_WINDOW = WINDOW
    return settings


def test_verify_budget_is_shared_by_processes_without_redis(transactional_db, limits, client):
    assert settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")
    _not_near_a_window_end()
    assert _in_another_process(GET_FIVE_TIMES).strip() == "404,404,404,404,404"
    # The sixth look-up from the same address, answered by this process, is refused.
    response = client.get(f"/verify/{UNKNOWN}/")
    assert response.status_code == 429
    assert response["Retry-After"] == str(WINDOW)
    # Another address still has its own budget.
    assert client.get(f"/verify/{UNKNOWN}/", REMOTE_ADDR="10.1.2.3").status_code == 404
    assert RateLimitCounter.objects.get(key__endswith=":127.0.0.1").count == 6


def test_concurrent_counting_loses_no_request(transactional_db, limits):
    """Two processes counting at once: every request is counted exactly once."""
    _not_near_a_window_end()
    code = (
        "from django.test import RequestFactory\n"
        "from credentials.ratelimit import limit_exceeded\n"
        "r = RequestFactory().get('/')\n"
        "for _ in range(40): limit_exceeded(r, bucket='race', limit=1000)\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.test",
        "DATABASE_URL": _database_url(),
        "DEBUG": "1",
        "VERIFY_RATE_WINDOW": str(WINDOW),
    }
    env.pop("REDIS_URL", None)
    runs = [
        subprocess.Popen(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
            cwd=settings.BASE_DIR,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for run in runs:
        _out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    assert RateLimitCounter.objects.get(key="ratelimit:race:127.0.0.1").count == 80


def _redis_url() -> str | None:
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception:
        return None
    return url


def test_verify_budget_is_shared_through_redis(db, limits, client):
    url = _redis_url()
    if url is None:
        pytest.skip("no Redis server")
    limits.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    }
    caches["default"].clear()
    _not_near_a_window_end()
    try:
        out = _in_another_process(
            "from django.conf import settings\n"
            "settings.CACHES['default'] = {'BACKEND': "
            "'django.core.cache.backends.redis.RedisCache', 'LOCATION': "
            + repr(url)
            + "}\n"
            + GET_FIVE_TIMES
        )
        assert out.strip() == "404,404,404,404,404"
        assert client.get(f"/verify/{UNKNOWN}/").status_code == 429
        assert not RateLimitCounter.objects.exists()  # counted in Redis, not the database
    finally:
        caches["default"].clear()


def test_failed_logins_in_another_process_lock_the_login_here(
    transactional_db, client, django_user_model
):
    django_user_model.objects.create_user("walker", password="Testpass123")
    _in_another_process(
        "from django.test import Client\n"
        "c = Client(HTTP_HOST='127.0.0.1')\n"
        "for _ in range(5):\n"
        "    c.post('/accounts/login/', {'username': 'walker', 'password': 'wrong'})\n"
    )
    response = client.post("/accounts/login/", {"username": "walker", "password": "Testpass123"})
    assert response.status_code in {403, 429}
    assert "登录失败次数过多" in response.content.decode()
