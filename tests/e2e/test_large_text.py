"""大字模式 and browser zoom on every page of the journeys.

- Large text, switched on with the header's 「大字」 button and remembered (profile or cookie):
  text at ≥ 150 %, line spacing ≥ 1.3, paragraph spacing ≥ 1.3 × line spacing, and at 390 px
  nothing scrolls sideways or is cut. Screenshots: var/screenshots/large-*.png.
- 200 % browser zoom (WCAG 1.4.10): a 1366 px window zoomed to 200 % lays the page out at
  683 CSS px with two device pixels each; nothing may scroll sideways there either.

Run: .venv/bin/python -m pytest -q -m e2e tests/e2e/test_large_text.py
"""

from __future__ import annotations

import re

import pytest

from tests.browser import screenshot
from tests.e2e.a11y import (
    DESK,
    LAYOUT,
    PHONE,
    ROOT_SCALE,
    SPACING,
    journeys,
    log_in,
    seed,
    start_exam,
)

ZOOM_200 = {"width": DESK["width"] // 2, "height": DESK["height"] // 2}


def _slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"


def _switch_on(page) -> None:
    button = page.locator(".text-size__button")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    page.wait_for_load_state("load")
    assert page.locator(".text-size__button").get_attribute("aria-pressed") == "true"
    assert "text-large" in (page.locator("html").get_attribute("class") or "")


@pytest.mark.django_db(transaction=True)
def test_large_text_and_200_percent_zoom_keep_every_page_readable(live_server, browser):
    from lms.models import UserProfile

    seed()
    base = live_server.url
    problems: list[str] = []
    phone = browser.new_context(viewport=PHONE, locale="zh-CN", device_scale_factor=2).new_page()
    desk = browser.new_context(viewport=DESK, locale="zh-CN").new_page()
    zoomed = browser.new_context(viewport=ZOOM_200, locale="zh-CN", device_scale_factor=2)
    zoomed = zoomed.new_page()
    for page in (phone, desk, zoomed):
        page.on("dialog", lambda dialog: dialog.dismiss())
    shots = 0
    for journey in journeys():
        log_in(phone, base, journey)
        paths = list(journey.paths)
        if journey.name == "exam":
            paths.append(start_exam(phone, base))
        # The switch is on the first page; every later page (and the other device) remembers.
        phone.goto(base + paths[0])
        _switch_on(phone)
        if journey.username:
            profile = UserProfile.objects.get(user__username=journey.username)
            assert profile.large_text is True
        for path in paths:
            phone.goto(base + path)
            phone.wait_for_load_state("load")
            label = f"{journey.name} {path}"
            assert "text-large" in (phone.locator("html").get_attribute("class") or ""), label
            scale = phone.evaluate(ROOT_SCALE)
            if scale < 1.5:
                problems.append(f"{label}: text at {scale:.0%}")
            problems += [f"{label} @390 large: {p}" for p in phone.evaluate(LAYOUT)]
            problems += [f"{label} @390 large: {p}" for p in phone.evaluate(SPACING)]
            screenshot(phone, f"large-{journey.name}-{_slug(path)}-phone")
            shots += 1
        # The same person on a desk: large text already on, from their profile or cookie.
        log_in(desk, base, journey)
        if journey.username is None:
            desk.context.add_cookies([{"name": "large_text", "value": "1", "url": base}])
        desk.goto(base + paths[0])
        assert "text-large" in (desk.locator("html").get_attribute("class") or "")
        problems += [f"{journey.name} {paths[0]} @1366 large: {p}" for p in desk.evaluate(LAYOUT)]
        screenshot(desk, f"large-{journey.name}-{_slug(paths[0])}-desk")
        # 200 % zoom with the standard text size.
        log_in(zoomed, base, journey)
        for path in paths:
            zoomed.goto(base + path)
            zoomed.wait_for_load_state("load")
            problems += [f"{journey.name} {path} @200%: {p}" for p in zoomed.evaluate(LAYOUT)]
        if journey.username:
            UserProfile.objects.filter(user__username=journey.username).update(large_text=False)
    # Turning it off again is one press too.
    phone.goto(base + "/verify/")
    phone.locator(".text-size__button").click()
    phone.wait_for_load_state("load")
    assert "text-large" not in (phone.locator("html").get_attribute("class") or "")
    assert shots >= 35, shots
    assert not problems, "\n".join(problems)
