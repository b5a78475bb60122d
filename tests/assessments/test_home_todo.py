"""The learner's home starts with a 待办 panel listing the assessment waiting for their
response, with its deadline written the Chinese way and the days left."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from assessments import selectors, services
from tests.assessments import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(org):
    f.credentialed(org.aux_a)
    return f.submit(f.assessment_of(f.open_cycle(org), org.aux_a), "8")


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def _todo(html: str) -> str:
    match = re.search(r'<section class="card todo".*?</section>', html, re.S)
    assert match, "no 待办 panel on the home page"
    return match.group(0)


def _chinese_date(moment: datetime.datetime) -> str:
    day = timezone.localtime(moment).date()
    return f"{day.year}年{day.month}月{day.day}日"


def test_the_waiting_assessment_is_first_on_the_home_page_with_its_deadline(client, org, submitted):
    html = _home(client, org.learner_a)
    todo = _todo(html)
    # The panel comes before every other panel of the page.
    main = html[html.index("<main") :]
    assert main.index('<section class="card todo"') == main.index('<section class="card')
    assert "待办" in todo and "2026年上半年考核" in todo
    deadline = selectors.response_deadline(submitted)
    assert _chinese_date(deadline) in todo
    assert "还剩 7 天" in todo
    assert f'href="/assessments/{submitted.pk}/"' in todo
    assert "确认或提出异议" in todo


def _due_at(assessment, moment: datetime.datetime) -> None:
    """Move the submission so that the response window closes at ``moment``."""
    submitted_at = moment - datetime.timedelta(days=selectors.response_days())
    type(assessment).objects.filter(pk=assessment.pk).update(submitted_at=submitted_at)


def test_days_left_count_down_to_today(client, org, submitted):
    # Due at noon tomorrow (local time), whatever the hour the suite runs at: the count is
    # in calendar days, so "now + 23 hours" is due today when run between 00:00 and 01:00.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    _due_at(submitted, timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(12))))
    assert "还剩 1 天" in _todo(_home(client, org.learner_a))
    # Submitted so that the window closes later today (local time): it is due today.
    now = timezone.localtime()
    end_of_day = now.replace(hour=23, minute=59, second=0, microsecond=0)
    if end_of_day > now + datetime.timedelta(minutes=5):
        _due_at(submitted, end_of_day)
        assert "今天截止" in _todo(_home(client, org.learner_a))


def test_gone_once_answered_or_once_the_window_has_closed(client, org, submitted):
    services.assessment_respond(assessment=submitted, actor=org.learner_a, objection=False)
    assert 'class="card todo"' not in _home(client, org.learner_a)

    other = f.submit(f.assessment_of(f.open_cycle(org, name="2026年下半年考核"), org.aux_a), "7")
    assert "2026年下半年考核" in _todo(_home(client, org.learner_a))
    f.age(other, days=8)
    assert 'class="card todo"' not in _home(client, org.learner_a)


def test_nobody_else_sees_the_learners_assessment_as_their_to_do(client, org, submitted):
    for user in (org.learner_b, org.supervisor_a, org.admin_a, org.oversight):
        match = re.search(r'<section class="card todo".*?</section>', _home(client, user), re.S)
        assert match is None or "2026年上半年考核" not in match.group(0)
