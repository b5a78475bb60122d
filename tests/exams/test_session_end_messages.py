"""When a proctor ends a candidate's exam for misconduct, everyone is told what happened: the
proctor that the exam was ended (not a bare 已完成), the learner on the result page and on a
late save that the proctor ended it and why (it read 你已于 … 交卷, as if they had handed it
in), and staff on the attempt's page."""

from __future__ import annotations

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from exams.models import Attempt
from exams.sessions.models import ExamSession, SessionCandidate
from tests.exams.session_helpers import confirmed_session

pytestmark = pytest.mark.django_db

REASON = "考试中翻看手机资料"


@pytest.fixture
def ended(client, exam_setup, django_capture_on_commit_callbacks):
    """Learner A's paper opened in a session that has started; the proctor ends it."""
    s = exam_setup
    session = confirmed_session(
        org=s.org,
        exam=s.exam,
        people=[s.org.aux_a],
        capture=django_capture_on_commit_callbacks,
        proctors=[s.org.supervisor_a],
    )
    start = timezone.now() - datetime.timedelta(seconds=1)
    ExamSession.objects.filter(pk=session.pk).update(
        starts_at=start,
        check_in_at=start - datetime.timedelta(minutes=30),
        late_cutoff_at=start + datetime.timedelta(minutes=15),
        ends_at=start + s.exam.time_limit,
    )
    client.force_login(s.org.learner_a)
    client.post(reverse("exams:sessions:room_open", args=[session.pk]), {"device": "d1"})
    s.attempt = Attempt.objects.get(auxiliary=s.org.aux_a)
    candidate = SessionCandidate.objects.get(session=session, auxiliary=s.org.aux_a)
    client.force_login(s.org.supervisor_a)
    url = reverse("exams:sessions:candidate_action", args=[session.pk, candidate.pk, "end"])
    s.proctor_page = client.post(url, {"reason": REASON}, follow=True).content.decode()
    s.attempt.refresh_from_db()
    return s


def test_the_proctor_is_told_the_exam_was_ended(ended):
    assert "已因违纪终止 甲一 的作答" in ended.proctor_page
    assert "已完成：" not in ended.proctor_page


def test_the_learner_reads_that_the_proctor_ended_it_and_why(client, ended):
    client.force_login(ended.org.learner_a)
    html = client.get(reverse("exams:result", args=[ended.attempt.pk])).content.decode()
    assert "监考员于" in html and "因违纪终止了你的作答" in html and REASON in html
    assert "交卷。" not in html
    key = ended.attempt.questions.get(position=1).snapshot["choices"][0]["key"]
    reply = client.post(
        reverse("exams:save", args=[ended.attempt.pk]),
        data=json.dumps({"position": 1, "selected": [key], "seq": 99}),
        content_type="application/json",
    )
    assert reply.status_code == 409
    data = reply.json()
    assert "监考员" in data["error"] and REASON in data["error"] and "未能保存" in data["error"]
    assert data["closed_by"] == "proctor"


def test_staff_see_the_ending_on_the_attempt(client, ended):
    client.force_login(ended.org.admin_a)
    html = client.get(
        reverse("exams:staff_attempt_detail", args=[ended.attempt.pk])
    ).content.decode()
    assert "因违纪终止作答" in html and REASON in html
