"""Site-wide layout rules as a new user sees them in Chromium, on the demo data: the phone
header on one line and scrolling away, stacked table cells that read as text, choices and
lone links of tap size, a person's facts using the whole card, and a page head's buttons
clear of the card below."""

from __future__ import annotations

import pytest

from tests.browser import login, screenshot

DEMO_PASSWORD = "Demo2026pass"

# The number of lines a text node of an element takes (one rect per line box).
TEXT_LINES = """(el) => {
  const text = [...el.childNodes].find((n) => n.nodeType === 3 && n.textContent.trim());
  const range = document.createRange();
  range.selectNodeContents(text);
  return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
}"""


def _seed():
    from django.core.management import call_command

    call_command("seed_demo", stdout=open("/dev/null", "w"))


def _box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


@pytest.mark.django_db(transaction=True)
def test_phone_header_table_cells_choices_and_lone_links(live_server, phone):
    from assessments.models import Assessment

    _seed()
    base = live_server.url
    page = phone

    # Logged out: the platform's name fits on one line beside 大字.
    page.goto(f"{base}/accounts/login/")
    assert page.locator(".brand__text").evaluate(TEXT_LINES) == 1

    login(page, base, "learner", DEMO_PASSWORD)
    assessment = Assessment.objects.filter(auxiliary__user__username="learner").first()
    page.goto(f"{base}/assessments/{assessment.pk}/")
    # The header's top row is one line high (it was four lines of the platform's name) ...
    assert _box(page, ".site-header__inner")["height"] <= 64
    # The mark alone (the name is for screen readers there) is still a 44 px target home.
    brand = _box(page, ".brand")
    assert brand["width"] >= 44 and brand["height"] >= 44
    # ... and the header scrolls away instead of covering the top of the screen.
    page.evaluate("window.scrollTo(0, 800)")
    assert _box(page, ".site-header")["y"] < 0
    page.evaluate("window.scrollTo(0, 0)")

    # A stacked table cell reads as text: the criterion's name is one line, not a narrow
    # column beside its weight.
    cell = page.locator(".table td[data-label]").first
    assert cell.evaluate(TEXT_LINES) == 1
    # The response form's choices are whole-row targets of at least 44 px.
    for label in page.locator(".field--choices label").all():
        assert label.bounding_box()["height"] >= 44
    screenshot(page, "layout-assessment-phone")

    # A link standing alone on its line is a target too.
    page.goto(f"{base}/learn/search/?q=辅助")
    back = page.locator("main p > a", has_text="返回课程")
    assert back.bounding_box()["height"] >= 44
    page.context.clear_cookies()

    login(page, base, "dhadmin", DEMO_PASSWORD)
    # The dashboard's number tables stay tables inside their cards when opened: the stacked
    # cell rule must not turn them into label columns wider than the phone.
    for summary in page.locator(".chart-card details > summary").all():
        summary.click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.goto(f"{base}/people/import/")
    assert page.locator("a[href$='template.xlsx']").bounding_box()["height"] >= 44
    # The roster's buttons do not touch the filter card under them.
    page.goto(f"{base}/people/")
    actions = _box(page, ".page-head > .actions")
    assert actions["y"] + actions["height"] + 8 <= _box(page, "form.filters")["y"]


@pytest.mark.django_db(transaction=True)
def test_desk_person_facts_use_the_card_and_head_buttons_clear_it(live_server, desktop):
    from assessments.models import Assessment
    from lms.models import Auxiliary

    _seed()
    base = live_server.url
    page = desktop
    login(page, base, "dhadmin", DEMO_PASSWORD)
    person = Auxiliary.objects.filter(agency__code="DHCG", photo="").order_by("pk").first()
    page.goto(f"{base}/people/{person.pk}/")
    card = _box(page, ".person")
    facts = _box(page, ".person .facts")
    # Without a photo the facts take the card's width (they sat in the photo's column).
    assert facts["width"] > card["width"] * 0.8
    # ... and stay together at the top when the card is as tall as the status card beside it.
    last = page.locator(".person .facts dd").last.bounding_box()
    rows = page.locator(".person .facts dt").count()
    assert last["y"] + last["height"] - facts["y"] <= rows * 40
    actions = _box(page, ".page-head > .actions")
    assert actions["y"] + actions["height"] + 8 <= card["y"]
    screenshot(page, "layout-person-desk")
    # The reading table keeps a person's agency readable beside 11 lesson columns (it was
    # squeezed to one character a line).
    page.goto(f"{base}/learn/reading/")
    agency = page.locator(".reading-table td:nth-child(2)").first
    assert agency.evaluate(TEXT_LINES) <= 2
    # A head's line (the cycle and its period) sits under the title, not squeezed beside it.
    assessment = Assessment.objects.filter(auxiliary__user__username="learner").first()
    page.goto(f"{base}/assessments/{assessment.pk}/")
    title = _box(page, ".page-head > h1")
    assert _box(page, ".page-head > p")["y"] >= title["y"] + title["height"]
