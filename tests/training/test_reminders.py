"""People behind on the year's training hours: their 待办 and their agency admin's say so with
the hours done and required, and the daily task reminds each of them once per checkpoint."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal as D

import pytest
from django.core import mail
from django.utils import timezone

from lms.schedules import schedule_specs
from tests.training.factories import give_hours
from training import reminders, tasks
from training.hours import Standing, is_behind
from training.models import HoursReminder
from training.services import requirement_set

pytestmark = pytest.mark.django_db

OCTOBER = datetime.date(2026, 10, 1)


def test_behind_is_below_a_steady_pace_or_short_in_december():
    twelve = Standing(D("12"), D("24"), {})
    assert not is_behind(twelve, datetime.date(2026, 6, 1))  # 24 × 152/365 ≈ 10
    assert is_behind(twelve, OCTOBER)  # ≈ 18 by then
    almost = Standing(D("23"), D("24"), {})
    assert not is_behind(almost, datetime.date(2026, 11, 30))
    assert is_behind(almost, datetime.date(2026, 12, 1))
    assert not is_behind(Standing(D("24"), D("24"), {}), datetime.date(2026, 12, 31))


@pytest.fixture
def behind(org, monkeypatch):
    """County A's 甲一 has 12 of the city's 24 hours on 1 October; county B's 乙一 has all."""
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: OCTOBER)
    for aux in (org.aux_a, org.aux_b):
        aux.status = "credentialed"
        aux.save(update_fields=["status"])
    requirement_set(actor=org.city_admin, agency=org.city, total_hours=D("24"), minimums={})
    give_hours(org.aux_a, 12, day=datetime.date(2026, 3, 1))
    give_hours(org.aux_b, 24, day=datetime.date(2026, 3, 1))
    return org


def _todo(client, user) -> str:
    client.force_login(user)
    html = client.get("/").content.decode()
    match = re.search(r'<section class="card todo".*?</section>', html, re.S)
    return match.group(0) if match else ""


def test_the_learner_behind_and_their_agency_admin_see_it_in_their_todo(client, behind):
    org = behind
    mine = _todo(client, org.learner_a)
    assert "本年度学时 12 / 24 学时" in mine and "本年度还差 12 学时" in mine
    assert 'href="/training/' in mine
    admin = _todo(client, org.admin_a)
    assert "1 人本年度学时进度落后" in admin and "甲一 12 / 24 学时" in admin
    # 乙一 is on track, and county B's admin has nobody behind.
    assert "本年度学时" not in _todo(client, org.learner_b)
    assert "进度落后" not in _todo(client, org.admin_b)


def test_the_daily_task_reminds_each_person_once_per_checkpoint(behind):
    org = behind
    org.learner_a.email = "jia1@example.org"
    org.learner_a.save()
    org.admin_a.email = "admin_a@example.org"
    org.admin_a.save()
    sent = reminders.hours_reminders_send(today=datetime.date(2026, 10, 3))
    assert sent == {"people": 1, "admins": 1}
    record = HoursReminder.objects.get()
    assert (record.auxiliary, record.checkpoint, record.done, record.required) == (
        org.aux_a, OCTOBER, D("12"), D("24"),
    )  # fmt: skip
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "12" in bodies["jia1@example.org"] and "24" in bodies["jia1@example.org"]
    assert "甲一: 12 / 24" in bodies["admin_a@example.org"]
    # The next day's run, and a rerun the same day, send nothing more.
    assert reminders.hours_reminders_send(today=datetime.date(2026, 10, 4)) == {
        "people": 0, "admins": 0,
    }  # fmt: skip
    assert len(mail.outbox) == 2
    # The December checkpoint reminds again.
    assert reminders.hours_reminders_send(today=datetime.date(2026, 12, 1))["people"] == 1
    assert HoursReminder.objects.count() == 2


def test_the_reminders_are_a_daily_schedule():
    spec = next(s for s in schedule_specs() if s.func == "training.tasks.send_hours_reminders")
    assert spec.daily_at == datetime.time(7, 30)
    assert spec.func_callable() is tasks.send_hours_reminders
