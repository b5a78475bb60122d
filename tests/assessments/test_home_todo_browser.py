"""On a phone, a learner with an assessment waiting sees it first on their home page, with its
deadline, and taps through to acknowledge it; then it leaves the 待办 panel."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from assessments import selectors
from assessments.models import Response
from tests.assessments import factories as f
from tests.browser import login, screenshot
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_learner_sees_the_waiting_assessment_first_and_acknowledges_it(live_server, phone, org):
    f.credentialed(org.aux_a)
    assessment = f.submit(f.assessment_of(f.open_cycle(org), org.aux_a), "8")
    deadline = timezone.localtime(selectors.response_deadline(assessment))
    page = phone
    login(page, live_server.url, org.learner_a.username, PASSWORD)
    page.goto(f"{live_server.url}/")

    first = page.locator("main section.card").first
    assert "todo" in (first.get_attribute("class") or "")
    text = first.inner_text()
    assert "待办" in text and "2026年上半年考核" in text
    assert f"{deadline.year}年{deadline.month}月{deadline.day}日" in text
    assert "还剩 7 天" in text
    box = first.bounding_box()
    assert box["y"] < 844 and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "home-todo-assessment-phone")

    first.get_by_text("确认或提出异议").click()
    page.wait_for_url(re.compile(rf"/assessments/{assessment.pk}/$"))
    page.check("input[name=choice][value=acknowledge]")
    page.click("form[action$='/respond/'] button[type=submit]")
    page.wait_for_url(re.compile(rf"/assessments/{assessment.pk}/$"))
    assessment.refresh_from_db()
    assert assessment.response == Response.ACKNOWLEDGED

    page.goto(f"{live_server.url}/")
    assert page.locator("section.todo").count() == 0
