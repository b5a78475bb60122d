"""The training report: per-agency figures, per-person rows and the item-analysis sheet."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest

from credentials.selectors import public_roster
from lms.jobs.models import JobStatus
from lms.models import AuxiliaryStatus
from reports.models import ReportKind
from reports.services import report_build_now
from reports.training import training_lines
from tests.exams.factories import complete_course, make_course, make_exam
from tests.factories import AuxiliaryFactory
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
    assert report.status == JobStatus.DONE, report.error
    with report.file.open("rb") as handle:  # the local disk or the object store
        book = openpyxl.load_workbook(io.BytesIO(handle.read()))
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


def test_valid_credentials_are_those_in_force_as_on_the_roster(org):
    """有效工作证 counts the credentials a person works under (Art. 20): a suspended one, or an
    active one past its date before the nightly expiry ran, is not valid, so the figure agrees
    with the public roster and the on-duty count."""
    on_duty = AuxiliaryFactory(agency=org.county_a, status=AuxiliaryStatus.CREDENTIALED)
    make_credential(on_duty)
    suspended = AuxiliaryFactory(agency=org.county_a, status=AuxiliaryStatus.SUSPENDED)
    make_credential(suspended, status="suspended")
    lapsed = AuxiliaryFactory(agency=org.county_a, status=AuxiliaryStatus.CREDENTIALED)
    make_credential(lapsed, valid_until=datetime.date(2020, 1, 1))

    (line,) = [line for line in training_lines(agency=org.county_a) if line.code == "CTYA"]
    assert line.credentials_issued == 3
    assert line.credentials_current == 1
    assert line.credentials_current == public_roster(agency=org.county_a).count()
