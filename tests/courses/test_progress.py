"""Reading progress: a lesson is done only when the learner confirms at its end; finishing every
lesson records the course completion date; progress follows the learner across sessions."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from courses import selectors
from courses.content.lessons import LESSONS
from courses.models import CourseCompletion, LessonProgress
from tests.courses.conftest import client_for
from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def _no_minimum_reading_time(settings):
    # These tests are about what a confirmation records; the reading rule (a minimum time and
    # the end of the lesson) has its own tests in test_reading.py.
    settings.COURSES_READING_FRACTION = 0


def complete_url(lesson):
    return reverse("courses:lesson_complete", args=[lesson.pk])


def test_reading_a_lesson_does_not_mark_it_done(course, lessons, learner_client, org):
    learner_client.get(lessons[0].url)
    assert not LessonProgress.objects.filter(user=org.learner_a).exists()


def test_the_confirm_button_is_at_the_end_of_the_lesson(course, lessons, learner_client):
    html = learner_client.get(lessons[7].url).content.decode()
    button = html.index(complete_url(lessons[7]))
    last_check = html.rindex("data-kc")
    last_scenario = html.rindex("scenario__title")
    assert button > last_check and button > last_scenario


def test_confirming_marks_the_lesson_and_moves_on(course, lessons, learner_client, org):
    response = learner_client.post(complete_url(lessons[0]))
    assert response.status_code == 302
    assert response["Location"] == lessons[1].url
    assert LessonProgress.objects.filter(user=org.learner_a, lesson=lessons[0]).exists()

    html = learner_client.get(course.url).content.decode()
    assert re.search(rf'<progress[^>]*max="{len(LESSONS)}"[^>]*value="1"', html)
    # "Continue where you left off" points at the second lesson.
    continue_link = re.search(
        r'class="button button--primary button--block continue" href="([^"]+)"', html
    )
    assert continue_link.group(1) == lessons[1].url


def test_continue_goes_to_the_first_unread_lesson_not_the_last_read(
    course, lessons, learner_client, org
):
    learner_client.post(complete_url(lessons[0]))
    learner_client.post(complete_url(lessons[2]))
    outline = selectors.course_outline(user=org.learner_a, course=course)
    assert outline.next_entry.lesson.pk == lessons[1].pk
    assert outline.done_count == 2 and outline.percent == round(200 / len(LESSONS))


def test_confirming_needs_a_post(course, lessons, learner_client, org):
    assert learner_client.get(complete_url(lessons[0])).status_code == 405
    assert not LessonProgress.objects.filter(user=org.learner_a).exists()


def test_confirming_needs_the_csrf_token(course, lessons, org):
    client = Client(enforce_csrf_checks=True)
    client.force_login(org.learner_a)
    assert client.post(complete_url(lessons[0])).status_code == 403
    assert not LessonProgress.objects.exists()


def test_only_learners_keep_progress(course, lessons, org):
    client = client_for(org.admin_a)
    assert client.post(complete_url(lessons[0])).status_code == 403
    html = client.get(lessons[0].url).content.decode()
    assert complete_url(lessons[0]) not in html
    assert not LessonProgress.objects.exists()


def test_an_unpublished_lesson_cannot_be_confirmed(course, lessons, learner_client):
    lessons[3].unpublish()
    assert learner_client.post(complete_url(lessons[3])).status_code == 404


def test_finishing_every_lesson_records_the_completion_date(course, lessons, learner_client, org):
    for lesson in lessons[:-1]:
        learner_client.post(complete_url(lesson))
    assert selectors.course_completed_at(user=org.learner_a, course=course) is None

    response = learner_client.post(complete_url(lessons[-1]), follow=True)
    completed_at = selectors.course_completed_at(user=org.learner_a, course=course)
    assert completed_at is not None
    # Home, where 待办 holds the next step; the course panel there shows the date.
    assert response.redirect_chain[-1][0] == reverse("home")
    html = response.content.decode()
    assert f"{completed_at.year}年" in html
    assert f'value="{len(LESSONS)}"' in html


def test_confirming_again_keeps_the_first_dates(course, lessons, learner_client, org):
    for lesson in lessons:
        learner_client.post(complete_url(lesson))
    first = CourseCompletion.objects.get(user=org.learner_a).completed_at
    first_lesson = LessonProgress.objects.get(user=org.learner_a, lesson=lessons[0]).completed_at
    learner_client.post(complete_url(lessons[0]))
    assert CourseCompletion.objects.get(user=org.learner_a).completed_at == first
    assert LessonProgress.objects.get(user=org.learner_a, lesson=lessons[0]).completed_at == (
        first_lesson
    )
    assert LessonProgress.objects.filter(user=org.learner_a).count() == len(LESSONS)


def test_progress_is_per_learner(course, lessons, learner_client, org):
    learner_client.post(complete_url(lessons[0]))
    other = selectors.course_outline(user=org.learner_b, course=course)
    assert other.done_count == 0


def log_in(username):
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, "login failed"
    return client


def test_progress_survives_logout_and_another_device(course, lessons, org):
    phone = log_in(org.learner_a.username)
    phone.post(complete_url(lessons[0]))
    phone.post(complete_url(lessons[1]))
    phone.post(reverse("logout"))
    assert phone.get(course.url).status_code == 302  # logged out

    desktop = log_in(org.learner_a.username)
    html = desktop.get(course.url).content.decode()
    assert re.search(r'<progress[^>]*value="2"', html)
    assert lessons[2].url in html


def test_home_shows_my_course_with_the_next_lesson(course, lessons, learner_client):
    learner_client.post(complete_url(lessons[0]))
    html = learner_client.get("/").content.decode()
    assert "my-course" in html
    assert course.title in html
    assert lessons[1].url in html


def test_required_course_is_the_seeded_course(course):
    assert selectors.required_course() == course
    course.required_for_credential = False
    course.save()
    assert selectors.required_course() is None


@pytest.mark.parametrize("who", ["admin_a", "supervisor_a"])
def test_staff_home_has_no_course_panel(course, org, who):
    html = client_for(getattr(org, who)).get("/").content.decode()
    assert "my-course" not in html


def test_finishing_the_course_sends_one_signal(
    course, lessons, learner_client, org, django_capture_on_commit_callbacks
):
    from courses.signals import course_completed

    received = []

    def listener(sender, user, course, completion, **kwargs):
        received.append((user, course.pk, completion.completed_at))

    course_completed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            for lesson in lessons:
                learner_client.post(complete_url(lesson))
            learner_client.post(complete_url(lessons[0]))
    finally:
        course_completed.disconnect(listener)
    assert len(received) == 1
    assert received[0][0] == org.learner_a and received[0][1] == course.pk


def test_someone_in_service_reads_the_course_as_a_refresher(course, lessons, org):
    """A credential holder with no completion on record (credentialed before the platform) was
    shown 已读 0 / 11 and told the exam opens when the course is complete."""
    from lms.models import AuxiliaryStatus

    org.aux_a.status = AuxiliaryStatus.CREDENTIALED
    org.aux_a.save(update_fields=["status"])
    html = client_for(org.learner_a).get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    panel = html[html.index("my-course") :]
    panel = panel[: panel.index("</section>")]
    assert "岗前培训课程可随时复习" in panel and course.url in panel
    assert "即可参加考试" not in panel and "<progress" not in panel


def test_a_trainee_still_sees_the_course_as_the_exams_gate(course, lessons, learner_client):
    html = learner_client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    panel = html[html.index("my-course") :]
    assert "即可参加考试" in panel[: panel.index("</section>")]
