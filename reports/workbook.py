"""The renewal workbook (xlsxwriter, constant_memory): 汇总, 明细 and 说明.

In constant_memory mode each sheet must be written top to bottom, so the summary is filled
from aggregate queries before the detail rows stream in, and the notes come last.
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import xlsxwriter
from django.utils import timezone

from assessments import rules
from assessments.models import Section
from lms.measures import citation_label_zh as citation_label  # the workbook is written in Chinese
from lms.spreadsheets import text_writer, write_text_row
from reports.selectors import GRADE_CODES, OUTCOME_CODES, RenewalSummary

PROGRESS_EVERY = 1000
DATE_FORMAT = "yyyy-mm-dd"
MAX_WIDTH = 60


def _zh(day: datetime.date) -> str:
    """A date in the workbook's text as written in China: 2026年1月1日."""
    return f"{day.year}年{day.month}月{day.day}日"


DISMISS_LABEL = rules.OUTCOME_LABELS[rules.Outcome.DISMISS]
CORRECT_LABEL = rules.OUTCOME_LABELS[rules.Outcome.RENEW_WITH_CORRECTION]


def text_width(text: str) -> int:
    """Display width in Excel's character units: CJK (wide/full-width) characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


@dataclass(frozen=True)
class Column:
    header: str
    kind: str  # text | number | int | date
    width: float


def detail_columns(*, criteria, longest: dict[str, int]) -> list[Column]:
    """The 明细 columns. Widths are set from the header and the longest value the summary
    query found, because xlsxwriter's autofit measures CJK text as half its real width."""

    def fit(header: str, chars: int = 0, *, wide: bool = True, minimum: int = 6) -> float:
        content = chars * (2 if wide else 1)
        return min(MAX_WIDTH, max(minimum, text_width(header), content) + 2)

    columns = [
        Column("姓名", "text", fit("姓名", longest.get("name", 3))),
        Column("身份证号（脱敏）", "text", fit("身份证号（脱敏）", 18, wide=False)),
        Column("所在单位", "text", fit("所在单位", longest.get("agency", 6))),
        Column("工作证编号", "text", fit("工作证编号", 20, wide=False)),
        Column("工作证状态", "text", fit("工作证状态", 3)),
        Column("岗位", "text", fit("岗位", longest.get("post", 6))),
        Column("指导执法人员", "text", fit("指导执法人员", longest.get("supervisor", 4))),
        Column("考核状态", "text", fit("考核状态", 3)),
    ]
    for criterion in criteria:
        header = f"{criterion.name}（{criterion.weight.normalize():f}）"
        columns.append(Column(header, "number", fit(header, minimum=8)))
    columns += [
        Column("总分", "number", fit("总分", minimum=8)),
        Column("等次", "text", fit("等次", 4)),
        Column("缺勤天数", "int", fit("缺勤天数")),
        Column("迟到次数", "int", fit("迟到次数")),
        # reports.selectors.hours_cells: period hours, the year's required hours, met or not.
        Column("考核期内培训学时", "hours", fit("考核期内培训学时")),
        Column("年度应修学时", "hours", fit("年度应修学时")),
        Column("年度学时达标", "text", fit("年度学时达标", 4)),
        Column("违反第十九条情形", "text", fit("违反第十九条情形", 10, wide=False)),
        Column("建议", "text", fit("建议", len(DISMISS_LABEL))),
        Column("建议理由", "text", MAX_WIDTH),
        Column("合同到期日", "date", fit("合同到期日", 10, wide=False)),
        Column("本人确认/异议", "text", fit("本人确认/异议", 9)),
        Column("最终决定", "text", fit("最终决定", len(DISMISS_LABEL))),
    ]
    return columns


def _column_letter(index: int) -> str:
    return xlsxwriter.utility.xl_col_to_name(index)


