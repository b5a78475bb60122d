"""Tap targets on a phone (390x844): every link, button, select and summary a learner, a
supervisor or the public can tap is at least 44x44 px (the design's rule, WCAG 2.5.5).

One exemption, as WCAG 2.5.8 makes it: a link inside a sentence of running text, i.e. an inline
link in a <p> that holds other words besides it. A link alone in its paragraph is not exempt."""

from __future__ import annotations

import re

import pytest

from tests.browser import login, screenshot

DEMO_PASSWORD = "Demo2026pass"
MIN = 44

AUDIT = """() => {
  const inSentence = (el) => {
    if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
    const p = el.closest('p');
    if (!p || p.closest('.actions, nav')) return false;
    const own = [...p.querySelectorAll('a')].reduce((n, a) => n + a.textContent.trim().length, 0);
    return p.textContent.replace(/\\s+/g, '').length - own >= 4;
  };
  const small = [];
  for (const el of document.querySelectorAll('a, button, input[type=submit], select, summary')) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === 'hidden') continue;
    if (box.right <= 0) continue;  // the skip link, parked off-screen until focused
    if (el.closest('details:not([open])') && el.tagName !== 'SUMMARY') continue;
    if (inSentence(el)) continue;
    if (box.width + 0.5 < MIN_PX || box.height + 0.5 < MIN_PX) {
      const text = (el.textContent || el.value || '').trim().slice(0, 24);
      const size = `${Math.round(box.width)}x${Math.round(box.height)}`;
      small.push(`${el.tagName.toLowerCase()} "${text}" ${size} in ` +
                 el.parentElement.outerHTML.slice(0, 90));
    }
  }
  return small;
}""".replace("MIN_PX", str(MIN))


def _seed():
    from django.core.management import call_command

    call_command("seed_demo", stdout=open("/dev/null", "w"))


def _audit(page, base: str, paths: list[str]) -> dict[str, list[str]]:
    found = {}
    for path in paths:
        page.goto(base + path)
        page.wait_for_load_state("load")
        # A redirect is fine (/learn/ opens the course) but not one to the login or password page.
        assert "/accounts/" not in page.url or path.startswith("/accounts/"), page.url
        small = page.evaluate(AUDIT)
        if small:
            found[path] = small
    return found


NAV_CUT_OFF = """() => [...document.querySelectorAll('.main-nav a')]
  .filter(a => { const r = a.getBoundingClientRect(); return r.left < 0 || r.right > innerWidth; })
  .map(a => a.textContent.trim())"""


def _nav_paths(page) -> list[str]:
    # Every entry of the phone nav is in sight: nothing hides past the right edge.
    assert page.evaluate(NAV_CUT_OFF) == []
    hrefs = page.eval_on_selector_all(".main-nav a", "els => els.map(a => a.getAttribute('href'))")
    return [h for h in hrefs if h and h.startswith("/")]


def _first_link(page, path: str, pattern: str) -> list[str]:
    from urllib.parse import urlparse

    page.goto(path)
    hrefs = page.eval_on_selector_all("main a", "els => els.map(a => a.href)")
    for href in hrefs:
        found = urlparse(href).path
        if re.fullmatch(pattern, found):
            return [found]
    return []


@pytest.mark.django_db(transaction=True)
def test_every_tap_target_on_learner_supervisor_and_public_pages_is_44px(live_server, phone):
    from credentials.models import Credential
    from exams.models import Attempt

    _seed()
    base = live_server.url
    page = phone
    found = {}

    login(page, base, "learner", DEMO_PASSWORD)
    learner = ["/", *_nav_paths(page)]
    learner += _first_link(page, base + "/assessments/mine/", r"/assessments/\d+/")
    found.update(_audit(page, base, learner))
    page.goto(base + "/")
    screenshot(page, "tap-targets-learner-home-phone")
    page.context.clear_cookies()

    # A learner with an exam behind them: the result page.
    attempt = Attempt.objects.filter(status="submitted", user__isnull=False).first()
    attempt.user.set_password(DEMO_PASSWORD)
    attempt.user.save()
    type(attempt.user.profile).objects.filter(user=attempt.user).update(must_change_password=False)
    login(page, base, attempt.user.username, DEMO_PASSWORD)
    learner.append(f"/exams/attempts/{attempt.pk}/result/")
    found.update(_audit(page, base, learner[-1:]))
    page.context.clear_cookies()

    login(page, base, "sup_dh", DEMO_PASSWORD)
    supervisor = ["/", *_nav_paths(page)]
    supervisor += _first_link(page, base + "/assessments/score/", r"/assessments/\d+/score/")
    supervisor += _first_link(page, base + "/assessments/score/", r"/assessments/\d+/")
    found.update(_audit(page, base, supervisor))
    page.goto(base + "/")
    screenshot(page, "tap-targets-supervisor-home-phone")
    page.context.clear_cookies()

    credential = Credential.objects.filter(status="active").select_related("auxiliary__agency")[0]
    public = [
        "/verify/",
        f"/verify/{credential.number}/",
        f"/roster/{credential.auxiliary.agency.code}/",
        "/accounts/login/",
    ]
    found.update(_audit(page, base, public))
    visited = set(learner + supervisor + public)
    assert any(re.fullmatch(r"/exams/attempts/\d+/result/", p) for p in visited), visited
    assert any(re.fullmatch(r"/assessments/\d+/score/", p) for p in visited), visited
    assert found == {}, "\n".join(f"{p}: {s}" for p, s in found.items())
