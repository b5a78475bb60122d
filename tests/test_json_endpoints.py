"""Every endpoint that reads a JSON body answers hostile bodies with a 400 and a JSON error —
never a 500 — and stores nothing: the exam autosave and the assessment draft autosave."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from exams.models import Attempt
from tests.assessments import factories as af
from tests.exams import factories as ef

HUGE = "9" * 400


@dataclass
class Endpoint:
    url: str
    valid: dict
    stored: Callable[[], object]


def _raw(text: str) -> bytes:
    return text.encode()


# Bodies wrong for any endpoint, whatever its fields.
BODIES = {
    "not json": b"nonsense",
    "truncated": b'{"position": 1,',
    "array": b"[1, 2]",
    "string": b'"text"',
    "number": b"42",
    "null": b"null",
    "bad utf-8": b'{"a": "\xff\xfe"}',
    "latin-1": '{"general_comment": "caf\xe9"}'.encode("latin-1"),
    "utf-8 bom": b'\xef\xbb\xbf{"a": "b"}',
    "NaN": b'{"a": NaN}',
    "Infinity": b'{"a": Infinity}',
    "1e400": b'{"a": 1e400}',
    "4400 digits": b'{"a": ' + b"9" * 4400 + b"}",
    "deep nesting": b'{"a": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "nested object": b'{"a": ' + b'{"b": ' * 50 + b"1" + b"}" * 50 + b"}",
    "NUL in text": b'{"a": "x\\u0000y"}',
    "NUL in a key": b'{"a\\u0000": "x"}',
    "lone surrogate": b'{"a": "\\ud800"}',
}


def _exam_fields(endpoint: Endpoint) -> dict[str, dict]:
    """The autosave's own fields, each wrong in one way."""
    valid = endpoint.valid
    return {
        "seq 1e30": {**valid, "seq": 1e30},
        "seq 400 digits": _raw(json.dumps(valid).replace('"seq": 5', f'"seq": {HUGE}')),
        "seq 400-digit text": {**valid, "seq": HUGE},
        "seq 2**63": {**valid, "seq": 2**63},
        "seq negative": {**valid, "seq": -1},
        "seq true": {**valid, "seq": True},
        "seq text": {**valid, "seq": "6"},
        "seq fraction": {**valid, "seq": 6.5},
        "seq null": {**valid, "seq": None},
        "seq missing": {k: v for k, v in valid.items() if k != "seq"},
        "position huge": {**valid, "position": 2**70},
        "position 2**40": {**valid, "position": 2**40},
        "position 40000": {**valid, "position": 40000},
        "position zero": {**valid, "position": 0},
        "position text": {**valid, "position": "1"},
        "position list": {**valid, "position": [1]},
        "position missing": {k: v for k, v in valid.items() if k != "position"},
        "selected text": {**valid, "selected": valid["selected"][0]},
        "selected numbers": {**valid, "selected": [1]},
        "selected object": {**valid, "selected": {"a": 1}},
        "selected long key": {**valid, "selected": [valid["selected"][0] * 100]},
        "selected many": {**valid, "selected": valid["selected"] * 1000},
        "selected NUL": {**valid, "selected": ["\x00"]},
        "selected unknown": {**valid, "selected": ["zzzz"]},
    }


def _draft_fields(endpoint: Endpoint) -> dict[str, dict]:
    valid = endpoint.valid
    return {
        "value 1e30": {**valid, "days_absent": 1e30},
        "value 400 digits": _raw(json.dumps(valid).replace('"1"', HUGE)),
        "value true": {**valid, "days_absent": True},
        "value list": {**valid, "days_absent": ["1", "2"]},
        "value object": {**valid, "general_comment": {"x": "y"}},
        "value too long": {**valid, "general_comment": "长" * 4001},
        "key too long": {**valid, "comment_" + "1" * 500: "x"},
        "value NUL": {**valid, "general_comment": "a\x00b"},
    }


@pytest.fixture
def exam_autosave(org, client) -> tuple[Endpoint, dict]:
    course = ef.make_course()
    ef.make_bank()
    ef.make_exam(course)
    ef.complete_course(org.learner_a, course)
    client.force_login(org.learner_a)
    client.post(reverse("exams:start"))
    attempt = Attempt.objects.get(auxiliary=org.aux_a)
    row = attempt.questions.order_by("position").first()
    key = row.snapshot["choices"][0]["key"]
    endpoint = Endpoint(
        url=reverse("exams:save", args=[attempt.pk]),
        valid={"position": row.position, "selected": [key], "seq": 5},
        stored=lambda: list(
            attempt.questions.order_by("position").values_list("selected", "client_seq")
        ),
    )
    assert (
        client.post(endpoint.url, endpoint.valid, content_type="application/json").status_code
        == 200
    )
    return endpoint, _exam_fields(endpoint)


@pytest.fixture
def draft_autosave(org, client) -> tuple[Endpoint, dict]:
    af.credentialed(org.aux_a)
    assessment = af.assessment_of(af.open_cycle(org), org.aux_a)
    client.force_login(org.supervisor_a)

    def stored():
        assessment.refresh_from_db()
        return assessment.draft, assessment.draft_saved_at, assessment.status

    endpoint = Endpoint(
        url=f"/assessments/{assessment.pk}/draft/",
        valid={"days_absent": "1", "general_comment": "按时到岗"},
        stored=stored,
    )
    assert (
        client.post(endpoint.url, endpoint.valid, content_type="application/json").status_code
        == 200
    )
    return endpoint, _draft_fields(endpoint)


ENDPOINTS = ["exam_autosave", "draft_autosave"]
_DUMMY = Endpoint("", {"position": 1, "selected": ["a"], "seq": 5, "days_absent": "1"}, list)
FIELD_CASES = [("exam_autosave", case) for case in _exam_fields(_DUMMY)] + [
    ("draft_autosave", case) for case in _draft_fields(_DUMMY)
]


def _post_and_check(client, endpoint: Endpoint, body) -> None:
    before = endpoint.stored()
    data = body if isinstance(body, bytes) else json.dumps(body)
    response = client.post(endpoint.url, data=data, content_type="application/json")
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]
    assert endpoint.stored() == before


@pytest.mark.parametrize("name", ENDPOINTS)
@pytest.mark.parametrize("case", sorted(BODIES))
def test_hostile_body_is_400_and_changes_nothing(request, client, name, case):
    endpoint, _fields = request.getfixturevalue(name)
    _post_and_check(client, endpoint, BODIES[case])


@pytest.mark.parametrize(("name", "case"), FIELD_CASES)
def test_hostile_field_is_400_and_changes_nothing(request, client, name, case):
    endpoint, fields = request.getfixturevalue(name)
    _post_and_check(client, endpoint, fields[case])


def test_exam_autosave_error_names_the_field(exam_autosave, client):
    endpoint, fields = exam_autosave
    response = client.post(
        endpoint.url, json.dumps(fields["seq 1e30"]), content_type="application/json"
    )
    assert response.status_code == 400
    assert "seq" in response.json()["error"] and "无法读取答案" in response.json()["error"]


def test_exam_autosave_to_an_attempt_id_out_of_range_is_404(exam_autosave, client):
    _endpoint, _fields = exam_autosave
    url = reverse("exams:save", args=[10**30])
    response = client.post(url, json.dumps({"position": 1}), content_type="application/json")
    assert response.status_code == 404
