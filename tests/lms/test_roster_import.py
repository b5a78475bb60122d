import datetime
import io

import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from lms.idcard import make_id_number
from lms.models import Auxiliary, ImportStatus, RosterImport
from lms.roster_import import TEMPLATE_HEADERS

HEADER = "姓名,性别,出生日期,身份证号,手机号,学历,学历放宽,放宽批准文号,聘用方式,合同开始日期,合同结束日期,岗位,职责,工作区域,不得聘用情形,主管执法人员"


def row(n, **overrides):
    birth = datetime.date(1990, 1, 1 + n % 28)
    values = {
        "姓名": f"导入{n}",
        "性别": "男",
        "出生日期": birth.isoformat(),
        "身份证号": make_id_number("440304", birth, 500 + n),
        "手机号": f"137{n:08d}",
        "学历": "高中",
        "学历放宽": "",
        "放宽批准文号": "",
        "聘用方式": "劳务派遣",
        "合同开始日期": "2026/1/1",
        "合同结束日期": "2028年12月31日",
        "岗位": "巡查劝导辅助岗",
        "职责": "5、6",
        "工作区域": "一片区",
        "不得聘用情形": "",
        "主管执法人员": "",
    }
    values.update(overrides)
    return ",".join(values[h] for h in HEADER.split(","))


def csv_bytes(lines, encoding="utf-8"):
    return ("\n".join([HEADER, *lines]) + "\n").encode(encoding)


def upload(client, org, data, name="roster.csv"):
    client.force_login(org.admin_a)
    response = client.post(
        "/people/import/",
        {"agency": org.county_a.pk, "file": SimpleUploadedFile(name, data)},
        follow=True,
    )
    return response, RosterImport.objects.order_by("-pk").first()


def test_a_good_file_imports_everyone_with_logins_and_slips_once(client, org):
    response, record = upload(client, org, csv_bytes([row(1), row(2), row(3)]))
    assert record.status == ImportStatus.VALID
    response = client.post(f"/people/import/{record.pk}/confirm/", follow=True)
    html = response.content.decode()
    people = Auxiliary.objects.filter(name__startswith="导入")
    assert people.count() == 3
    assert all(p.status == "in_training" and p.user.is_active for p in people)
    assert "13700000001" in html  # the username, on the slip
    assert html.count("slip__password") == 3
    # Shown once: the passwords are gone on the next visit.
    assert "slip__password" not in client.get("/people/slips/").content.decode()


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"姓名": ""}, "姓名"),
        ({"身份证号": "440304199001010000"}, "校验位"),
        ({"出生日期": "1991-01-01"}, "出生日期"),
        ({"合同开始日期": "明年"}, "合同开始日期"),
        ({"学历": "初中"}, "第九条第（四）项"),
        (
            {"出生日期": "", "身份证号": make_id_number("440304", datetime.date(2012, 1, 1), 1)},
            "第九条第（三）项",
        ),
        ({"不得聘用情形": "2"}, "第十条第（二）项"),
        ({"聘用方式": "临时工"}, "第八条"),
        ({"职责": "15"}, "1–9"),
        ({"不得聘用情形": "一片区"}, "1–6"),
        ({"手机号": "12345"}, "11"),
        ({"主管执法人员": "nobody"}, "nobody"),
    ],
)
def test_each_kind_of_bad_row_is_reported_with_its_number_and_nothing_is_imported(
    client, org, bad, message
):
    response, record = upload(client, org, csv_bytes([row(1), row(2, **bad), row(3)]))
    assert record.status == ImportStatus.INVALID
    assert [e["row"] for e in record.errors] == [3]
    assert message in record.errors[0]["message"]
    html = response.content.decode()
    assert message in html
    assert client.post(f"/people/import/{record.pk}/confirm/").status_code == 302
    assert not Auxiliary.objects.filter(name__startswith="导入").exists()


