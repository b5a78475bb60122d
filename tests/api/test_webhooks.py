"""Events to agencies' systems: written to the outbox with the change, posted signed to a real
receiver on 127.0.0.1 that fails and then recovers, never lost, resent from the page."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.utils import timezone

from api import delivery as sender
from api.models import Delivery, DeliveryStatus, EventType, OutboxEvent, WebhookEndpoint
from api.webhooks import endpoint_create
from credentials.services import credential_revoke
from lms.services import auxiliary_transition
from tests.credentials.factories import credential


class Receiver:
    """An HTTP server on 127.0.0.1 answering each POST with the next of ``answers`` (then 200),
    keeping what it received."""

    def __init__(self, answers=()):
        self.answers = list(answers)
        self.received: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                headers = {name.lower(): value for name, value in self.headers.items()}
                receiver.received.append({"headers": headers, "body": body})
                code = receiver.answers.pop(0) if receiver.answers else 200
                self.send_response(code)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


def _endpoint(org, url, types=tuple(EventType.values)) -> WebhookEndpoint:
    return endpoint_create(actor=org.admin_a, agency=org.county_a, url=url, event_types=types)


def _due_now():
    Delivery.objects.update(next_attempt_at=timezone.now())


def test_a_status_change_is_delivered_signed(org, receiver, django_capture_on_commit_callbacks):
    endpoint = _endpoint(org, receiver.url)
    with django_capture_on_commit_callbacks(execute=True):
        auxiliary_transition(
            auxiliary=org.aux_a, to_status="departed", actor=org.admin_a, reason="合同期满"
        )
    assert len(receiver.received) == 1  # sent as soon as the change committed
    got = receiver.received[0]
    headers, body = got["headers"], got["body"]
    assert headers["x-lms-event"] == "person.status_changed"
    expected = hmac.new(
        endpoint.secret.encode(), headers["x-lms-timestamp"].encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    assert headers["x-lms-signature"] == f"sha256={expected}"
    payload = json.loads(body)
    assert payload["type"] == "person.status_changed" and payload["to_status"] == "departed"
    assert payload["person"] == {"id": org.aux_a.pk, "agency": "CTYA", "name": "甲一"}
    assert "id_number" not in body.decode()
    assert Delivery.objects.get().status == DeliveryStatus.DELIVERED


def test_a_failing_receiver_gets_it_again_with_backoff_until_it_recovers(org):
    receiver = Receiver(answers=[500, 503])
    try:
        _endpoint(org, receiver.url)
        auxiliary_transition(auxiliary=org.aux_a, to_status="departed", actor=None, reason="离职")
        assert sender.deliveries_send() == 0
        delivery = Delivery.objects.get()
        assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 1
        assert delivery.last_status_code == 500 and delivery.last_error == "HTTP 500"
        wait = delivery.next_attempt_at - timezone.now()
        assert datetime.timedelta(seconds=20) < wait <= datetime.timedelta(seconds=30)
        assert sender.deliveries_send() == 0  # not due yet: nothing is sent
        _due_now()
        assert sender.deliveries_send() == 0
        delivery.refresh_from_db()
        wait = delivery.next_attempt_at - timezone.now()
        assert datetime.timedelta(seconds=50) < wait <= datetime.timedelta(seconds=60)
        _due_now()
        assert sender.deliveries_send() == 1
        delivery.refresh_from_db()
        assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 3
        ids = {json.loads(r["body"])["id"] for r in receiver.received}
        assert ids == {delivery.pk} and len(receiver.received) == 3
    finally:
        receiver.close()


def test_a_receiver_that_is_down_loses_nothing(org, receiver):
    down = Receiver()
    url = down.url
    down.close()  # nothing listens there now
    _endpoint(org, url)
    auxiliary_transition(auxiliary=org.aux_a, to_status="departed", actor=None, reason="离职")
    assert sender.deliveries_send() == 0
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING and "refused" in delivery.last_error.lower()
    # The system moves to a working address; the next due send reaches it.
    WebhookEndpoint.objects.update(url=receiver.url)
    _due_now()
    assert sender.deliveries_send() == 1
    assert len(receiver.received) == 1


def test_a_worker_killed_mid_send_leaves_the_delivery_to_be_sent_again(org, receiver):
    _endpoint(org, receiver.url)
    auxiliary_transition(auxiliary=org.aux_a, to_status="departed", actor=None, reason="离职")
    claimed = sender._claim(10)  # a worker took it … and died before sending
    assert [d.pk for d in claimed] == [Delivery.objects.get().pk]
    assert sender.deliveries_send() == 0  # claimed: no second worker sends it meanwhile
    Delivery.objects.update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))
    assert sender.deliveries_send() == 1  # the claim ran out: the schedule sends it
    assert len(receiver.received) == 1


def test_no_event_for_a_change_that_rolled_back(org, receiver):
    _endpoint(org, receiver.url)
    with pytest.raises(RuntimeError), transaction.atomic():
        auxiliary_transition(auxiliary=org.aux_a, to_status="departed", actor=None, reason="x")
        raise RuntimeError
    assert not OutboxEvent.objects.exists() and not Delivery.objects.exists()


def test_credential_events_reach_only_endpoints_that_want_them(org, receiver):
    _endpoint(org, receiver.url, types=[EventType.CREDENTIAL_REVOKED])
    other = endpoint_create(
        actor=org.admin_b, agency=org.county_b, url=receiver.url,
        event_types=[EventType.CREDENTIAL_REVOKED],
    )  # fmt: skip
    cred = credential(org.aux_a)
    credential_revoke(credential=cred, actor=org.admin_a, reason="离职")
    types = set(OutboxEvent.objects.values_list("event_type", flat=True))
    assert {"credential.issued", "credential.revoked"} <= types
    deliveries = list(Delivery.objects.select_related("event"))
    assert [d.event.event_type for d in deliveries] == ["credential.revoked"]
    assert deliveries[0].endpoint != other  # county B's system hears nothing of county A


def test_the_page_shows_failures_and_sends_again(org, client, receiver):
    receiver.answers = [500]
    _endpoint(org, receiver.url)
    auxiliary_transition(auxiliary=org.aux_a, to_status="departed", actor=None, reason="离职")
    sender.deliveries_send()
    delivery = Delivery.objects.get()
    client.force_login(org.admin_a)
    page = client.get("/api/webhooks/").content.decode()
    assert f'data-delivery="{delivery.pk}"' in page and "HTTP 500" in page
    response = client.post(f"/api/webhooks/deliveries/{delivery.pk}/resend/")
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING and delivery.next_attempt_at <= timezone.now()
    sender.deliveries_send()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    client.force_login(org.admin_b)
    assert f'data-delivery="{delivery.pk}"' not in client.get("/api/webhooks/").content.decode()
    assert client.post(f"/api/webhooks/deliveries/{delivery.pk}/resend/").status_code == 404


def test_registering_an_endpoint_shows_its_secret_once(org, client):
    client.force_login(org.admin_a)
    response = client.post(
        "/api/webhooks/",
        {"agency": org.county_a.pk, "url": "https://127.0.0.1:8443/hook",
         "event_types": ["credential.issued", "exam.passed"]},
    )  # fmt: skip
    assert response.status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.event_types == ["credential.issued", "exam.passed"]
    assert endpoint.secret in client.get("/api/webhooks/").content.decode()
    assert endpoint.secret not in client.get("/api/webhooks/").content.decode()
    other = client.post(
        "/api/webhooks/",
        {
            "agency": org.county_b.pk,
            "url": "https://127.0.0.1:8443/",
            "event_types": ["exam.passed"],
        },
    )
    assert other.status_code == 200 and WebhookEndpoint.objects.count() == 1
