"""A token's life: created on the tokens page and shown once, stored as a hash, used (last
use recorded), revoked or expired (401 from then on); every write names its token."""

from __future__ import annotations

import datetime
import re

from django.utils import timezone

from api.models import ApiToken, ApiWrite, TokenAccess
from lms.models import AuxiliaryStatusChange
from tests.api.conftest import ApiClient, make_token


def _create_on_page(client, user, **data) -> str:
    client.force_login(user)
    response = client.post(
        "/api/tokens/", {"name": "人事系统同步", "access": "read_write", "days": 30, **data}
    )
    assert response.status_code == 302
    page = client.get("/api/tokens/").content.decode()
    match = re.search(r'data-role="new-token">([^<]+)<', page)
    assert match, "the new token is shown on the page after creating it"
    return match.group(1)


def test_created_on_the_page_shown_once_and_stored_hashed(org, client):
    key = _create_on_page(client, org.admin_a)
    again = client.get("/api/tokens/").content.decode()
    assert key not in again and "人事系统同步" in again
    token = ApiToken.objects.get()
    assert token.created_by == org.admin_a and token.access == TokenAccess.READ_WRITE
    stored = [str(getattr(token, f.attname)) for f in ApiToken._meta.concrete_fields]
    assert not any(key in value for value in stored)
    assert token.prefix in key and key.startswith(token.prefix)
    assert (token.expires_at - timezone.now()).days in (29, 30)


def test_token_works_records_last_use_and_is_revoked_on_the_page(org, client):
    key = _create_on_page(client, org.admin_a)
    api = ApiClient(client, key)
    assert api.get("/people").status_code == 200
    token = ApiToken.objects.get()
    assert token.last_used_at is not None
    page = client.get("/api/tokens/").content.decode()
    assert "最近使用" in page
    response = client.post(f"/api/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    refused = api.get("/people")
    assert refused.status_code == 401
    assert refused.json()["code"] == "token_revoked"
    assert refused.json()["message"] == "此 API 令牌已吊销。"
    assert "已吊销" in client.get("/api/tokens/").content.decode()


def test_expired_token_is_refused(org, api_for, client):
    issued = make_token(org.admin_a)
    ApiToken.objects.filter(pk=issued.token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = ApiClient(client, issued.key).get("/people")
    assert response.status_code == 401
    assert response.json()["code"] == "token_expired"
    assert response.json()["message"] == "此 API 令牌已过期。"


def test_no_token_or_a_wrong_one_is_401_with_the_one_error_shape(org, api_for):
    for api in (api_for(), api_for(key="lmsapi_wrong"), api_for(key="Basic abc")):
        response = api.get("/people")
        assert response.status_code == 401
        body = response.json()
        assert body["code"] == "unauthorized" and "令牌" in body["message"]
        assert response["WWW-Authenticate"] == "Bearer"


def test_another_agencys_admin_cannot_see_or_revoke_the_token(org, client):
    issued = make_token(org.admin_a)
    client.force_login(org.admin_b)
    assert issued.token.name not in client.get("/api/tokens/").content.decode()
    assert client.post(f"/api/tokens/{issued.token.pk}/revoke/").status_code == 404
    issued.token.refresh_from_db()
    assert issued.token.revoked_at is None


def test_only_admins_may_open_the_tokens_page(org, client):
    for user in (org.learner_a, org.supervisor_a, org.oversight):
        client.force_login(user)
        assert client.get("/api/tokens/").status_code == 403
    client.force_login(org.admin_a)
    page = client.get("/").content.decode()
    assert 'href="/api/tokens/"' in page


def test_read_only_token_cannot_write(org, api_for):
    api = api_for(org.admin_a, access=TokenAccess.READ)
    response = api.post(
        f"/people/{org.aux_a.pk}/status", {"to_status": "departed", "reason": "离职"}
    )
    assert response.status_code == 403
    assert response.json()["message"] == "此 API 令牌为只读，不能修改数据。"
    org.aux_a.refresh_from_db()
    assert org.aux_a.status == "in_training"


def test_every_write_is_recorded_with_the_tokens_name(org, client):
    issued = make_token(org.admin_a)
    api = ApiClient(client, issued.key)
    response = api.post(
        f"/people/{org.aux_a.pk}/status", {"to_status": "departed", "reason": "合同期满"}
    )
    assert response.status_code == 200 and response.json()["status"] == "departed"
    write = ApiWrite.objects.get()
    assert write.token_name == issued.token.name and write.actor == org.admin_a
    change = AuxiliaryStatusChange.objects.filter(auxiliary=org.aux_a).first()
    assert change.actor == org.admin_a
    assert issued.token.name in change.reason and "合同期满" in change.reason
    client.force_login(org.admin_a)
    assert "最近通过 API 的写入" in client.get("/api/tokens/").content.decode()


def test_a_refused_status_change_is_400_and_writes_nothing(org, api_for):
    api = api_for(org.admin_a)
    response = api.post(f"/people/{org.aux_a.pk}/status", {"to_status": "candidate", "reason": "x"})
    assert response.status_code == 400
    assert response.json()["code"] == "refused" and "不能" in response.json()["message"]
    assert not ApiWrite.objects.exists()


def test_requests_beyond_the_limit_are_429(org, api_for, settings):
    settings.API_RATE_LIMIT = 3
    api = api_for(org.admin_a)
    answers = [api.get("/agencies").status_code for _ in range(5)]
    assert answers == [200, 200, 200, 429, 429]
    limited = api.get("/agencies")
    assert limited.json()["code"] == "rate_limited" and limited["Retry-After"]
