"""User text in the xlsx and CSV files the platform writes stays text (formula injection)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from django.core.management import call_command

from lms.spreadsheets import csv_cell, csv_row, csv_writer, text_writer, write_text, write_text_row
from tests.exams import test_analysis

graded_exam = test_analysis.graded_exam  # the fixture, shared
ROOT = Path(__file__).resolve().parents[2]
EVIL = '=HYPERLINK("http://evil.example","验证")'
DANGEROUS = [EVIL, "+1+1", "-1+1", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "\n=1+1"]


@pytest.mark.parametrize("typed", DANGEROUS)
def test_csv_cells_that_a_spreadsheet_would_run_get_a_leading_quote(typed):
    assert csv_cell(typed) == "'" + typed


@pytest.mark.parametrize("typed", ["东湖片区", "a=1", "1-2", "", " =1"])
def test_csv_cells_of_plain_text_are_unchanged(typed):
    assert csv_cell(typed) == typed


def test_csv_numbers_stay_numbers():
    assert csv_row([-5, 3.5, None, "-5"]) == [-5, 3.5, None, "'-5"]


def test_csv_writer_neutralises_every_field():
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(["姓名", "工作区域"])
    writer.writerows([["张三", EVIL]])
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows == [["姓名", "工作区域"], ["张三", "'" + EVIL]]


def _read_back(build) -> openpyxl.worksheet.worksheet.Worksheet:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    build(book.add_worksheet())
    book.close()
    return openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active


def test_xlsx_text_cells_show_exactly_what_was_typed():
    def build(sheet):
        for row, typed in enumerate(DANGEROUS):
            write_text(sheet, row, 0, typed)
        write_text_row(sheet, 0, 1, DANGEROUS)
        text_writer(sheet)(1, 1, EVIL, None)

    sheet = _read_back(build)
    for row, typed in enumerate(DANGEROUS, start=1):
        cell = sheet.cell(row=row, column=1)
        # xlsxwriter stores a carriage return as Excel's escape _x000D_, which Excel shows as CR.
        assert cell.data_type == "s", typed
        assert cell.value == typed.replace("\r", "_x000D_"), typed
    for col in range(2, 2 + len(DANGEROUS)):
        assert sheet.cell(row=1, column=col).data_type == "s"
    assert sheet.cell(row=2, column=2).value == EVIL


def test_import_roster_slips_csv_neutralises_a_typed_formula(org, tmp_path):
    from tests.lms.test_roster_import import csv_bytes, row

    source = tmp_path / "roster.csv"
    source.write_bytes(csv_bytes([row(1, 姓名="=1+2")]))
    slips = tmp_path / "slips.csv"
    call_command("import_roster", str(source), agency=org.county_a.code, slips_out=str(slips))
    lines = list(csv.reader(io.StringIO(slips.read_text(encoding="utf-8-sig"))))
    assert lines[1][0] == "'=1+2"


def test_item_analysis_sheet_writes_question_names_as_text(graded_exam):
    from exams.analysis import write_item_analysis_sheet
    from exams.models import AttemptQuestion

    exam, _question = graded_exam
    # The sheet shows the name each attempt saw (its snapshot): a name typed as a formula.
    for row in AttemptQuestion.objects.filter(attempt__exam=exam):
        row.snapshot = {**row.snapshot, "name": EVIL}
        row.save(update_fields=["snapshot"])
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    write_item_analysis_sheet(book, exam)
    book.close()
    sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    assert sheet.cell(2, 1).value == EVIL and sheet.cell(2, 1).data_type == "s"
    assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)


# Writers of spreadsheets outside the helper: a generic write() or csv.writer() would let a
# typed "=..." through. The benchmarks write generated numbers only.
_UNSAFE = re.compile(r"\bcsv\.(writer|DictWriter)\(|\b\w*sheet\w*\.write(_row|_column)?\(")


def test_every_writer_uses_the_text_cell_helper():
    offenders = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv/", "tests/", "bench/", "var/")) or relative in {
            "lms/spreadsheets.py"
        }:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if _UNSAFE.search(line):
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []
