"""The filing sheet's file name says whose it is: "everything in my scope" is named after the
user's own agency (it said 全省 for a city's oversight viewer), an agency chosen after that
agency, and the province's staff get 全省."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

pytestmark = pytest.mark.django_db


def _filename(client, **params) -> str:
    response = client.get("/credentials/filing-sheet/", {"download": "1", **params})
    assert response.status_code == 200
    return unquote(response["Content-Disposition"].split("filename*=UTF-8''")[1])


def test_my_whole_scope_is_named_after_my_agency(client, org):
    client.force_login(org.oversight)
    assert _filename(client).startswith("辅助人员备案表_市执法局_")
    client.force_login(org.city_admin)
    assert _filename(client, agency=org.county_a.pk).startswith("辅助人员备案表_甲县执法局_")


def test_the_province_gets_the_whole_province(client, org):
    client.force_login(org.provincial_admin)
    assert _filename(client).startswith("辅助人员备案表_全省_")
