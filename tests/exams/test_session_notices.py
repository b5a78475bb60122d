"""The candidates' notices of a session, sent by the scheduled task: enrolled (time, place, what
to bring), moved, the reminder 24 hours before and the cancellation; in the learner's 待办 until
they open the session's page, and mailed when they have an address; each sent once, whatever
how often or how many times at once the task runs."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from exams.sessions import notices, services, tasks
from exams.sessions.models import CandidateNotice, NoticeKind, SessionCandidate
from lms.schedules import schedule_specs
from tests.exams.session_helpers import eligible_learner, make_session
from tests.exams.test_session_concurrency import run_together

pytestmark = pytest.mark.django_db

DAYS_AHEAD = datetime.timedelta(days=3)


@pytest.fixture
def enrolled(exam_setup, django_capture_on_commit_callbacks):
    """A session three days ahead with two candidates: learner A (with an e-mail address) and
    甲二 (none)."""
    s = exam_setup
    s.org.learner_a.email = "jia1@example.cn"
    s.org.learner_a.save(update_fields=["email"])
    s.other = eligible_learner(s.org.county_a, s.course, name="甲二")
    s.other.user.email = ""
    s.other.user.save(update_fields=["email"])
    s.session = make_session(
        org=s.org, exam=s.exam, starts_in=DAYS_AHEAD, what_to_bring="身份证、黑色签字笔"
    )
    services.session_enrol(
        session=s.session, actor=s.org.admin_a, auxiliaries=[s.org.aux_a, s.other]
    )
    return s


def _confirm(s, capture):
    with capture(execute=True):
        services.session_confirm(session=s.session, actor=s.org.admin_a)
    s.session.refresh_from_db()


def _kinds() -> list[tuple[str, str]]:
    return sorted(
        CandidateNotice.objects.values_list("candidate__auxiliary__name", "kind").order_by()
    )


def test_nobody_is_told_of_a_draft(enrolled):
    assert notices.notices_send()[NoticeKind.ENROLLED] == 0
    assert not mail.outbox


def test_enrolment_notice_names_time_place_and_what_to_bring_and_goes_once(
    enrolled, django_capture_on_commit_callbacks
):
    s = enrolled
    _confirm(s, django_capture_on_commit_callbacks)
    assert notices.notices_send()[NoticeKind.ENROLLED] == 2
    assert _kinds() == [("甲一", "enrolled"), ("甲二", "enrolled")]
    assert len(mail.outbox) == 1  # 甲二 has no address: the 待办 only
    message = mail.outbox[0]
    assert message.to == ["jia1@example.cn"]
    start = timezone.localtime(s.session.starts_at)
    assert s.session.title in message.subject and "考试通知" in message.subject
    assert f"{start.year}年{start.month}月{start.day}日 {start:%H:%M} 开考" in message.body
    assert "县执法局三楼会议室" in message.body and "请携带：身份证、黑色签字笔" in message.body
    assert reverse("exams:sessions:room", args=[s.session.pk]) in message.body
    notice = CandidateNotice.objects.get(candidate__auxiliary=s.org.aux_a)
    assert notice.emailed_at is not None and notice.email == "jia1@example.cn"
    # The next runs send nothing more.
    assert sum(notices.notices_send().values()) == 0
    assert sum(tasks.send_session_notices().values()) == 0
    assert len(mail.outbox) == 1


def test_the_notice_is_in_the_learners_to_do_until_they_open_the_session(
    client, enrolled, django_capture_on_commit_callbacks
):
    s = enrolled
    _confirm(s, django_capture_on_commit_callbacks)
    notices.notices_send()
    client.force_login(s.org.learner_a)
    home = client.get("/").content.decode()
    assert "已报名考试场次：" + s.session.title in home
    assert "请携带：身份证、黑色签字笔" in home
    client.get(reverse("exams:sessions:room", args=[s.session.pk]))
    home = client.get("/").content.decode()
    assert "已报名考试场次：" not in home
    assert s.session.title in home  # still in the sessions panel, with time and place


def test_the_reminder_goes_24_hours_before_and_only_once(
    enrolled, django_capture_on_commit_callbacks
):
    s = enrolled
    _confirm(s, django_capture_on_commit_callbacks)
    start = s.session.starts_at
    notices.notices_send(now=start - datetime.timedelta(hours=49))
    assert notices.notices_send(now=start - datetime.timedelta(hours=25))["reminder"] == 0
    mail.outbox.clear()
    assert notices.notices_send(now=start - datetime.timedelta(hours=23))["reminder"] == 2
    assert notices.notices_send(now=start - datetime.timedelta(hours=22))["reminder"] == 0
    assert notices.notices_send(now=start - datetime.timedelta(hours=1))["reminder"] == 0
    assert len(mail.outbox) == 1
    assert "考试提醒" in mail.outbox[0].subject and "24小时内开考" in mail.outbox[0].body


def test_someone_enrolled_within_24_hours_gets_one_notice_not_two(
    exam_setup, django_capture_on_commit_callbacks
):
    s = exam_setup
    session = make_session(org=s.org, exam=s.exam, starts_in=datetime.timedelta(hours=5))
    services.session_enrol(session=session, actor=s.org.admin_a, auxiliaries=[s.org.aux_a])
    with django_capture_on_commit_callbacks(execute=True):
        services.session_confirm(session=session, actor=s.org.admin_a)
    sent = notices.notices_send()
    assert (sent["enrolled"], sent["reminder"]) == (1, 0)
    assert sum(notices.notices_send().values()) == 0


def test_a_move_tells_the_new_time_and_the_reminder_follows_the_new_start(
    enrolled, django_capture_on_commit_callbacks
):
    s = enrolled
    _confirm(s, django_capture_on_commit_callbacks)
    notices.notices_send()
    old_start = s.session.starts_at
    new_start = old_start + datetime.timedelta(days=2)
    services.session_reschedule(
        session=s.session, actor=s.org.admin_a, starts_at=new_start, reason="考场冲突"
    )
    mail.outbox.clear()
    assert notices.notices_send()["moved"] == 2
    local = timezone.localtime(new_start)
    assert "已改期" in mail.outbox[0].body
    assert f"{local.year}年{local.month}月{local.day}日 {local:%H:%M} 开考" in mail.outbox[0].body
    # No reminder 24 h before the old start; one 24 h before the new one.
    assert notices.notices_send(now=old_start - datetime.timedelta(hours=1))["reminder"] == 0
    assert notices.notices_send(now=new_start - datetime.timedelta(hours=23))["reminder"] == 2


def test_a_cancellation_is_mailed_once_with_the_reason(
    enrolled, django_capture_on_commit_callbacks
):
    s = enrolled
    _confirm(s, django_capture_on_commit_callbacks)
    notices.notices_send()
    services.session_cancel(session=s.session, actor=s.org.admin_a, reason="考场停电检修")
    mail.outbox.clear()
    assert notices.notices_send()["cancelled"] == 2
    assert notices.notices_send()["cancelled"] == 0
    assert len(mail.outbox) == 1
    assert "已取消" in mail.outbox[0].subject and "考场停电检修" in mail.outbox[0].body
    # Nor any reminder for the cancelled session.
    start = s.session.starts_at
    assert notices.notices_send(now=start - datetime.timedelta(hours=2))["reminder"] == 0


def test_the_schedule_is_declared_and_points_at_the_task():
    spec = next(spec for spec in schedule_specs() if spec.name == "exams: session notices")
    assert spec.func_callable() is tasks.send_session_notices
    assert spec.minutes == 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_running_at_once_send_each_notice_once(exam_setup):
    s = exam_setup
    people = [s.org.aux_a] + [eligible_learner(s.org.county_a, s.course) for _ in range(5)]
    for person in people:
        person.user.email = f"{person.user.username}@example.cn"
        person.user.save(update_fields=["email"])
    session = make_session(org=s.org, exam=s.exam, starts_in=DAYS_AHEAD)
    services.session_enrol(session=session, actor=s.org.admin_a, auxiliaries=people)
    services.session_confirm(session=session, actor=s.org.admin_a)
    results, errors = run_together([notices.notices_send] * 4)
    assert not errors
    assert sum(r["enrolled"] for r in results) == len(people)
    assert CandidateNotice.objects.count() == len(people)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.user.email for p in people)
    assert SessionCandidate.objects.filter(session=session).count() == len(people)
