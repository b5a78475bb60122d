"""A fixed-window request counter per client IP in Django's cache, so the public register
cannot be enumerated by trying numbers."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    # Behind a reverse proxy REMOTE_ADDR is the proxy; the operator opts in to trusting the
    # last X-Forwarded-For hop (the one the proxy itself appended).
    if getattr(settings, "CREDENTIALS_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def limit_exceeded(request, *, bucket: str, limit: int, window: int = 60) -> bool:
    """Count this request; True when the client made more than ``limit`` in the window."""
    slot = int(time.time() // window)
    key = f"ratelimit:{bucket}:{client_ip(request)}:{slot}"
    if cache.add(key, 1, timeout=window + 5):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window + 5)
        return False
    return count > limit


def verify_limit() -> int:
    return int(getattr(settings, "CREDENTIALS_VERIFY_RATE_LIMIT", 30))
