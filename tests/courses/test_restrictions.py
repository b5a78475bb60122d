"""Lessons are for logged-in users: anonymous readers are sent to the front-end login."""

import pytest
from django.test import Client


@pytest.mark.parametrize(
    "url", ["/courses/", "/courses/pre-job/", "/courses/pre-job/art-19/", "/learn/search/?q=罚款"]
)
def test_anonymous_readers_are_sent_to_login(course, url):
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_a_logged_in_learner_reads_the_lesson(course, learner_client):
    response = learner_client.get("/courses/pre-job/art-19/")
    assert response.status_code == 200
    assert "第十九条" in response.content.decode()


def test_staff_may_read_the_lessons_too(course, org):
    client = Client()
    client.force_login(org.admin_a)
    assert client.get("/courses/pre-job/art-13/").status_code == 200


def test_the_course_link_goes_to_the_required_course(course, learner_client):
    response = learner_client.get("/learn/")
    assert response.status_code == 302
    assert response["Location"] == "/courses/pre-job/"


def test_lessons_need_a_login_even_without_a_view_restriction(client, db):
    """An editor may remove the seeded restriction or build a new course index: lessons still
    redirect anonymous visitors to the login page."""
    from wagtail.models import PageViewRestriction

    from courses.models import LessonPage
    from tests.exams.factories import make_course

    course = make_course()
    lesson = course.add_child(instance=LessonPage(title="第十三条", slug="art-13-open"))
    PageViewRestriction.objects.all().delete()
    for url in (course.url, lesson.url):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
