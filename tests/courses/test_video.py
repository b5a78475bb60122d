"""Video lessons: the uploaded video is served in byte ranges (a phone can seek) to whoever may
read the lesson, and watching counts only time actually played, on the server's clock, capped
as reading time is; the lesson cannot be confirmed before the video's share is watched."""

import datetime
import re
import uuid
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model

from courses import services
from courses.blocks import VideoBlock
from courses.models import LessonPage, LessonProgress, LessonReading
from tests.courses.conftest import client_for
from tests.exams.factories import make_course

VIDEO_FILE = Path(__file__).resolve().parents[2] / "courses/content/video/demo-title-card.mp4"
VIDEO = VIDEO_FILE.read_bytes()
CAPTIONS = "WEBVTT\n\n00:00:00.000 --> 00:00:06.000\n遇到冲突，先报告带班执法人员。\n"
Document = get_document_model()


def video_block(video, captions=None, seconds=6):
    return {
        "type": "video",
        "id": str(uuid.uuid4()),
        "value": {
            "title": "冲突现场先报告",
            "document": video.pk,
            "seconds": seconds,
            "captions": captions.pk if captions else None,
            "poster": None,
            "embed": None,
        },
    }


@pytest.fixture
def video(db):
    return Document.objects.create(title="示范", file=ContentFile(VIDEO, name="demo.mp4"))


@pytest.fixture
def captions(db):
    return Document.objects.create(
        title="字幕", file=ContentFile(CAPTIONS.encode(), name="demo.vtt")
    )


@pytest.fixture
def lesson(video, captions):
    """An in-service lesson with no stated minutes: only the video's rule and the end count."""
    course = make_course("现场安全与应急处置")
    return course.add_child(
        instance=LessonPage(
            title="冲突现场先报告",
            slug="video-lesson",
            estimated_minutes=0,
            body=[video_block(video, captions)],
        )
    )


def key(lesson) -> str:
    return lesson.body.raw_data[0]["id"]


def video_url(lesson, document) -> str:
    return reverse("courses:lesson_video", args=[lesson.pk, document.pk])


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def play(user, lesson, event, at):
    return services.lesson_video_beat(
        user=user, lesson=lesson, video=key(lesson), event=event, now=at
    )


# --------------------------------------------------------------------------- range requests


def test_a_range_request_gets_exactly_those_bytes(lesson, video, org):
    client, url, size = client_for(org.learner_a), video_url(lesson, video), len(VIDEO)
    response = client.get(url, HTTP_RANGE="bytes=100-1099")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-1099/{size}"
    assert response["Content-Length"] == "1000"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"
    assert body(response) == VIDEO[100:1100]
    # Seeking to the end and reading the tail, as a phone's player does.
    assert body(client.get(url, HTTP_RANGE="bytes=-500")) == VIDEO[-500:]
    assert body(client.get(url, HTTP_RANGE=f"bytes={size - 10}-")) == VIDEO[-10:]


def test_no_range_is_the_whole_file_and_a_range_past_the_end_is_416(lesson, video, org):
    client, url = client_for(org.learner_a), video_url(lesson, video)
    whole = client.get(url)
    assert whole.status_code == 200
    assert whole["Accept-Ranges"] == "bytes"
    assert body(whole) == VIDEO
    beyond = client.get(url, HTTP_RANGE=f"bytes={len(VIDEO)}-")
    assert beyond.status_code == 416
    assert beyond["Content-Range"] == f"bytes */{len(VIDEO)}"


def test_the_captions_are_served_beside_the_video(lesson, captions, org):
    response = client_for(org.learner_a).get(video_url(lesson, captions))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/vtt")
    assert body(response).decode() == CAPTIONS


def test_a_visitor_is_sent_to_the_login_page(lesson, video):
    response = Client().get(video_url(lesson, video), HTTP_RANGE="bytes=0-99")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_courses_are_province_wide_but_only_a_lessons_own_files_are_served(lesson, video, org):
    # Lessons are for every member (tests/courses/test_restrictions.py): another county's
    # learner and the staff watch the same video.
    for user in (org.learner_b, org.admin_b):
        assert client_for(user).get(video_url(lesson, video)).status_code == 200
    # A document that no block of this lesson hands out is not found, whatever its id.
    other = Document.objects.create(title="内部", file=ContentFile(VIDEO, name="private.mp4"))
    assert client_for(org.learner_a).get(video_url(lesson, other)).status_code == 404
    # An unpublished lesson's video is gone with the lesson.
    lesson.unpublish()
    assert client_for(org.learner_a).get(video_url(lesson, video)).status_code == 404


