"""Art. 20 持证上岗: the person's status follows their credential. Revoking or suspending it takes
them off duty; lifting the suspension, re-issuing or issuing a new one puts them back. Each
change records the credential event and the person's status change (who, when, why), and every
reader — internal roster, public roster, home-page counts — shows the same thing."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from credentials.exceptions import CredentialRefused
from credentials.models import Credential, CredentialStatus
from credentials.services import (
    credential_issue,
    credential_reactivate,
    credential_reissue,
    credential_revoke,
    credential_suspend,
    credentials_expire,
)
from lms.exceptions import TransitionError
from lms.models import AuxiliaryStatus as S
from lms.models import AuxiliaryStatusChange
from lms.services import auxiliary_transition
from tests.credentials.factories import credential, ready_for_credential


@pytest.fixture
def holder(org):
    org.aux_a.status = S.CREDENTIALED
    org.aux_a.work_area = "东湖片区"
    org.aux_a.save()
    org.cred = credential(org.aux_a)
    return org


def _status(aux) -> str:
    aux.refresh_from_db()
    return aux.status


def _last_change(aux) -> AuxiliaryStatusChange:
    return AuxiliaryStatusChange.objects.filter(auxiliary=aux).first()


def test_revoking_takes_the_person_off_duty_and_records_both(holder):
    credential_revoke(credential=holder.cred, actor=holder.admin_a, reason="严重违反工作纪律")
    assert _status(holder.aux_a) == S.SUSPENDED
    change = _last_change(holder.aux_a)
    assert (change.from_status, change.to_status, change.actor) == (
        S.CREDENTIALED, S.SUSPENDED, holder.admin_a,
    )  # fmt: skip
    assert holder.cred.number in change.reason and "严重违反工作纪律" in change.reason
    event = Credential.objects.get(pk=holder.cred.pk).events.first()
    assert (event.to_status, event.actor, event.reason) == (
        CredentialStatus.REVOKED, holder.admin_a, "严重违反工作纪律",
    )  # fmt: skip


def test_suspending_and_lifting_move_the_person_out_and_back(holder):
    credential_suspend(credential=holder.cred, actor=holder.admin_a, reason="接受调查")
    assert _status(holder.aux_a) == S.SUSPENDED
    credential_reactivate(credential=holder.cred, actor=holder.admin_a, reason="调查结束")
    assert _status(holder.aux_a) == S.CREDENTIALED
    changes = list(
        AuxiliaryStatusChange.objects.filter(auxiliary=holder.aux_a)
        .order_by("pk")
        .values_list("from_status", "to_status")
    )
    assert changes == [(S.CREDENTIALED, S.SUSPENDED), (S.SUSPENDED, S.CREDENTIALED)]
    assert "调查结束" in _last_change(holder.aux_a).reason


def test_reissue_of_a_lost_card_keeps_the_person_on_duty_without_a_detour(holder):
    new = credential_reissue(credential=holder.cred, actor=holder.admin_a, reason="遗失补办")
    assert new.status == CredentialStatus.ACTIVE
    assert _status(holder.aux_a) == S.CREDENTIALED
    assert not AuxiliaryStatusChange.objects.filter(auxiliary=holder.aux_a).exists()


def test_reissue_after_a_revocation_puts_the_person_back_on_duty(holder):
    credential_revoke(credential=holder.cred, actor=holder.admin_a, reason="证件管理错误")
    new = credential_reissue(credential=holder.cred, actor=holder.admin_a, reason="更正后重新发证")
    assert new.replaces_id == holder.cred.pk and new.status == CredentialStatus.ACTIVE
    assert Credential.objects.get(pk=holder.cred.pk).status == CredentialStatus.REVOKED
    assert _status(holder.aux_a) == S.CREDENTIALED
    change = _last_change(holder.aux_a)
    assert (change.to_status, change.actor) == (S.CREDENTIALED, holder.admin_a)
    assert new.number in change.reason and "更正后重新发证" in change.reason


def test_a_new_credential_after_a_revocation_puts_the_person_back(holder):
    ready_for_credential(holder.aux_a)
    credential_revoke(credential=holder.cred, actor=holder.admin_a, reason="违纪")
    new = credential_issue(auxiliary=holder.aux_a, actor=holder.admin_a)
    assert new.status == CredentialStatus.ACTIVE
    assert _status(holder.aux_a) == S.CREDENTIALED


def test_expiry_takes_the_person_off_duty(holder):
    Credential.objects.filter(pk=holder.cred.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert credentials_expire() == 1
    assert _status(holder.aux_a) == S.SUSPENDED
    assert _last_change(holder.aux_a).actor is None


def test_returning_to_duty_needs_a_credential_in_force(holder):
    credential_revoke(credential=holder.cred, actor=holder.admin_a, reason="违纪")
    with pytest.raises(TransitionError) as refused:
        auxiliary_transition(
            auxiliary=holder.aux_a, to_status=S.CREDENTIALED, actor=holder.admin_a, reason="复岗"
        )
    assert "Art. 20" in " ".join(refused.value.messages) or "第二十条" in " ".join(
        refused.value.messages
    )
    assert _status(holder.aux_a) == S.SUSPENDED


def test_a_suspended_credential_blocks_a_new_one(holder):
    ready_for_credential(holder.aux_a)
    credential_suspend(credential=holder.cred, actor=holder.admin_a, reason="调查")
    with pytest.raises(CredentialRefused):
        credential_issue(auxiliary=holder.aux_a, actor=holder.admin_a)
    assert _status(holder.aux_a) == S.SUSPENDED


# ------------------------------------------------------------------ every reader


def test_internal_roster_no_longer_lists_the_person_as_credentialed(client, holder):
    credential_revoke(credential=holder.cred, actor=holder.admin_a, reason="违纪")
    client.force_login(holder.admin_a)
    on_duty = client.get("/people/", {"status": S.CREDENTIALED}).content.decode()
    assert "甲一" not in on_duty
    off_duty = client.get("/people/", {"status": S.SUSPENDED}).content.decode()
    assert "甲一" in off_duty


def test_home_page_counts_move_the_person_off_duty(client, holder):
    client.force_login(holder.admin_a)
    before = {s: n for s, _label, n in client.get("/").context["status_counts"]}
    credential_revoke(credential=holder.cred, actor=holder.admin_a, reason="违纪")
    after = {s: n for s, _label, n in client.get("/").context["status_counts"]}
    assert after[S.CREDENTIALED] == before[S.CREDENTIALED] - 1
    assert after[S.SUSPENDED] == before[S.SUSPENDED] + 1


def test_public_roster_drops_a_revoked_credential(client, holder):
    assert holder.cred.number in client.get("/roster/ctya/").content.decode()
    credential_revoke(credential=holder.cred, actor=holder.admin_a, reason="违纪")
    html = client.get("/roster/ctya/").content.decode()
    assert holder.cred.number not in html and "甲一" not in html


def test_public_roster_drops_a_credential_past_its_date_before_the_nightly_job(client, holder):
    Credential.objects.filter(pk=holder.cred.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    html = client.get("/roster/ctya/").content.decode()
    assert holder.cred.number not in html and "甲一" not in html


def test_public_roster_leaves_out_a_person_who_is_off_duty(client, holder):
    # A record from before the rule (credential left active, person suspended).
    type(holder.aux_a).objects.filter(pk=holder.aux_a.pk).update(status=S.SUSPENDED)
    html = client.get("/roster/ctya/").content.decode()
    assert holder.cred.number not in html


# ------------------------------------------------------------------ the revoke page


def test_revoking_asks_for_confirmation_and_says_what_will_happen(client, holder):
    client.force_login(holder.admin_a)
    response = client.post(
        f"/credentials/{holder.cred.pk}/action/", {"action": "revoke", "reason": "严重违纪"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert holder.cred.number in html and "严重违纪" in html
    assert "公示名单" in html and "考核" in html  # leaves the public roster and new cycles
    assert Credential.objects.get(pk=holder.cred.pk).status == CredentialStatus.ACTIVE
    assert _status(holder.aux_a) == S.CREDENTIALED

    response = client.post(
        f"/credentials/{holder.cred.pk}/action/",
        {"action": "revoke", "reason": "严重违纪", "confirmed": "1"},
        follow=True,
    )
    assert Credential.objects.get(pk=holder.cred.pk).status == CredentialStatus.REVOKED
    assert _status(holder.aux_a) == S.SUSPENDED
    assert "严重违纪" in response.content.decode()


def test_the_confirmation_page_keeps_a_missing_reason_an_error(client, holder):
    client.force_login(holder.admin_a)
    response = client.post(
        f"/credentials/{holder.cred.pk}/action/", {"action": "revoke", "reason": ""}, follow=True
    )
    assert response.status_code == 200
    assert Credential.objects.get(pk=holder.cred.pk).status == CredentialStatus.ACTIVE


def test_the_migration_takes_people_left_on_duty_off_it(holder):
    """Records from before the rule: a revoked credential, the person still 持证上岗."""
    import importlib

    from django.apps import apps

    Credential.objects.filter(pk=holder.cred.pk).update(status=CredentialStatus.REVOKED)
    never_held = type(holder.aux_a).objects.get(pk=holder.aux_b.pk)
    never_held.status = S.CREDENTIALED
    never_held.save()
    migration = importlib.import_module(
        "credentials.migrations.0003_off_duty_without_valid_credential"
    )
    migration.off_duty(apps, None)
    assert _status(holder.aux_a) == S.SUSPENDED
    change = _last_change(holder.aux_a)
    assert change.actor is None and holder.cred.number in change.reason
    assert _status(never_held) == S.CREDENTIALED  # imported, no credential: left alone
