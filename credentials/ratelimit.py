"""A fixed-window request counter per client IP, so the public register cannot be enumerated
by trying numbers.

The count must be one count for the whole site, however many server processes answer: a
per-process store (Django's LocMemCache) lets a client multiply the limit by the number of
workers. So the counter lives in Redis when the cache is Redis (its INCR is atomic), and in
the database otherwise, one row per client, bucket and window, incremented by a single
INSERT … ON CONFLICT DO UPDATE statement.
"""

from __future__ import annotations

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router

from credentials.models import RateLimitCounter

# Cache backends whose incr() is one atomic operation on a store every process shares.
_SHARED_CACHES = (
    "django.core.cache.backends.redis.RedisCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.memcached.PyLibMCCache",
)


def client_ip(request) -> str:
    # Behind a reverse proxy REMOTE_ADDR is the proxy; the operator opts in to trusting the
    # last X-Forwarded-For hop (the one the proxy itself appended).
    if getattr(settings, "CREDENTIALS_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()[:64]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def uses_shared_cache() -> bool:
    return settings.CACHES["default"]["BACKEND"] in _SHARED_CACHES


def limit_exceeded(request, *, bucket: str, limit: int, window: int | None = None) -> bool:
    """Count this request; True when the client made more than ``limit`` in the window."""
    window = window or verify_window()
    now = int(time.time())
    window_end = (now // window + 1) * window
    key = f"ratelimit:{bucket}:{client_ip(request)}"
    if uses_shared_cache():
        count = _count_in_cache(f"{key}:{window_end}", ttl=window_end - now + 5)
    else:
        count = _count_in_database(key, window_end=window_end, now=now)
    return count > limit


def _count_in_cache(key: str, *, ttl: int) -> int:
    if cache.add(key, 1, timeout=ttl):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=ttl)
        return 1


def _count_in_database(key: str, *, window_end: int, now: int) -> int:
    alias = router.db_for_write(RateLimitCounter)
    with connections[alias].cursor() as cursor:
        cursor.execute(_upsert_sql(alias), [key, window_end])
        count = cursor.fetchone()[0]
    if count == 1:
        # A client's first request in a window: a good moment to drop windows that closed,
        # so the table holds about one row per recent client and bucket.
        RateLimitCounter.objects.using(alias).filter(window_end__lt=now).delete()
    return count


@functools.cache
def _upsert_sql(alias: str) -> str:
    """One statement, atomic on PostgreSQL and SQLite (>= 3.35): concurrent requests of one
    client each get their own, increasing count."""
    quote = connections[alias].ops.quote_name
    meta = RateLimitCounter._meta
    table = quote(meta.db_table)
    key, end, count = (quote(meta.get_field(f).column) for f in ("key", "window_end", "count"))
    return (
        f"INSERT INTO {table} ({key}, {end}, {count}) VALUES (%s, %s, 1) "
        f"ON CONFLICT ({key}, {end}) DO UPDATE SET {count} = {table}.{count} + 1 "
        f"RETURNING {count}"
    )


def verify_limit() -> int:
    return int(getattr(settings, "CREDENTIALS_VERIFY_RATE_LIMIT", 30))


def verify_window() -> int:
    return int(getattr(settings, "CREDENTIALS_VERIFY_RATE_WINDOW", 60))
