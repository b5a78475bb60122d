"""Journey 3: a supervisor scores two auxiliaries on a phone; a draft survives a reload."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from assessments.scoring import plain_number
from tests.browser import login, screenshot

DEMO_PASSWORD = "Demo2026pass"


def _seed():
    from django.core.management import call_command

    call_command("seed_demo", stdout=open("/dev/null", "w"))


def _two_pending(username: str):
    from assessments.models import Assessment, AssessmentStatus

    return list(
        Assessment.objects.filter(
            supervisor__username=username, status=AssessmentStatus.PENDING
        ).order_by("auxiliary__name", "pk")[:2]
    )


def _wait_saved(page) -> None:
    page.wait_for_function(
        "() => document.getElementById('save-state').textContent.trim().startsWith('已保存')"
    )


def _tap_anchors(page, criteria_ids: list[int], level: int) -> None:
    """Tap the ``level``-th rating anchor (1 = top) of each criterion: it fills the score."""
    for pk in criteria_ids:
        button = page.locator(f"button.anchor[data-target='score_{pk}']").nth(level - 1)
        button.scroll_into_view_if_needed()
        button.click()


def _expected_total(assessment, score: Decimal) -> Decimal:
    criteria = list(assessment.cycle.template.criteria.all())
    total = sum(c.weight * score / c.max_score for c in criteria)
    return Decimal(total).quantize(Decimal("0.01"))


@pytest.mark.django_db(transaction=True)
def test_supervisor_scores_two_auxiliaries_and_a_draft_survives_reload(live_server, phone, desktop):
    from assessments.models import Assessment, AssessmentStatus

    _seed()
    first, second = _two_pending("sup_dh")
    criteria = list(first.cycle.template.criteria.order_by("sort_order", "pk"))
    ids = [c.pk for c in criteria]
    base = live_server.url
    page = phone
    # The "submit now?" confirmation: answered yes, and the question is kept to check it.
    asked: list[str] = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    login(page, base, "sup_dh", DEMO_PASSWORD)
    screenshot(page, "home-supervisor-phone")

    # The scoring list shows both as open.
    page.goto(f"{base}/assessments/score/")
    screenshot(page, "score-list-phone")
    page.click(f"a[href='/assessments/{first.pk}/score/']")
    page.wait_for_url(re.compile(rf"/assessments/{first.pk}/score/$"))

    # First auxiliary: every criterion by its second anchor (7–8.99, which fills 8), attendance,
    # a violation.
    _tap_anchors(page, ids, level=2)
    page.fill("#id_days_absent", "1")
    page.fill("#id_late_arrivals", "2")
    page.select_option("#violation_item_0", "1")
    page.fill("#violation_date_0", "2026-05-10")
    page.fill("#violation_description_0", "巡查时未按规定佩戴工作证件，经提醒后改正。")
    page.fill("#id_general_comment", "总体表现良好。")
    expected = _expected_total(first, Decimal("8"))
    assert page.locator("#running-total").inner_text() == plain_number(expected)
    screenshot(page, "scoring-form-phone")
    # Let the page settle after the full-page screenshot (it resizes the viewport; a click
    # straight after it can land on stale coordinates) — a person would see 已保存 anyway.
    _wait_saved(page)
    page.click("button[name=submit]")
    page.wait_for_url(re.compile(rf"/assessments/{first.pk}/$"))
    assert asked and "锁定" in asked[0]
    first.refresh_from_db()
    assert first.status == AssessmentStatus.SUBMITTED
    assert first.total == expected
    assert first.days_absent == 1 and first.late_arrivals == 2
    assert list(first.violations.values_list("item", flat=True)) == [1]
    # An Art. 19 violation other than a severe one: renew, but with correction.
    assert first.outcome == "renew_correct"
    assert first.grade_label in page.locator("main").inner_text()
    screenshot(page, "assessment-detail-supervisor-phone")
    # Submitted means locked: the scoring URL only shows the result, with no inputs.
    page.goto(f"{base}/assessments/{first.pk}/score/")
    page.wait_for_url(re.compile(rf"/assessments/{first.pk}/$"))
    assert page.locator("main input:not([type=hidden]), main textarea, main select").count() == 0

    # Second auxiliary: part of the form, autosaved, then a reload.
    page.goto(f"{base}/assessments/score/")
    page.click(f"a[href='/assessments/{second.pk}/score/']")
    page.wait_for_url(re.compile(rf"/assessments/{second.pk}/score/$"))
    half = ids[: len(ids) // 2]
    _tap_anchors(page, half, level=1)
    for pk in half:
        # The top anchor fills 9.5 (10 would need a comment); a comment is written anyway.
        page.fill(f"#comment_{pk}", "表现突出，多次受到群众表扬。")
    page.fill("#id_days_absent", "0")
    _wait_saved(page)
    second.refresh_from_db()
    assert second.status == AssessmentStatus.DRAFT
    assert second.draft.get(f"score_{half[0]}") == "9.5"
    page.reload()
    page.wait_for_load_state("networkidle")
    for pk in half:
        assert page.locator(f"#score_{pk}").input_value() == "9.5"
        assert page.locator(f"#comment_{pk}").input_value() == "表现突出，多次受到群众表扬。"
    assert page.locator("#id_days_absent").input_value() == "0"
    assert page.locator("#save-state").inner_text().startswith("已保存")
    assert page.locator("#running-total").inner_text() == "—"
    # The draft at desktop size, as the supervisor's office PC shows it.
    login(desktop, base, "sup_dh", DEMO_PASSWORD)
    desktop.goto(f"{base}/assessments/{second.pk}/score/")
    assert desktop.locator(f"#score_{half[0]}").input_value() == "9.5"
    screenshot(desktop, "scoring-form-desktop")

    _tap_anchors(page, ids[len(half) :], level=1)
    for pk in ids[len(half) :]:
        page.fill(f"#comment_{pk}", "表现突出，多次受到群众表扬。")
    page.fill("#id_late_arrivals", "0")
    _wait_saved(page)
    page.click("button[name=submit]")
    page.wait_for_url(re.compile(rf"/assessments/{second.pk}/$"))
    second = Assessment.objects.get(pk=second.pk)
    assert second.status == AssessmentStatus.SUBMITTED
    assert second.total == _expected_total(second, Decimal("9.5"))
    assert second.grade_code == "excellent"
    assert second.commend is True
    assert page.locator("main input:not([type=hidden]), main textarea, main select").count() == 0
    assert "优秀" in page.locator("main").inner_text()

    page.goto(f"{base}/assessments/score/")
    done = page.locator("main").inner_text()
    assert plain_number(second.total) in done and plain_number(first.total) in done

    # The same pages at desktop size.
    desktop.goto(f"{base}/")
    screenshot(desktop, "home-supervisor-desktop")
    desktop.goto(f"{base}/assessments/{first.pk}/")
    screenshot(desktop, "assessment-detail-supervisor-desktop")
