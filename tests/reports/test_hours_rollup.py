"""The city and province roll-up of training hours: per agency of the viewer's jurisdiction,
how many people in service met the year's requirement, as bars with their numbers' table."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal as D

import pytest

from tests.factories import AuxiliaryFactory
from tests.training.factories import give_hours
from training.services import requirement_set

pytestmark = pytest.mark.django_db

URL = "/reports/training-hours/?year=2026"


@pytest.fixture
def hours(org):
    for aux in (org.aux_a, org.aux_b):
        aux.status = "credentialed"
        aux.save(update_fields=["status"])
    requirement_set(actor=org.city_admin, agency=org.city, total_hours=D("24"), minimums={})
    give_hours(org.aux_a, 24, day=datetime.date(2026, 3, 1))
    give_hours(org.aux_b, 6, day=datetime.date(2026, 3, 1))
    give_hours(org.aux_b, 30, day=datetime.date(2025, 3, 1))  # another year
    return org


def _rows(html: str) -> dict[str, list[str]]:
    table = re.search(r'<table[^>]*id="chart-hours-rollup-data".*?</table>', html, re.S).group(0)
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        cells = [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        rows[cells[0]] = cells[1:]
    return rows


def test_a_city_admin_sees_each_county_with_its_share_met_and_the_total(client, hours):
    client.force_login(hours.city_admin)
    html = client.get(URL).content.decode()
    rows = _rows(html)
    assert rows["甲县执法局"] == ["1", "1", "100%", "24"]
    assert rows["乙县执法局"] == ["1", "0", "0%", "6"]
    assert rows["合计"] == ["2", "1", "50%", "15"]
    # The bars are drawn for the same numbers, and the svg points at the table.
    assert 'aria-describedby="chart-hours-rollup-data"' in html
    assert "100%</text>" in html and "0%</text>" in html


def test_a_county_admin_sees_only_their_county(client, hours):
    client.force_login(hours.admin_a)
    rows = _rows(client.get(URL).content.decode())
    assert set(rows) == {"单位", "甲县执法局", "合计"}  # the header row, one county, the total


@pytest.mark.parametrize("who", ["learner_a", "supervisor_a"])
def test_learners_and_supervisors_are_refused(client, hours, who):
    client.force_login(getattr(hours, who))
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("year", ["abc", "99999", "-1", ""])
def test_a_bad_year_shows_this_year(client, hours, year):
    client.force_login(hours.provincial_admin)
    assert client.get(f"/reports/training-hours/?year={year}").status_code == 200


def test_query_count_does_not_grow_with_the_people(client, hours, django_assert_max_num_queries):
    client.force_login(hours.provincial_admin)
    with django_assert_max_num_queries(20) as few:
        client.get(URL)
    for index in range(30):
        person = AuxiliaryFactory(agency=(hours.county_a, hours.county_b)[index % 2],
                                  status="credentialed")  # fmt: skip
        give_hours(person, 2 + index % 5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        rows = _rows(client.get(URL).content.decode())
    assert rows["合计"][0] == "32"
