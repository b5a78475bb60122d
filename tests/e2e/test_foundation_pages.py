"""The organisation pages in a real browser, at phone and desktop sizes."""

import pytest

from tests.browser import login, screenshot
from tests.factories import PASSWORD


@pytest.mark.django_db(transaction=True)
def test_admin_finds_a_person_and_changes_their_status(live_server, phone, desktop):
    from tests.factories import AuxiliaryFactory, build_org

    org = build_org()
    aux = AuxiliaryFactory(agency=org.county_a, name="赵晓明", status="credentialed")
    page = phone
    page.goto(f"{live_server.url}/accounts/login/")
    assert page.locator("h1").inner_text() == "登录"
    screenshot(page, "login-phone")
    login(page, live_server.url, "admin_a", PASSWORD)
    page.goto(f"{live_server.url}/people/?q=赵晓明")
    assert page.locator("text=赵晓明").count() >= 1
    # Nothing scrolls sideways on a phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot(page, "roster-phone")
    page.click("text=赵晓明")
    assert aux.masked_id_number in page.content()
    assert aux.id_number not in page.content()
    page.select_option("select[name=to_status]", "suspended")
    page.fill("textarea[name=reason]", "违反工作纪律，暂停上岗")
    page.click("form[action$='/status/'] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "暂停" in page.locator("h1").inner_text()
    screenshot(page, "auxiliary-phone")
    login(desktop, live_server.url, "admin_a", PASSWORD)
    desktop.goto(f"{live_server.url}/people/")
    screenshot(desktop, "roster-desktop")
