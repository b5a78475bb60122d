"""Training hours through the API: a year's hours per person against the agency's requirement,
and the ledger entries for incremental sync."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from tests.training.factories import category, give_hours
from training import services


@pytest.fixture
def hours(org):
    """County A's person: 6 h of law and 2 h of skills in 2026 against 10 h with ≥ 8 h of law;
    a correction takes 1 h of law away. County B's person: 3 h."""
    services.requirement_set(
        actor=org.admin_a, agency=org.county_a, total_hours=Decimal("10"),
        minimums={category("法律法规"): Decimal("8")},
    )  # fmt: skip
    law = give_hours(org.aux_a, 7)
    give_hours(org.aux_a, 2, cat="业务技能")
    give_hours(org.aux_a, 5, day=datetime.date(2025, 12, 31))  # counts for 2025
    correction = services.entry_correct(
        entry=law, hours_delta=Decimal("-1"), reason="签到表核对少1学时", actor=org.admin_a
    )
    give_hours(org.aux_b, 3)
    return {"law": law, "correction": correction}


def test_a_years_hours_against_the_requirement(org, hours, api_for):
    body = api_for(org.admin_a).get("/training-hours", year=2026).json()
    (item,) = [i for i in body["items"] if i["person_id"] == org.aux_a.pk]
    assert Decimal(item["hours"]) == 8
    assert Decimal(item["required"]) == 10
    # 2 h short of the total, but 2 h short of the law minimum too: 2 h missing, not met.
    assert Decimal(item["missing"]) == 2 and item["met"] is False
    by_name = {c["category"]: c for c in item["categories"]}
    assert Decimal(by_name["法律法规"]["hours"]) == 6
    assert Decimal(by_name["法律法规"]["minimum"]) == 8
    assert Decimal(by_name["业务技能"]["hours"]) == 2 and by_name["业务技能"]["minimum"] is None


def test_the_year_boundary_and_another_agencys_people(org, hours, api_for):
    api = api_for(org.admin_a)
    last_year = {i["person_id"]: i for i in api.get("/training-hours", year=2025).json()["items"]}
    assert Decimal(last_year[org.aux_a.pk]["hours"]) == 5
    assert org.aux_b.pk not in last_year
    assert api.get("/training-hours", year=1999).status_code == 400


def test_entries_include_the_correction_with_its_reason(org, hours, api_for):
    api = api_for(org.admin_a)
    items = api.get("/training-entries", person_id=org.aux_a.pk, year=2026).json()["items"]
    correction = next(i for i in items if i["source"] == "correction")
    assert correction["corrects_id"] == hours["law"].pk
    assert Decimal(correction["hours"]) == -1 and correction["reason"] == "签到表核对少1学时"
    assert {i["person_id"] for i in items} == {org.aux_a.pk}
    # County B's admin sees none of county A's entries, even when asking for that person.
    other = api_for(org.admin_b).get("/training-entries", person_id=org.aux_a.pk).json()
    assert other["items"] == []


def test_entries_sync_incrementally(org, hours, api_for):
    api = api_for(org.admin_a)
    cut = hours["correction"].created_at.isoformat()
    items = api.get("/training-entries", updated_since=cut).json()["items"]
    assert [i["id"] for i in items] == [hours["correction"].pk]
