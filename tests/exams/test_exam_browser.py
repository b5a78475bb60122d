"""The exam page in real Chromium: autosave, the offline warning and retry, resume after reload,
and the server-owned countdown. Marked e2e (run with ``pytest -m e2e tests/exams``)."""

from __future__ import annotations

import os
import shutil
import time

import pytest
from django.test import Client

from exams.models import Attempt
from tests import factories
from tests.exams import factories as f

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Chromium"),
]


def wait_until(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@pytest.fixture
def browser_page(live_server, browser):
    org = factories.build_org()
    course = f.make_course()
    f.make_bank()
    f.make_exam(course)
    f.complete_course(org.learner_a, course)
    client = Client()
    client.force_login(org.learner_a)
    cookie = client.cookies["sessionid"].value
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    page = context.new_page()
    yield page, live_server.url, org
    context.close()


def test_answers_survive_a_network_drop_and_a_reload(browser_page):
    page, base, org = browser_page
    page.goto(base + "/exams/")
    page.click("form[action='/exams/start/'] button")
    page.wait_for_selector("#exam")
    attempt = Attempt.objects.get(auxiliary=org.aux_a)
    assert page.inner_text("#exam-clock") in {"1:00:00", "59:59", "59:58", "59:57"}

    page.locator(".qcard").nth(0).locator("label.choice").nth(0).click()
    wait_until(lambda: attempt.questions.get(position=1).selected != [])
    page.wait_for_selector("#save-state.save-state--saved")
    assert page.inner_text("#save-state").endswith("已保存")

    page.context.set_offline(True)
    page.locator(".qcard").nth(1).locator("label.choice").nth(1).click()
    page.wait_for_selector("#save-state.save-state--offline")
    assert page.inner_text("#save-state").endswith("网络中断，正在重试")
    assert attempt.questions.get(position=2).selected == []
    assert page.inner_text("#answered") == "2"

    page.context.set_offline(False)
    page.wait_for_selector("#save-state.save-state--saved", timeout=15000)
    second = attempt.questions.get(position=2)
    assert second.selected == [second.snapshot["choices"][1]["key"]]

    page.reload()
    assert page.locator(".qcard").nth(1).locator("input").nth(1).is_checked()
    assert page.inner_text("#answered") == "2"


def test_an_answer_typed_offline_is_sent_after_a_reload(browser_page):
    page, base, org = browser_page
    page.goto(base + "/exams/")
    page.click("form[action='/exams/start/'] button")
    page.wait_for_selector("#exam")
    attempt = Attempt.objects.get(auxiliary=org.aux_a)
    page.context.set_offline(True)
    page.locator(".qcard").nth(2).locator("label.choice").nth(0).click()
    page.wait_for_selector("#save-state.save-state--offline")
    assert page.inner_text("#save-state").endswith("网络中断，正在重试")
    page.context.set_offline(False)
    # Reload before the retry fires: the answer comes back from localStorage and is sent.
    page.reload()
    wait_until(lambda: attempt.questions.get(position=3).selected != [])
    third = attempt.questions.get(position=3)
    assert third.selected == [third.snapshot["choices"][0]["key"]]