def test_duplicates_in_the_file_and_in_the_database(client, org):
    lines = [row(1), row(2, 身份证号=row(1).split(",")[3], 手机号="13799999999")]
    response, record = upload(client, org, csv_bytes(lines))
    assert record.errors == [{"row": 3, "message": "ID number duplicates row 2 of this file"}] or (
        "第 2 行" in record.errors[0]["message"] or "row 2" in record.errors[0]["message"]
    )
    assert record.errors[0]["row"] == 3
    existing = org.aux_a.id_number
    response, record = upload(client, org, csv_bytes([row(4, 身份证号=existing)]))
    assert record.errors[0]["row"] == 2
    assert record.status == ImportStatus.INVALID


def test_gb18030_csv_as_excel_saves_it(client, org):
    response, record = upload(client, org, csv_bytes([row(1), row(2)], "gb18030"))
    assert record.status == ImportStatus.VALID, record.errors
    client.post(f"/people/import/{record.pk}/confirm/")
    assert set(Auxiliary.objects.filter(name__startswith="导入").values_list("name", flat=True)) == {
        "导入1", "导入2",
    }  # fmt: skip


def test_utf8_with_bom(client, org):
    response, record = upload(client, org, b"\xef\xbb\xbf" + csv_bytes([row(1)]))
    assert record.status == ImportStatus.VALID


def test_xlsx_with_real_dates(client, org):
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for c, header in enumerate(TEMPLATE_HEADERS):
        sheet.write(0, c, header)
    values = row(7).split(",")
    for c, value in enumerate(values):
        if c in (2, 9, 10):
            sheet.write_datetime(
                1,
                c,
                datetime.datetime(2026, 1, 1)
                if c == 9
                else (
                    datetime.datetime(2028, 12, 31) if c == 10 else datetime.datetime(1990, 1, 8)
                ),
                date_format,
            )
        elif c == 4:
            sheet.write_number(1, c, int(value))  # Excel turns mobile numbers into numbers
        else:
            sheet.write(1, c, value)
    book.close()
    response, record = upload(client, org, buffer.getvalue(), "roster.xlsx")
    assert record.status == ImportStatus.VALID, record.errors
    client.post(f"/people/import/{record.pk}/confirm/")
    person = Auxiliary.objects.get(name="导入7")
    assert person.contract_end == datetime.date(2028, 12, 31)
    assert person.mobile == "13700000007"


def test_wrong_file_type_keeps_the_form_and_explains(client, org):
    response, record = upload(client, org, b"hello", "roster.txt")
    assert record is None
    assert ".xlsx" in response.content.decode()


def test_the_other_countys_admin_cannot_see_an_import(client, org):
    _response, record = upload(client, org, csv_bytes([row(1)]))
    client.force_login(org.admin_b)
    assert client.get(f"/people/import/{record.pk}/").status_code == 404
    assert client.post(f"/people/import/{record.pk}/confirm/").status_code == 404
    assert not Auxiliary.objects.filter(name="导入1").exists()


def test_management_command_imports_all_or_nothing(org, tmp_path):
    good = tmp_path / "good.csv"
    good.write_bytes(csv_bytes([row(1), row(2)], "gb18030"))
    slips = tmp_path / "slips.csv"
    call_command("import_roster", str(good), agency=org.county_a.code, slips_out=str(slips))
    assert Auxiliary.objects.filter(name__startswith="导入").count() == 2
    assert "13700000001" in slips.read_text(encoding="utf-8-sig")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([row(5), row(6, 身份证号="123")]))
    with pytest.raises(CommandError, match="1 行有错误"):
        call_command("import_roster", str(bad), agency=org.county_a.code)
    assert not Auxiliary.objects.filter(name="导入5").exists()


def test_confirming_twice_imports_once_and_says_so(client, org):
    _response, record = upload(client, org, csv_bytes([row(1), row(2)]))
    client.post(f"/people/import/{record.pk}/confirm/")
    response = client.post(f"/people/import/{record.pk}/confirm/", follow=True)
    assert response.status_code == 200
    assert "该文件有错误或已导入" in response.content.decode()
    assert Auxiliary.objects.filter(name__startswith="导入").count() == 2
