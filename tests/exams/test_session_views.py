"""Exam session pages: the admin's form and enrolment, the candidate's waiting room and its
status/open endpoints, the proctor's live view and actions, the report, the home page — and
scoping: a proctor sees only their sessions, a candidate only their own."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from exams.models import Attempt
from exams.sessions import services
from exams.sessions.models import ExamSession, ProctorAction, SessionCandidate
from tests import factories
from tests.exams.session_helpers import starts_in

pytestmark = pytest.mark.django_db


def _start_now(session: ExamSession, *, ago=datetime.timedelta(seconds=1)) -> None:
    """Move the session so that it started ``ago``."""
    starts_in(session, -ago)


def test_the_form_keeps_what_was_typed_and_lists_errors_at_the_top(client, exam_setup):
    s = exam_setup
    client.force_login(s.org.admin_a)
    start = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    late = (timezone.localtime() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("exams:sessions:new"),
        {
            "exam": s.exam.pk,
            "agency": s.org.county_a.pk,
            "title": "十二月第一场",
            "venue": "三楼会议室",
            "starts_at": start,
            "check_in_at": late,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in html and "签到必须在开考前开始" in html
    assert f'value="{start}"' in html and 'value="十二月第一场"' in html
    assert not ExamSession.objects.exists()


def test_creating_a_session_then_enrolling_by_agency_lists_who_is_not_eligible(
    client, exam_setup, django_capture_on_commit_callbacks
):
    s = exam_setup
    factories.make_learner(s.org.county_a, name="没学完")
    client.force_login(s.org.admin_a)
    start = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("exams:sessions:new"),
        {"exam": s.exam.pk, "agency": s.org.county_a.pk, "title": "第一场", "venue": "会议室",
         "starts_at": start, "proctors": [s.org.supervisor_a.pk]},
    )  # fmt: skip
    session = ExamSession.objects.get()
    assert response["Location"] == reverse("exams:sessions:enrol", args=[session.pk])
    assert session.check_in_at == session.starts_at - datetime.timedelta(minutes=30)
    url = reverse("exams:sessions:enrol", args=[session.pk])
    form = {"mode": "agency", "agency": s.org.county_a.pk, "subordinates": "on"}
    preview = client.post(url, {**form, "action": "preview"}).content.decode()
    assert "没学完" in preview and "学完课程的全部课时" in preview
    assert not session.candidates.exists()
    response = client.post(url, {**form, "action": "enrol"})
    assert response.status_code == 302
    assert list(session.candidates.values_list("auxiliary__name", flat=True)) == ["甲一"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("exams:sessions:confirm", args=[session.pk]))
    assert session.candidates.get().drawn_at is not None


def test_the_waiting_room_shows_the_person_the_countdown_and_the_rules(client, sitting):
    client.force_login(sitting.org.learner_a)
    html = client.get(reverse("exams:sessions:room", args=[sitting.session.pk])).content.decode()
    assert "甲一" in html and "距开考还有" in html and "无需刷新页面" in html
    assert 'data-state="early"' in html or 'data-state="waiting"' in html
    status = client.get(reverse("exams:sessions:room_status", args=[sitting.session.pk])).json()
    assert status["state"] in ("early", "waiting") and status["starts_in_ms"] > 0
    refused = client.post(reverse("exams:sessions:room_open", args=[sitting.session.pk]))
    assert refused.status_code == 409 and refused.json()["code"] == "waiting"
    assert not Attempt.objects.filter(auxiliary=sitting.org.aux_a).exists()


def test_at_the_start_the_paper_opens_and_is_the_normal_exam_page(client, sitting):
    _start_now(sitting.session)
    client.force_login(sitting.org.learner_a)
    opened = client.post(
        reverse("exams:sessions:room_open", args=[sitting.session.pk]), {"device": "d1"}
    ).json()
    attempt = Attempt.objects.get(auxiliary=sitting.org.aux_a)
    assert opened["attempt_url"] == reverse("exams:attempt", args=[attempt.pk])
    page = client.get(opened["attempt_url"])
    assert page.status_code == 200 and 'id="exam"' in page.content.decode()
    status = client.get(reverse("exams:sessions:room_status", args=[sitting.session.pk])).json()
    assert status["state"] == "in_exam" and 0 < status["remaining"] <= 3600


def test_after_the_cutoff_the_room_says_the_door_is_closed(client, sitting):
    _start_now(sitting.session, ago=datetime.timedelta(minutes=16))
    client.force_login(sitting.org.learner_a)
    html = client.get(reverse("exams:sessions:room", args=[sitting.session.pk])).content.decode()
    assert "不能再入场" in html
    refused = client.post(reverse("exams:sessions:room_open", args=[sitting.session.pk]))
    assert refused.json()["code"] == "closed_late"


def test_a_candidate_reaches_only_their_own_waiting_room(client, sitting):
    client.force_login(sitting.org.learner_b)  # county B's learner, not a candidate
    for name in ("room", "room_status", "room_photo", "room_sealed", "room_key"):
        assert (
            client.get(reverse(f"exams:sessions:{name}", args=[sitting.session.pk])).status_code
            == 404
        )
    assert (
        client.post(reverse("exams:sessions:room_open", args=[sitting.session.pk])).status_code
        == 404
    )


def test_a_proctor_sees_only_the_sessions_they_proctor(client, sitting):
    live = reverse("exams:sessions:live", args=[sitting.session.pk])
    client.force_login(sitting.org.supervisor_b)
    assert client.get(live).status_code == 404
    assert sitting.session.title not in client.get(reverse("exams:sessions:list")).content.decode()
    client.force_login(sitting.org.admin_b)
    assert client.get(live).status_code == 404
    client.force_login(sitting.org.supervisor_a)
    assert client.get(live).status_code == 200
    assert sitting.session.title in client.get(reverse("exams:sessions:list")).content.decode()


def test_the_live_view_shows_states_counts_and_integrity_events(client, sitting):
    _start_now(sitting.session)
    first = SessionCandidate.objects.get(session=sitting.session, auxiliary=sitting.org.aux_a)
    services.session_open_paper(candidate_id=first.pk, device="d1")
    first.refresh_from_db()
    services.integrity_record(candidate=first, kind="away", seconds=30)
    client.force_login(sitting.org.supervisor_a)
    html = client.get(reverse("exams:sessions:live_rows", args=[sitting.session.pk])).content
    html = html.decode()
    assert "作答中" in html and "已答 0 / 4" in html and "未到" in html
    assert "离开页面 1 次（30 秒）" in html
    assert 'data-count="answering">1<' in html and 'data-count="not_arrived">1<' in html


def test_a_proctor_action_without_a_reason_is_refused_and_not_recorded(client, sitting):
    candidate = SessionCandidate.objects.get(session=sitting.session, auxiliary=sitting.other)
    client.force_login(sitting.org.supervisor_a)
    url = reverse(
        "exams:sessions:candidate_action", args=[sitting.session.pk, candidate.pk, "absent"]
    )
    response = client.post(url, {"reason": ""}, follow=True)
    assert "原因" in response.content.decode()
    assert not ProctorAction.objects.exists()
    client.post(url, {"reason": "未到场，电话联系不上"})
    candidate.refresh_from_db()
    assert candidate.absent_at is not None
    assert ProctorAction.objects.get().reason == "未到场，电话联系不上"


def test_the_report_downloads_as_xlsx_with_user_text_as_text(client, sitting):
    _start_now(sitting.session)
    first = SessionCandidate.objects.get(session=sitting.session, auxiliary=sitting.org.aux_a)
    services.session_open_paper(candidate_id=first.pk)
    services.candidate_end(candidate=first, reason="=HYPERLINK(1)", actor=sitting.org.admin_a)
    client.force_login(sitting.org.admin_a)
    html = client.get(reverse("exams:sessions:report", args=[sitting.session.pk])).content
    assert "已交卷" in html.decode() or "Handed in" in html.decode()
    response = client.get(reverse("exams:sessions:report_xlsx", args=[sitting.session.pk]))
    assert "exam-session-report_CTYA_" in response["Content-Disposition"]
    book = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    rows = list(book.worksheets[0].values)
    assert rows[1][0] in ("甲一", "甲二")
    action_rows = list(book.worksheets[1].values)
    assert action_rows[1][-1] == "=HYPERLINK(1)"
    assert book.worksheets[1].cell(2, 6).data_type == "s"


def test_the_candidate_sees_the_session_on_their_home_page(client, sitting):
    client.force_login(sitting.org.learner_a)
    html = client.get("/").content.decode()
    assert "我的考试场次" in html and sitting.session.title in html and "会议室" in html