def test_a_view_restriction_on_the_lesson_covers_its_video(lesson, video, org):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(
        page=lesson, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="东湖区学员"))
    assert client_for(org.learner_a).get(video_url(lesson, video)).status_code == 404


# --------------------------------------------------------------------------- the page


def test_the_lesson_page_plays_the_video_through_the_ranged_view(lesson, video, captions, org):
    html = text(client_for(org.learner_a).get(lesson.url))
    assert f'<source src="{video_url(lesson, video)}" type="video/mp4">' in html
    assert (
        f'<track kind="captions" srclang="zh-Hans" label="字幕" src="{video_url(lesson, captions)}"'
        in html
    )
    assert f'data-video-key="{key(lesson)}"' in html
    assert "已观看 0 / 3 秒" in html
    assert "另需观看本课视频，时长至少达到视频长度的 50%。" in html


def test_the_page_asks_the_same_queries_for_one_video_or_three(lesson, video, captions, org):
    client = client_for(org.learner_a)

    def queries() -> int:
        client.get(lesson.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(lesson.url).status_code == 200
        return len(captured)

    one = queries()
    lesson.body = [video_block(video, captions) for _ in range(3)]
    lesson.save_revision().publish()
    assert queries() == one


# --------------------------------------------------------------------------- watching time


def test_playing_counts_on_the_server_clock_capped_at_the_interval_and_the_length(
    lesson, org, settings
):
    settings.COURSES_HEARTBEAT_SECONDS = 15
    user, t0 = org.learner_a, timezone.now()
    seconds = datetime.timedelta(seconds=1)
    play(user, lesson, "play", t0)
    assert play(user, lesson, "beat", t0 + 2 * seconds).watching.watched_seconds == 2
    # A burst of fake heartbeats adds only the time that really passed.
    for _ in range(50):
        status = play(user, lesson, "beat", t0 + 2 * seconds)
    assert status.watching.watched_seconds == 2
    # An hour's silence is one interval at most, and one play-through at most the video's
    # six seconds: the share (3 s) is met, and no more than 6 s were ever credited.
    status = play(user, lesson, "beat", t0 + 3600 * seconds)
    assert status.watching.met
    watching = user.video_watchings.get()
    assert watching.seconds_watched == 6
    play(user, lesson, "beat", t0 + 3615 * seconds)
    assert user.video_watchings.get().seconds_watched == 6
    # Played again from the start: a new play-through counts again.
    play(user, lesson, "ended", t0 + 3616 * seconds)
    play(user, lesson, "play", t0 + 3620 * seconds)
    play(user, lesson, "beat", t0 + 3624 * seconds)
    assert user.video_watchings.get().seconds_watched == 10


def test_paused_time_does_not_count(lesson, org):
    user, t0 = org.learner_a, timezone.now()
    seconds = datetime.timedelta(seconds=1)
    play(user, lesson, "play", t0)
    assert play(user, lesson, "pause", t0 + 2 * seconds).watching.watched_seconds == 2
    # Heartbeats while paused (a stale tab, a forged request) start nothing and add nothing.
    play(user, lesson, "beat", t0 + 10 * seconds)
    assert play(user, lesson, "beat", t0 + 12 * seconds).watching.watched_seconds == 2
    play(user, lesson, "play", t0 + 60 * seconds)
    assert play(user, lesson, "pause", t0 + 61 * seconds).watching.watched_seconds == 3


def test_the_heartbeat_endpoint_answers_what_is_left(lesson, org):
    client = client_for(org.learner_a)
    url = reverse("courses:lesson_watching", args=[lesson.pk])
    answer = client.post(url, {"event": "play", "video": key(lesson)}).json()
    assert answer["watching"]["required_seconds"] == 3
    assert answer["watching"]["remaining_shown"] == 3
    assert answer["may_complete"] is False
    assert client.post(url, {"event": "play", "video": "not-a-video"}).status_code == 400
    assert client.post(url, {"event": "rewind", "video": key(lesson)}).status_code == 400
    assert (
        client_for(org.admin_a).post(url, {"event": "play", "video": key(lesson)}).status_code
        == 403
    )


def test_the_lesson_cannot_be_confirmed_before_the_video_is_watched(lesson, org):
    client, user = client_for(org.learner_a), org.learner_a
    client.get(lesson.url)
    client.post(reverse("courses:lesson_reading", args=[lesson.pk]), {"event": "show"})
    client.post(reverse("courses:lesson_reading", args=[lesson.pk]), {"event": "end"})
    response = client.post(reverse("courses:lesson_complete", args=[lesson.pk]), {"at_end": "1"})
    assert response["Location"] == f"{lesson.url}?reading=not-yet#end"
    assert not LessonProgress.objects.filter(user=user).exists()
    assert "还不能确认读完：还需观看视频约 3 秒。" in text(client.get(response["Location"]))

    t0 = timezone.now() - datetime.timedelta(seconds=10)
    play(user, lesson, "play", t0)
    play(user, lesson, "ended", t0 + datetime.timedelta(seconds=6))
    assert "已观看 3 / 3 秒" in text(client.get(lesson.url))
    client.post(reverse("courses:lesson_complete", args=[lesson.pk]), {"at_end": "1"})
    assert LessonProgress.objects.filter(user=user, lesson=lesson).exists()


def test_without_javascript_the_time_since_the_first_open_counts_for_the_video(lesson, org):
    client, user = client_for(org.learner_a), org.learner_a
    client.get(lesson.url)
    client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    assert not LessonProgress.objects.filter(user=user).exists()
    LessonReading.objects.filter(user=user, lesson=lesson).update(
        opened_at=timezone.now() - datetime.timedelta(seconds=5)
    )
    client.post(reverse("courses:lesson_complete", args=[lesson.pk]))
    assert LessonProgress.objects.filter(user=user, lesson=lesson).exists()


# --------------------------------------------------------------------------- the editor's block


def test_the_block_takes_only_videos_within_the_size_limit(video, captions, settings):
    block = VideoBlock()

    def clean(**value):
        return block.clean(block.to_python({"title": "", "embed": None, **value}))

    pdf = Document.objects.create(title="讲义", file=ContentFile(b"%PDF-1.4", name="notes.pdf"))
    with pytest.raises(ValidationError):
        clean(document=pdf.pk)
    with pytest.raises(ValidationError):
        clean(document=video.pk, captions=pdf.pk)
    settings.COURSES_VIDEO_MAX_BYTES = 1000
    with pytest.raises(ValidationError):
        clean(document=video.pk)
    settings.COURSES_VIDEO_MAX_BYTES = 10 * 2**20
    # The length is read from the MP4 when the editor leaves it empty.
    assert clean(document=video.pk, captions=captions.pk)["seconds"] == 6


def test_staff_see_what_a_person_watched_of_each_video_lesson(lesson, video, org):
    """A person's reading page shows the video's watching beside the reading minutes, in the
    same number of queries for one video lesson or two."""
    url = reverse("courses:person_reading", args=[org.aux_a.pk])
    staff = client_for(org.admin_a)
    t0 = timezone.now() - datetime.timedelta(seconds=10)
    play(org.learner_a, lesson, "play", t0)
    play(org.learner_a, lesson, "pause", t0 + datetime.timedelta(seconds=2))
    page = text(staff.get(url))
    assert '<span data-role="watching">已观看 2 / 3 秒</span>' in page

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert staff.get(url).status_code == 200
        return len(captured)

    one = queries()
    lesson.get_parent().add_child(
        instance=LessonPage(
            title="第二段视频",
            slug="video-lesson-2",
            estimated_minutes=0,
            body=[video_block(video)],
        )
    )
    assert text(staff.get(url)).count('data-role="watching"') == 2
    assert queries() == one  # the same for one video lesson or two
