"""The renewal workbook's contents, read back with openpyxl."""

from __future__ import annotations

import datetime
import io
import zipfile
from decimal import Decimal as D

import openpyxl
import pytest

from lms.jobs.models import JobStatus
from reports.models import ReportKind
from reports.services import report_build_now
from tests.factories import AuxiliaryFactory
from tests.reports.factories import make_assessment, make_credential, make_cycle
from tests.training.factories import category, give_hours
from training.services import entry_correct, requirement_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle_data(org):
    cycle = make_cycle(org.city)
    credential = make_credential(org.aux_a)
    org.aux_a.post = "巡查劝导辅助岗"
    org.aux_a.contract_end = datetime.date(2026, 9, 30)
    org.aux_a.save()
    make_assessment(
        cycle,
        org.aux_a,
        scores=(9, 8, 10),
        total="91.00",
        grade="excellent",
        violations=(9, 3),
        outcome="dismiss",
        response="objected",
        decision="dismiss",
    )
    make_assessment(cycle, org.aux_b, scores=(6, 6, 6), total="60.00", grade="basic",
                    response="acknowledged")  # fmt: skip
    return cycle, credential


def _build(cycle, agency, kind=ReportKind.RENEWAL_ROLLUP):
    report = report_build_now(kind=kind, agency=agency, cycle=cycle)
    assert report.status == JobStatus.DONE, report.error
    return report


def _open(report):
    with report.file.open("rb") as handle:  # the local disk or the object store
        return openpyxl.load_workbook(io.BytesIO(handle.read()))


def test_detail_sheet_has_chinese_headers_and_the_known_row(org, cycle_data):
    cycle, credential = cycle_data
    report = _build(cycle, org.city)
    book = _open(report)
    assert book.sheetnames == ["汇总", "明细", "说明"]
    sheet = book["明细"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:8] == ["姓名", "身份证号（脱敏）", "所在单位", "工作证编号", "工作证状态",
                           "岗位", "指导执法人员", "考核状态"]  # fmt: skip
    assert headers[8:11] == ["职业道德（30）", "业务能力（30）", "任务完成（40）"]
    assert headers[-12:] == ["等次", "缺勤天数", "迟到次数", "考核期内培训学时", "年度应修学时",
                             "年度学时达标", "违反第十九条情形", "建议", "建议理由", "合同到期日",
                             "本人确认/异议", "最终决定"]  # fmt: skip
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(headers))}3"

    rows = {row[0]: dict(zip(headers, row, strict=True)) for row in
            sheet.iter_rows(min_row=2, values_only=True)}  # fmt: skip
    row = rows["甲一"]
    assert row["身份证号（脱敏）"] == org.aux_a.masked_id_number
    assert "*" in row["身份证号（脱敏）"] and org.aux_a.id_number not in str(rows)
    assert row["所在单位"] == "甲县执法局"
    assert row["工作证编号"] == credential.number
    assert row["工作证状态"] == "有效"
    assert row["岗位"] == "巡查劝导辅助岗"
    assert row["指导执法人员"] == "sup_a"
    assert row["职业道德（30）"] == 9 and row["任务完成（40）"] == 10
    assert row["总分"] == 91
    assert row["等次"] == "优秀"
    assert row["缺勤天数"] == 1 and row["迟到次数"] == 2
    assert row["违反第十九条情形"] == "19.3、19.9"
    assert row["建议"] == "不予续聘/解聘"
    assert "第二十四条" in row["建议理由"]
    assert row["合同到期日"] == datetime.datetime(2026, 9, 30)  # a real date, not text
    assert sheet.cell(row=2, column=headers.index("合同到期日") + 1).is_date
    assert row["本人确认/异议"] == "提出异议（待处理）"
    assert row["考核状态"] == "已提交"
    assert row["最终决定"] == "不予续聘/解聘"
    assert rows["乙一"]["建议"] == "续聘并责令改正"


