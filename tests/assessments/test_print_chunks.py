"""A whole cycle's print run reads the forms in chunks: no query binds a parameter per form of
the cycle (PostgreSQL with server-side binding takes at most 65,535 in one query, a province's
cycle has more forms), and the PDF still has every form, in order, with the bar at the end."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from django.db import connection

from assessments.models import CyclePrint
from assessments.services import cycle_print_build, prints
from lms.jobs.models import JobStatus
from tests.factories import make_learner
from tests.reports.factories import make_assessment, make_cycle

pytestmark = pytest.mark.django_db


def _largest_read(counts: list[int]):
    """Records how many parameters each query reading the forms (the assessments, their
    scores, their violations) binds; the job's own bookkeeping binds a fixed number."""

    def record(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("SELECT") and "assessments_cycleprint" not in sql:
            counts.append(len(params or ()))
        return execute(sql, params, many, context)

    return record


def _print(org, agency, names: list[str]) -> tuple[CyclePrint, int]:
    cycle = make_cycle(agency)
    for name in names:
        make_assessment(cycle, make_learner(agency, name=name))
    make_assessment(cycle, make_learner(agency, name="未交"), submitted=False)
    job = CyclePrint.objects.create(cycle=cycle, agency=agency, requested_by=org.admin_a)
    counts: list[int] = []
    with connection.execute_wrapper(_largest_read(counts)):
        job = cycle_print_build(print_id=job.pk)
    return job, max(counts)


def _form_names(job: CyclePrint) -> list[str]:
    with job.file.open("rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    names = []
    for page in reader.pages:
        text = re.sub(r"\s+", "", page.extract_text())
        if "个人考核登记表" in text:  # each form starts on its own page
            names.append(next(n for n in ALL if n in text))
    return names


# With chunks of two, LARGE spans three chunks; before chunking, the prefetch of scores and
# violations bound one parameter per form, more for LARGE than for SMALL.
SMALL = ["丙二", "丙一"]
LARGE = ["丁五", "丁二", "丁一", "丁四", "丁三"]
ALL = SMALL + LARGE


def test_cycle_print_binds_no_parameter_per_form_and_keeps_every_form_in_order(org, monkeypatch):
    monkeypatch.setattr(prints, "CHUNK_SIZE", 2)
    small, small_bound = _print(org, org.county_a, SMALL)
    large, large_bound = _print(org, org.county_b, LARGE)
    for job, names in ((small, SMALL), (large, LARGE)):
        assert job.status == JobStatus.DONE and job.done == job.total == len(names)
        # One form each, in the order of the whole cycle read at once (by agency, then name).
        in_order = [a.auxiliary.name for a in prints.print_assessments(job)]
        assert sorted(in_order) == sorted(names) and _form_names(job) == in_order
    assert large_bound == small_bound
