"""The scoring form and the response form in real Chromium at 390 px: a failed submit lands on
an error summary that has focus, whose links take the reader to the field; the rating anchors
fill a score inside their band that needs no comment, and the running total is written plainly."""

from __future__ import annotations

import pytest
from django.test import Client

from assessments.defaults import default_template
from assessments.models import AssessmentStatus, Response
from tests.assessments import factories as f
from tests.browser import SCREENSHOTS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _page(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # the submit confirmation
    return context, page


@pytest.fixture
def scoring(org):
    f.credentialed(org.aux_a)
    opened = f.open_cycle(org, template=default_template())
    return f.assessment_of(opened, org.aux_a)


def _in_viewport(page, selector: str) -> bool:
    return page.evaluate(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                      return r.top >= 0 && r.top < window.innerHeight; }""",
        selector,
    )


def test_a_failed_submit_focuses_the_error_summary_and_its_links_reach_the_fields(
    live_server, browser, org, scoring
):
    context, page = _page(browser, live_server, org.supervisor_a)
    try:
        page.goto(f"{live_server.url}/assessments/{scoring.pk}/score/")
        assert page.evaluate("document.documentElement.scrollHeight") > 3000  # a long form
        # Everything scored but the attendance, far down the page, left empty.
        for box in page.locator("input.score-input").all():
            box.fill("8")
        page.click("button[name=submit]")
        page.wait_for_load_state("load")
        summary = page.locator("[data-error-summary]")
        assert summary.is_visible()
        assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
        assert _in_viewport(page, "[data-error-summary]")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "score-error-summary-phone.png"))  # the viewport
        links = summary.locator("a")
        assert links.count() == 2
        assert "缺勤天数" in links.nth(0).inner_text()
        links.nth(0).click()
        assert page.evaluate("document.activeElement.id") == "id_days_absent"
        assert _in_viewport(page, "label[for=id_days_absent]")
        # The field says what is wrong, and says it to a screen reader too.
        described = page.get_attribute("#id_days_absent", "aria-describedby")
        assert "请输入数字" in page.inner_text(f"#{described}")
        assert page.get_attribute("#id_days_absent", "aria-invalid") == "true"
        # What was typed is kept.
        assert page.input_value("input.score-input >> nth=0") == "8"
    finally:
        context.close()


def test_anchors_fill_a_value_inside_their_band_that_needs_no_comment(
    live_server, browser, org, scoring
):
    context, page = _page(browser, live_server, org.supervisor_a)
    try:
        page.goto(f"{live_server.url}/assessments/{scoring.pk}/score/")
        criteria = page.locator("fieldset.criterion")
        filled = {}
        for index in range(criteria.count()):
            criterion = criteria.nth(index)
            for anchor in criterion.locator("button.anchor").all():
                low, high = (
                    float(x) for x in anchor.locator(".anchor__range").inner_text().split("–")
                )
                anchor.click()
                value = float(criterion.locator("input.score-input").input_value())
                assert low <= value <= high
                assert 0 < value < 10  # 0 and the maximum would demand a comment
                filled.setdefault(index, []).append(value)
        assert filled[0] == [9.5, 8, 6.5, 3]
        # The "7–8.99" level on every criterion: a plain total, not 89.9-something.
        for index in range(criteria.count()):
            criteria.nth(index).locator("button.anchor").nth(1).click()
        assert page.inner_text("#running-total") == "80"
        page.fill("#id_days_absent", "0")
        page.fill("#id_late_arrivals", "0")
        # The top level everywhere, then submit: no comment is demanded.
        for index in range(criteria.count()):
            criteria.nth(index).locator("button.anchor").nth(0).click()
        assert page.inner_text("#running-total") == "95"
        page.click("button[name=submit]")
        page.wait_for_url(f"**/assessments/{scoring.pk}/")
        scoring.refresh_from_db()
        assert scoring.status == AssessmentStatus.SUBMITTED
        assert page.inner_text(".result__number") == "95"
    finally:
        context.close()


def test_an_objection_without_a_reason_shows_the_summary_with_focus(
    live_server, browser, org, scoring
):
    f.submit(scoring, "8")
    context, page = _page(browser, live_server, org.learner_a)
    try:
        page.goto(f"{live_server.url}/assessments/{scoring.pk}/")
        page.check("input[name=choice][value=object]")
        with page.expect_navigation() as response_info:
            page.click("form[action$='/respond/'] button[type=submit]")
        assert response_info.value.status == 200
        assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
        assert _in_viewport(page, "[data-error-summary]")
        assert "请写明异议的内容和理由" in page.inner_text("[data-error-summary]")
        page.click("[data-error-summary] a")
        assert page.evaluate("document.activeElement.id") == "id_statement"
        # The choice made is kept.
        assert page.is_checked("input[name=choice][value=object]")
        scoring.refresh_from_db()
        assert scoring.response == ""
        page.fill("#id_statement", "缺勤天数记录有误")
        page.click("form[action$='/respond/'] button[type=submit]")
        page.wait_for_load_state("load")
        scoring.refresh_from_db()
        assert scoring.response == Response.OBJECTED
    finally:
        context.close()