def test_detail_sheet_highlights_dismissals_and_corrections(org, cycle_data):
    cycle, _credential = cycle_data
    sheet = _open(_build(cycle, org.city))["明细"]
    rules = [rule for ranges in sheet.conditional_formatting for rule in ranges.rules]
    formulas = " ".join(rule.formula[0] for rule in rules)
    assert "不予续聘/解聘" in formulas and "续聘并责令改正" in formulas
    fills = " ".join(f"{rule.dxf.fill.fgColor.rgb} {rule.dxf.fill.bgColor.rgb}" for rule in rules)
    assert "FEE2E2" in fills  # red for dismissals
    assert "FEF3C7" in fills  # amber for corrections
    # CJK columns are wider than the same number of Latin characters would need.
    assert sheet.column_dimensions["C"].width >= 2 * len("甲县执法局")


def test_summary_counts_match_the_data_and_the_chart_is_there(org, cycle_data):
    cycle, _credential = cycle_data
    make_assessment(cycle, AuxiliaryFactory(agency=org.county_a), submitted=False)
    report = _build(cycle, org.city)
    sheet = _open(report)["汇总"]
    values = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    labelled = {row[0]: row[1:] for row in values if row and row[0]}
    assert labelled["范围"][0].startswith("市执法局")
    assert isinstance(labelled["生成时间"][0], datetime.datetime)
    assert labelled["优秀"][0] == 1 and labelled["基本合格"][0] == 1 and labelled["合格"][0] == 0
    assert labelled["尚未提交"][0] == 1
    assert labelled["不予续聘/解聘"][0] == 1 and labelled["续聘并责令改正"][0] == 1
    assert labelled["应考核人数"][0] == 3 and labelled["已提交"][0] == 2
    assert labelled["提出异议"][0] == 1 and labelled["本人已确认"][0] == 1
    assert labelled["已提交"][1] == pytest.approx(2 / 3)
    with report.file.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read())) as archive:
        assert "xl/charts/chart1.xml" in archive.namelist()
        assert "考核等次分布" in archive.read("xl/charts/chart1.xml").decode()


def test_rollup_has_one_summary_row_per_agency(org, cycle_data):
    cycle, _credential = cycle_data
    sheet = _open(_build(cycle, org.city))["汇总"]
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == "单位")
    lines = {row[0]: row for row in rows[start + 1 :] if row[0]}
    assert set(lines) == {"甲县执法局", "乙县执法局", "合计"}
    assert lines["甲县执法局"][1] == "CTYA" and lines["甲县执法局"][2] == 1
    assert lines["合计"][2] == 2 and lines["合计"][3] == 2


def test_agency_report_only_holds_its_own_people(org, cycle_data):
    cycle, _credential = cycle_data
    sheet = _open(_build(cycle, org.county_b, kind=ReportKind.RENEWAL))["明细"]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["乙一"]


def test_notes_sheet_lists_template_bands_and_rules(org, cycle_data):
    cycle, _credential = cycle_data
    sheet = _open(_build(cycle, org.city))["说明"]
    text = "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell)
    assert "年度考核模板 v1" in text
    assert "基本合格" in text and "60" in text
    assert "第十九条" in text and "第二十七条" in text
    assert "考核标准不得与罚没款数额" in text


