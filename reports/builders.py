"""Turn a ReportFile into an .xlsx at a path; called by services.report_build (and so by the
task, the management command and the benchmark alike)."""

from __future__ import annotations

import re
from collections.abc import Callable

import xlsxwriter
from django.utils import timezone

from exams.analysis import write_item_analysis_sheet
from exams.models import Exam
from lms.templatetags.lms_tags import person_name
from reports import selectors, training, workbook
from reports.models import ReportFile, ReportKind
from reports.pipeline import run_pipelined
from reports.workbook import (
    DATE_FORMAT,
    RenewalWorkbook,
    detail_columns,
    text_width,
)


def _requested_by(report: ReportFile) -> str:
    return person_name(report.requested_by, default="命令行") if report.requested_by else "命令行"


def _close_after_failure(book) -> None:
    try:
        book.close()
    except Exception:  # the first error is the one to report
        pass


def build_renewal(*, report: ReportFile, path: str, set_total: Callable, progress: Callable) -> int:
    cycle = report.cycle
    criteria = selectors.report_criteria(cycle=cycle)
    bands = selectors.report_bands(cycle=cycle)
    summary = selectors.renewal_summary(cycle=cycle, agency=report.agency)
    set_total(summary.totals.total)
    book = RenewalWorkbook(path)
    try:
        book.write_summary(
            cycle=cycle,
            scope_label=f"{report.agency.name}（{report.agency.code}）及下属单位",
            generated_at=timezone.now(),
            generated_by=_requested_by(report),
            bands=bands,
            summary=summary,
            rollup=report.kind == ReportKind.RENEWAL_ROLLUP,
        )
        columns = detail_columns(criteria=criteria, longest=summary.longest)
        rows = selectors.renewal_rows(
            cycle=cycle, agency=report.agency, criteria_ids=[c.pk for c in criteria]
        )
        written = run_pipelined(
            rows, lambda stream: book.write_details(columns, stream), progress=progress,
            every=workbook.PROGRESS_EVERY,
        )  # fmt: skip
        book.write_notes(cycle=cycle, criteria=criteria, bands=bands)
    except BaseException:
        _close_after_failure(book)
        raise
    book.close()
    return written


TRAINING_SUMMARY_HEADERS = [
    ("单位", 24), ("代码", 10), ("人数", 8), ("已开通账号", 12), ("完成课程", 10),
    ("考试次数", 10), ("通过次数", 10), ("通过人数", 10), ("通过率", 10), ("平均分", 10),
    ("已发工作证", 12), ("有效工作证", 12),
]  # fmt: skip
TRAINING_DETAIL_HEADERS = [
    ("姓名", 12), ("身份证号（脱敏）", 20), ("所在单位", 24), ("状态", 10),
    ("完成课程时间", 18), ("考试次数", 10), ("最高分", 10), ("考试结果", 10), ("工作证编号", 22),
]  # fmt: skip


def _write_item_analysis(book, sheet_names: set[str]) -> int:
    # The exams app writes its own sheet and may not write rows in order; its sheets are
    # small, so they are kept in memory while the large sheets above stream to disk.
    book.constant_memory = False
    count = 0
    for exam in Exam.objects.filter(active=True).order_by("pk"):
        # Sheet names: unique, at most 31 characters, none of []:*?/\ (Excel's rules).
        title = re.sub(r"[\[\]:*?/\\]", " ", exam.title)
        name = f"试题分析{exam.pk}-{title}"[:31]
        if name in sheet_names:
            continue
        sheet_names.add(name)
        write_item_analysis_sheet(book, exam, name=name)
        count += 1
    return count


def build_training(
    *, report: ReportFile, path: str, set_total: Callable, progress: Callable
) -> int:
    lines = training.training_lines(agency=report.agency)
    set_total(sum(line.people for line in lines))
    book = xlsxwriter.Workbook(path, {"constant_memory": True, "default_date_format": DATE_FORMAT})
    try:
        header = book.add_format({"bold": True, "bg_color": "#E6F4F1", "bottom": 1})
        percent = book.add_format({"num_format": "0.0%"})
        number = book.add_format({"num_format": "0.0"})
        stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        summary = book.add_worksheet("培训汇总")
        detail = book.add_worksheet("人员明细")
        summary.write_string(0, 0, f"培训报表：{report.agency.name}及下属单位",
                             book.add_format({"bold": True, "font_size": 14}))  # fmt: skip
        summary.write_string(1, 0, f"生成人：{_requested_by(report)}")
        for col, (title, width) in enumerate(TRAINING_SUMMARY_HEADERS):
            summary.set_column(col, col, max(width, text_width(title) + 2))
        summary.write_row(3, 0, [title for title, _w in TRAINING_SUMMARY_HEADERS], header)
        row = 3
        for line in lines:
            row += 1
            summary.write_string(row, 0, line.name)
            summary.write_string(row, 1, line.code)
            for col, value in enumerate(
                [line.people, line.enrolled, line.completed, line.attempts,
                 line.passed_attempts, line.people_passed], start=2,
            ):  # fmt: skip
                summary.write_number(row, col, value)
            if line.pass_rate is not None:
                summary.write_number(row, 8, line.pass_rate, percent)
            if line.average_score is not None:
                summary.write_number(row, 9, line.average_score, number)
            summary.write_number(row, 10, line.credentials_issued)
            summary.write_number(row, 11, line.credentials_current)
        summary.write_string(
            row + 2, 0, "通过率 = 通过次数 ÷ 已结束的考试次数；平均分按已结束的考试计算。"
        )

        for col, (_title, width) in enumerate(TRAINING_DETAIL_HEADERS):
            detail.set_column(col, col, width)
        detail.write_row(0, 0, [title for title, _w in TRAINING_DETAIL_HEADERS], header)
        detail.freeze_panes(1, 1)
        written = 0
        for written, values in enumerate(training.training_rows(agency=report.agency), start=1):
            for col, value in enumerate(values):
                if value is None or value == "":
                    continue
                if col == 4:
                    detail.write_datetime(
                        written, col, timezone.localtime(value).replace(tzinfo=None), stamp
                    )
                elif isinstance(value, (int, float)):
                    detail.write_number(written, col, value)
                else:
                    detail.write_string(written, col, value)
            if written % workbook.PROGRESS_EVERY == 0:
                progress(written)
        detail.autofilter(0, 0, max(written, 1), len(TRAINING_DETAIL_HEADERS) - 1)
        _write_item_analysis(book, set())
    except BaseException:
        _close_after_failure(book)
        raise
    book.close()
    return written


def build_item_analysis(
    *, report: ReportFile, path: str, set_total: Callable, progress: Callable
) -> int:
    book = xlsxwriter.Workbook(path)
    try:
        count = _write_item_analysis(book, set())
    except BaseException:
        _close_after_failure(book)
        raise
    book.close()
    set_total(count)
    return count
