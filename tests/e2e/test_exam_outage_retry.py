"""The exam page during a database outage: autosaves answered 503 (as the server answers while
PostgreSQL restarts) are kept in the page and retried; once the server is back the answer
reaches the database. A reload in between keeps the unsent answer (local storage)."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser import login

OUTAGE = {"ok": False, "error": "database_unavailable", "retry_after": 5}


@pytest.mark.django_db(transaction=True)
def test_exam_page_keeps_and_retries_answers_refused_with_503(live_server, phone_without_worker):
    from django.utils import timezone

    from courses.models import CourseCompletion
    from courses.selectors import required_course
    from exams.models import Attempt, AttemptQuestion
    from tests.e2e.test_learner_journey import PASSWORD, _answers, _new_learner, _seed

    _seed()
    aux = _new_learner("e2e_outage1")
    CourseCompletion.objects.get_or_create(
        user=aux.user, course=required_course(), defaults={"completed_at": timezone.now()}
    )
    page = phone_without_worker
    login(page, live_server.url, "e2e_outage1", PASSWORD)
    page.goto(f"{live_server.url}/exams/")
    page.click("form[action$='/exams/start/'] button[type=submit]")
    page.wait_for_url(re.compile(r"/exams/attempts/\d+/$"))
    attempt = Attempt.objects.get(auxiliary=aux)
    answers = _answers(attempt, correct=True)
    position = min(answers)

    refused = []

    def outage(route):
        refused.append(route.request.post_data)
        route.fulfill(status=503, content_type="application/json", body=json.dumps(OUTAGE))

    page.route("**/save/", outage)
    for key in answers[position]:
        page.locator(f"input[name='q{position}'][value='{key}']").check()
    # Polled on a timer, not on animation frames: the state is shown for the whole outage.
    try:
        page.wait_for_function(
            "() => document.getElementById('save-state').textContent.includes('重试')",
            polling=250,
            timeout=20000,
        )
    except PlaywrightTimeoutError:
        state = page.text_content("#save-state")
        stored = AttemptQuestion.objects.get(attempt=attempt, position=position).selected
        pytest.fail(
            f"the page never said it retries: {state!r}; refused saves: {refused}; "
            f"stored on the server: {stored!r}"
        )
    page.wait_for_timeout(2500)  # the page retries with back-off while the outage lasts
    assert len(refused) >= 2
    row = AttemptQuestion.objects.get(attempt=attempt, position=position)
    assert not row.selected

    # A reload during the outage: the unsent answer is still ticked.
    page.reload()
    page.wait_for_load_state("domcontentloaded")
    for key in answers[position]:
        assert page.locator(f"input[name='q{position}'][value='{key}']").is_checked()

    # The database is back: the kept answer is sent and acknowledged.
    page.unroute("**/save/")
    page.wait_for_function(
        "() => document.getElementById('save-state').textContent.trim() === '已保存'",
        timeout=40000,
    )
    row.refresh_from_db()
    assert sorted(row.selected) == sorted(answers[position])
