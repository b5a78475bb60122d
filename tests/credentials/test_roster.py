"""Art. 21 public roster (active credentials, public fields only) and the Art. 12 filing sheet."""

from __future__ import annotations

import io

import openpyxl
import pytest

from credentials.models import Credential, CredentialStatus
from lms.models import AuxiliaryStatus, HireMethod
from tests import factories
from tests.credentials.factories import credential


@pytest.fixture
def roster(org):
    people = {}
    for name, status in [
        ("在岗甲", CredentialStatus.ACTIVE),
        ("暂停乙", CredentialStatus.SUSPENDED),
        ("吊销丙", CredentialStatus.REVOKED),
        ("过期丁", CredentialStatus.EXPIRED),
    ]:
        aux = factories.AuxiliaryFactory(
            agency=org.county_a,
            name=name,
            status=AuxiliaryStatus.CREDENTIALED,
            duties=[5, 6],
            work_area="东湖片区",
            hire_method=HireMethod.LABOUR_DISPATCH,
        )
        cred = credential(aux)
        Credential.objects.filter(pk=cred.pk).update(status=status)
        people[name] = (aux, cred)
    other = factories.AuxiliaryFactory(
        agency=org.county_b, name="乙县人", status=AuxiliaryStatus.CREDENTIALED
    )
    credential(other)
    org.people = people
    return org


def test_public_roster_lists_only_active_and_public_fields(client, roster):
    response = client.get("/roster/ctya/")
    assert response.status_code == 200
    html = response.content.decode()
    aux, cred = roster.people["在岗甲"]
    assert "在岗甲" in html and cred.number in html and "东湖片区" in html
    assert "报告违法信息、提醒劝导" in html  # Art. 13 duties as words
    for name in ("暂停乙", "吊销丙", "过期丁", "乙县人"):
        assert name not in html
    for private in (
        aux.id_number,
        aux.masked_id_number,
        aux.mobile,
        aux.birth_date.isoformat(),
        aux.contract_end.isoformat(),
        "劳务派遣",
        aux.post,
    ):
        assert private not in html, private


def test_unknown_agency_roster_is_404(client, db):
    assert client.get("/roster/NOPE/").status_code == 404


def test_public_roster_xlsx(client, roster):
    response = client.get("/roster/CTYA/?format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert rows[0] == ["姓名", "工作证编号", "职责", "工作区域"]
    _aux, cred = roster.people["在岗甲"]
    assert len(rows) == 2 and rows[1][:2] == ["在岗甲", cred.number] and rows[1][3] == "东湖片区"
    # CJK-friendly widths: the duties column is wider than the number column's Latin text needs
    assert sheet.column_dimensions["C"].width >= 2 * len(rows[1][2]) * 0.9


def test_public_roster_query_count(client, roster, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get("/roster/CTYA/")


def test_filing_sheet_contents(client, roster):
    client.force_login(roster.admin_a)
    response = client.get("/credentials/filing-sheet/", {"download": "1"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert "备案" in sheet["A1"].value
    header = [c.value for c in sheet[4]]
    for column in ("身份证号", "聘用方式", "学历", "岗位", "工作证状态", "工作证编号"):
        assert column in header
    rows = {row[header.index("姓名")]: row for row in sheet.iter_rows(min_row=5, values_only=True)}
    aux, cred = roster.people["吊销丙"]
    row = rows["吊销丙"]
    assert row[header.index("身份证号")] == aux.masked_id_number and aux.id_number not in row
    assert row[header.index("聘用方式")] == "劳务派遣"
    assert row[header.index("工作证编号")] == cred.number
    assert row[header.index("工作证状态")] == "已吊销"
    assert row[header.index("合同到期")] == aux.contract_end.isoformat()
    assert "乙县人" not in rows and "甲一" in rows  # own agency only; in training listed too
    assert rows["甲一"][header.index("工作证状态")] == "无"


def test_oversight_downloads_for_their_jurisdiction(client, roster):
    client.force_login(roster.oversight)
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get("/credentials/filing-sheet/", {"download": "1"}).content)
    ).active
    names = {row[1] for row in sheet.iter_rows(min_row=5, values_only=True)}
    assert {"在岗甲", "乙县人", "甲一", "乙一"} <= names


def test_filing_sheet_not_for_learners_or_supervisors(client, roster):
    for user in (roster.learner_a, roster.supervisor_a):
        client.force_login(user)
        assert client.get("/credentials/filing-sheet/", {"download": "1"}).status_code == 403


def test_filing_sheet_agency_filter_is_scoped(client, roster):
    client.force_login(roster.admin_a)
    response = client.get(
        "/credentials/filing-sheet/", {"download": "1", "agency": roster.county_b.pk}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")  # the form refuses it: not in scope


EVIL = '=HYPERLINK("http://evil.example","验证")'


def _cell_of(sheet, text):
    return next(c for row in sheet.iter_rows() for c in row if c.value == text)


def test_public_roster_xlsx_shows_a_formula_typed_as_a_work_area_as_text(client, roster):
    aux, _cred = roster.people["在岗甲"]
    aux.work_area = EVIL
    aux.name = "@SUM(1+1)"
    aux.save(update_fields=["work_area", "name"])
    response = client.get("/roster/CTYA/?format=xlsx")  # anonymous, as the public
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    for typed in (EVIL, "@SUM(1+1)"):
        cell = _cell_of(sheet, typed)
        assert cell.data_type == "s", typed  # a string cell: Excel shows it, never runs it


def test_filing_sheet_writes_typed_formulas_as_text(client, roster):
    aux, _cred = roster.people["吊销丙"]
    aux.name = EVIL
    aux.post = "+1-2"
    aux.save(update_fields=["name", "post"])
    client.force_login(roster.admin_a)
    response = client.get("/credentials/filing-sheet/", {"download": "1"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    for typed in (EVIL, "+1-2"):
        assert _cell_of(sheet, typed).data_type == "s", typed
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
