"""The paper survives the network, in Chromium at 390×844: a candidate in an exam session gets
the paper at the start without a reload, loses the network, reloads with no network and still
has the paper, the clock and every answer; the page names the answers the server has not
received; a hand-in pressed while offline is kept and sent when the network returns. Then the
device keeps nothing: the result page drops the kept paper and logging out drops the rest."""

from __future__ import annotations

import datetime

import pytest

from tests.browser import login, screenshot
from tests.e2e.network import CuttableLink
from tests.e2e.sessions import candidate_in_session

CHOICE_TYPES = ("single", "multiple", "truefalse")


def _choice_positions(attempt) -> list[int]:
    return [
        row.position for row in attempt.questions.all() if row.snapshot["qtype"] in CHOICE_TYPES
    ]


def _kept(page, path: str) -> bool:
    return page.evaluate(
        """async (path) => {
            if (!(await caches.has('exam-pages'))) return false;
            const cache = await caches.open('exam-pages');
            return !!(await cache.match(location.origin + path));
        }""",
        path,
    )


@pytest.mark.django_db(transaction=True)
def test_offline_reload_keeps_the_paper_and_a_hand_in_waits_for_the_network(live_server, phone):
    from exams.models import Attempt, AttemptStatus
    from tests.e2e.test_learner_journey import PASSWORD, _answers

    aux, session = candidate_in_session(
        "e2e_offline1",
        starts_in=datetime.timedelta(seconds=10),
        title="岗前考试断网演练",
        venue="线上",
    )

    link = CuttableLink(live_server.url)
    page = phone
    context = page.context

    def network(up: bool) -> None:
        if up:
            link.restore()
        else:
            link.cut()
        context.set_offline(not up)

    page.on("dialog", lambda dialog: dialog.accept())
    login(page, link.url, "e2e_offline1", PASSWORD)
    room = f"/exams/sessions/{session.pk}/room/"
    page.goto(link.url + room)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.evaluate("window.__sameDocument = true")
    page.wait_for_selector("#exam .qcard", timeout=30000)
    assert page.evaluate("window.__sameDocument") is True  # the paper came without a reload

    attempt = Attempt.objects.get(auxiliary=aux)
    answers = _answers(attempt, correct=True)
    first, second = _choice_positions(attempt)[:2]
    for key in answers[first]:
        page.locator(f"input[name='q{first}'][value='{key}']").check()
    page.wait_for_function(
        "() => document.getElementById('save-state').textContent.trim() === '已保存'"
    )
    page.wait_for_function(
        """async (path) => !!(await (await caches.open('exam-pages')).match(location.origin + path))""",
        arg=f"/exams/attempts/{attempt.pk}/",
    )

    network(up=False)
    for key in answers[second]:
        page.locator(f"input[name='q{second}'][value='{key}']").check()
    unsent = page.locator("#exam-unsent")
    unsent.wait_for(state="visible")
    assert f"服务器尚未收到第 {second} 题的答案" in unsent.inner_text()
    assert "网络恢复后自动发送" in unsent.inner_text()

    # A reload with no network: the paper, both answers and the clock are still there.
    page.reload()
    page.wait_for_selector("#exam[data-offline-copy] .qcard", timeout=15000)
    for position in (first, second):
        for key in answers[position]:
            assert page.locator(f"input[name='q{position}'][value='{key}']").is_checked()
    assert "保存在本机的试卷" in unsent.inner_text()
    assert f"第 {second} 题" in unsent.inner_text()
    clock = page.locator("#exam-clock").inner_text()
    minutes = int(clock.split(":")[-2])
    assert clock != "00:00" and minutes > 0
    screenshot(page, "exam-offline-copy-phone")

    page.click("#submit-button")
    page.wait_for_function(
        "() => document.getElementById('exam-unsent').textContent.includes('交卷已记在本机')"
    )
    screenshot(page, "exam-offline-hand-in-queued-phone")
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.OPEN  # nothing reached the server yet
    assert attempt.questions.get(position=second).selected == []

    network(up=True)
    page.wait_for_url(f"**/exams/attempts/{attempt.pk}/result/", timeout=20000)
    attempt.refresh_from_db()
    assert attempt.status != AttemptStatus.OPEN
    for position in (first, second):
        assert sorted(attempt.questions.get(position=position).selected) == sorted(
            answers[position]
        )
    # The result page drops the kept paper; logging out drops every kept page.
    page.wait_for_function(
        """async (path) => !(await (await caches.open('exam-pages')).match(location.origin + path))""",
        arg=f"/exams/attempts/{attempt.pk}/",
    )
    assert _kept(page, room)
    page.click(".account-menu summary")
    page.click("form[data-exam-copies] button[type=submit]")
    page.wait_for_url("**/accounts/login/**")
    assert page.evaluate("caches.has('exam-pages')") is False
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('exam-copy-'))") == []
    link.close()
