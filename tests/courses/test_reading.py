"""The reading rule: "I have read this lesson" is accepted only after a minimum time on the
server's clock (50 % of the lesson's minutes by default) and once the end was on screen.
Lessons confirmed before the rule stay confirmed."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.models import LessonProgress, LessonReading
from tests.courses.conftest import client_for


def complete_url(lesson):
    return reverse("courses:lesson_complete", args=[lesson.pk])


def reading_url(lesson):
    return reverse("courses:lesson_reading", args=[lesson.pk])


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_lesson_just_opened_says_how_long_is_left(course, lessons, learner_client):
    lesson = lessons[0]
    html = text(learner_client.get(lesson.url))
    left = -(-lesson.estimated_minutes // 2)  # half the stated minutes, rounded up
    assert f"还需阅读约 {left} 分钟" in html
    assert f"本课约 {lesson.estimated_minutes} 分钟：阅读满本课时长的 50%" in html
    assert "button--waiting" in html


def test_pressing_too_early_is_refused_with_a_message(course, lessons, learner_client, org):
    lesson = lessons[0]
    learner_client.get(lesson.url)
    response = learner_client.post(complete_url(lesson), {"at_end": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"{lesson.url}?reading=not-yet#end"
    assert not LessonProgress.objects.filter(user=org.learner_a).exists()
    html = text(learner_client.get(response["Location"]))
    assert "还不能确认读完：本课需阅读约" in html
    assert 'role="alert"' in html


def test_the_lessons_cannot_be_read_in_seconds(course, lessons, learner_client, org):
    for lesson in lessons:
        learner_client.get(lesson.url)
        learner_client.post(complete_url(lesson), {"at_end": "1"})
    assert not LessonProgress.objects.filter(user=org.learner_a).exists()
    assert not org.learner_a.course_completions.exists()


def test_without_javascript_the_server_clock_since_first_open_counts(
    course, lessons, learner_client, org
):
    lesson = lessons[0]
    learner_client.get(lesson.url)
    needed = datetime.timedelta(seconds=lesson.estimated_minutes * 30)
    LessonReading.objects.filter(user=org.learner_a, lesson=lesson).update(
        opened_at=timezone.now() - needed + datetime.timedelta(seconds=20)
    )
    learner_client.post(complete_url(lesson))
    assert not LessonProgress.objects.filter(user=org.learner_a).exists()

    LessonReading.objects.filter(user=org.learner_a, lesson=lesson).update(
        opened_at=timezone.now() - needed
    )
    html = text(learner_client.get(lesson.url))
    assert not re.search(r"还需阅读约 \d+ 分钟", html)
    assert re.search(r'class="button button--block button--primary"[^>]*data-reading-button', html)
    response = learner_client.post(complete_url(lesson))
    assert response["Location"] == lessons[1].url
    assert LessonProgress.objects.filter(user=org.learner_a, lesson=lesson).exists()


def beat(user, lesson, event, at):
    return services.lesson_reading_beat(user=user, lesson=lesson, event=event, now=at)


def test_heartbeats_count_visible_time_capped_at_the_interval(course, lessons, org, settings):
    settings.COURSES_HEARTBEAT_SECONDS = 15
    user, lesson, t0 = org.learner_a, lessons[0], timezone.now()
    beat(user, lesson, "show", t0)
    status = beat(user, lesson, "beat", t0 + datetime.timedelta(seconds=15))
    assert status.read_seconds == 15
    # A long silence (phone asleep, tab throttled) counts one interval at most.
    status = beat(user, lesson, "beat", t0 + datetime.timedelta(seconds=15 + 3600))
    assert status.read_seconds == 30
    # A burst of fake beats adds only the time that really passed between them.
    now = t0 + datetime.timedelta(seconds=15 + 3600)
    for _ in range(50):
        status = beat(user, lesson, "beat", now)
    assert status.read_seconds == 30


def test_a_hidden_page_does_not_count(course, lessons, org):
    user, lesson, t0 = org.learner_a, lessons[0], timezone.now()
    beat(user, lesson, "show", t0)
    assert beat(user, lesson, "hide", t0 + datetime.timedelta(seconds=10)).read_seconds == 10
    # Beats while hidden (or a resumed tab's first beat) start a new stretch, credit nothing.
    assert beat(user, lesson, "beat", t0 + datetime.timedelta(seconds=600)).read_seconds == 10
    beat(user, lesson, "show", t0 + datetime.timedelta(seconds=900))
    assert beat(user, lesson, "beat", t0 + datetime.timedelta(seconds=905)).read_seconds == 15


def test_with_javascript_the_end_must_have_been_on_screen(course, lessons, learner_client, org):
    lesson = lessons[0]
    learner_client.get(lesson.url)
    beat(org.learner_a, lesson, "show", timezone.now())
    LessonReading.objects.filter(user=org.learner_a, lesson=lesson).update(
        seconds_read=lesson.estimated_minutes * 60
    )
    response = learner_client.post(complete_url(lesson), follow=True)
    assert "还不能确认读完：请先读到本课末尾。" in text(response)
    assert not LessonProgress.objects.filter(user=org.learner_a).exists()

    # The page reports the end marker (or the press carries it): now it is accepted.
    assert learner_client.post(reading_url(lesson), {"event": "end"}).json()["may_complete"]
    learner_client.post(complete_url(lesson))
    assert LessonProgress.objects.filter(user=org.learner_a, lesson=lesson).exists()


def test_the_heartbeat_answers_what_is_left(course, lessons, learner_client):
    lesson = lessons[0]
    answer = learner_client.post(reading_url(lesson), {"event": "show"}).json()
    assert answer["required_seconds"] == lesson.estimated_minutes * 30
    assert answer["remaining_minutes"] == -(-lesson.estimated_minutes // 2)
    assert answer["may_complete"] is False
    assert learner_client.post(reading_url(lesson), {"event": "nonsense"}).status_code == 400
    assert learner_client.get(reading_url(lesson)).status_code == 405


def test_staff_send_no_heartbeats(course, lessons, org):
    response = client_for(org.admin_a).post(reading_url(lessons[0]), {"event": "show"})
    assert response.status_code == 403
    assert not LessonReading.objects.exists()


def test_the_fraction_is_a_setting(course, lessons, learner_client, settings):
    settings.COURSES_READING_FRACTION = 0.8
    lesson = lessons[0]
    html = text(learner_client.get(lesson.url))
    assert "阅读满本课时长的 80%" in html
    left = -(-(lesson.estimated_minutes * 48) // 60)
    assert f"还需阅读约 {left} 分钟" in html


def test_lessons_confirmed_before_the_rule_stay_confirmed(course, lessons, learner_client, org):
    earlier = timezone.now() - datetime.timedelta(days=30)
    LessonProgress.objects.create(user=org.learner_a, lesson=lessons[0], completed_at=earlier)
    html = text(learner_client.get(lessons[0].url))
    assert not re.search(r"还需阅读约 \d+ 分钟", html) and "已读" in html
    learner_client.post(complete_url(lessons[0]))
    assert LessonProgress.objects.get(user=org.learner_a, lesson=lessons[0]).completed_at == (
        earlier
    )


def test_demo_style_records_still_complete_the_course(course, lessons, org):
    """Seeded histories write the lesson records and call course_completion_record."""
    at = timezone.now() - datetime.timedelta(days=3)
    for lesson in lessons:
        LessonProgress.objects.create(user=org.learner_a, lesson=lesson, completed_at=at)
    completion = services.course_completion_record(user=org.learner_a, course=course, at=at)
    assert completion is not None and completion.completed_at == at


def test_a_lesson_without_stated_minutes_needs_only_the_end(course, lessons, learner_client, org):
    lesson = lessons[0]
    lesson.estimated_minutes = 0
    lesson.save_revision().publish()
    learner_client.get(lesson.url)
    learner_client.post(complete_url(lesson))
    assert LessonProgress.objects.filter(user=org.learner_a, lesson=lesson).exists()
