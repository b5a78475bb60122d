"""A video lesson in Chromium on a phone (390x844): the demo's own title card plays from the
lesson's ranged view (206 answers), the confirm button is refused until the video has been
played for its share, and the page's progress says how much was watched."""

from __future__ import annotations

import re

import pytest

from tests.browser import login, screenshot

DEMO_PASSWORD = "Demo2026pass"


@pytest.mark.django_db(transaction=True)
def test_a_learner_watches_the_demo_video_then_confirms_the_lesson(live_server, phone, settings):
    from django.core.management import call_command

    from courses.models import LessonPage, LessonProgress
    from training.demo import VIDEO_LESSON_SLUG

    # Only the video's rule is under test here: the lesson's reading minutes count for nothing.
    settings.COURSES_READING_FRACTION = 0
    settings.COURSES_VIDEO_FRACTION = 0.5
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    lesson = LessonPage.objects.get(slug=VIDEO_LESSON_SLUG)
    page = phone
    statuses = []
    page.on(
        "response",
        lambda r: (
            statuses.append(r.status) if "/video/" in r.url and r.request.method == "GET" else None
        ),
    )
    login(page, live_server.url, "learner", DEMO_PASSWORD)
    page.goto(live_server.url + lesson.url)
    assert page.get_by_text("已观看 0 / 3 秒").is_visible()
    button = page.locator("form[action*='/complete/'] button[type=submit]")
    button.scroll_into_view_if_needed()
    button.click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("还不能确认读完：还需观看视频约 3 秒。").is_visible()
    assert not LessonProgress.objects.filter(lesson=lesson).exists()

    video = page.locator("video[data-video-key]")
    video.scroll_into_view_if_needed()
    box = video.bounding_box()
    assert box["width"] >= 340  # the player spans the phone's column
    # Muted, a script may start it without a tap; it has no sound track anyway.
    page.evaluate(
        "() => { const v = document.querySelector('video[data-video-key]');"
        " v.muted = true; return v.play(); }"
    )
    page.wait_for_function(
        "() => document.querySelector('video[data-video-key]').ended", timeout=20_000
    )
    page.wait_for_function(
        "() => /已观看 3 \\/ 3 秒/.test(document.querySelector('[data-watching-text]').textContent)",
        timeout=10_000,
    )
    # The earlier refusal is gone once nothing is left to do.
    assert not page.get_by_text("还不能确认读完：还需观看视频约 3 秒。").is_visible()
    # The player asked for ranges and was answered with partial content: it can seek.
    assert 206 in statuses
    seekable = page.evaluate(
        "() => { const v = document.querySelector('video[data-video-key]');"
        " return v.seekable.length ? v.seekable.end(0) : 0; }"
    )
    assert seekable >= 5
    screenshot(page, "video-lesson-phone")
    button.scroll_into_view_if_needed()
    assert "button--primary" in (button.get_attribute("class") or "")
    button.click()
    page.wait_for_load_state("networkidle")
    assert LessonProgress.objects.filter(lesson=lesson, user__username="learner").exists()
    assert re.search(r"/courses/|/$", page.url)
