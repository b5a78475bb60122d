"""The sealed paper: handed to the waiting room before the start, readable only with the key
released at the start under the same rules as opening the paper (exams/sessions/sealing.py)."""

from __future__ import annotations

import base64
import datetime
import re

import pytest
from cryptography.exceptions import InvalidTag
from django.urls import reverse
from django.utils import timezone

from exams.models import Attempt
from exams.sessions import sealing, services
from exams.sessions.models import ExamSession, SessionCandidate
from tests.exams.session_helpers import starts_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def sitting(sitting):
    """The shared sitting (tests/exams/conftest.py), starting in ten minutes."""
    starts_in(sitting.session, datetime.timedelta(minutes=10))
    return sitting


def _url(name: str, session: ExamSession) -> str:
    return reverse(f"exams:sessions:{name}", args=[session.pk])


def _key(client, session) -> bytes:
    reply = client.get(_url("room_key", session))
    assert reply.status_code == 200, reply.content
    return base64.b64decode(reply.json()["key"])


def _questions(html: str) -> list[tuple[str, list[str]]]:
    """Each question's position and the values of its inputs, as the page shows them."""
    cards = re.findall(
        r'<fieldset class="card qcard"[^>]*data-position="(\d+)"(.*?)</fieldset>', html, re.S
    )
    return [(position, re.findall(r'value="([^"]*)"', body)) for position, body in cards]


def test_the_sealed_paper_is_unreadable_before_the_start_and_is_the_paper_after(client, sitting):
    client.force_login(sitting.org.learner_a)
    candidate = SessionCandidate.objects.get(session=sitting.session, auxiliary=sitting.org.aux_a)
    first_text = candidate.paper[0][1]["text"]

    sealed = client.get(_url("room_sealed", sitting.session))
    assert sealed.status_code == 200
    assert first_text[:12] not in sealed.content.decode()  # nothing of the paper in the clear

    refused = client.get(_url("room_key", sitting.session))
    assert refused.status_code == 409 and refused.json()["code"] == "waiting"
    assert not Attempt.objects.filter(auxiliary=sitting.org.aux_a).exists()

    starts_in(sitting.session, -datetime.timedelta(seconds=2))
    key = client.get(_url("room_key", sitting.session)).json()
    html = sealing.unseal(sealed.json(), base64.b64decode(key["key"]))
    assert first_text[:12] in html and "data-sealed" in html
    # The hand-in button waits for the attempt; the clock is the candidate's own.
    assert re.search(r'id="submit-button"\s+disabled', html)
    assert 0 < key["remaining"] <= int(sitting.exam.time_limit.total_seconds())
    assert not Attempt.objects.filter(auxiliary=sitting.org.aux_a).exists()  # a key opens nothing

    # Once opened, the exam page shows the very questions and choices the sealed copy showed.
    opened = client.post(_url("room_open", sitting.session), {"device": "d1"}).json()
    attempt = Attempt.objects.get(auxiliary=sitting.org.aux_a)
    assert opened["save_url"] == reverse("exams:save", args=[attempt.pk])
    assert opened["submit_url"] == reverse("exams:submit", args=[attempt.pk])
    page = client.get(opened["attempt_url"]).content.decode()
    assert _questions(html) == _questions(page) and len(_questions(page)) == len(candidate.paper)


def test_each_candidate_has_their_own_key(client, sitting):
    client.force_login(sitting.org.learner_a)
    sealed = client.get(_url("room_sealed", sitting.session)).json()
    starts_in(sitting.session, -datetime.timedelta(seconds=2))
    other = SessionCandidate.objects.get(session=sitting.session, auxiliary=sitting.other)
    with pytest.raises(InvalidTag):
        sealing.unseal(sealed, sealing.paper_key(candidate=other, session=sitting.session))
    assert sealing.unseal(sealed, _key(client, sitting.session))


def test_a_new_draw_makes_an_earlier_copy_useless(client, sitting):
    client.force_login(sitting.org.learner_a)
    sealed = client.get(_url("room_sealed", sitting.session)).json()
    SessionCandidate.objects.filter(session=sitting.session, auxiliary=sitting.org.aux_a).update(
        drawn_at=timezone.now() + datetime.timedelta(seconds=1)
    )
    starts_in(sitting.session, -datetime.timedelta(seconds=2))
    with pytest.raises(InvalidTag):
        sealing.unseal(sealed, _key(client, sitting.session))


@pytest.mark.parametrize(
    "situation, code",
    [("after the cutoff", "closed_late"), ("marked absent", "absent"), ("paused", "paused")],
)
def test_the_key_follows_the_door(client, sitting, situation, code):
    client.force_login(sitting.org.learner_a)
    candidate = SessionCandidate.objects.get(session=sitting.session, auxiliary=sitting.org.aux_a)
    if situation == "after the cutoff":
        starts_in(sitting.session, -datetime.timedelta(minutes=16))
    else:
        starts_in(sitting.session, -datetime.timedelta(seconds=2))
    if situation == "marked absent":
        services.candidate_mark_absent(
            candidate=candidate, reason="未到场", actor=sitting.org.supervisor_a
        )
    if situation == "paused":
        services.session_pause(
            session=sitting.session, reason="停电", actor=sitting.org.supervisor_a
        )
    refused = client.get(_url("room_key", sitting.session))
    assert refused.status_code == 409 and refused.json()["code"] == code
    assert refused.json()["error"]


def _another_exam_attempt(sitting, *, passed: bool | None):
    """An attempt of the session's exam taken on demand after enrolling: open (None), or
    handed in and passed or failed."""
    from exams import services as exam_services

    attempt = exam_services.attempt_start(auxiliary=sitting.org.aux_a, exam=sitting.exam)
    if passed is None:
        return attempt
    exam_services.attempt_submit(attempt=attempt)
    Attempt.objects.filter(pk=attempt.pk).update(passed=passed)
    return attempt


@pytest.mark.parametrize(
    "passed, code",
    [(None, "busy"), (True, "passed"), (False, "wait")],
    ids=["an attempt open", "passed", "failed, in the wait"],
)
def test_the_key_follows_the_attempt_rules(client, sitting, passed, code):
    """The key is refused for what the person did on demand since enrolling, as opening is."""
    client.force_login(sitting.org.learner_a)
    _another_exam_attempt(sitting, passed=passed)
    starts_in(sitting.session, -datetime.timedelta(seconds=2))
    refused = client.get(_url("room_key", sitting.session))
    assert refused.status_code == 409 and refused.json()["code"] == code
    candidate = SessionCandidate.objects.get(session=sitting.session, auxiliary=sitting.org.aux_a)
    with pytest.raises(services.DoorClosed) as closed:
        services.session_open_paper(candidate_id=candidate.pk)
    assert closed.value.code == code


def test_the_key_costs_one_query_after_the_session_and_user(
    client, sitting, django_assert_num_queries
):
    """A cohort asks for its keys in the same seconds: the candidacy and the person's attempts
    come in one query (the session and the user are every request's own)."""
    client.force_login(sitting.org.learner_a)
    starts_in(sitting.session, -datetime.timedelta(seconds=2))
    _key(client, sitting.session)  # compiled once per process
    with django_assert_num_queries(3):
        _key(client, sitting.session)
