"""The staff dashboard on the home page: SVG charts with their numbers, in constant queries."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exams.models import Attempt
from lms.models import Role
from tests.exams.factories import complete_course, make_course, make_exam
from tests.factories import AgencyFactory, AuxiliaryFactory, make_learner, make_user
from tests.reports.factories import make_assessment, make_credential, make_cycle

pytestmark = pytest.mark.django_db


def _attempt(exam, aux, *, passed, days_ago=3):
    finished = timezone.now() - datetime.timedelta(days=days_ago)
    return Attempt.objects.create(
        exam=exam, auxiliary=aux, user=aux.user, status="submitted", seed=1,
        started_at=finished - datetime.timedelta(minutes=30), deadline=finished,
        finished_at=finished, score=90 if passed else 50, passed=passed,
    )  # fmt: skip


def _populate(agency, exam, course, cycle, supervisor):
    learner = make_learner(agency, supervisor=supervisor)
    complete_course(learner.user, course)
    _attempt(exam, learner, passed=False, days_ago=40)
    _attempt(exam, learner, passed=True)
    make_credential(learner, valid_until=timezone.localdate() + datetime.timedelta(days=10))
    make_assessment(cycle, learner, grade="excellent", total="95.00")
    late = AuxiliaryFactory(agency=agency, supervisor=supervisor)
    make_assessment(cycle, late, submitted=False)


@pytest.fixture
def world(org):
    course = make_course()
    exam = make_exam(course)
    today = timezone.localdate()
    cycle = make_cycle(
        org.city, name="本年度考核", period_start=today - datetime.timedelta(days=100),
        period_end=today - datetime.timedelta(days=10), due_date=today - datetime.timedelta(days=2),
    )  # fmt: skip
    _populate(org.county_a, exam, course, cycle, org.supervisor_a)
    _populate(org.county_b, exam, course, cycle, org.supervisor_b)
    return {"course": course, "exam": exam, "cycle": cycle}


def test_admin_sees_the_charts_of_their_scope_with_tables(org, client, world):
    client.force_login(org.admin_a)
    page = client.get(reverse("home")).content.decode()
    assert page.count('<svg class="chart') == 6
    assert page.count('<details class="chart-card__data">') == 6
    funnel = page[page.index('id="funnel"') : page.index('id="pass-rate"')]
    # County A only: aux_a, a learner who finished everything, one in training without login.
    cells = re.findall(r'<td data-label="[^"]*">([^<]*)</td>', funnel)
    assert cells[:3] == ["参加培训", "3", "100%"]
    assert cells[3:6] == ["完成课程", "1", "33%"]
    assert cells[9:11] == ["已发工作证", "1"]
    overdue = page[page.index('id="overdue"') : page.index('id="expiring"')]
    assert "sup_a" in overdue and "sup_b" not in overdue
    assert "本年度考核：已提交 1 / 2 份考核。" in page
    assert "css/reports.css" in page


def test_learners_and_supervisors_get_no_dashboard(org, client, world):
    for user in (org.learner_a, org.supervisor_a):
        client.force_login(user)
        assert 'class="card dashboard"' not in client.get(reverse("home")).content.decode()


def test_dashboard_queries_do_not_grow_with_agencies(org, client, world):
    from reports import home

    def panel_queries() -> int:
        # A fresh user object each time: its scope is cached on the instance.
        user = type(org.provincial_admin).objects.get(pk=org.provincial_admin.pk)
        request = type("R", (), {"user": user})()
        with CaptureQueriesContext(connection) as queries:
            panel = home.dashboard_panel(request)
        assert len(panel.context["charts"]) == 6
        return len(queries)

    panel_queries()  # warm process-wide caches (content types, translations)
    two = panel_queries()
    for index in range(4):
        agency = AgencyFactory(parent=org.city)
        supervisor = make_user(Role.SUPERVISOR, agency, username=f"extra_sup{index}")
        _populate(agency, world["exam"], world["course"], world["cycle"], supervisor)
    six = panel_queries()
    assert two == six


def test_the_funnel_never_widens_for_credentials_issued_before_the_platform(org, client, world):
    """An imported auxiliary holding a credential, with no course or exam on record here, passed
    offline (Art. 20): every step counts them, so no step shows more people than the one
    before it."""
    veteran = AuxiliaryFactory(agency=org.county_a, status="credentialed")
    make_credential(veteran, valid_until=timezone.localdate() + datetime.timedelta(days=300))
    client.force_login(org.admin_a)
    page = client.get(reverse("home")).content.decode()
    funnel = page[page.index('id="funnel"') : page.index('id="pass-rate"')]
    cells = re.findall(r'<td data-label="[^"]*">([^<]*)</td>', funnel)
    people = [int(cells[n]) for n in (1, 4, 7, 10)]
    assert people == [4, 2, 2, 2]
