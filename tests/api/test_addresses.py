"""Webhooks are sent only to public addresses or to networks the operator allows: an agency
admin cannot make the server call its own database host or a metadata address."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from api.addresses import address_refusal
from api.models import WebhookEndpoint
from api.webhooks import endpoint_create

pytestmark = pytest.mark.django_db


@override_settings(WEBHOOK_ALLOWED_NETWORKS=[])
@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:5432/",
        "http://localhost/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/hook",
        "http://[::1]/hook",
        "ftp://203.0.113.9/hook",
    ],
)
def test_internal_addresses_are_refused(url):
    assert address_refusal(url)


@override_settings(WEBHOOK_ALLOWED_NETWORKS=[])
def test_a_public_address_is_accepted():
    assert address_refusal("https://8.8.8.8/hook") is None


@override_settings(WEBHOOK_ALLOWED_NETWORKS=["10.0.0.0/8"])
def test_the_operator_allows_an_intranet_network():
    assert address_refusal("http://10.1.2.3/hook") is None
    assert address_refusal("http://192.168.1.5/hook")


@override_settings(WEBHOOK_ALLOWED_NETWORKS=[])
def test_the_page_refuses_an_internal_endpoint_with_the_reason_and_keeps_the_form(client, org):
    client.force_login(org.admin_a)
    response = client.post(
        reverse("api:webhooks"),
        {
            "agency": org.county_a.pk,
            "url": "http://127.0.0.1:5432/",
            "event_types": ["exam.passed"],
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "127.0.0.1" in text and "WEBHOOK_ALLOWED_NETWORKS" in text
    assert not WebhookEndpoint.objects.exists()
    with pytest.raises(ValidationError):
        endpoint_create(
            actor=org.admin_a,
            agency=org.county_a,
            url="http://169.254.169.254/",
            event_types=["exam.passed"],
        )


def test_a_delivery_is_not_sent_once_its_address_is_internal(org):
    from api.delivery import delivery_send
    from api.events import event_record

    endpoint_create(
        actor=org.admin_a,
        agency=org.county_a,
        url="http://127.0.0.1:9/hook",
        event_types=["exam.passed"],
    )
    delivery = event_record(
        key="k1", event_type="exam.passed", agency=org.county_a, payload={}
    ).deliveries.get()
    with override_settings(WEBHOOK_ALLOWED_NETWORKS=[]):
        assert delivery_send(delivery) is False
    delivery.refresh_from_db()
    assert "127.0.0.1" in delivery.last_error and delivery.last_status_code is None
