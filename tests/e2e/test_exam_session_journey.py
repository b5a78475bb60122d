"""An exam session in Chromium at 390×844: the candidate waits in the waiting room, and at the
start the paper appears in place without a reload; they answer, and the proctor's live view
(on a desk) shows the answer count change by itself."""

from __future__ import annotations

import datetime

import pytest

from tests.browser import login, screenshot


@pytest.mark.django_db(transaction=True)
def test_waiting_room_to_paper_at_the_start_and_the_proctor_sees_it(live_server, phone, browser):
    from django.utils import timezone

    from courses.models import CourseCompletion
    from courses.selectors import required_course
    from exams.models import Attempt
    from exams.selectors import credential_exam
    from exams.sessions import services
    from exams.sessions.models import ExamSession, PaperDraw
    from lms.models import Role
    from tests.e2e.test_learner_journey import PASSWORD, _answers, _new_learner, _seed
    from tests.factories import make_user

    _seed()
    aux = _new_learner("e2e_session1")
    CourseCompletion.objects.get_or_create(
        user=aux.user, course=required_course(), defaults={"completed_at": timezone.now()}
    )
    proctor = make_user(Role.SUPERVISOR, aux.agency, username="e2e_proctor")
    proctor.set_password(PASSWORD)
    proctor.save()
    exam = credential_exam()
    start = timezone.now() + datetime.timedelta(seconds=12)
    session = ExamSession.objects.create(
        exam=exam, agency=aux.agency, title="岗前考试第一场", venue="三楼会议室",
        what_to_bring="身份证", starts_at=start,
        check_in_at=start - datetime.timedelta(minutes=30),
        late_cutoff_at=start + datetime.timedelta(minutes=15), ends_at=start + exam.time_limit,
        status="confirmed",
    )  # fmt: skip
    session.proctors.add(proctor)
    session.candidates.create(auxiliary=aux)
    services.session_draw_papers(draw_id=PaperDraw.objects.create(session=session).pk)

    page = phone
    login(page, live_server.url, "e2e_session1", PASSWORD)
    page.goto(f"{live_server.url}/")
    assert "岗前考试第一场" in page.content()
    page.goto(f"{live_server.url}/exams/sessions/{session.pk}/room/")
    page.wait_for_function(
        "() => document.getElementById('room-connection').textContent.includes('连接正常')"
    )
    assert "距开考还有" in page.content()
    screenshot(page, "session-waiting-room-phone")
    page.evaluate("window.__sameDocument = true")
    # The start: the paper appears without a navigation (the marker survives).
    page.wait_for_selector("#exam .qcard", timeout=30000)
    assert page.evaluate("window.__sameDocument") is True
    attempt = Attempt.objects.get(auxiliary=aux)
    assert attempt.started_at >= start
    screenshot(page, "session-paper-phone")

    desk = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
    login(desk, live_server.url, "e2e_proctor", PASSWORD)
    desk.goto(f"{live_server.url}/exams/sessions/{session.pk}/live/")
    assert "作答中" in desk.content()
    total = attempt.questions.count()
    assert f"已答 0 / {total}" in desk.content()

    answers = _answers(attempt, correct=True)
    position = min(answers)
    for key in answers[position]:
        page.locator(f"input[name='q{position}'][value='{key}']").check()
    page.wait_for_function(
        "() => document.getElementById('save-state').textContent.includes('已保存')"
    )
    desk.wait_for_function(
        f"() => document.getElementById('live').textContent.includes('已答 1 / {total}')",
        timeout=20000,
    )
    screenshot(desk, "session-live-desk")
    for name in ("", "report/"):
        desk.goto(f"{live_server.url}/exams/sessions/{session.pk}/{name}")
        screenshot(desk, f"session-{name.strip('/') or 'detail'}-desk")
    admin = make_user(Role.AGENCY_ADMIN, aux.agency, username="e2e_session_admin")
    admin.set_password(PASSWORD)
    admin.save()
    desk.context.clear_cookies()
    login(desk, live_server.url, "e2e_session_admin", PASSWORD)
    for name in ("new/", f"{session.pk}/enrol/"):
        desk.goto(f"{live_server.url}/exams/sessions/{name}")
        screenshot(desk, f"session-{name.split('/')[-2]}-desk")
    desk.context.close()
    page.context.clear_cookies()
    login(page, live_server.url, "e2e_proctor", PASSWORD)
    page.goto(f"{live_server.url}/exams/sessions/{session.pk}/live/")
    screenshot(page, "session-live-phone")
