"""The OpenAPI document is what an agency's developers integrate from: every operation says
what it does and every parameter what it means, and the documentation page loads nothing from
outside the platform."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from django.test import Client

from api.models import EventType
from credentials.services import credential_revoke
from lms.services import auxiliary_transition
from tests.api.test_webhooks import Receiver, _endpoint
from tests.credentials.factories import credential

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            yield f"{method.upper()} {path}", operation


def test_every_operation_has_a_summary_and_a_description(document):
    bare = [
        name
        for name, operation in _operations(document)
        if not operation.get("summary") or len(operation.get("description") or "") < 40
    ]
    assert bare == []


def test_every_parameter_is_described(document):
    bare = [
        f"{name} {parameter['name']}"
        for name, operation in _operations(document)
        for parameter in operation.get("parameters", [])
        if not parameter.get("description")
    ]
    assert bare == []


def test_the_documentation_page_loads_only_the_platforms_own_files():
    html = Client().get("/api/v1/docs").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    assert [s for s in sources if re.match(r"(https?:)?//", s)] == []


def _resolved(document, schema):
    """The schema with its component references inlined (jsonschema needs one document)."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            return _resolved(document, document["components"]["schemas"][name])
        return {key: _resolved(document, value) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_resolved(document, value) for value in schema]
    return schema


def test_every_event_is_described_and_real_deliveries_match_it(
    document, org, django_capture_on_commit_callbacks
):
    """A receiver built from the document alone: each event type has its body and the four
    headers, and what a real delivery posts (a status change, a credential issued and
    revoked) validates against it."""
    webhooks = document["webhooks"]
    assert set(webhooks) == set(EventType.values)
    for event in webhooks.values():
        headers = {p["name"] for p in event["post"]["parameters"] if p["in"] == "header"}
        assert headers == {"X-LMS-Event", "X-LMS-Delivery", "X-LMS-Timestamp", "X-LMS-Signature"}

    receiver = Receiver()
    try:
        _endpoint(org, receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            cred = credential(org.aux_a)
        with django_capture_on_commit_callbacks(execute=True):
            credential_revoke(credential=cred, actor=org.admin_a, reason="离职")
        with django_capture_on_commit_callbacks(execute=True):
            auxiliary_transition(
                auxiliary=org.aux_a, to_status="departed", actor=org.admin_a, reason="合同期满"
            )
    finally:
        receiver.close()
    seen = set()
    for got in receiver.received:
        event = got["headers"]["x-lms-event"]
        body = webhooks[event]["post"]["requestBody"]["content"]["application/json"]["schema"]
        jsonschema.validate(json.loads(got["body"]), _resolved(document, body))
        seen.add(event)
    assert {"credential.issued", "credential.revoked", "person.status_changed"} <= seen
