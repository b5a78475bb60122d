"""Dates in the text of the spreadsheets read as written in China (2026年12月3日): the public
roster's and the filing sheet's "as of" lines and the renewal report's cycle period. The date
columns stay ISO so that they sort."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest

from lms.jobs.models import JobStatus
from reports.models import ReportKind
from reports.services import report_build_now
from tests.reports.factories import make_cycle

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
CHINESE_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _texts(content: bytes) -> list[str]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str)
    ]


def _dated_lines(texts: list[str], word: str) -> list[str]:
    return [text for text in texts if word in text]


def test_public_roster_says_as_of_in_chinese(client, org):
    texts = _texts(client.get(f"/roster/{org.county_a.code}/?format=xlsx", **ZH).content)
    (line,) = _dated_lines(texts, "截至")
    assert CHINESE_DATE.search(line) and not ISO_DATE.search(line), line


def test_filing_sheet_says_exported_in_chinese(client, org):
    client.force_login(org.admin_a)
    response = client.get("/credentials/filing-sheet/", {"download": "1"}, **ZH)
    (line,) = _dated_lines(_texts(response.content), "导出日期")
    assert CHINESE_DATE.search(line) and not ISO_DATE.search(line), line


def test_renewal_report_gives_the_period_in_chinese(org):
    cycle = make_cycle(org.city)
    report = report_build_now(kind=ReportKind.RENEWAL, agency=org.city, cycle=cycle)
    assert report.status == JobStatus.DONE, report.error
    with report.file.open("rb") as handle:
        texts = _texts(handle.read())
    period = texts[texts.index("考核周期") + 1]
    assert len(CHINESE_DATE.findall(period)) == 2 and not ISO_DATE.search(period), period
    (next_start,) = _dated_lines(texts, "下一考核周期开始日")
    assert not ISO_DATE.search(next_start), next_start
