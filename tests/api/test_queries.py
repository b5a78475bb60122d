"""Each list answers in the same number of queries for a page of 2 or of 12."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.credentials.factories import credential, pass_exam, setup_course_and_exam
from tests.factories import AuxiliaryFactory, make_user
from tests.reports.factories import make_assessment, make_cycle
from tests.training.factories import give_hours


@pytest.fixture
def crowd(org):
    _course, exam = setup_course_and_exam()
    cycle = make_cycle(org.county_a)
    for n in range(12):
        supervisor = make_user("supervisor", org.county_a, username=f"sup_q{n}")
        aux = AuxiliaryFactory(agency=org.county_a, supervisor=supervisor)
        credential(aux)
        pass_exam(aux, exam)
        make_assessment(cycle, aux, decision="renew")
        give_hours(aux, 2)
        give_hours(aux, 1, cat="业务技能")
    return cycle


def _queries(api, path: str, limit: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = api.get(path, limit=limit)
    assert response.status_code == 200
    assert len(response.json()["items"]) == limit
    return len(captured)


@pytest.mark.parametrize(
    "path",
    [
        "/people",
        "/credentials",
        "/exam-results",
        "/cycles/{cycle}/assessments",
        "/training-hours",
        "/training-entries",
    ],
)
def test_query_count_does_not_grow_with_the_page(org, crowd, api_for, path):
    api = api_for(org.admin_a)
    url = path.format(cycle=crowd.pk)
    api.get(url)  # the token's last use is written once; later requests only read
    small, large = _queries(api, url, 2), _queries(api, url, 12)
    assert small == large, f"{url}: {small} queries for 2 items, {large} for 12"
    assert large <= 8
