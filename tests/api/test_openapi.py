"""The OpenAPI document is what an agency's developers integrate from: every operation says
what it does and every parameter what it means, and the documentation page loads nothing from
outside the platform."""

from __future__ import annotations

import re

import pytest
from django.test import Client

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
