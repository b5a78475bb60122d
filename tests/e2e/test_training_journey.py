"""In-service training in Chromium: a learner in service finishes an in-service course on a
phone and sees this year's hours go up; an admin records a classroom session on a desk."""

from __future__ import annotations

import pytest

from tests.browser import login, screenshot

DEMO_PASSWORD = "Demo2026pass"


def _seed():
    from django.core.management import call_command

    call_command("seed_demo", stdout=open("/dev/null", "w"))


@pytest.mark.django_db(transaction=True)
def test_a_learner_finishes_an_in_service_course_and_the_hours_go_up(live_server, phone, settings):
    from courses.models import CoursePage, LessonPage

    # The lessons are read in seconds (the reading rule has its own tests); the end of each
    # lesson must still be reached and confirmed.
    settings.COURSES_READING_FRACTION = 0
    _seed()
    page = phone
    login(page, live_server.url, "learner", DEMO_PASSWORD)
    before = page.locator("[data-role=hours-done]").first.inner_text()
    course = CoursePage.objects.get(slug="in-service-safety-2026")
    for lesson in LessonPage.objects.live().child_of(course).order_by("path"):
        page.goto(live_server.url + lesson.url)
        button = page.locator("form[action*='/complete/'] button[type=submit]")
        button.scroll_into_view_if_needed()
        button.click()
        page.wait_for_load_state("networkidle")
    page.goto(live_server.url + "/")
    after = page.locator("[data-role=hours-done]").first.inner_text()
    screenshot(page, "training-home-learner-phone")
    assert float(after) == float(before) + 2
    page.goto(live_server.url + "/training/")
    assert page.get_by_text("现场安全与应急处置").first.is_visible()


@pytest.mark.django_db(transaction=True)
def test_an_admin_records_a_classroom_session(live_server, desktop):
    from training.models import ClassroomSession

    _seed()
    page = desktop
    login(page, live_server.url, "dhadmin", DEMO_PASSWORD)
    page.goto(live_server.url + "/training/sessions/new/")
    page.fill("input[name=date]", "2026-11-20")
    page.fill("input[name=topic]", "执法记录仪使用")
    page.select_option("select[name=category]", label="业务技能")
    page.fill("input[name=hours]", "2")
    page.fill("input[name=trainer]", "李老师")
    page.locator("input[name=attendees]").first.check()
    page.locator("input[name=attendees]").nth(1).check()
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "执法记录仪使用" in page.content()
    screenshot(page, "training-session-desk")
    session = ClassroomSession.objects.get(topic="执法记录仪使用")
    assert session.attendees.count() == 2
