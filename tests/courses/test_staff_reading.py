"""Staff follow each person's reading, lesson by lesson, within their scope (lms.permissions):
minutes read against the required minutes, the end reached, the date confirmed."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.models import LessonProgress, LessonReading
from tests.courses.conftest import client_for
from tests.factories import make_learner


def person_url(aux):
    return reverse("courses:person_reading", args=[aux.pk])


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def read_some(course, lessons, org):
    """甲一 confirmed lesson 1, read 3 minutes of lesson 2 on the page, opened lesson 3."""
    now = timezone.now()
    LessonProgress.objects.create(user=org.learner_a, lesson=lessons[0], completed_at=now)
    LessonReading.objects.create(
        user=org.learner_a,
        lesson=lessons[1],
        opened_at=now,
        seconds_read=190,
        tracked_by_page=True,
        end_seen_at=now,
    )
    services.lesson_reading_open(user=org.learner_a, lesson=lessons[2])


def test_an_agency_admin_sees_minutes_read_per_lesson(read_some, lessons, org):
    html = text(client_for(org.admin_a).get(person_url(org.aux_a)))
    assert "阅读进度：甲一" in html
    required = -(-lessons[1].estimated_minutes * 30 // 60)
    assert f"3 / {required} 分钟" in html
    assert "（按首次打开起计时）" in html  # lesson 3: opened without heartbeats
    assert html.count("status--passed") >= 1 and "未打开" in html


def test_the_record_page_links_to_the_reading(read_some, org):
    html = client_for(org.admin_a).get(reverse("lms:auxiliary_detail", args=[org.aux_a.pk]))
    assert person_url(org.aux_a) in html.content.decode()


@pytest.mark.parametrize(
    "who, status",
    [
        ("admin_a", 200),
        ("oversight", 200),
        ("provincial_admin", 200),
        ("supervisor_a", 200),
        ("admin_b", 404),
        ("supervisor_b", 404),
        # Not out of scope but a page a learner never uses, even about themself: 403.
        ("learner_a", 403),
    ],
)
def test_who_sees_a_persons_reading(read_some, org, who, status):
    assert client_for(getattr(org, who)).get(person_url(org.aux_a)).status_code == status


def test_the_course_table_lists_only_people_in_scope(read_some, org):
    html = text(client_for(org.admin_a).get(reverse("courses:reading_table")))
    assert "甲一" in html and "乙一" not in html
    html = text(client_for(org.supervisor_b).get(reverse("courses:reading_table")))
    assert "乙一" in html and "甲一" not in html
    assert client_for(org.learner_a).get(reverse("courses:reading_table")).status_code == 403


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_counts_do_not_grow_with_people_or_lessons(read_some, lessons, org):
    client = client_for(org.admin_a)
    table = reverse("courses:reading_table")
    client.get(table)  # warm caches (site root paths)
    few = (queries(client, table), queries(client, person_url(org.aux_a)))
    at = timezone.now() - datetime.timedelta(days=1)
    for n in range(5):
        other = make_learner(org.county_a, name=f"丙{n}")
        for lesson in lessons:
            services.lesson_reading_open(user=other.user, lesson=lesson, now=at)
            LessonProgress.objects.create(user=other.user, lesson=lesson, completed_at=at)
    lessons[-1].unpublish()
    many = (queries(client, table), queries(client, person_url(org.aux_a)))
    assert few == many
