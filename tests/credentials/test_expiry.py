"""The scheduled job: expire credentials past valid-until, warn agency admins 30 days before."""

from __future__ import annotations

import datetime

from django.core import mail
from django.utils import timezone
from django_q.models import Schedule

from credentials import tasks
from credentials.models import Credential, CredentialStatus
from credentials.services import credentials_expire, expiry_warnings_send
from credentials.wagtail_hooks import DAILY
from lms.schedules import registered_schedules_ensure
from tests import factories
from tests.credentials.factories import credential

TODAY = datetime.date(2026, 11, 27)


def _cred(aux, valid_until):
    cred = credential(aux, valid_until=TODAY + datetime.timedelta(days=400))
    Credential.objects.filter(pk=cred.pk).update(valid_until=valid_until)
    cred.refresh_from_db()
    return cred


def test_expires_past_valid_until_only(org):
    past = _cred(org.aux_a, TODAY - datetime.timedelta(days=1))
    last_day = _cred(org.aux_b, TODAY)
    assert credentials_expire(today=TODAY) == 1
    past.refresh_from_db()
    last_day.refresh_from_db()
    assert past.status == CredentialStatus.EXPIRED and last_day.status == CredentialStatus.ACTIVE
    event = past.events.first()
    assert event.actor is None and event.to_status == "expired" and "届满" in event.reason
    assert credentials_expire(today=TODAY) == 0  # idempotent


def test_warns_agency_admins_thirty_days_before_once(org):
    org.admin_a.email = "a@example.gov.cn"
    org.admin_a.save()
    soon = _cred(org.aux_a, TODAY + datetime.timedelta(days=30))
    later = _cred(
        factories.AuxiliaryFactory(agency=org.county_a), TODAY + datetime.timedelta(days=31)
    )
    assert expiry_warnings_send(today=TODAY) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["a@example.gov.cn"]
    assert "甲县执法局" in message.subject and "30 天内到期" in message.subject
    assert soon.number in message.body and "甲一" in message.body
    assert later.number not in message.body
    assert expiry_warnings_send(today=TODAY) == 0  # not twice
    # The next day only the newcomer to the 30-day window is announced.
    assert expiry_warnings_send(today=TODAY + datetime.timedelta(days=1)) == 1
    assert later.number in mail.outbox[1].body and soon.number not in mail.outbox[1].body


def test_warning_marks_exactly_the_credentials_it_announced(org):
    # County A's admin has an address, county B (and the city above it) none: B's credential
    # stays unmarked so that it is announced once someone can receive it.
    org.admin_a.email = "a@example.gov.cn"
    org.admin_a.save()
    a_soon = [
        _cred(factories.AuxiliaryFactory(agency=org.county_a), TODAY + datetime.timedelta(days=d))
        for d in (0, 12, 30)
    ]
    a_later = _cred(org.aux_a, TODAY + datetime.timedelta(days=31))
    b_soon = _cred(org.aux_b, TODAY + datetime.timedelta(days=3))
    a_suspended = _cred(
        factories.AuxiliaryFactory(agency=org.county_a), TODAY + datetime.timedelta(days=3)
    )
    Credential.objects.filter(pk=a_suspended.pk).update(status=CredentialStatus.SUSPENDED)
    assert expiry_warnings_send(today=TODAY) == 1
    assert all(c.number in mail.outbox[0].body for c in a_soon)
    warned = dict(Credential.objects.values_list("pk", "expiry_warned_for"))
    assert {pk for pk, on in warned.items() if on} == {c.pk for c in a_soon}
    assert all(warned[c.pk] == c.valid_until for c in a_soon)
    assert warned[a_later.pk] is warned[b_soon.pk] is warned[a_suspended.pk] is None


def test_warning_goes_up_a_level_when_the_agency_has_no_admin_email(org):
    org.city_admin.email = "city@example.gov.cn"
    org.city_admin.save()
    _cred(org.aux_b, TODAY + datetime.timedelta(days=5))
    assert expiry_warnings_send(today=TODAY) == 1
    assert mail.outbox[0].to == ["city@example.gov.cn"]


def test_daily_task_runs_both(org, monkeypatch):
    _cred(org.aux_a, timezone.localdate() - datetime.timedelta(days=2))
    result = tasks.credentials_daily()
    assert result["expired"] == 1


def test_schedule_exists_once(db):
    registered_schedules_ensure()
    registered_schedules_ensure()
    schedule = Schedule.objects.get(name=DAILY.name)
    assert schedule.func == "credentials.tasks.credentials_daily"
    assert schedule.schedule_type == Schedule.DAILY


def test_old_card_batches_are_purged_with_their_files(org):
    from django.core.files.base import ContentFile

    from credentials.models import CardBatch
    from credentials.services import card_batches_purge

    old = CardBatch.objects.create(agency=org.county_a, status="done")
    old.zip_file.save("old.zip", ContentFile(b"PK"), save=True)
    name, storage = old.zip_file.name, old.zip_file.storage
    CardBatch.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    recent = CardBatch.objects.create(agency=org.county_a, status="done")
    assert card_batches_purge() == 1
    assert list(CardBatch.objects.all()) == [recent]
    assert not storage.exists(name)
