"""A learner reads a lesson on a phone: instant knowledge-check feedback, then confirms; a
confirmation before the minimum reading time is refused with what is left."""

import pytest

from tests.browser import login, screenshot
from tests.factories import PASSWORD


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_learner_reads_checks_and_confirms_a_lesson_on_a_phone(live_server, phone, settings):
    from courses.models import LessonProgress
    from courses.seed import course_seed
    from tests.factories import build_org

    settings.COURSES_READING_FRACTION = 0  # the minimum time has its own test below
    course_seed()
    org = build_org()
    page = phone
    login(page, live_server.url, org.learner_a.username, PASSWORD)
    page.goto(f"{live_server.url}/courses/pre-job/")
    assert page.locator("text=已读 0 / 11 课").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "course-phone")

    page.goto(f"{live_server.url}/courses/pre-job/art-19/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.evaluate("window.__stillHere = true")
    check = page.locator("[data-kc]").first
    check.locator("[data-correct=false]").first.click()
    assert check.locator("[data-kc-wrong]").is_visible()
    check.locator("[data-correct=true]").click()
    assert check.locator("[data-kc-right]").is_visible()
    assert not check.locator("[data-kc-wrong]").is_visible()
    assert page.evaluate("window.__stillHere === true")  # no page reload
    assert not LessonProgress.objects.exists()  # answering is not reading to the end
    screenshot(page, "lesson-phone")

    page.click("text=我已读完本课")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/courses/pre-job/credential-and-assessment/")
    assert page.locator("text=已记录：本课已读完。").count() == 1
    assert LessonProgress.objects.filter(user=org.learner_a).count() == 1


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_confirming_too_early_is_refused_until_the_time_is_read(live_server, phone, settings):
    from courses.models import LessonPage, LessonProgress, LessonReading
    from courses.seed import course_seed
    from tests.factories import build_org

    # A one-minute lesson needs 30 s on screen; the page beats every second.
    settings.COURSES_READING_FRACTION = 0.5
    settings.COURSES_HEARTBEAT_SECONDS = 1
    course_seed()
    org = build_org()
    lesson = LessonPage.objects.get(slug="art-19")
    lesson.estimated_minutes = 1
    lesson.save_revision().publish()
    page = phone
    login(page, live_server.url, org.learner_a.username, PASSWORD)

    page.goto(f"{live_server.url}/courses/pre-job/art-19/")
    left = page.locator("[data-reading-left]")
    button = page.locator("[data-reading-button]")
    assert left.inner_text() == "还需阅读约 1 分钟"
    assert "button--waiting" in button.get_attribute("class")

    button.click()  # long before 30 s: refused, back at the end of the lesson
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/courses/pre-job/art-19/?reading=not-yet#end")
    refusal = page.locator(".reading-refused")
    assert refusal.is_visible()
    assert "还不能确认读完：本课需阅读约 1 分钟" in refusal.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "lesson-reading-refused-phone")
    assert not LessonProgress.objects.exists()

    # Most of the time has passed (as if read earlier); the page's own heartbeats add the rest,
    # and the end of the lesson is on screen: the button turns into the real one.
    LessonReading.objects.filter(user=org.learner_a, lesson=lesson).update(seconds_read=27)
    page.wait_for_function(
        "() => document.querySelector('[data-reading-button]').classList.contains('button--primary')",
        timeout=60_000,
    )
    assert not left.is_visible()
    reading = LessonReading.objects.get(user=org.learner_a, lesson=lesson)
    assert reading.tracked_by_page and reading.end_seen_at is not None
    assert reading.seconds_read >= 30

    button.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/courses/pre-job/credential-and-assessment/")
    assert page.locator("text=已记录：本课已读完。").count() == 1
    assert LessonProgress.objects.filter(user=org.learner_a, lesson=lesson).count() == 1
