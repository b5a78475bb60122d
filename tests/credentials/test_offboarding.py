"""Art. 23: leaving revokes the credential and opens a return checklist; suspension suspends it;
the end of a suspension reactivates it. All through the one status-change service."""

from __future__ import annotations

import pytest

from credentials.exceptions import CredentialRefused
from credentials.models import (
    Credential,
    CredentialStatus,
    ReturnChecklist,
    ReturnItemKind,
    ReturnItemState,
)
from credentials.offboarding import return_item_mark
from lms.models import AuxiliaryStatus
from lms.services import auxiliary_transition
from tests.credentials.factories import credential


@pytest.mark.parametrize("to_status", [AuxiliaryStatus.DEPARTED, AuxiliaryStatus.DISMISSED])
def test_leaving_revokes_and_opens_the_return_checklist(holder, to_status):
    auxiliary_transition(
        auxiliary=holder.aux_a, to_status=to_status, actor=holder.admin_a, reason="合同期满离职"
    )
    cred = Credential.objects.get(pk=holder.cred.pk)
    assert cred.status == CredentialStatus.REVOKED
    event = cred.events.first()
    assert event.actor == holder.admin_a and "合同期满离职" in event.reason
    assert (event.from_status, event.to_status) == ("active", "revoked")
    checklist = ReturnChecklist.objects.get(auxiliary=holder.aux_a)
    assert checklist.is_open and checklist.credential == cred
    assert sorted(checklist.items.values_list("kind", flat=True)) == sorted(ReturnItemKind.values)


def test_checklist_closes_when_everything_is_returned_or_written_off(holder):
    auxiliary_transition(
        auxiliary=holder.aux_a, to_status="departed", actor=holder.admin_a, reason="离职"
    )
    checklist = ReturnChecklist.objects.get(auxiliary=holder.aux_a)
    items = {item.kind: item for item in checklist.items.all()}
    with pytest.raises(CredentialRefused):  # writing off needs a reason
        return_item_mark(
            item=items["badge"], state=ReturnItemState.WRITTEN_OFF, actor=holder.admin_a
        )
    for kind in ("card", "uniform", "equipment"):
        return_item_mark(item=items[kind], state=ReturnItemState.RETURNED, actor=holder.admin_a)
    checklist.refresh_from_db()
    assert checklist.is_open
    return_item_mark(
        item=items["badge"], state=ReturnItemState.WRITTEN_OFF, actor=holder.admin_a, note="遗失"
    )
    checklist.refresh_from_db()
    assert not checklist.is_open
    badge = checklist.items.get(kind="badge")
    assert (badge.done_by, badge.note) == (holder.admin_a, "遗失") and badge.done_at
    with pytest.raises(CredentialRefused):
        return_item_mark(item=badge, state=ReturnItemState.RETURNED, actor=holder.admin_a)


def test_suspension_suspends_and_its_end_reactivates(holder):
    aux = holder.aux_a
    auxiliary_transition(auxiliary=aux, to_status="suspended", actor=holder.admin_a, reason="调查")
    assert Credential.objects.get(pk=holder.cred.pk).status == CredentialStatus.SUSPENDED
    assert not ReturnChecklist.objects.exists()
    auxiliary_transition(
        auxiliary=aux, to_status="credentialed", actor=holder.admin_a, reason="恢复"
    )
    cred = Credential.objects.get(pk=holder.cred.pk)
    assert cred.status == CredentialStatus.ACTIVE
    assert [e.to_status for e in cred.events.order_by("pk")] == ["active", "suspended", "active"]


def test_leaving_while_suspended_revokes(holder):
    aux = holder.aux_a
    auxiliary_transition(auxiliary=aux, to_status="suspended", actor=holder.admin_a, reason="调查")
    auxiliary_transition(auxiliary=aux, to_status="dismissed", actor=holder.admin_a, reason="解聘")
    assert Credential.objects.get(pk=holder.cred.pk).status == CredentialStatus.REVOKED
    assert ReturnChecklist.objects.filter(auxiliary=aux).count() == 1


def test_leaving_during_training_has_nothing_to_revoke(org):
    auxiliary_transition(
        auxiliary=org.aux_b, to_status="departed", actor=org.admin_b, reason="离职"
    )
    assert not ReturnChecklist.objects.exists()


# ---------------------------------------------------------------- the admin's checklist page


def test_admin_ticks_items_on_the_checklist_page(client, holder):
    auxiliary_transition(
        auxiliary=holder.aux_a, to_status="departed", actor=holder.admin_a, reason="离职"
    )
    checklist = ReturnChecklist.objects.get()
    client.force_login(holder.admin_a)
    page = client.get("/credentials/returns/").content.decode()
    assert "甲一" in page
    url = f"/credentials/returns/{checklist.pk}/"
    html = client.get(url).content.decode()
    assert "制服" in html and "待交还" in html
    items = {item.kind: item for item in checklist.items.all()}
    for kind, item in items.items():
        data = {f"item{item.pk}-state": "returned"}
        if kind == "equipment":
            data = {f"item{item.pk}-state": "written_off", f"item{item.pk}-note": "对讲机已损坏"}
        client.post(f"/credentials/returns/items/{item.pk}/", data)
    checklist.refresh_from_db()
    assert not checklist.is_open
    html = client.get(url).content.decode()
    assert "已完结" in html and "对讲机已损坏" in html and "admin_a" in html


def test_checklist_is_scoped(client, holder):
    auxiliary_transition(
        auxiliary=holder.aux_a, to_status="departed", actor=holder.admin_a, reason="离职"
    )
    checklist = ReturnChecklist.objects.get()
    item = checklist.items.first()
    client.force_login(holder.admin_b)
    assert client.get(f"/credentials/returns/{checklist.pk}/").status_code == 404
    assert (
        client.post(
            f"/credentials/returns/items/{item.pk}/", {f"item{item.pk}-state": "returned"}
        ).status_code
        == 404
    )
    client.force_login(holder.oversight)  # reads, never ticks
    assert client.get(f"/credentials/returns/{checklist.pk}/").status_code == 200
    assert client.post(f"/credentials/returns/items/{item.pk}/").status_code == 403
    item.refresh_from_db()
    assert item.state == ReturnItemState.PENDING


def test_checklist_pages_have_bounded_queries(client, org, django_assert_max_num_queries):
    from tests import factories

    for _ in range(4):
        aux = factories.AuxiliaryFactory(agency=org.county_a, status=AuxiliaryStatus.CREDENTIALED)
        credential(aux)
        auxiliary_transition(auxiliary=aux, to_status="departed", actor=org.admin_a, reason="离职")
    client.force_login(org.admin_a)
    with django_assert_max_num_queries(10):
        assert client.get("/credentials/returns/").status_code == 200
    checklist = ReturnChecklist.objects.first()
    with django_assert_max_num_queries(12):
        assert client.get(f"/credentials/returns/{checklist.pk}/").status_code == 200
