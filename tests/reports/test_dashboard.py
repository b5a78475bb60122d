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


def test_pass_rate_shows_every_month_and_tells_no_exams_from_zero_percent(org, client):
    from reports.dashboard import pass_rate_by_month

    exam = make_exam(make_course())
    today = timezone.localdate()
    # One failure in the month before last, nothing last month, one pass this month.
    _attempt(exam, org.aux_a, passed=False, days_ago=today.day + 35)
    _attempt(exam, org.aux_a, passed=True, days_ago=0)
    months = pass_rate_by_month(user=org.admin_a, today=today)
    assert len(months) == 12
    assert months[-1].month == today.replace(day=1)
    steps = {(b.month.year * 12 + b.month.month) - (a.month.year * 12 + a.month.month)
             for a, b in zip(months, months[1:], strict=False)}  # fmt: skip
    assert steps == {1}
    assert [(m.attempts, m.passed, m.rate) for m in months[-3:]] == [
        (1, 0, 0.0),
        (0, 0, None),
        (1, 1, 1.0),
    ]

    client.force_login(org.admin_a)
    page = client.get(reverse("home")).content.decode()
    chart = page[page.index('id="pass-rate"') :]
    chart = chart[: chart.index("</figure>")]
    svg = chart[: chart.index("</svg>")]
    assert "0% (0/1)" in svg and "100% (1/1)" in svg
    assert svg.count("无考试") == 10
    # A month without exams draws no bar track; the 0 % month does.
    assert svg.count('class="chart__track"') == 2
    cells = re.findall(r'<td data-label="[^"]*">([^<]*)</td>', chart)
    rows = [cells[i : i + 4] for i in range(0, len(cells), 4)]
    assert len(rows) == 12
    assert rows[-2][1:] == ["0", "0", "无考试"] and rows[-3][1:] == ["1", "0", "0%"]
    assert rows[-1] == [f"{today.year}年{today.month}月", "1", "1", "100%"]


def test_each_chart_points_screen_readers_at_its_table_of_figures(org, client, world):
    client.force_login(org.admin_a)
    page = client.get(reverse("home")).content.decode()
    described = re.findall(r'<svg class="chart[^>]*aria-describedby="([^"]+)"', page)
    assert len(described) == 6
    for target in described:
        assert re.search(rf'<table class="table table--compact" id="{target}">', page), target


def test_with_large_text_the_figures_of_every_chart_are_shown_open(org, client, world):
    """A chart's labels do not grow with the text; in 大字模式 its table of figures, which
    does, is open under it without a tap."""
    client.force_login(org.admin_a)
    assert (
        '<details class="chart-card__data" open>'
        not in client.get(reverse("home")).content.decode()
    )
    profile = org.admin_a.profile
    profile.large_text = True
    profile.save(update_fields=["large_text"])
    page = client.get(reverse("home")).content.decode()
    assert page.count('<details class="chart-card__data" open>') == 6