def test_credential_number_is_the_one_in_force_else_the_latest(org):
    cycle = make_cycle(org.city)
    make_credential(org.aux_a, status="revoked")
    current = make_credential(org.aux_a)
    make_credential(org.aux_a, status="expired")
    make_credential(org.aux_b, status="revoked")
    latest_b = make_credential(org.aux_b, status="expired")
    make_assessment(cycle, org.aux_a)
    make_assessment(cycle, org.aux_b)
    sheet = _open(_build(cycle, org.city))["明细"]
    numbers = {row[0]: row[3:5] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert numbers == {"甲一": (current.number, "有效"), "乙一": (latest_b.number, "已过期")}


def test_a_revoked_credential_is_listed_as_revoked(org):
    """After a revocation the row still shows the number (the assessment was of that person),
    and says it is revoked rather than leaving it to look valid."""
    from credentials.services import credential_revoke

    cycle = make_cycle(org.city)
    org.aux_a.status = "credentialed"
    org.aux_a.save()
    credential = make_credential(org.aux_a)
    make_assessment(cycle, org.aux_a)
    credential_revoke(credential=credential, actor=org.admin_a, reason="严重违纪")
    sheet = _open(_build(cycle, org.city))["明细"]
    headers = [cell.value for cell in sheet[1]]
    row = dict(zip(headers, next(sheet.iter_rows(min_row=2, values_only=True)), strict=True))
    assert (row["工作证编号"], row["工作证状态"]) == (credential.number, "已吊销")


def _rows(report):
    sheet = _open(report)["明细"]
    headers = [cell.value for cell in sheet[1]]
    return {row[0]: dict(zip(headers, row, strict=True))
            for row in sheet.iter_rows(min_row=2, values_only=True)}  # fmt: skip


def test_detail_rows_show_the_periods_training_hours_and_whether_the_year_is_met(org):
    """The half-year cycle (2026年1月1日至6月30日) counts the hours done in it; whether the
    requirement is met is the year 2026's ledger against the city's 24 学时, 8 in 法律法规,
    which the counties inherit."""
    law, skill = category("法律法规"), category("业务技能")
    requirement_set(actor=org.city_admin, agency=org.city, total_hours=D("24"),
                    minimums={law: D("8"), skill: D("0")})  # fmt: skip
    cycle = make_cycle(org.city)
    make_assessment(cycle, org.aux_a)
    make_assessment(cycle, org.aux_b)
    third = AuxiliaryFactory(agency=org.county_a, name="甲三")
    make_assessment(cycle, third)
    # 甲一: 10 + 6 in the period, 12 more in August: 28 in the year, met.
    give_hours(org.aux_a, 10, day=datetime.date(2026, 3, 1))
    entry = give_hours(org.aux_a, 6, cat="业务技能", day=datetime.date(2026, 6, 30))
    give_hours(org.aux_a, 12, cat="业务技能", day=datetime.date(2026, 8, 1))
    give_hours(org.aux_a, 40, day=datetime.date(2025, 12, 31))  # last year's: not counted
    # A correction made later still belongs to the entry it corrects (6 → 4, in the period).
    entry_correct(entry=entry, hours_delta=D("-2"), reason="签到表核对", actor=org.admin_a)
    # 乙一: 30 hours but only 2 in 法律法规: the minimum is not met.
    give_hours(org.aux_b, 2, day=datetime.date(2026, 5, 1))
    give_hours(org.aux_b, 28, cat="业务技能", day=datetime.date(2026, 5, 2))

    rows = _rows(_build(cycle, org.city))
    columns = ("考核期内培训学时", "年度应修学时", "年度学时达标")
    assert tuple(rows["甲一"][c] for c in columns) == (14, 24, "已达标")
    assert tuple(rows["乙一"][c] for c in columns) == (30, 24, "未达标")
    assert tuple(rows["甲三"][c] for c in columns) == (0, 24, "未达标")
    notes = _open(_build(cycle, org.city))["说明"]
    text = "".join(str(c) for row in notes.iter_rows(values_only=True) for c in row if c)
    assert "2026年度培训台账" in text


def test_without_a_requirement_the_row_says_so(org):
    cycle = make_cycle(org.city)
    make_assessment(cycle, org.aux_a)
    give_hours(org.aux_a, 3.5, day=datetime.date(2026, 2, 1))
    row = _rows(_build(cycle, org.city))["甲一"]
    assert (row["考核期内培训学时"], row["年度应修学时"], row["年度学时达标"]) == (
        3.5, None, "未设要求",
    )  # fmt: skip
