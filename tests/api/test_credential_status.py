"""Suspend, reactivate and revoke a work credential through the API: the page's rules, the
holder follows, the change is recorded with the token's name and the events go out."""

from __future__ import annotations

import pytest

from api.models import ApiWrite, OutboxEvent
from credentials.models import CredentialStatus
from lms.models import AuxiliaryStatus
from tests.credentials.factories import credential


@pytest.fixture
def cred(org):
    # The holder of an active credential is credentialed (on duty).
    org.aux_a.status = AuxiliaryStatus.CREDENTIALED
    org.aux_a.save(update_fields=["status"])
    return credential(org.aux_a)


def test_suspend_then_reactivate(org, cred, api_for):
    api = api_for(org.admin_a)
    response = api.post(
        f"/credentials/{cred.pk}/status", {"action": "suspend", "reason": "涉嫌违纪，停岗调查"}
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "suspended"
    assert "涉嫌违纪，停岗调查" in body["events"][0]["reason"]
    assert "同步" in body["events"][0]["reason"]  # the token's name
    org.aux_a.refresh_from_db()
    assert org.aux_a.status == AuxiliaryStatus.SUSPENDED
    assert OutboxEvent.objects.filter(event_type="credential.suspended").exists()
    assert ApiWrite.objects.filter(operation="credential_status").count() == 1

    back = api.post(
        f"/credentials/{cred.pk}/status", {"action": "reactivate", "reason": "查无问题"}
    )
    assert back.status_code == 200 and back.json()["status"] == "active"
    org.aux_a.refresh_from_db()
    assert org.aux_a.status == AuxiliaryStatus.CREDENTIALED


def test_a_refused_change_is_a_400_and_changes_nothing(org, cred, api_for):
    api = api_for(org.admin_a)
    response = api.post(f"/credentials/{cred.pk}/status", {"action": "reactivate", "reason": "x"})
    assert response.status_code == 400
    assert response.json()["code"] == "refused" and "不能" in response.json()["message"]
    cred.refresh_from_db()
    assert cred.status == CredentialStatus.ACTIVE
    assert not ApiWrite.objects.exists()


def test_revoke_is_final_and_sends_the_event(org, cred, api_for):
    api = api_for(org.admin_a)
    response = api.post(f"/credentials/{cred.pk}/status", {"action": "revoke", "reason": "辞退"})
    assert response.status_code == 200 and response.json()["status"] == "revoked"
    assert OutboxEvent.objects.filter(event_type="credential.revoked").exists()
    again = api.post(f"/credentials/{cred.pk}/status", {"action": "suspend", "reason": "x"})
    assert again.status_code == 400


def test_an_empty_reason_is_a_field_error(org, cred, api_for):
    response = api_for(org.admin_a).post(
        f"/credentials/{cred.pk}/status", {"action": "suspend", "reason": ""}
    )
    assert response.status_code == 400 and "body.payload.reason" in str(response.json()["fields"])
