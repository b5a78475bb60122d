"""The sealed paper in Chromium at 390×844: the waiting room fetches the paper encrypted, at the
start only the key is asked for and the paper is on screen before the attempt exists; an answer
given then is kept and saved once the attempt is opened."""

from __future__ import annotations

import datetime

import pytest

from tests.browser import login
from tests.e2e.sessions import candidate_in_session


@pytest.mark.django_db(transaction=True)
def test_the_sealed_paper_shows_at_the_start_and_keeps_answers_until_the_attempt_opens(
    live_server, phone_without_worker
):
    from exams.models import Attempt
    from tests.e2e.test_learner_journey import PASSWORD

    aux, session = candidate_in_session(
        "e2e_sealed1",
        # Far enough ahead for the page to fetch its sealed copy (never in the last 20 s).
        starts_in=datetime.timedelta(seconds=28),
        title="岗前考试密封卷",
        online=True,
    )

    page = phone_without_worker
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    held = []
    page.route("**/room/open/", lambda route: held.append(route))  # opened when we say so
    login(page, live_server.url, "e2e_sealed1", PASSWORD)
    with page.expect_response("**/room/sealed/", timeout=20000) as sealed:
        page.goto(f"{live_server.url}/exams/sessions/{session.pk}/room/")
    assert sealed.value.status == 200
    page.wait_for_selector("#exam[data-sealed] .qcard", timeout=40000)
    assert any(url.endswith("/room/key/") for url in asked)
    assert not Attempt.objects.filter(auxiliary=aux).exists()

    # Answered before the attempt exists: shown as being saved, kept on the device.
    first = page.locator("#exam .qcard").first
    first.locator("input").first.check()
    page.wait_for_function(
        "() => document.getElementById('save-state').textContent.includes('保存中')"
    )
    assert page.locator("#submit-button").is_disabled()

    while not held:
        page.wait_for_timeout(100)
    held[0].continue_()
    page.wait_for_function(
        "() => document.getElementById('save-state').textContent.includes('已保存')",
        timeout=20000,
    )
    attempt = Attempt.objects.get(auxiliary=aux)
    saved = attempt.questions.get(position=1)
    assert saved.selected, "the answer given before the attempt opened was saved"
    assert not page.locator("#submit-button").is_disabled()
    assert page.evaluate("document.getElementById('exam-form').action").endswith(
        f"/exams/attempts/{attempt.pk}/submit/"
    )
