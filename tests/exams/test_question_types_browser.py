"""填空题, 配对题 and 简答题 on the exam page in real Chromium: typed text is saved after a pause
in typing, a keystroke typed offline comes back after a reload and is sent, nothing is wider
than a phone, and the grader's page works at 390 px. Marked e2e (``pytest -m e2e``)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.test import Client

from exams.models import Attempt, BlueprintRule
from tests import factories
from tests.exams import factories as f
from tests.exams.test_exam_browser import wait_until

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(os.environ.get("SHOTS_DIR", "/work/notes/shots/question-types"))

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Chromium"),
]


def _login(browser, live_server, user, width, height):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context, context.new_page()


def _shot(page, name: str) -> None:
    if SHOTS.parent.exists():
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / name), full_page=True)


@pytest.fixture
def typed_setup():
    org = factories.build_org()
    course = f.make_course()
    f.make_bank()
    exam = f.make_exam(course, rules=((13, 1),), shuffle_questions=False)
    f.make_typed_question("shortanswer")
    f.make_typed_question("matching")
    f.make_typed_question("essay")
    for order, qtype in enumerate(("shortanswer", "matching", "essay"), start=1):
        BlueprintRule.objects.create(exam=exam, qtype=qtype, count=1, sort_order=order)
    f.complete_course(org.learner_a, course)
    return org, exam


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1366, 900)])
def test_typed_answers_autosave_and_survive_offline_and_a_reload(
    live_server, browser, typed_setup, width, height
):
    org, _exam = typed_setup
    context, page = _login(browser, live_server, org.learner_a, width, height)
    base = live_server.url
    page.goto(base + "/exams/")
    page.click("form[action='/exams/start/'] button")
    page.wait_for_selector("#exam")
    attempt = Attempt.objects.get(auxiliary=org.aux_a)
    # Nothing wider than the screen (a select with long options, the textarea).
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for selector in (".blank__input", ".pair__select", ".essay__input"):
        box = page.locator(selector).first.bounding_box()
        assert box["height"] >= 44, selector

    blanks = page.locator(".blank__input")
    blanks.nth(0).press_sequentially("聘用单位", delay=30)
    blanks.nth(1).press_sequentially("书面通知", delay=30)
    row = attempt.questions.get(snapshot__qtype="shortanswer")
    wait_until(lambda: attempt.questions.get(pk=row.pk).selected == ["聘用单位", "书面通知"])
    page.wait_for_selector("#save-state.save-state--saved")

    pairs = page.locator(".pair__select")
    pairs.nth(0).select_option(label="可以从事的辅助事务")
    matching = attempt.questions.get(snapshot__qtype="matching")
    wait_until(lambda: (attempt.questions.get(pk=matching.pk).selected or [""])[0] != "")

    essay = page.locator(".essay__input")
    essay.press_sequentially("不得独立执法。", delay=20)
    written = attempt.questions.get(snapshot__qtype="essay")
    wait_until(lambda: attempt.questions.get(pk=written.pk).selected == ["不得独立执法。"])
    page.wait_for_selector("#save-state.save-state--saved")
    _shot(page, f"exam-typed-{width}.png")

    # Offline: the keystrokes stay on screen and in the browser, and are sent after a reload.
    page.context.set_offline(True)
    essay.press_sequentially("应在指挥下工作。", delay=20)
    page.wait_for_selector("#save-state.save-state--offline", timeout=15000)
    assert attempt.questions.get(pk=written.pk).selected == ["不得独立执法。"]
    page.context.set_offline(False)
    page.reload()
    wait_until(
        lambda: attempt.questions.get(pk=written.pk).selected == ["不得独立执法。应在指挥下工作。"]
    )
    assert page.locator(".essay__input").input_value() == "不得独立执法。应在指挥下工作。"
    assert page.locator(".blank__input").nth(1).input_value() == "书面通知"

    # Handing in: the essay waits for a grader.
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#submit-button")
    page.wait_for_url("**/result/")
    assert "待阅卷" in page.inner_text("main")
    _shot(page, f"result-grading-{width}.png")
    context.close()

    context, page = _login(browser, live_server, org.admin_a, width, height)
    page.goto(f"{base}/exams/staff/grading/")
    _shot(page, f"grading-queue-{width}.png")
    page.goto(f"{base}/exams/staff/grading/{attempt.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert "要点" in page.inner_text("main")
    _shot(page, f"grade-attempt-{width}.png")
    page.fill("input[name=mark]", "90")
    page.click("form.grade__form button[type=submit]")
    page.wait_for_selector(".ok")
    attempt.refresh_from_db()
    assert attempt.score is not None and attempt.status == "submitted"
    context.close()
