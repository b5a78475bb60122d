"""Reminders through django-q2 (sync in tests): the right supervisors get mail and a notice
seven and one day before the due date; the agency admin gets the overdue list."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django_q.models import Schedule
from django_q.tasks import async_task

from assessments.models import Notice
from lms.schedules import registered_schedules_ensure
from tests import factories
from tests.assessments import factories as f

pytestmark = pytest.mark.django_db
DUE = f.DUE


@pytest.fixture
def cycle(org):
    for user, email in [
        (org.supervisor_a, "sup_a@example.cn"),
        (org.admin_a, "adm_a@example.cn"),
        (org.supervisor_b, "sup_b@example.cn"),
    ]:
        user.email = email
        user.save()
    second_sup = factories.make_user("supervisor", org.county_a, username="sup_a2")
    second_sup.email = "sup_a2@example.cn"
    second_sup.save()
    done = factories.AuxiliaryFactory(agency=org.county_a, supervisor=second_sup, name="已交")
    f.credentialed(org.aux_a, org.aux_b, done)
    opened = f.open_cycle(org)
    f.submit(f.assessment_of(opened, done), "8")
    return opened.cycle


def _run(today):
    # The scheduled task, run through the queue (sync in tests), for a given day.
    async_task("assessments.services.reminders_send", today=today)


@pytest.mark.parametrize("days_before", [7, 1])
def test_supervisors_with_open_forms_are_reminded(org, cycle, days_before):
    mail.outbox.clear()
    _run(DUE - datetime.timedelta(days=days_before))
    assert [m.to for m in mail.outbox] == [["sup_a@example.cn"]]
    message = mail.outbox[0]
    assert cycle.name in message.body and org.aux_a.name in message.body
    assert "已交" not in message.body
    notice = Notice.objects.get(user=org.supervisor_a)
    assert notice.url == "/assessments/score/"


def test_no_reminder_on_other_days_and_none_twice(org, cycle):
    mail.outbox.clear()
    _run(DUE - datetime.timedelta(days=3))
    assert mail.outbox == []
    _run(DUE - datetime.timedelta(days=7))
    _run(DUE - datetime.timedelta(days=7))
    assert len(mail.outbox) == 1


def test_the_daily_task_wrapper_sends_for_today(org, cycle, monkeypatch):
    from assessments import tasks

    mail.outbox.clear()
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: DUE - datetime.timedelta(days=1))
    async_task("assessments.tasks.send_reminders")
    assert [m.to for m in mail.outbox] == [["sup_a@example.cn"]]
    assert tasks.send_reminders() == {"supervisors": 0, "admins": 0}  # already sent today


def test_overdue_forms_are_listed_to_the_agency_admin(org, cycle):
    mail.outbox.clear()
    _run(DUE + datetime.timedelta(days=1))
    assert [m.to for m in mail.outbox] == [["adm_a@example.cn"]]
    body = mail.outbox[0].body
    assert org.aux_a.name in body and "sup_a" in body
    assert "已交" not in body
    assert Notice.objects.filter(user=org.admin_a, url=f"/assessments/cycles/{cycle.pk}/").exists()
    _run(DUE + datetime.timedelta(days=1))
    assert len(mail.outbox) == 1  # once a day
    _run(DUE + datetime.timedelta(days=2))
    assert len(mail.outbox) == 2


def test_unread_notices_show_on_the_home_page(client, org, cycle):
    _run(DUE - datetime.timedelta(days=7))
    client.force_login(org.supervisor_a)
    page = client.get("/").content.decode()
    notice = Notice.objects.get(user=org.supervisor_a)
    assert cycle.name in notice.text and notice.text in page
    client.post(f"/assessments/notices/{notice.pk}/read/")
    # The cycle still appears in the forms to score, but the notice is gone.
    assert notice.text not in client.get("/").content.decode()
    # someone else's notice is not theirs to mark
    client.force_login(org.supervisor_b)
    assert client.post(f"/assessments/notices/{notice.pk}/read/").status_code == 404


def test_the_schedule_is_created_once():
    Schedule.objects.filter(name="assessments: reminders").delete()
    registered_schedules_ensure()
    registered_schedules_ensure()
    schedule = Schedule.objects.get(name="assessments: reminders")
    assert timezone.localtime(schedule.next_run).hour == 7  # the start of a working day
    assert schedule.func == "assessments.tasks.send_reminders"
    assert schedule.schedule_type == Schedule.DAILY


def test_reminders_are_written_in_the_platforms_language(org, cycle):
    mail.outbox.clear()
    _run(DUE - datetime.timedelta(days=1))
    assert mail.outbox[0].subject == "考核评分将于 2026-07-15 截止"
    assert "还剩 1 天" in Notice.objects.get(user=org.supervisor_a).text
