"""The course and lesson pages run a fixed number of queries whatever the number of lessons."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import LessonPage
from tests.courses.conftest import client_for

MAX_QUERIES = 20


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def reader(org):
    client = client_for(org.learner_a)
    return client


def measure(client, course):
    lesson = LessonPage.objects.child_of(course).order_by("path")[1]
    client.get(course.url)  # warm caches (site root paths)
    client.get(lesson.url)  # the first open records when the reading started
    return count(client, course.url), count(client, lesson.url)


def test_query_counts_do_not_grow_with_the_lessons(db, org, django_assert_max_num_queries):
    from courses.content.lessons import LESSONS
    from courses.models import CoursePage
    from courses.seed import course_seed

    client = client_for(org.learner_a)
    course_seed(lessons=LESSONS[:3])
    small = measure(client, CoursePage.objects.get())
    course_seed()
    assert LessonPage.objects.count() == len(LESSONS)
    large = measure(client, CoursePage.objects.get())
    assert small == large

    course = CoursePage.objects.get()
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(course.url)
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(LessonPage.objects.get(slug="art-19").url)


def test_search_page_queries_are_fixed(course, reader, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES):
        reader.get("/learn/search/", {"q": "第"})
