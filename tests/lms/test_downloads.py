"""Every download is named <什么>_<单位>_<日期>.<ext>, in UTF-8 (RFC 5987 filename*) with a
plain-ASCII fallback for old clients."""

from __future__ import annotations

import datetime
import re
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.downloads import content_disposition, download_filename
from lms.models import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db

HEADER = re.compile(
    r"^attachment; filename=\"(?P<ascii>[\x20-\x7e]+)\"; filename\*=UTF-8''(?P<utf8>[\x21-\x7e]+)$"
)
NAME = re.compile(
    r"^(?P<label>[^_]+)_(?P<agency>[^_]+)_(?P<date>\d{4}-\d{2}-\d{2})\.(?P<ext>[\w.]+)$"
)


def named(response, *, label: str, agency: str, date: datetime.date | None = None) -> str:
    match = HEADER.match(response["Content-Disposition"])
    assert match, response["Content-Disposition"]
    assert '"' not in match["ascii"] and match["ascii"].isascii()
    filename = unquote(match["utf8"], encoding="utf-8")
    parts = NAME.match(filename)
    assert parts, filename
    assert parts["label"].startswith(label)
    assert parts["agency"] == agency
    assert parts["date"] == f"{date or timezone.localdate():%Y-%m-%d}"
    return filename


def test_the_pattern_and_the_fallback():
    name = download_filename(
        "换届续聘报告", "东湖区市场监管局", extension="xlsx", on=datetime.date(2026, 12, 3)
    )
    assert name == "换届续聘报告_东湖区市场监管局_2026-12-03.xlsx"
    assert download_filename('a/b:"c"', None, extension="zip", on=datetime.date(2026, 1, 2)) == (
        "a-b-c_全省_2026-01-02.zip"
    )
    header = content_disposition(name, "renewal_DHCG_2026-12-03.xlsx")
    assert HEADER.match(header)
    assert unquote(HEADER.match(header)["utf8"]) == name


def test_roster_template(client, org):
    client.force_login(org.admin_a)
    response = client.get(reverse("lms:roster_import_template"))
    assert response.status_code == 200
    named(response, label="花名册导入模板", agency=org.county_a.name)


def test_filing_sheet_of_one_agency_and_of_all(client, org):
    client.force_login(org.city_admin)
    url = reverse("credentials:filing_sheet")
    response = client.get(url, {"download": "1", "agency": org.county_a.pk})
    named(response, label="辅助人员备案表", agency=org.county_a.name)
    # Everything in a city admin's scope is the city, not the whole province.
    response = client.get(url, {"download": "1"})
    named(response, label="辅助人员备案表", agency=org.city.name)
    client.force_login(org.provincial_admin)
    response = client.get(url, {"download": "1"})
    named(response, label="辅助人员备案表", agency="全省")


def test_public_roster(client, org):
    response = client.get(f"/roster/{org.county_a.code}/", {"format": "xlsx"})
    named(response, label="辅助人员公示名册", agency=org.county_a.name)


def test_credential_card(client, org):
    from tests.credentials.factories import credential

    card = credential(org.aux_a)
    client.force_login(org.learner_a)
    response = client.get(reverse("credentials:card", args=[card.pk]), {"download": "1"})
    filename = named(response, label="工作证正面", agency=org.county_a.name)
    assert card.number in filename and filename.endswith(".png")


def test_report_file(client, org):
    from reports.models import ReportKind
    from reports.services import report_build_now
    from tests.reports.factories import make_cycle, make_people

    cycle = make_cycle(org.county_a)
    make_people(org.county_a, 1, cycle=cycle)
    report = report_build_now(kind=ReportKind.RENEWAL, agency=org.county_a, cycle=cycle)
    client.force_login(org.admin_a)
    response = client.get(reverse("reports:download", args=[report.pk]))
    assert response.status_code == 200
    named(
        response,
        label="续聘考核报表",
        agency=org.county_a.name,
        date=timezone.localtime(report.created_at).date(),
    )


@pytest.mark.parametrize("fmt", ["gift", "moodlexml"])
def test_question_bank_export(client, fmt):
    admin = make_user(Role.PROVINCIAL_ADMIN, None, username="bankadmin", is_superuser=True)
    client.force_login(admin)
    response = client.get(reverse("exams_export", args=[fmt]))
    assert response.status_code == 200
    named(response, label="题库", agency="全省")
