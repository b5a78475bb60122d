"""The roster upsert: the import's rules over JSON rows, all or nothing, idempotent by ID
number, with a dry run."""

from __future__ import annotations

import json

import pytest

from api.models import ApiWrite
from lms.models import Auxiliary, AuxiliaryStatusChange
from tests.factories import next_id_number


def _row(**overrides) -> dict:
    row = {
        "name": "王新", "id_number": next_id_number(), "mobile": "13912345678",
        "education": "高中", "hire_method": "公开招聘", "contract_start": "2026-01-01",
        "contract_end": "2028-12-31", "post": "巡查辅助岗", "duties": [5, 6],
        "work_area": "东片区",
    }  # fmt: skip
    row.update(overrides)
    return row


@pytest.fixture
def api(org, api_for):
    return api_for(org.admin_a)


def test_new_people_are_enrolled_with_logins(org, api):
    rows = [_row(), _row(name="李可", mobile="13912345679", supervisor="sup_a")]
    response = api.post("/roster/upsert", {"agency": "CTYA", "rows": rows})
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["created"], body["updated"], body["unchanged"]) == (2, 0, 0)
    first = body["people"][0]
    assert first["action"] == "created" and first["username"] == "13912345678"
    assert first["initial_password"] and rows[0]["id_number"] not in str(body)
    person = Auxiliary.objects.get(pk=first["id"])
    assert person.agency == org.county_a and person.status == "in_training"
    assert person.duties == [5, 6] and person.user.username == "13912345678"
    assert Auxiliary.objects.get(name="李可").supervisor == org.supervisor_a
    assert ApiWrite.objects.get().token_name.endswith("同步")


def test_sending_the_same_rows_again_changes_nothing(org, api):
    rows = [_row()]
    api.post("/roster/upsert", {"agency": "CTYA", "rows": rows})
    person = Auxiliary.objects.get(id_number=rows[0]["id_number"])
    again = api.post("/roster/upsert", {"agency": "CTYA", "rows": rows}).json()
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 1)
    assert again["people"][0]["id"] == person.pk and again["people"][0]["initial_password"] is None
    assert Auxiliary.objects.filter(id_number=rows[0]["id_number"]).count() == 1
    refreshed = Auxiliary.objects.get(pk=person.pk)
    assert refreshed.updated_at == person.updated_at  # an incremental sync sees no change
    assert AuxiliaryStatusChange.objects.filter(auxiliary=person).count() == 1


def test_a_known_id_number_updates_that_person(org, api):
    response = api.post(
        "/roster/upsert",
        {"agency": "CTYA", "rows": [_row(id_number=org.aux_a.id_number, mobile=org.aux_a.mobile,
                                         name="甲一", post="执勤辅助岗", duties="5、6")]},
    )  # fmt: skip
    assert response.status_code == 200, response.json()
    assert response.json()["people"][0] == {
        "row": 1, "action": "updated", "id": org.aux_a.pk,
        "id_number_masked": org.aux_a.masked_id_number, "username": None,
        "initial_password": None,
    }  # fmt: skip
    org.aux_a.refresh_from_db()
    assert org.aux_a.post == "执勤辅助岗" and org.aux_a.duties == [5, 6]
    assert org.aux_a.status == "in_training"  # status only through its own service


def test_one_bad_row_and_nothing_is_saved(org, api):
    rows = [_row(), _row(name="", id_number="123", mobile="139123456790", education="幼儿园")]
    response = api.post("/roster/upsert", {"agency": "CTYA", "rows": rows})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_rows" and body["message"].startswith("未保存任何一行")
    assert [r["row"] for r in body["rows"]] == [2]
    assert "姓名" in body["rows"][0]["message"] and "幼儿园" in body["rows"][0]["message"]
    assert not Auxiliary.objects.filter(id_number=rows[0]["id_number"]).exists()
    assert not ApiWrite.objects.exists()


def test_an_id_number_of_another_agency_is_a_row_error(org, api):
    response = api.post(
        "/roster/upsert", {"agency": "CTYA", "rows": [_row(id_number=org.aux_b.id_number)]}
    )
    assert response.status_code == 400
    assert "已" in response.json()["rows"][0]["message"]
    org.aux_b.refresh_from_db()
    assert org.aux_b.agency == org.county_b and org.aux_b.name == "乙一"


def test_dry_run_says_what_would_happen_and_saves_nothing(org, api):
    rows = [_row(), _row(id_number=org.aux_a.id_number, mobile=org.aux_a.mobile, name="甲一")]
    body = api.post("/roster/upsert", {"agency": "CTYA", "dry_run": True, "rows": rows}).json()
    assert body["dry_run"] is True and (body["created"], body["updated"]) == (1, 1)
    assert body["people"][0]["id"] is None and body["people"][0]["initial_password"] is None
    assert not Auxiliary.objects.filter(id_number=rows[0]["id_number"]).exists()
    org.aux_a.refresh_from_db()
    assert org.aux_a.post == "窗口服务辅助岗"
    assert not ApiWrite.objects.exists()


def test_bad_shapes_are_400_with_field_errors(org, api):
    response = api.post("/roster/upsert", {"agency": "ctya", "rows": []})
    assert response.status_code == 400
    fields = response.json()["fields"]
    assert fields["body.payload.agency"] == ["格式不正确。"]
    assert fields["body.payload.rows"] == ["至少 1 项。"]
    assert api.post("/roster/upsert", "{not json", raw=True).status_code == 400
    assert api.post("/roster/upsert", {"agency": "CTYA", "rows": [{}]}).json()["fields"][
        "body.payload.rows.0.name"
    ] == ["此项必填。"]


def test_an_id_number_with_a_letter_in_its_sequence_is_a_row_error(org, api):
    # 18 characters, a letter where the sequence digit that gives the gender should be.
    response = api.post(
        "/roster/upsert", {"agency": "CTYA", "rows": [_row(id_number="1101011990010112AX")]}
    )
    assert response.status_code == 400
    assert response.json()["rows"][0]["row"] == 1


@pytest.mark.parametrize("bad", ["\u0090\u0000x", "A\udbffB"])
def test_text_no_database_can_store_is_a_400_and_nothing_is_saved(org, api, bad):
    before = Auxiliary.objects.count()
    body = json.dumps({"agency": "CTYA", "rows": [_row(id_number=bad, name=bad)]})
    response = api.post("/roster/upsert", body, raw=True)
    assert response.status_code == 400
    assert response.json()["code"] == "http_400"
    assert Auxiliary.objects.count() == before
