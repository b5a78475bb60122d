"""Demo credentials (seed step 40). Demo people are credentialed without sitting the exam, so
this is the one caller of the gate-free ``_credential_create`` besides the services."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from credentials.models import Credential, CredentialStatus
from credentials.offboarding import checklist_open
from credentials.services import _credential_create, _set_status
from lms.models import Auxiliary, AuxiliaryStatus

S = AuxiliaryStatus


@transaction.atomic
def seed_credentials(stdout=None) -> None:
    today = timezone.localdate()
    people = Auxiliary.objects.filter(
        status__in=[S.CREDENTIALED, S.SUSPENDED, S.DEPARTED, S.DISMISSED]
    ).select_related("agency")
    created = 0
    for aux in people.order_by("pk"):
        if Credential.objects.filter(auxiliary=aux).exists():
            continue
        issued_on = max(aux.contract_start, today - datetime.timedelta(days=120))
        valid_until = max(aux.contract_end, today + datetime.timedelta(days=1))
        credential = _credential_create(
            auxiliary=aux, valid_until=valid_until, issued_on=issued_on, reason="演示数据"
        )
        if aux.status == S.SUSPENDED:
            _set_status(
                credential=credential,
                to_status=CredentialStatus.SUSPENDED,
                actor=None,
                reason="演示数据：暂停履职",
            )
        elif aux.status in (S.DEPARTED, S.DISMISSED):
            _set_status(
                credential=credential,
                to_status=CredentialStatus.REVOKED,
                actor=None,
                reason="演示数据：离职收回",
            )
            checklist_open(auxiliary=aux, credential=credential, reason="演示数据：离职收回")
        created += 1
    # One credential close to its end, so the "expiring soon" panel has something to show.
    first = Credential.objects.filter(status=CredentialStatus.ACTIVE).order_by("pk").first()
    if created and first is not None:
        Credential.objects.filter(pk=first.pk).update(
            valid_until=today + datetime.timedelta(days=20)
        )
    if stdout and created:
        stdout.write(f"  工作证：新发 {created} 张")
