"""Tokens of county A's and county B's admins, a read-only one, and a client that sends them."""

from __future__ import annotations

import json

import pytest

from api.models import TokenAccess
from api.tokens import token_create


class ApiClient:
    """Django's test client with a bearer token: .get(path, **query), .post(path, body)."""

    def __init__(self, client, key: str | None):
        self.client, self.key = client, key

    def _headers(self) -> dict:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.key}"} if self.key else {}

    def get(self, path: str, **query):
        return self.client.get(f"/api/v1{path}", query, **self._headers())

    def post(self, path: str, body, raw: bool = False):
        data = body if raw else json.dumps(body, ensure_ascii=False)
        return self.client.post(
            f"/api/v1{path}", data, content_type="application/json", **self._headers()
        )


def make_token(user, access=TokenAccess.READ_WRITE, days=30):
    return token_create(actor=user, name=f"{user.username} 同步", access=access, days=days)


@pytest.fixture
def api_for(client):
    def build(user=None, access=TokenAccess.READ_WRITE, key=None):
        if user is not None:
            key = make_token(user, access).key
        return ApiClient(client, key)

    return build


@pytest.fixture
def world(org):
    """County A's and county B's person each with a passed exam, a credential and an assessed
    cycle; returns their ids."""
    from tests.credentials.factories import credential, ready_for_credential
    from tests.reports.factories import make_assessment, make_cycle
    from tests.training.factories import give_hours

    ids = {}
    for key, aux in (("a", org.aux_a), ("b", org.aux_b)):
        _course, exam = ready_for_credential(aux)
        cred = credential(aux)
        cycle = make_cycle(aux.agency, name=f"{aux.agency.name}2026年度考核")
        assessment = make_assessment(cycle, aux, decision="renew")
        ids[key] = {
            "person": aux.pk,
            "credential": cred.pk,
            "attempt": exam.attempts.get(auxiliary=aux).pk,
            "cycle": cycle.pk,
            "assessment": assessment.pk,
            "entry": give_hours(aux, 2).pk,
        }
    return ids
