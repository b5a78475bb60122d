"""Journey 4: an auxiliary acknowledges one assessment and objects to another, on a phone."""

from __future__ import annotations

import datetime
import re

import pytest

from tests.browser import login, screenshot

DEMO_PASSWORD = "Demo2026pass"
STATEMENT = "六月十二日的情况是执法人员当场作出的处理，我只负责记录，并未自行处理。"


def _two_submitted_assessments():
    """One auxiliary of the demo county with two submitted assessments, both still open for a
    response: the demo cycle's and an earlier cycle's."""
    from django.core.management import call_command

    from assessments import services
    from assessments.demo import DEMO_CYCLE_NAME, _form_data, _learner_login
    from assessments.models import Assessment, AssessmentStatus, Cycle

    call_command("seed_demo", stdout=open("/dev/null", "w"))
    demo = Cycle.objects.get(name=DEMO_CYCLE_NAME)
    current = (
        Assessment.objects.filter(cycle=demo, status=AssessmentStatus.SUBMITTED, response="")
        .select_related("auxiliary__supervisor")
        .order_by("pk")
        .first()
    )
    aux = current.auxiliary
    user = _learner_login(aux, "aux_e2e")
    earlier = services.cycle_open(
        agency=aux.agency,
        name="2025年度考核",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        due_date=datetime.date(2025, 12, 20),
        template=demo.template,
        actor=demo.opened_by,
    ).cycle
    previous = Assessment.objects.select_related("cycle__template").get(
        cycle=earlier, auxiliary=aux
    )
    services.assessment_submit(
        assessment=previous,
        actor=aux.supervisor,
        data=_form_data(previous, "7", 2, 3, []),
    )
    return user, aux, current, previous


@pytest.mark.django_db(transaction=True)
def test_auxiliary_acknowledges_one_assessment_and_objects_to_another(live_server, phone):
    from assessments.models import Assessment, Notice

    user, aux, current, previous = _two_submitted_assessments()
    base = live_server.url
    page = phone
    login(page, base, user.username, DEMO_PASSWORD)
    screenshot(page, "home-auxiliary-assessments-phone")

    page.goto(f"{base}/assessments/mine/")
    listing = page.locator("main").inner_text()
    assert "2025年度考核" in listing and current.cycle.name in listing
    screenshot(page, "my-assessments-phone")

    # Acknowledge this year's assessment.
    page.click(f"a[href='/assessments/{current.pk}/']")
    page.wait_for_url(re.compile(rf"/assessments/{current.pk}/$"))
    screenshot(page, "assessment-detail-auxiliary-phone")
    page.check("input[name=choice][value=acknowledge]")
    page.click("form[action$='/respond/'] button[type=submit]")
    page.wait_for_url(re.compile(rf"/assessments/{current.pk}/$"))
    current.refresh_from_db()
    assert current.response == "acknowledged"
    assert current.responded_at is not None
    text = page.locator("main").inner_text()
    assert "已确认" in text and "你的意见已记录。" in text
    # Once answered, the response form is gone.
    assert page.locator("form[action$='/respond/']").count() == 0

    # Object to last year's: without a statement the form refuses, with one it is recorded.
    page.goto(f"{base}/assessments/{previous.pk}/")
    page.check("input[name=choice][value=object]")
    page.click("form[action$='/respond/'] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert Assessment.objects.get(pk=previous.pk).response == ""
    assert (
        page.locator(
            "form[action$='/respond/'] .error, form[action$='/respond/'] .errorlist"
        ).count()
        >= 1
    )
    page.check("input[name=choice][value=object]")
    page.fill("textarea[name=statement]", STATEMENT)
    page.click("form[action$='/respond/'] button[type=submit]")
    page.wait_for_url(re.compile(rf"/assessments/{previous.pk}/$"))
    previous.refresh_from_db()
    assert previous.response == "objected"
    assert previous.response_statement == STATEMENT
    text = page.locator("main").inner_text()
    assert "已提出异议" in text and STATEMENT in text
    assert page.locator("form[action$='/respond/']").count() == 0
    screenshot(page, "assessment-objected-phone")

    # The agency's admins are told about the objection.
    assert Notice.objects.filter(
        user__profile__agency=aux.agency, url=f"/assessments/{previous.pk}/"
    ).exists()
