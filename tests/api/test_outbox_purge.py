"""The outbox does not grow forever: delivered events past WEBHOOK_KEEP_DAYS are purged
nightly; an event that has not reached its receiver stays, however old."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from api.delivery import outbox_purge
from api.events import event_record
from api.models import Delivery, DeliveryStatus, EventType, OutboxEvent
from api.webhooks import endpoint_create


@pytest.fixture
def endpoint(org):
    return endpoint_create(
        actor=org.admin_a, agency=org.county_a, url="http://127.0.0.1:9/hook",
        event_types=[EventType.PERSON_STATUS_CHANGED],
    )  # fmt: skip


def _event(org, key: str, *, days_old: int, status: str | None):
    event = event_record(
        key=key, event_type=EventType.PERSON_STATUS_CHANGED, agency=org.county_a,
        payload={"n": key},
    )  # fmt: skip
    OutboxEvent.objects.filter(pk=event.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_old)
    )
    if status is not None:
        Delivery.objects.filter(event=event).update(status=status)
    return event


def test_only_old_delivered_events_go(org, endpoint, settings):
    settings.WEBHOOK_KEEP_DAYS = 90
    old_delivered = _event(org, "a", days_old=91, status=DeliveryStatus.DELIVERED)
    old_failed = _event(org, "b", days_old=400, status=DeliveryStatus.FAILED)
    old_pending = _event(org, "c", days_old=120, status=DeliveryStatus.PENDING)
    recent = _event(org, "d", days_old=10, status=DeliveryStatus.DELIVERED)

    assert outbox_purge() == 1
    left = set(OutboxEvent.objects.values_list("key", flat=True))
    assert left == {"b", "c", "d"}
    assert not Delivery.objects.filter(event_id=old_delivered.pk).exists()
    # What was never delivered is still on the deliveries page, to be sent again.
    assert Delivery.objects.filter(event=old_failed).get().status == DeliveryStatus.FAILED
    assert Delivery.objects.filter(event=old_pending).exists()
    assert Delivery.objects.filter(event=recent).exists()


def test_an_old_event_no_endpoint_wanted_goes(org, settings):
    settings.WEBHOOK_KEEP_DAYS = 30
    _event(org, "lonely", days_old=31, status=None)
    assert outbox_purge() == 1 and not OutboxEvent.objects.exists()


@pytest.mark.postgres
def test_a_mass_expiry_backlog_is_purged_whole(org, endpoint, settings):
    # 70,000 events would bind 70,000 ids in one cascading DELETE, past PostgreSQL's 65,535
    # parameters with server-side binding; the purge still removes them all, and keeps an old
    # event whose delivery is still waiting.
    settings.WEBHOOK_KEEP_DAYS = 30
    events = OutboxEvent.objects.bulk_create(
        [
            OutboxEvent(
                key=f"credential:{n}",
                event_type=EventType.PERSON_STATUS_CHANGED,
                agency=org.county_a,
                payload={"n": n},
            )
            for n in range(70_001)
        ],
        batch_size=5000,
    )
    OutboxEvent.objects.update(created_at=timezone.now() - datetime.timedelta(days=31))
    now = timezone.now()
    Delivery.objects.bulk_create(
        [
            Delivery(
                event=event,
                endpoint=endpoint,
                next_attempt_at=now,
                status=DeliveryStatus.PENDING if n == 0 else DeliveryStatus.DELIVERED,
            )
            for n, event in enumerate(events[:20_000])
        ],
        batch_size=5000,
    )

    assert outbox_purge() == 70_000
    assert list(OutboxEvent.objects.values_list("key", flat=True)) == ["credential:0"]
    assert Delivery.objects.get().status == DeliveryStatus.PENDING
    assert outbox_purge() == 0
