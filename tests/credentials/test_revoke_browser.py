"""On a phone, an admin revoking a credential is told what will happen before it does: the
person leaves duty and the public roster, and new assessment cycles leave them out."""

from __future__ import annotations

import pytest

from credentials.models import Credential, CredentialStatus
from lms.models import AuxiliaryStatus
from tests.browser import login
from tests.credentials.factories import credential
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_revoking_is_confirmed_with_its_consequences(live_server, phone, org, tmp_path):
    org.aux_a.status = AuxiliaryStatus.CREDENTIALED
    org.aux_a.save()
    held = credential(org.aux_a)
    page = phone
    login(page, live_server.url, org.admin_a.username, PASSWORD)
    page.goto(f"{live_server.url}/credentials/{held.pk}/")
    page.select_option("select[name=action]", "revoke")
    page.fill("textarea[name=reason]", "严重违反工作纪律")
    page.click("form[action$='/action/'] button[type=submit]")

    page.wait_for_selector(".confirm")
    text = page.inner_text("main")
    assert "严重违反工作纪律" in text and held.number in text
    assert "公示名单" in text and "考核周期" in text and "暂停" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path="/tmp/status-revoke-confirm-phone.png", full_page=True)
    assert Credential.objects.get(pk=held.pk).status == CredentialStatus.ACTIVE

    page.get_by_role("button", name="确认吊销").click()
    page.wait_for_url(f"{live_server.url}/credentials/{held.pk}/")
    assert Credential.objects.get(pk=held.pk).status == CredentialStatus.REVOKED
    org.aux_a.refresh_from_db()
    assert org.aux_a.status == AuxiliaryStatus.SUSPENDED
    page.screenshot(path="/tmp/status-revoked-phone.png", full_page=True)
