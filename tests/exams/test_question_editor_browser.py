"""The answer editor of the Wagtail question form in real Chromium, at phone and desktop sizes:
the part for the chosen type shows alone, typing blanks into the question text adds a row for
each blank the rows lack, removing a row numbers the rest again, and what is saved is the
answer the rows hold. Marked e2e (``pytest -m e2e``)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from exams.models import Question
from tests.exams import factories as f
from tests.exams.test_exam_browser import wait_until

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _editor_page(browser, live_server, django_user_model, width, height):
    admin = django_user_model.objects.create_superuser("boss", "b@example.com", "pw-123456")
    client = Client()
    client.force_login(admin)
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context, context.new_page()


def _labels(page, name: str) -> list[str]:
    return page.eval_on_selector_all(
        f"[data-name={name}] [data-qrows-list] [data-qrows-row] label",
        "labels => labels.map(l => l.textContent.trim())",
    )


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1366, 900)])
def test_blanks_follow_the_text_and_save_as_typed(
    browser, live_server, django_user_model, width, height
):
    question = f.make_typed_question("shortanswer", spec={"blanks": [["聘用单位"]]})
    context, page = _editor_page(browser, live_server, django_user_model, width, height)
    url = reverse("wagtailsnippets_exams_question:edit", args=[question.pk])
    page.goto(live_server.url + url)

    assert page.is_visible("[data-name=blanks]")
    assert not page.is_visible("[data-name=pairs]")
    page.fill(
        "textarea[name=text]",
        "辅助人员由 ____ 统一管理，在 ____ 的指导和监督下开展工作，不得 ____ 。",
    )
    wait_until(lambda: len(_labels(page, "blanks")) == 3)
    status = page.inner_text("[data-name=blanks]")
    assert "标出了 3 个空" in status and "现有 3 行答案" in status
    assert page.input_value("textarea[name=blanks-0]") == "聘用单位"
    page.fill("textarea[name=blanks-1]", "一时填错")
    page.fill("textarea[name=blanks-2]", "行政执法人员\n执法人员")

    # Deleting the second row numbers the third as the second; typing never removes one.
    page.click("[data-name=blanks] [data-qrows-row]:nth-child(2) [data-qrows-remove]")
    wait_until(lambda: len(_labels(page, "blanks")) == 2)
    assert page.input_value("textarea[name=blanks-1]") == "行政执法人员\n执法人员"
    assert _labels(page, "blanks")[1].startswith("第 2 空")
    page.click("[data-name=blanks] [data-qrows-add]")
    wait_until(lambda: len(_labels(page, "blanks")) == 3)
    page.fill("textarea[name=blanks-2]", "独立执法")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # Another type shows its own part alone.
    page.select_option("select[name=qtype]", "matching")
    wait_until(lambda: page.is_visible("[data-name=pairs]"))
    assert not page.is_visible("[data-name=blanks]")
    page.select_option("select[name=qtype]", "shortanswer")
    wait_until(lambda: page.is_visible("[data-name=blanks]"))

    page.click("button.action-save")
    wait_until(lambda: "/edit/" not in page.url or page.is_visible(".messages .success"))
    question.refresh_from_db()
    assert question.answer_spec["blanks"] == [
        ["聘用单位"],
        ["行政执法人员", "执法人员"],
        ["独立执法"],
    ]
    assert Question.objects.count() == 1
    context.close()
