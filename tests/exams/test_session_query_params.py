"""The proctor's live rows, the session report and its item analysis bind as many query
parameters for a large sitting as for a small one: PostgreSQL with server-side binding refuses
a query of more than 65,535, so a list of the sitting's attempt ids would break a big cohort."""

from __future__ import annotations

import contextlib

import pytest
from django.db import connection
from django.urls import reverse

from exams import services as exam_services
from exams.analysis import SITTING_THRESHOLDS, item_statistics
from exams.sessions import report, selectors, services
from tests.exams import factories as f
from tests.exams.session_helpers import at, confirmed_session, eligible_learner


@pytest.fixture
def sitting_of(org, django_capture_on_commit_callbacks):
    """``sitting_of(n)``: a session of one exam whose ``n`` candidates opened their papers, the
    first two of them handed in (so the item analysis has attempts to count)."""
    course = f.make_course()
    f.make_bank()
    exam = f.make_exam(course)
    made = 0

    def build(n: int):
        nonlocal made
        people = [eligible_learner(org.county_a, course, name=f"考生{made + i}") for i in range(n)]
        made += n
        session = confirmed_session(
            org=org, exam=exam, people=people, capture=django_capture_on_commit_callbacks,
            proctors=[org.supervisor_a],
        )  # fmt: skip
        for i, candidate in enumerate(session.candidates.order_by("pk")):
            attempt = services.session_open_paper(candidate_id=candidate.pk, now=at(session))
            if i < 2:
                exam_services.attempt_submit(attempt=attempt, now=at(session, minutes=30))
        return session

    return build


@contextlib.contextmanager
def most_parameters():
    """The largest number of parameters one query bound inside the block (``[n]``)."""
    most = [0]

    def count(execute, sql, params, many, context):
        most[0] = max(most[0], len(params or ()))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield most


def _live_rows(session):
    rows = selectors.live_rows(session=session)
    assert sum(row.candidate.attempt_id is not None and row.total > 0 for row in rows) == len(rows)


def _report(session):
    data = report.session_report(session=session)
    # Two handed-in papers of four questions each.
    assert sum(item.attempts for item in data["items"]) == 2 * 4


def _item_statistics(session):
    attempts = selectors.session_attempt_ids(session)
    stats = item_statistics(session.exam, attempt_ids=attempts, thresholds=SITTING_THRESHOLDS)
    assert sum(stat.attempts for stat in stats) == 2 * 4


@pytest.mark.parametrize("read", [_live_rows, _report, _item_statistics])
def test_a_larger_sitting_binds_no_more_parameters(sitting_of, read):
    small, large = sitting_of(3), sitting_of(12)
    with most_parameters() as for_small:
        read(small)
    with most_parameters() as for_large:
        read(large)
    assert for_large[0] <= for_small[0]


@pytest.mark.parametrize("page", ["exams:sessions:live_rows", "exams:sessions:report"])
def test_the_proctor_pages_bind_no_more_parameters_for_a_larger_sitting(
    client, org, sitting_of, page
):
    small, large = sitting_of(3), sitting_of(12)
    client.force_login(org.supervisor_a)
    most = []
    for session in (small, large):
        with most_parameters() as seen:
            assert client.get(reverse(page, args=[session.pk])).status_code == 200
        most.append(seen[0])
    assert most[1] <= most[0]
