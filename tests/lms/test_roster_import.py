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


def _template(client, org):
    import openpyxl

    client.force_login(org.admin_a)
    response = client.get("/people/import/template.xlsx")
    assert response.status_code == 200
    return response.content, openpyxl.load_workbook(io.BytesIO(response.content))


def test_template_has_an_example_row_notes_and_dropdowns(client, org):
    from lms.idcard import id_number_error

    _data, book = _template(client, org)
    assert book.sheetnames == ["花名册", "填写说明"]
    sheet = book["花名册"]
    assert [c.value for c in sheet[1]] == TEMPLATE_HEADERS
    example = dict(zip(TEMPLATE_HEADERS, [c.value for c in sheet[2]], strict=True))
    assert example["姓名"].startswith("示例")
    assert id_number_error(example["身份证号"]) is None  # passes the checksum
    assert example["职责"] == "报告违法信息、提醒劝导"  # as the roster displays duties
    notes = {r[0]: r for r in book["填写说明"].iter_rows(values_only=True) if r[0]}
    for header in TEMPLATE_HEADERS:
        assert header in notes and notes[header][2], header
    assert "1 法律政策宣传" in notes["职责"][2] and "公开招聘" in notes["聘用方式"][2]
    lists = {
        TEMPLATE_HEADERS[next(iter(dv.sqref.ranges)).min_col - 1]: dv.formula1
        for dv in sheet.data_validations.dataValidation
    }
    assert lists["性别"] == '"男,女"'
    assert lists["聘用方式"] == '"公开招聘,劳务派遣,人事代理"'
    assert "边远地区" in lists["学历放宽"] and "高中" in lists["学历"]


def test_the_template_filled_in_imports_its_rows_and_skips_the_example(client, org):
    data, book = _template(client, org)
    sheet = book["花名册"]
    example = [c.value for c in sheet[2]]
    # The example, made into a real person, is itself a valid row.
    values = dict(zip(TEMPLATE_HEADERS, example, strict=True))
    values.update(姓名="李四", 身份证号=row(9).split(",")[3], 出生日期="", 手机号="13700000009")
    sheet.append([values[h] for h in TEMPLATE_HEADERS])
    buffer = io.BytesIO()
    book.save(buffer)
    _response, record = upload(client, org, buffer.getvalue(), "filled.xlsx")
    assert record.status == ImportStatus.VALID, record.errors
    assert record.row_count == 1
    client.post(f"/people/import/{record.pk}/confirm/")
    person = Auxiliary.objects.get(name="李四")
    assert person.duties == [5, 6] and person.hire_method == "dispatch"
    assert not Auxiliary.objects.filter(name__startswith="示例").exists()


@pytest.mark.parametrize(
    "duties, expected",
    [
        ("报告违法信息、提醒劝导", [5, 6]),  # as the public roster shows them
        ("咨询接待、材料收转、信息录入、5", [2, 5]),  # a label holding 、 itself
        ("向行政执法机关报告发现的违法信息；", [5]),  # the law's own text of the item
        ("Reminding and persuading, 1", [1, 6]),
        ("（一）（九）", [1, 9]),
    ],
)
def test_duties_are_accepted_as_displayed(client, org, duties, expected):
    line = row(1, 职责=f'"{duties}"')
    _response, record = upload(client, org, csv_bytes([line]))
    assert record.status == ImportStatus.VALID, record.errors
    client.post(f"/people/import/{record.pk}/confirm/")
    assert Auxiliary.objects.get(name="导入1").duties == expected


@pytest.mark.parametrize(
    "bad, accepted",
    [
        ({"性别": "男性"}, "“男”或“女”"),
        ({"学历": "大学"}, "高中、中专"),
        ({"学历放宽": "偏远"}, "边远地区"),
        ({"聘用方式": "临时工"}, "公开招聘、劳务派遣或人事代理"),
        ({"合同开始日期": "明年"}, "2026/1/1"),
        ({"出生日期": "1991-01-01"}, "身份证号显示为 1990-01-02"),
        ({"职责": "巡逻"}, "5 报告违法信息"),
        ({"不得聘用情形": "吸毒"}, "项号 1–6"),
        ({"手机号": "12345"}, "以 13–19 开头"),
        ({"主管执法人员": "nobody"}, "登录名"),
    ],
)
def test_each_rejected_value_says_what_would_be_accepted(client, org, bad, accepted):
    _response, record = upload(client, org, csv_bytes([row(1, **bad)]))
    assert record.status == ImportStatus.INVALID
    assert accepted in record.errors[0]["message"], record.errors[0]["message"]


def test_a_formula_typed_as_a_work_area_is_imported_as_typed(client, org):
    typed = '=HYPERLINK("http://evil.example","验证")'
    line = row(1, 工作区域='"' + typed.replace('"', '""') + '"')
    _response, record = upload(client, org, csv_bytes([line]))
    client.post(f"/people/import/{record.pk}/confirm/")
    assert Auxiliary.objects.get(name="导入1").work_area == typed