class RenewalWorkbook:
    """Writes one renewal workbook to ``path``."""

    def __init__(self, path: str) -> None:
        self.book = xlsxwriter.Workbook(
            path, {"constant_memory": True, "default_date_format": DATE_FORMAT}
        )
        book = self.book
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.bold = book.add_format({"bold": True})
        self.header = book.add_format(
            {"bold": True, "bg_color": "#E6F4F1", "font_color": "#115E59", "bottom": 1,
             "text_wrap": True, "valign": "vcenter"}
        )  # fmt: skip
        self.date = book.add_format({"num_format": DATE_FORMAT})
        self.datetime = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        self.number = book.add_format({"num_format": "0.00"})
        self.integer = book.add_format({"num_format": "0"})
        self.hours = book.add_format({"num_format": "0.0"})
        self.percent = book.add_format({"num_format": "0.0%"})
        self.total_row = book.add_format({"bold": True, "top": 1})
        self.dismiss = book.add_format({"bg_color": "#FEE2E2", "font_color": "#991B1B"})
        self.correct = book.add_format({"bg_color": "#FEF3C7", "font_color": "#92400E"})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        # Sheets are added in reading order; each is then written top to bottom.
        self.summary_sheet = book.add_worksheet("汇总")
        self.detail_sheet = book.add_worksheet("明细")
        self.notes_sheet = book.add_worksheet("说明")

    # ------------------------------------------------------------------ 汇总

    def write_summary(
        self,
        *,
        cycle,
        scope_label: str,
        generated_at: datetime.datetime,
        generated_by: str,
        bands: list[rules.GradeBand],
        summary: RenewalSummary,
        rollup: bool,
    ) -> None:
        sheet = self.summary_sheet
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, 1, 14)
        sheet.set_column(2, 13, 12)
        totals = summary.totals
        title = "续聘考核报表（汇总·全辖区）" if rollup else "续聘考核报表（汇总）"
        sheet.write_string(0, 0, title, self.title)
        facts = [
            ("考核周期", f"{cycle.name}（{_zh(cycle.period_start)}至{_zh(cycle.period_end)}）"),
            ("范围", scope_label),
            ("考核模板", str(cycle.template)),
            ("生成人", generated_by),
        ]  # fmt: skip
        row = 2
        for label, value in facts:
            sheet.write_string(row, 0, label, self.bold)
            sheet.write_string(row, 1, value)
            row += 1
        sheet.write_string(row, 0, "生成时间", self.bold)
        local = timezone.localtime(generated_at).replace(tzinfo=None)
        sheet.write_datetime(row, 1, local, self.datetime)
        row += 2

        # Grade distribution (the chart reads these cells).
        write_text_row(sheet, row, 0, ["考核等次", "人数", "占比"], self.header)
        grade_first = row + 1
        labels = {band.code: band.label for band in bands}
        ordered = [code for code in GRADE_CODES if code in labels] or GRADE_CODES
        for code in ordered:
            row += 1
            n = totals.grades.get(code, 0)
            sheet.write_string(row, 0, labels.get(code, rules.GRADE_LABELS[code]))
            sheet.write_number(row, 1, n, self.integer)
            sheet.write_number(row, 2, totals.share(n), self.percent)
        grade_last = row
        row += 1
        sheet.write_string(row, 0, "尚未提交")
        sheet.write_number(row, 1, totals.total - totals.submitted, self.integer)
        sheet.write_number(row, 2, totals.share(totals.total - totals.submitted), self.percent)
        row += 2

        write_text_row(sheet, row, 0, ["续聘建议", "人数", "占比"], self.header)
        for code in OUTCOME_CODES:
            row += 1
            n = totals.outcomes.get(code, 0)
            sheet.write_string(row, 0, rules.OUTCOME_LABELS[rules.Outcome(code)])
            sheet.write_number(row, 1, n, self.integer)
            sheet.write_number(row, 2, totals.share(n), self.percent)
        row += 2

        write_text_row(sheet, row, 0, ["进度", "人数", "占比"], self.header)
        for label, n in (
            ("应考核人数", totals.total),
            ("已提交", totals.submitted),
            ("本人已确认", totals.acknowledged),
            ("提出异议", totals.objected),
        ):
            row += 1
            sheet.write_string(row, 0, label)
            sheet.write_number(row, 1, n, self.integer)
            sheet.write_number(row, 2, totals.share(n), self.percent)
        row += 2

        # One line per agency (the roll-up's sub-agency rows; one line for a single agency).
        headers = ["单位", "代码", "应考核", "已提交"]
        headers += [labels.get(code, rules.GRADE_LABELS[code]) for code in ordered]
        headers += [rules.OUTCOME_LABELS[rules.Outcome(code)] for code in OUTCOME_CODES]
        headers += ["本人已确认", "提出异议"]
        sheet.write_string(row, 0, "按单位", self.bold)
        row += 1
        write_text_row(sheet, row, 0, headers, self.header)
        lines = list(summary.per_agency) + [totals]
        for index, counts in enumerate(lines):
            row += 1
            is_total = index == len(lines) - 1
            fmt = self.total_row if is_total else None
            sheet.write_string(row, 0, "合计" if is_total else counts.name, fmt)
            sheet.write_string(row, 1, "" if is_total else counts.code, fmt)
            values = [counts.total, counts.submitted]
            values += [counts.grades.get(code, 0) for code in ordered]
            values += [counts.outcomes.get(code, 0) for code in OUTCOME_CODES]
            values += [counts.acknowledged, counts.objected]
            for offset, value in enumerate(values, start=2):
                sheet.write_number(row, offset, value, fmt)

        chart = self.book.add_chart({"type": "column"})
        chart.add_series(
            {
                "name": "人数",
                "categories": ["汇总", grade_first, 0, grade_last, 0],
                "values": ["汇总", grade_first, 1, grade_last, 1],
                "fill": {"color": "#0F766E"},
                "data_labels": {"value": True},
            }
        )
        chart.set_title({"name": "考核等次分布"})
        chart.set_legend({"none": True})
        chart.set_y_axis({"name": "人数", "major_gridlines": {"visible": True}})
        chart.set_size({"width": 480, "height": 288})
        sheet.insert_chart(1, 4, chart)
        sheet.activate()

    # ------------------------------------------------------------------ 明细

    def write_details(
        self,
        columns: list[Column],
        rows: Iterable[tuple],
        *,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        sheet = self.detail_sheet
        for index, column in enumerate(columns):
            sheet.set_column(index, index, column.width)
        sheet.set_row(0, 36)
        write_text_row(sheet, 0, 0, [column.header for column in columns], self.header)
        sheet.freeze_panes(1, 1)
        # The public write_* methods first re-parse their arguments for "A1"-style cell
        # references; rows here always pass numbers, so use the methods behind that wrapper
        # (xlsxwriter 3.x) when present: about a quarter less time per cell at 100,000 rows.
        # Text goes through the project's string-cell writer: never a formula.
        write_string = text_writer(sheet)
        write_number = getattr(sheet, "_write_number", sheet.write_number)
        by_kind = {
            "text": (write_string, None),
            "number": (write_number, self.number),
            "int": (write_number, self.integer),
            "hours": (write_number, self.hours),
            # Dates arrive as Excel serial day numbers (reports.selectors.ExcelDate).
            "date": (write_number, self.date),
        }
        writers = [(index, *by_kind[column.kind]) for index, column in enumerate(columns)]
        count = 0
        for count, row in enumerate(rows, start=1):
            for index, write, fmt in writers:
                value = row[index]
                if value is None or value == "":
                    continue
                write(count, index, value, fmt)
            if progress is not None and count % PROGRESS_EVERY == 0:
                progress(count)
        last_col = len(columns) - 1
        sheet.autofilter(0, 0, max(count, 1), last_col)
        if count:
            headers = [column.header for column in columns]
            recommendation = _column_letter(headers.index("建议"))
            decision = _column_letter(headers.index("最终决定"))
            # The final decision wins over the recommendation once it is recorded.
            for label, fmt in ((DISMISS_LABEL, self.dismiss), (CORRECT_LABEL, self.correct)):
                formula = (
                    f'=OR(${decision}2="{label}",AND(${decision}2="",${recommendation}2="{label}"))'
                )
                sheet.conditional_format(
                    1, 0, count, last_col, {"type": "formula", "criteria": formula, "format": fmt}
                )
        return count

    # ------------------------------------------------------------------ 说明

    def write_notes(self, *, cycle, criteria, bands: list[rules.GradeBand]) -> None:
        sheet = self.notes_sheet
        sheet.set_column(0, 0, 18)
        sheet.set_column(1, 1, 70)
        sheet.set_column(2, 4, 16)
        template = cycle.template
        row = 0
        sheet.write_string(row, 0, "说明", self.title)
        row += 2
        sheet.write_string(row, 0, "考核模板", self.bold)
        sheet.write_string(row, 1, str(template))
        if template.description:
            row += 1
            sheet.write_string(row, 1, template.description, self.wrap)
        row += 2
        write_text_row(sheet, row, 0, ["考核部分", "考核项目", "权重", "满分"], self.header)
        sections = dict(Section.choices)
        for criterion in criteria:
            row += 1
            sheet.write_string(row, 0, str(sections.get(criterion.section, criterion.section)))
            sheet.write_string(row, 1, criterion.name)
            sheet.write_number(row, 2, float(criterion.weight), self.number)
            sheet.write_number(row, 3, float(criterion.max_score), self.number)
        row += 2
        write_text_row(sheet, row, 0, ["考核等次", "最低总分"], self.header)
        for band in sorted(bands, key=lambda b: b.minimum, reverse=True):
            row += 1
            sheet.write_string(row, 0, band.label)
            sheet.write_number(row, 1, float(band.minimum), self.number)
        row += 2
        write_text_row(sheet, row, 0, ["建议规则", "内容", "依据"], self.header)
        for code, description, citation in rules.RULES_TABLE:
            row += 1
            sheet.write_string(row, 0, code)
            sheet.write_string(row, 1, description, self.wrap)
            sheet.write_string(row, 2, citation, self.wrap)
        row += 2
        notes = [
            "总分 = Σ 权重 × 得分 ÷ 满分，按百分制保留两位小数（四舍五入）。",
            f"违反第十九条情形以“条.项”表示，如 19.9 即{citation_label(19, 9)}。",
            "身份证号仅显示前四位和后四位。",
            f"考核期内培训学时：{_zh(cycle.period_start)}至{_zh(cycle.period_end)}"
            "完成的在岗培训学时（更正计入被更正记录所在的日期）。",
            f"年度应修学时、年度学时达标：按{cycle.period_end.year}年度培训台账与所在单位（未设定时"
            "沿用上级单位）的年度学时要求计算，总学时和各类别最低学时均达到方为达标；"
            "未设要求的单位显示“未设要求”。",
            "红色底纹：不予续聘/解聘；黄色底纹：续聘并责令改正（有最终决定时以最终决定为准）。",
            "下一考核周期开始日："
            + (_zh(cycle.next_cycle_start) if cycle.next_cycle_start else "考核期结束次日"),
        ]
        sheet.write_string(row, 0, "其他", self.bold)
        for note in notes:
            sheet.write_string(row, 1, note, self.wrap)
            row += 1

    def close(self) -> None:
        self.book.close()
