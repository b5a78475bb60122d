"""Journeys 1 and 2: a new auxiliary reads the course on a phone, sits the exam, passes, gets
the credential and verifies it; a failing learner sees the retake date and cannot start early.
"""

from __future__ import annotations

import datetime
import re

import pytest

from tests.browser import login, screenshot

PASSWORD = "Xuexi2026ok"


def _seed():
    from django.core.management import call_command

    call_command("seed_demo", stdout=open("/dev/null", "w"))


def _new_learner(username: str):
    """An enrolled learner who has already set their own password."""
    from lms.idcard import make_id_number
    from lms.models import Agency, Auxiliary, AuxiliaryStatus, Role, UserProfile
    from tests.factories import UserFactory

    agency = Agency.objects.get(code="DHCG")
    user = UserFactory(username=username)
    user.set_password(PASSWORD)
    user.save()
    UserProfile.objects.create(user=user, role=Role.LEARNER, agency=agency, display_name="林新人")
    birth = datetime.date(1998, 8, 8)
    return Auxiliary.objects.create(
        user=user,
        agency=agency,
        name="林新人",
        gender="F",
        birth_date=birth,
        id_number=make_id_number("420102", birth, 777 if username.endswith("1") else 778),
        mobile="13900000777" if username.endswith("1") else "13900000778",
        education="college",
        hire_method="public",
        contract_start=datetime.date(2026, 1, 1),
        contract_end=datetime.date(2029, 12, 31),
        post="窗口服务辅助岗",
        duties=[1, 2],
        work_area="东湖区政务大厅",
        status=AuxiliaryStatus.IN_TRAINING,
    )


def _read_every_lesson(page, base: str) -> int:
    from courses.models import LessonPage
    from courses.selectors import required_course

    course = required_course()
    lessons = LessonPage.objects.live().descendant_of(course).order_by("path")
    for lesson in lessons:
        page.goto(base + lesson.url)
        button = page.locator("form[action*='/complete/'] button[type=submit]")
        button.scroll_into_view_if_needed()
        button.click()
        page.wait_for_load_state("networkidle")
    return lessons.count()


def _answers(attempt, *, correct: bool) -> dict[int, list[str]]:
    """What to tick for each question, read from the attempt's own snapshot."""
    result = {}
    for row in attempt.questions.all():
        choices = row.snapshot["choices"]
        right = [c["key"] for c in choices if float(c.get("weight", 0)) > 0]
        wrong = [c["key"] for c in choices if float(c.get("weight", 0)) <= 0]
        result[row.position] = right if correct else wrong[:1]
    return result


def _tick(page, position: int, keys: list[str]) -> None:
    for key in keys:
        page.locator(f"input[name='q{position}'][value='{key}']").check()
    page.wait_for_function(
        "() => document.getElementById('save-state').textContent.trim() === '已保存'"
    )


def _seconds(clock_text: str) -> int:
    parts = [int(p) for p in re.findall(r"\d+", clock_text)]
    total = 0
    for part in parts:
        total = total * 60 + part
    return total


