"""report_rows: everything a renewal report line needs, with a fixed number of queries."""

import datetime

import pytest

from assessments import services
from assessments.selectors import report_rows
from tests import factories
from tests.assessments import factories as f

pytestmark = pytest.mark.django_db


def _people(org, n):
    people = [
        factories.AuxiliaryFactory(agency=org.county_a, supervisor=org.supervisor_a)
        for _ in range(n)
    ]
    f.credentialed(*people)
    return people


def test_report_row_contents(org):
    f.credentialed(org.aux_a)
    opened = f.open_cycle(org)
    assessment = f.submit_closed(
        f.assessment_of(opened, org.aux_a),
        ["9", "7"],
        absent=2,
        late=3,
        violations=[(9, "2026-02-03", "收受购物卡")],
    )
    services.decision_record(assessment=assessment, actor=org.admin_a, outcome="dismiss")
    (row,) = report_rows(cycle=opened.cycle, agency_ids=[org.county_a.pk])
    criteria = list(opened.cycle.template.criteria.order_by("sort_order"))
    assert row.name == "甲一"
    assert row.masked_id_number == org.aux_a.masked_id_number and "*" in row.masked_id_number
    assert row.agency == org.county_a.name and row.supervisor == "sup_a"
    assert [row.scores[c.pk] for c in criteria] == [9, 7]
    assert str(row.total) == "82.00" and row.grade_label == "合格"
    assert (row.days_absent, row.late_arrivals) == (2, 3)
    assert row.violations[0]["label"] == "第十九条第（九）项"
    assert row.outcome_label == "不予续聘/解聘"
    assert row.reasons[0]["text"] == "第十九条第（九）项：索取或者收受贿赂"
    assert row.contract_end == org.aux_a.contract_end
    assert row.decision == "dismiss" and row.decision_follows_recommendation is True


def test_report_rows_filter_by_agency(org):
    f.credentialed(org.aux_a, org.aux_b)
    opened = f.open_cycle(org, agency=org.city, actor=org.city_admin, include_subordinates=True)
    assert {r.name for r in report_rows(cycle=opened.cycle)} == {"甲一", "乙一"}
    assert [r.name for r in report_rows(cycle=opened.cycle, agency_ids=[org.county_b.pk])] == [
        "乙一"
    ]


def test_report_rows_query_count_is_constant(org, django_assert_max_num_queries):
    people = _people(org, 12)
    opened = f.open_cycle(org, due_date=datetime.date(2026, 7, 20))
    for aux in people[:8]:
        f.submit(f.assessment_of(opened, aux), "8", violations=[(1, "2026-03-01", "x")])
    with django_assert_max_num_queries(7):
        rows = list(report_rows(cycle=opened.cycle))
    assert len(rows) == 12
    assert sum(1 for r in rows if r.total is not None) == 8
