"""A learner reads a lesson on a phone: instant knowledge-check feedback, then confirms."""

import pytest

from tests.browser import login, screenshot
from tests.factories import PASSWORD


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_learner_reads_checks_and_confirms_a_lesson_on_a_phone(live_server, phone):
    from courses.models import LessonProgress
    from courses.seed import course_seed
    from tests.factories import build_org

    course_seed()
    org = build_org()
    page = phone
    login(page, live_server.url, org.learner_a.username, PASSWORD)
    page.goto(f"{live_server.url}/courses/pre-job/")
    assert page.locator("text=已读 0 / 9 课").count() == 1
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
