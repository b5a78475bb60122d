"""Course fixtures: the shipped course seeded into Wagtail, and logged-in clients."""

from __future__ import annotations

import pytest
from django.test import Client

from courses.content.lessons import LESSONS
from courses.models import CoursePage, LessonPage
from courses.seed import course_seed


@pytest.fixture
def course(db):
    course_seed()
    return CoursePage.objects.get(slug="pre-job")


@pytest.fixture
def lessons(course):
    return list(LessonPage.objects.child_of(course).order_by("path"))


@pytest.fixture
def small_course(db):
    """The same course with only its first three lessons."""
    course_seed(lessons=LESSONS[:3])
    return CoursePage.objects.get(slug="pre-job")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def learner_client(org):
    return client_for(org.learner_a)


@pytest.fixture(autouse=True)
def _fresh_site_root_paths():
    # Wagtail caches the sites' root paths in the cache; a flushed (transactional) test
    # elsewhere can leave paths of a tree that no longer exists, and then pages have no URL.
    from django.core.cache import cache

    cache.clear()
