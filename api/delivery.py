"""Sending the outbox: each delivery is POSTed, signed, until its receiver answers 2xx, with
backoff between tries. A sender claims a delivery before sending it, so two workers never send
it at once, and a worker killed mid-send only delays it until the claim runs out (delivery is
at least once: receivers tell repeats apart by the X-LMS-Delivery header)."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import secrets
import urllib.error
import urllib.request

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_q.tasks import async_task

from api.addresses import address_refusal
from api.models import Delivery, DeliveryStatus, OutboxEvent

TIMEOUT_SECONDS = 10
CLAIM = datetime.timedelta(seconds=TIMEOUT_SECONDS * 6)
MAX_ATTEMPTS = 15  # 30 s doubling, capped at 6 h: about two days of trying
BACKOFF_CAP = datetime.timedelta(hours=6)


def new_secret() -> str:
    return secrets.token_hex(32)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """HMAC-SHA256 over "<timestamp>.<body>": a receiver recomputes it with its secret and
    refuses old timestamps, so a captured delivery cannot be replayed later."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def backoff(attempts: int) -> datetime.timedelta:
    return min(datetime.timedelta(seconds=30 * 2 ** max(attempts - 1, 0)), BACKOFF_CAP)


def deliveries_enqueue() -> None:
    async_task("api.tasks.deliveries_send", task_name="webhook-deliveries")


def _claim(limit: int) -> list[Delivery]:
    now = timezone.now()
    with transaction.atomic():
        due = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        Delivery.objects.filter(pk__in=due).update(next_attempt_at=now + CLAIM)
    return list(
        Delivery.objects.filter(pk__in=due).select_related("event", "endpoint").order_by("pk")
    )


def delivery_send(delivery: Delivery) -> bool:
    body = json.dumps({"id": delivery.pk, **delivery.event.payload}, ensure_ascii=False).encode()
    timestamp = str(int(timezone.now().timestamp()))
    request = urllib.request.Request(
        delivery.endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "lms-webhooks/1",
            "X-LMS-Event": delivery.event.event_type,
            "X-LMS-Delivery": str(delivery.pk),
            "X-LMS-Timestamp": timestamp,
            "X-LMS-Signature": signature(delivery.endpoint.secret, timestamp, body),
        },
    )
    code, error = None, address_refusal(delivery.endpoint.url) or ""
    try:
        if not error:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                code = response.status
    except urllib.error.HTTPError as exc:
        code, error = exc.code, f"HTTP {exc.code}"
    except (OSError, ValueError) as exc:  # refused, timed out, DNS, a bad URL
        error = str(exc)[:500] or exc.__class__.__name__
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_status_code = code
    if code is not None and 200 <= code < 300:
        delivery.status, delivery.delivered_at, delivery.last_error = (
            DeliveryStatus.DELIVERED, now, ""
        )  # fmt: skip
    else:
        delivery.last_error = error or f"HTTP {code}"
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = now + backoff(delivery.attempts)
    delivery.save(
        update_fields=[
            "attempts", "last_status_code", "status", "delivered_at", "last_error",
            "next_attempt_at",
        ]
    )  # fmt: skip
    return delivery.status == DeliveryStatus.DELIVERED


def deliveries_send(*, limit: int = 200) -> int:
    """Send what is due; the number delivered. Run after each change and every minute."""
    return sum(delivery_send(delivery) for delivery in _claim(limit))


@transaction.atomic
def delivery_resend(*, delivery: Delivery) -> Delivery:
    """Send again now (after a receiver was fixed), whatever happened before."""
    delivery.status = DeliveryStatus.PENDING
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "next_attempt_at"])
    transaction.on_commit(deliveries_enqueue)
    return delivery


# Events deleted per statement. QuerySet.delete() cascades with "event_id IN (every row)", one
# parameter a row, and PostgreSQL with server-side binding refuses more than 65,535 of them: a
# day of mass credential expiry (one event per credential) would make every later purge fail.
PURGE_CHUNK = 5000


def outbox_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the events older than ``WEBHOOK_KEEP_DAYS`` that every receiver has (or that
    no endpoint wanted), with their deliveries; the number of events deleted. An event still
    waiting or given up on stays, however old, with its page and its resend button: it has not
    reached the system it was meant for."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.WEBHOOK_KEEP_DAYS)
    unsent = Delivery.objects.filter(event=OuterRef("pk")).exclude(status=DeliveryStatus.DELIVERED)
    old = OutboxEvent.objects.filter(created_at__lt=cutoff).exclude(Exists(unsent))
    deleted = 0
    while True:
        # One transaction a chunk, not one for the lot: a purge stopped by the task timeout
        # keeps what it did, so a large backlog still shrinks night after night.
        with transaction.atomic():
            pks = list(old.order_by("pk").values_list("pk", flat=True)[:PURGE_CHUNK])
            if not pks:
                return deleted
            # The filter is applied again, so an event whose delivery was resent meanwhile stays.
            _total, by_model = old.filter(pk__in=pks).delete()
        deleted += by_model.get(OutboxEvent._meta.label, 0)
