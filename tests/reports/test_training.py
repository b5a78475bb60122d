"""The training report: per-agency figures, per-person rows and the item-analysis sheet."""

from __future__ import annotations

import openpyxl
import pytest

from reports.models import ReportKind, ReportStatus
from reports.services import report_build_now
from tests.exams.factories import complete_course, make_course, make_exam
from tests.reports.factories import make_credential
from tests.reports.test_dashboard import _attempt

pytestmark = pytest.mark.django_db


def test_training_report_counts_completion_attempts_pass_rate_and_credentials(org):
    course = make_course()
    exam = make_exam(course)
    complete_course(org.learner_a, course)
    _attempt(exam, org.aux_a, passed=False)
    _attempt(exam, org.aux_a, passed=True)
    credential = make_credential(org.aux_a)
    _attempt(exam, org.aux_b, passed=False)  # county B: not in county A's report

    report = report_build_now(kind=ReportKind.TRAINING, agency=org.county_a)
    assert report.status == ReportStatus.DONE, report.error
    book = openpyxl.load_workbook(report.file.path)
    assert book.sheetnames[:2] == ["培训汇总", "人员明细"]
    assert any(name.startswith("试题分析") for name in book.sheetnames[2:])

    summary = list(book["培训汇总"].iter_rows(values_only=True))
    headers = list(summary[3])
    line = dict(zip(headers, summary[4], strict=True))
    assert line["单位"] == "甲县执法局"
    assert (line["人数"], line["完成课程"], line["考试次数"], line["通过次数"]) == (1, 1, 2, 1)
    assert line["通过率"] == pytest.approx(0.5)
    assert line["平均分"] == pytest.approx(70)
    assert line["已发工作证"] == 1
    assert len([row for row in summary[4:] if row[1]]) == 1  # county B is not in it

    detail = list(book["人员明细"].iter_rows(values_only=True))
    person = dict(zip(detail[0], detail[1], strict=True))
    assert person["姓名"] == "甲一"
    assert person["身份证号（脱敏）"] == org.aux_a.masked_id_number
    assert person["考试次数"] == 2 and person["最高分"] == 90 and person["考试结果"] == "通过"
    assert person["工作证编号"] == credential.number
    assert person["完成课程时间"] is not None
