"""The hours workbook: built through the job pipeline, read back with openpyxl."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from lms.jobs.models import JobStatus
from tests.factories import make_learner
from tests.training.factories import category, give_hours
from training import services
from training.models import HoursReport
from training.reports import hours_report_build

pytestmark = pytest.mark.django_db


def test_the_workbook_lists_each_persons_hours_and_each_agencys_share_met(client, org):
    services.requirement_set(
        actor=org.provincial_admin, agency=org.province, total_hours=Decimal("10"), minimums={}
    )
    give_hours(org.aux_a, "6", day=datetime.date(2026, 2, 1))
    give_hours(org.aux_a, "4", cat="业务技能", day=datetime.date(2026, 5, 1))
    give_hours(org.aux_a, "9", day=datetime.date(2025, 12, 31))  # last year: not counted
    formula = make_learner(org.county_a, name='=HYPERLINK("x")')
    give_hours(formula, "1.5", day=datetime.date(2026, 2, 1))
    client.force_login(org.admin_a)
    response = client.post("/training/reports/?year=2026")
    report = HoursReport.objects.get()
    assert response.status_code == 302 and report.agency == org.county_a
    hours_report_build(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == JobStatus.DONE
    download = client.get(f"/training/reports/{report.pk}/download/")
    assert "filename*=UTF-8''" in download["Content-Disposition"]
    book = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    people = {row[0]: row for row in book["按人员"].iter_rows(min_row=2, values_only=True)}
    assert people["甲一"][4:6] == (6, 4) and people["甲一"][-3:] == (10, 10, "是")
    # A name that looks like a formula is a text cell, not a formula.
    assert people['=HYPERLINK("x")'][-3:] == (1.5, 10, "否")
    agencies = list(book["按单位"].iter_rows(min_row=2, values_only=True))
    assert agencies == [("甲县执法局", 2, 1, "50%", "5.8")]
    # Another county's admin cannot download it.
    client.force_login(org.admin_b)
    assert client.get(f"/training/reports/{report.pk}/download/").status_code == 404
    assert category().name == "法律法规"