@pytest.mark.django_db(transaction=True)
def test_new_auxiliary_reads_sits_passes_and_verifies(live_server, phone, settings):
    import zxingcpp
    from PIL import Image

    from exams.models import Attempt

    # The journey reads every lesson in seconds: no minimum reading time here (the rule and its
    # browser test are in tests/courses); the end of each lesson must still be reached.
    settings.COURSES_READING_FRACTION = 0

    _seed()
    aux = _new_learner("e2e_learner1")
    page = phone
    page.on("dialog", lambda dialog: dialog.accept())
    login(page, live_server.url, "e2e_learner1", PASSWORD)
    screenshot(page, "home-learner-phone")

    read = _read_every_lesson(page, live_server.url)
    assert read >= 9
    screenshot(page, "lesson-phone")

    page.goto(f"{live_server.url}/exams/")
    # While the start is on its way (held here, so the page stays), the button says so and
    # cannot be pressed again. Playwright waits for a pending navigation before its next
    # step, so the press and the look happen in one script.
    held = []
    page.route("**/exams/start/", lambda route: held.append(route))
    disabled, label = page.evaluate(
        """() => {
            const button = document.querySelector("form[action$='/exams/start/'] button");
            button.click();
            return new Promise((done) =>
                setTimeout(() => done([button.disabled, button.textContent]), 50));
        }"""
    )
    assert (disabled, label) == (True, "正在准备试卷…")
    assert len(held) == 1
    held[0].continue_()
    page.unroute("**/exams/start/")
    page.wait_for_url(re.compile(r"/exams/attempts/\d+/$"))
    attempt = Attempt.objects.get(auxiliary=aux)
    answers = _answers(attempt, correct=True)
    positions = sorted(answers)
    half = positions[: len(positions) // 2]
    for position in half:
        _tick(page, position, answers[position])
    screenshot(page, "exam-phone")
    before = _seconds(page.locator("#exam-clock").inner_text())
    page.wait_for_timeout(2500)
    page.reload()
    page.wait_for_load_state("networkidle")
    # The answers are still there after a reload, and the clock continues from the server.
    for position in half:
        for key in answers[position]:
            assert page.locator(f"input[name='q{position}'][value='{key}']").is_checked()
    after = _seconds(page.locator("#exam-clock").inner_text())
    assert 0 < after < before <= attempt.exam.time_limit.total_seconds()
    for position in positions[len(half) :]:
        _tick(page, position, answers[position])
    page.click("#submit-button")
    page.wait_for_url(re.compile(r"/result/$"))
    assert "通过" in page.locator(".result__verdict").inner_text()
    assert "未通过" not in page.locator(".result__verdict").inner_text()
    screenshot(page, "result-phone")

    page.goto(f"{live_server.url}/credentials/mine/")
    card = page.locator("img[src*='card.png']").first
    card_url = card.get_attribute("src")
    screenshot(page, "credential-phone")
    png = page.request.get(live_server.url + card_url).body()
    import io

    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert decoded, "the card carries a QR code"
    verify_path = re.sub(r"^https?://[^/]+", "", decoded[0].text)
    assert verify_path.startswith("/verify/")
    anonymous = page.context.browser.new_context(viewport={"width": 390, "height": 844})
    public = anonymous.new_page()
    public.goto(live_server.url + verify_path)
    assert public.locator(".verify__word").inner_text().strip() == "有效"
    assert aux.name in public.content()
    assert aux.masked_id_number not in public.content()
    screenshot(public, "verify-phone")
    anonymous.close()


@pytest.mark.django_db(transaction=True)
def test_a_failing_learner_sees_the_retake_date_and_cannot_start_early(live_server, phone):
    from courses.models import CourseCompletion
    from courses.selectors import required_course
    from exams.models import Attempt

    _seed()
    aux = _new_learner("e2e_learner2")
    CourseCompletion.objects.create(
        user=aux.user, course=required_course(), completed_at=datetime.datetime.now(datetime.UTC)
    )
    page = phone
    page.on("dialog", lambda dialog: dialog.accept())
    login(page, live_server.url, "e2e_learner2", PASSWORD)
    page.goto(f"{live_server.url}/exams/")
    page.click("form[action$='/exams/start/'] button[type=submit]")
    page.wait_for_url(re.compile(r"/exams/attempts/\d+/$"))
    attempt = Attempt.objects.get(auxiliary=aux)
    for position, keys in _answers(attempt, correct=False).items():
        _tick(page, position, keys)
    page.click("#submit-button")
    page.wait_for_url(re.compile(r"/result/$"))
    assert "未通过" in page.locator(".result__verdict").inner_text()
    page.goto(f"{live_server.url}/exams/")
    text = page.locator("main").inner_text()
    retake = attempt.exam.retake_wait
    attempt.refresh_from_db()
    from django.utils import timezone

    when = timezone.localtime(attempt.finished_at + retake)
    assert f"{when.year}年{when.month}月{when.day}日" in text
    screenshot(page, "exam-failed-phone")
    # No start button, and posting anyway starts nothing.
    assert page.locator("form[action$='/exams/start/'] button").count() == 0
    response = page.request.post(
        f"{live_server.url}/exams/start/",
        headers={
            "X-CSRFToken": next(
                c["value"] for c in page.context.cookies() if c["name"] == "csrftoken"
            )
        },
    )
    assert response.ok
    assert Attempt.objects.filter(auxiliary=aux).count() == 1
