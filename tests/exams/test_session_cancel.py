"""Cancelling a session (取消场次) or moving it to another time before it starts: a reason is
required and recorded with who and when; the candidates read it on their home page and in the
waiting room; a cancelled session's papers are discarded and nobody can start it; after the
start both are refused with the reason why."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from exams.models import Attempt
from exams.sessions import services
from exams.sessions.exceptions import DoorClosed, SessionError
from exams.sessions.models import (
    ExamSession,
    PaperDraw,
    SessionCandidate,
    SessionChange,
    SessionStatus,
)
from tests.exams.session_helpers import at, make_session

pytestmark = pytest.mark.django_db

REASON = "考场停电检修，改期另行通知"


def _candidate(s) -> SessionCandidate:
    return SessionCandidate.objects.get(session=s.session, auxiliary=s.org.aux_a)


def test_cancelling_discards_the_papers_records_why_and_nobody_can_start(sitting):
    s = sitting
    assert _candidate(s).drawn_at is not None
    services.session_cancel(session=s.session, actor=s.org.admin_a, reason=REASON)
    s.session.refresh_from_db()
    assert s.session.status == SessionStatus.CANCELLED
    for candidate in s.session.candidates.all():
        assert candidate.paper == [] and candidate.drawn_at is None and candidate.seed is None
    change = SessionChange.objects.get(session=s.session)
    assert (change.kind, change.reason, change.actor) == ("cancel", REASON, s.org.admin_a)
    assert change.previous_starts_at == s.session.starts_at
    with pytest.raises(DoorClosed) as closed:
        services.session_open_paper(candidate_id=_candidate(s).pk, now=at(s.session, seconds=5))
    assert closed.value.code == "cancelled"
    assert REASON in str(closed.value.message)
    assert not Attempt.objects.exists()


def test_a_cancel_needs_a_reason_and_is_not_recorded_without_one(sitting):
    s = sitting
    with pytest.raises(SessionError, match="原因"):
        services.session_cancel(session=s.session, actor=s.org.admin_a, reason="  ")
    s.session.refresh_from_db()
    assert s.session.status == SessionStatus.CONFIRMED
    assert not SessionChange.objects.exists()
    assert _candidate(s).drawn_at is not None


def test_a_session_that_has_started_cannot_be_cancelled_or_moved(sitting):
    s = sitting
    started = at(s.session, seconds=1)
    with pytest.raises(SessionError, match="已于 .* 开考，不能再取消"):
        services.session_cancel(session=s.session, actor=s.org.admin_a, reason=REASON, now=started)
    with pytest.raises(SessionError, match="不能再改期"):
        services.session_reschedule(
            session=s.session,
            actor=s.org.admin_a,
            starts_at=started + datetime.timedelta(days=1),
            reason=REASON,
            now=started,
        )
    s.session.refresh_from_db()
    assert s.session.status == SessionStatus.CONFIRMED and not SessionChange.objects.exists()


def test_only_the_organising_agencys_admins_may_cancel(sitting):
    s = sitting
    with pytest.raises(SessionError):
        services.session_cancel(session=s.session, actor=s.org.admin_b, reason=REASON)
    with pytest.raises(SessionError):
        services.session_cancel(session=s.session, actor=s.org.supervisor_a, reason=REASON)
    assert not SessionChange.objects.exists()


def test_a_draw_still_queued_when_the_session_is_cancelled_draws_nothing(
    exam_setup, django_capture_on_commit_callbacks
):
    s = exam_setup
    session = make_session(org=s.org, exam=s.exam)
    services.session_enrol(session=session, actor=s.org.admin_a, auxiliaries=[s.org.aux_a])
    # Confirmed, the draw queued but not run yet (the worker is busy).
    with django_capture_on_commit_callbacks(execute=False):
        services.session_confirm(session=session, actor=s.org.admin_a)
    services.session_cancel(session=session, actor=s.org.admin_a, reason=REASON)
    services.session_draw_papers(draw_id=PaperDraw.objects.get(session=session).pk)
    assert session.candidates.get().drawn_at is None


def test_moving_the_start_keeps_check_in_and_cutoff_in_step_and_the_papers(sitting):
    s = sitting
    before = ExamSession.objects.get(pk=s.session.pk)
    new_start = before.starts_at + datetime.timedelta(days=2, hours=1)
    services.session_reschedule(
        session=s.session, actor=s.org.admin_a, starts_at=new_start, reason=REASON
    )
    moved = ExamSession.objects.get(pk=s.session.pk)
    assert moved.starts_at == new_start
    assert moved.starts_at - moved.check_in_at == before.starts_at - before.check_in_at
    assert moved.late_cutoff_at - moved.starts_at == before.late_cutoff_at - before.starts_at
    assert moved.ends_at == new_start + s.exam.time_limit
    assert moved.status == SessionStatus.CONFIRMED
    assert _candidate(s).drawn_at is not None
    change = SessionChange.objects.get()
    assert (change.kind, change.previous_starts_at, change.starts_at) == (
        "reschedule",
        before.starts_at,
        new_start,
    )
    # At the old start time the door is not open: the candidate waits for the new one.
    with pytest.raises(DoorClosed):
        services.session_open_paper(
            candidate_id=_candidate(s).pk, now=before.starts_at + datetime.timedelta(seconds=5)
        )


def test_a_move_into_the_past_is_refused(sitting):
    s = sitting
    with pytest.raises(SessionError, match="晚于现在"):
        services.session_reschedule(
            session=s.session,
            actor=s.org.admin_a,
            starts_at=timezone.now() - datetime.timedelta(minutes=1),
            reason=REASON,
        )


# -- pages ------------------------------------------------------------------------------------


def test_the_candidate_reads_the_cancellation_on_the_home_page_and_in_the_room(client, sitting):
    s = sitting
    client.force_login(s.org.admin_a)
    response = client.post(
        reverse("exams:sessions:cancel", args=[s.session.pk]), {"cancel-reason": REASON}
    )
    assert response.status_code == 302
    client.force_login(s.org.learner_a)
    home = client.get("/").content.decode()
    assert "考试场次已取消：" + s.session.title in home
    assert REASON in home
    planned = timezone.localtime(s.session.starts_at)
    assert f"原定 {planned.year}年{planned.month}月{planned.day}日" in home
    room = client.get(reverse("exams:sessions:room", args=[s.session.pk])).content.decode()
    assert "已取消" in room and REASON in room
    status = client.get(reverse("exams:sessions:room_status", args=[s.session.pk])).json()
    assert status["state"] == "cancelled" and REASON in status["message"]
    refused = client.post(reverse("exams:sessions:room_open", args=[s.session.pk]))
    assert refused.status_code == 409 and refused.json()["code"] == "cancelled"


def test_the_cancel_form_without_a_reason_says_so_and_changes_nothing(client, sitting):
    s = sitting
    client.force_login(s.org.admin_a)
    response = client.post(
        reverse("exams:sessions:cancel", args=[s.session.pk]), {"cancel-reason": ""}
    )
    assert response.status_code == 400
    assert "取消原因" in response.content.decode()
    s.session.refresh_from_db()
    assert s.session.status == SessionStatus.CONFIRMED


def test_cancelling_after_the_start_shows_why_it_is_refused(client, sitting):
    s = sitting
    start = timezone.now() - datetime.timedelta(seconds=5)
    ExamSession.objects.filter(pk=s.session.pk).update(
        starts_at=start,
        check_in_at=start - datetime.timedelta(minutes=30),
        late_cutoff_at=start + datetime.timedelta(minutes=15),
        ends_at=start + s.exam.time_limit,
    )
    client.force_login(s.org.admin_a)
    detail = client.get(reverse("exams:sessions:detail", args=[s.session.pk])).content.decode()
    assert "取消本场次" not in detail  # the form is not offered once it has started
    response = client.post(
        reverse("exams:sessions:cancel", args=[s.session.pk]),
        {"cancel-reason": REASON},
        follow=True,
    )
    assert "不能再取消" in response.content.decode()
    s.session.refresh_from_db()
    assert s.session.status == SessionStatus.CONFIRMED


def test_the_candidate_sees_the_new_time_and_the_reason_after_a_move(client, sitting):
    s = sitting
    new_start = timezone.localtime(s.session.starts_at + datetime.timedelta(days=1))
    client.force_login(s.org.admin_a)
    response = client.post(
        reverse("exams:sessions:reschedule", args=[s.session.pk]),
        {"move-starts_at": new_start.strftime("%Y-%m-%dT%H:%M"), "move-reason": REASON},
    )
    assert response.status_code == 302
    detail = client.get(reverse("exams:sessions:detail", args=[s.session.pk])).content.decode()
    assert "变更记录" in detail and REASON in detail
    client.force_login(s.org.learner_a)
    home = client.get("/").content.decode()
    when = f"{new_start.year}年{new_start.month}月{new_start.day}日 {new_start:%H:%M}"
    assert "开考时间已由" in home and when in home and REASON in home


def test_a_draft_cancelled_before_anyone_was_told_stays_invisible(client, exam_setup):
    s = exam_setup
    session = make_session(org=s.org, exam=s.exam)
    services.session_enrol(session=session, actor=s.org.admin_a, auxiliaries=[s.org.aux_a])
    services.session_cancel(session=session, actor=s.org.admin_a, reason=REASON)
    client.force_login(s.org.learner_a)
    assert REASON not in client.get("/").content.decode()
    assert client.get(reverse("exams:sessions:room", args=[session.pk])).status_code == 404


def test_a_move_into_the_past_on_the_form_keeps_the_form_with_the_reason(client, sitting):
    s = sitting
    past = timezone.localtime() - datetime.timedelta(hours=1)
    client.force_login(s.org.admin_a)
    response = client.post(
        reverse("exams:sessions:reschedule", args=[s.session.pk]),
        {"move-starts_at": past.strftime("%Y-%m-%dT%H:%M"), "move-reason": REASON},
    )
    html = response.content.decode()
    assert response.status_code == 400 and "开考时间必须晚于现在" in html and REASON in html
    assert not SessionChange.objects.exists()
