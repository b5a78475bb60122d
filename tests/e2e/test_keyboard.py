"""Keyboard only: the exam from start to result, the supervisor's scoring form and the admin
forms, in Chromium, with key presses and nothing else (no clicks, no fill). The one exception
is the browser's own 「确定」 of the hand-in confirmation, which Playwright answers for the
keyboard user (a native dialog takes Enter the same way).

Run: .venv/bin/python -m pytest -q -m e2e tests/e2e/test_keyboard.py
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from tests.browser import screenshot
from tests.e2e.a11y import PHONE, journeys, log_in, seed

# Counts the changes of the clock's live region from now on (text set or replaced).
WATCH_WARNING = """() => {
  window.__warningChanges = 0;
  new MutationObserver(() => { window.__warningChanges += 1; })
    .observe(document.getElementById('exam-clock-warning'),
             {childList: true, characterData: true, subtree: true});
}"""

# What has the focus: enough to steer by, and whether its focus is drawn.
FOCUS = """() => {
  const el = document.activeElement;
  const card = el.closest('.qcard');
  const drawn = (node) => node && getComputedStyle(node).outlineStyle !== 'none' &&
    parseFloat(getComputedStyle(node).outlineWidth) >= 2;
  return {
    tag: el.tagName.toLowerCase(), type: el.type || '', id: el.id, name: el.name || '',
    value: el.value || '', text: (el.textContent || '').trim().slice(0, 30),
    position: card ? card.dataset.position : null,
    // A date or time field's focus is on its day/month/year part inside Chromium's own control,
    // which the browser highlights itself; the page's ring is not readable from here.
    visible: drawn(el) || drawn(el.closest('.choice')) ||
      ['date', 'datetime-local', 'time'].includes(el.type),
  };
}"""


def _tab_to(page, want, limit: int = 400, back: bool = False) -> dict:
    """Press Tab until ``want(focus)`` holds; every stop on the way shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        focus = page.evaluate(FOCUS)
        assert focus["visible"] or focus["tag"] == "body", f"focus not visible on {focus}"
        if want(focus):
            return focus
    raise AssertionError("never reached by Tab")


