"""The API's authorization matrix: tokens of county A's and county B's admins (and the
province, and none) against every operation with county A's objects. The policy is the pages'
one (lms.permissions): a record outside the token's scope is 404 as if it did not exist; no or
a bad token is 401; a read-only token may not write (403)."""

from __future__ import annotations

import pytest

from api.models import TokenAccess

# (operation, path with county A's ids, the list key that must hold county A's object)
READS = [
    ("people", "/people/{person}"),
    ("credentials", "/credentials/{credential}"),
    ("cycle assessments", "/cycles/{cycle}/assessments"),
]
LISTS = [
    ("/people", "person"),
    ("/credentials", "credential"),
    ("/exam-results", "attempt"),
    ("/cycles", "cycle"),
    ("/cycles/{cycle}/assessments", "assessment"),
    ("/training-entries", "entry"),
]


@pytest.fixture
def tokens(org, api_for):
    return {
        "none": api_for(),
        "bad": api_for(key="lmsapi_not-a-token"),
        "admin_a": api_for(org.admin_a),
        "admin_b": api_for(org.admin_b),
        "read_only_a": api_for(org.admin_a, access=TokenAccess.READ),
        "provincial": api_for(org.provincial_admin),
    }


def _status(api, method, path, body=None) -> int:
    if method == "GET":
        return api.get(path).status_code
    return api.post(path, body).status_code


# Expected answer per token for county A's objects: A (and the province above it) see them,
# B gets 404, no token or a bad one 401.
READ_EXPECT = {
    "none": 401, "bad": 401, "admin_a": 200, "admin_b": 404, "read_only_a": 200,
    "provincial": 200,
}  # fmt: skip
WRITE_EXPECT = {
    "none": 401, "bad": 401, "admin_a": 200, "admin_b": 404, "read_only_a": 403,
    "provincial": 200,
}  # fmt: skip


@pytest.mark.parametrize("who", list(READ_EXPECT))
def test_reads_of_county_a_objects(world, tokens, who):
    for _label, path in READS:
        url = path.format(**world["a"])
        response = tokens[who].get(url)
        assert response.status_code == READ_EXPECT[who], (url, response.json())
        if response.status_code != 200:
            body = response.json()
            assert set(body) >= {"code", "message"} and body["message"]


def test_lists_show_only_the_tokens_scope(world, tokens):
    for path, key in LISTS:
        url = path.format(**world["a"])
        in_a = [item["id"] for item in tokens["admin_a"].get(url).json()["items"]]
        assert world["a"][key] in in_a and world["b"][key] not in in_a, url
        if "{" not in path:
            in_b = [item["id"] for item in tokens["admin_b"].get(url).json()["items"]]
            assert world["b"][key] in in_b and world["a"][key] not in in_b, url
            both = [item["id"] for item in tokens["provincial"].get(url).json()["items"]]
            assert {world["a"][key], world["b"][key]} <= set(both), url
    agencies = [a["code"] for a in tokens["admin_b"].get("/agencies").json()["items"]]
    assert agencies == ["CTYB"]


@pytest.mark.parametrize("who", list(WRITE_EXPECT))
def test_credential_status_on_county_a(world, tokens, who):
    from credentials.models import Credential

    response = tokens[who].post(
        f"/credentials/{world['a']['credential']}/status",
        {"action": "suspend", "reason": "停岗调查"},
    )
    assert response.status_code == WRITE_EXPECT[who], response.json()
    status = Credential.objects.get(pk=world["a"]["credential"]).status
    assert (status == "suspended") == (WRITE_EXPECT[who] == 200)


def test_training_hours_show_only_the_tokens_people(world, tokens):
    in_a = {i["person_id"] for i in tokens["admin_a"].get("/training-hours").json()["items"]}
    assert world["a"]["person"] in in_a and world["b"]["person"] not in in_a
    everyone = tokens["provincial"].get("/training-hours").json()["items"]
    assert {world["a"]["person"], world["b"]["person"]} <= {i["person_id"] for i in everyone}
    assert tokens["none"].get("/training-hours").status_code == 401


def test_filter_by_another_agency_shows_nothing(world, tokens):
    response = tokens["admin_b"].get("/people", agency="CTYA")
    assert response.status_code == 200 and response.json()["items"] == []


@pytest.mark.parametrize("who", list(WRITE_EXPECT))
def test_writes_on_county_a(world, tokens, who, org):
    status = _status(
        tokens[who],
        "POST",
        f"/people/{world['a']['person']}/status",
        {"to_status": "departed", "reason": "合同期满离职"},
    )
    assert status == WRITE_EXPECT[who]
    org.aux_a.refresh_from_db()
    assert (org.aux_a.status == "departed") == (WRITE_EXPECT[who] == 200)


@pytest.mark.parametrize("who", list(WRITE_EXPECT))
def test_roster_upsert_into_county_a(world, tokens, who):
    from tests.factories import next_id_number

    row = {
        "name": "王新", "id_number": next_id_number(), "mobile": "13912345678",
        "education": "高中", "hire_method": "公开招聘", "contract_start": "2026-01-01",
        "contract_end": "2028-12-31", "post": "巡查辅助岗",
    }  # fmt: skip
    response = tokens[who].post("/roster/upsert", {"agency": "CTYA", "rows": [row]})
    assert response.status_code == WRITE_EXPECT[who], response.json()


def test_a_token_of_a_user_who_lost_the_role_stops_working(world, org, api_for):
    api = api_for(org.admin_a)
    org.admin_a.profile.role = "supervisor"
    org.admin_a.profile.save()
    response = api.get("/people")
    assert response.status_code == 401
    assert response.json()["code"] == "token_inactive"