@pytest.mark.django_db(transaction=True)
def test_the_exam_can_be_taken_start_to_finish_by_keyboard(live_server, browser):
    from exams.models import Attempt

    seed()
    base = live_server.url
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    asked: list[str] = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    exam = next(j for j in journeys() if j.name == "exam")
    log_in(page, base, exam)
    page.goto(base + "/exams/")
    _tab_to(page, lambda f: f["tag"] == "button" and "开始" in f["text"])
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/exams/attempts/\d+/$"))
    page.wait_for_load_state("load")
    total = page.locator(".qcard").count()
    assert total > 0

    # Tab reaches each question in turn; Space chooses on one, Enter on the next.
    answered: set[str] = set()
    key = "Space"
    while True:
        focus = _tab_to(
            page,
            lambda f: (
                f["id"] == "submit-button"
                or (f["position"] is not None and f["position"] not in answered)
            ),
        )
        if focus["id"] == "submit-button":
            break
        if focus["type"] == "radio":
            page.keyboard.press("ArrowDown")  # arrows move between a question's choices
            page.keyboard.press("ArrowUp")
        page.keyboard.press(key)
        answered.add(focus["position"])
        key = "Enter" if key == "Space" else "Space"
        page.wait_for_function(
            "() => document.getElementById('save-state').textContent.trim() === '已保存'"
        )
    assert len(answered) == total
    assert page.locator("#answered").inner_text() == str(total)
    # Each answered number in the question list carries a tick, not only a colour, and a
    # screen reader hears 已答 for it, though the page was rendered with 未答.
    marks = page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-nav]')).map((a) => [
             getComputedStyle(a, '::after').content,
             a.querySelector('.visually-hidden').textContent])"""
    )
    assert len(marks) == total
    assert all("✓" in tick and said == "已答" for tick, said in marks), marks
    screenshot(page, "keyboard-exam-phone")

    # The clock speaks twice: at five minutes and at one minute left, once each, politely.
    attempt = Attempt.objects.get(user__username="learner2")
    for seconds, said in ((302, "剩余 5 分钟。"), (62, "剩余 1 分钟。时间到后系统会自动交卷。")):
        attempt.deadline = timezone.now() + datetime.timedelta(seconds=seconds)
        attempt.save(update_fields=["deadline"])
        page.reload()
        page.evaluate(WATCH_WARNING)
        page.wait_for_timeout(4500)
        live = page.locator("#exam-clock-warning")
        assert live.get_attribute("aria-live") == "polite"
        assert live.inner_text() == said
        assert page.evaluate("window.__warningChanges") <= 1  # not every second
    _tab_to(page, lambda f: f["id"] == "submit-button")

    # Enter on the hand-in button asks first, then hands in.
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/result/$"))
    assert asked == ["确定现在交卷吗？交卷后不能再修改答案。"]
    attempt.refresh_from_db()
    assert attempt.status == "submitted"
    assert all(row.selected for row in attempt.questions.all())
    context.close()


@pytest.mark.django_db(transaction=True)
def test_scoring_form_and_admin_form_work_by_keyboard_with_errors_announced(live_server, browser):
    from assessments.models import Assessment

    seed()
    base = live_server.url
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    by_name = {j.name: j for j in journeys()}

    # Supervisor: every criterion scored from the keyboard, then the form is sent with Enter.
    supervisor = by_name["supervisor"]
    score_path = supervisor.paths[-1]
    log_in(page, base, supervisor)
    page.goto(base + score_path)
    inputs = page.locator("input.score-input")
    count = inputs.count()
    assert count > 0
    for _ in range(count):
        _tab_to(page, lambda f: f["tag"] == "input" and "score" in f["name"] and not f["value"])
        page.keyboard.type("8")
    _tab_to(page, lambda f: f["tag"] == "button" and f["name"] == "submit")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    pk = int(re.search(r"/assessments/(\d+)/", score_path).group(1))
    assessment = Assessment.objects.get(pk=pk)
    screenshot(page, "keyboard-score-after-submit-phone")
    assert assessment.status != "pending" or page.locator("[data-error-summary]").count(), (
        "the form neither went through nor said why"
    )

    # Admin: the enrol form sent empty by keyboard shows the error summary with the focus on
    # it; its first link, followed with Enter, puts the focus in the field, which names its
    # error through aria-describedby.
    log_in(page, base, by_name["admin"])
    page.goto(base + "/people/enrol/")
    _tab_to(page, lambda f: f["tag"] == "button" and f["type"] == "submit" and f["text"] == "保存")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("[data-error-summary]")
    focus = page.evaluate(FOCUS)
    assert page.evaluate("document.activeElement.matches('[data-error-summary]')"), focus
    assert page.locator("[data-error-summary]").get_attribute("role") == "alert"
    page.keyboard.press("Tab")
    link = page.evaluate(FOCUS)
    assert link["tag"] == "a", link
    page.keyboard.press("Enter")
    field = page.evaluate(
        """() => {
          const el = document.activeElement;
          const ids = (el.getAttribute('aria-describedby') || '').split(/\\s+/);
          const said = ids.map(id => document.getElementById(id)).filter(Boolean)
            .map(n => n.textContent.trim()).join(' ');
          return {tag: el.tagName.toLowerCase(), invalid: el.getAttribute('aria-invalid'), said};
        }"""
    )
    assert field["tag"] in ("input", "select", "textarea"), field
    assert field["invalid"] == "true" and field["said"], field
    screenshot(page, "keyboard-enrol-errors-phone")
    context.close()


# The project's own forms an agency admin fills in, beyond the enrolment form above.
ADMIN_FORMS = [
    "/people/enrol/",
    "/assessments/cycles/new/",
    "/exams/sessions/new/",
    "/training/sessions/new/",
    "/training/plans/new/",
    "/people/import/",
]

# The page's main form (the one with most controls inside <main>): each of its controls as
# the Tab key reaches it (a radio group is one stop; hidden and disabled ones are none).
FORM_STOPS = """() => {
  const forms = Array.from(document.querySelectorAll('main form'));
  const form = forms.sort((a, b) => b.elements.length - a.elements.length)[0];
  form.dataset.underTest = '1';
  const seen = new Set();
  const stops = [];
  for (const el of form.elements) {
    if (el.disabled || el.type === 'hidden' || el.tabIndex < 0 || el.tagName === 'FIELDSET') continue;
    if (!el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
    const key = el.type === 'radio' ? 'radio:' + el.name : (el.id || el.name || el.type);
    if (seen.has(key)) continue;
    seen.add(key);
    stops.push(key);
  }
  return stops;
}"""

# Which of the form's stops has the focus now (null when it is outside the form).
FOCUS_KEY = """() => {
  const el = document.activeElement;
  if (!el || !el.form || !el.form.dataset.underTest) return null;
  return el.type === 'radio' ? 'radio:' + el.name : (el.id || el.name || el.type);
}"""


@pytest.mark.django_db(transaction=True)
def test_every_control_of_each_admin_form_is_reached_by_tab_with_its_focus_drawn(
    live_server, browser
):
    seed()
    base = live_server.url
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    log_in(page, base, next(j for j in journeys() if j.name == "admin"))
    for path in ADMIN_FORMS:
        page.goto(base + path)
        page.wait_for_load_state("load")
        assert page.url == base + path, page.url
        stops = page.evaluate(FORM_STOPS)
        assert len(stops) >= 2, (path, stops)
        reached: list[str] = []
        for _ in range(400):
            page.keyboard.press("Tab")
            focus = page.evaluate(FOCUS)
            assert focus["visible"] or focus["tag"] == "body", f"{path}: focus not drawn on {focus}"
            key = page.evaluate(FOCUS_KEY)
            if key in stops and key not in reached:
                reached.append(key)
            if len(reached) == len(stops):
                break
        assert reached == stops, f"{path}: Tab reached {reached} of {stops}, or not in that order"
    context.close()
