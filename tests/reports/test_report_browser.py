"""The report page in real Chromium: what the browser actually shows for a report that is not
ready (an element with `hidden` must stay hidden whatever its class says)."""

from __future__ import annotations

import pytest
from django.test import Client

from lms.jobs.models import JobStatus
from reports.models import ReportFile, ReportKind
from tests.reports.factories import make_cycle

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_queued_report_shows_no_download_button_and_its_url_says_not_ready(
    live_server, browser, org
):
    cycle = make_cycle(org.county_a)
    report = ReportFile.objects.create(
        kind=ReportKind.RENEWAL, agency=org.county_a, cycle=cycle, status=JobStatus.QUEUED
    )
    client = Client()
    client.force_login(org.admin_a)
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/reports/cycles/{cycle.pk}/")
        item = page.locator("li.report-item").first
        assert item.locator("[data-job-label]").inner_text().strip() == "排队中"
        download = item.locator("[data-job-download]")
        assert download.get_attribute("hidden") is not None
        assert download.evaluate("el => getComputedStyle(el).display") == "none"
        assert not download.is_visible()
        # The same holds for every element hidden with the attribute, on any page.
        hidden_but_shown = page.evaluate(
            """() => [...document.querySelectorAll('[hidden]')]
                 .filter(el => getComputedStyle(el).display !== 'none')
                 .map(el => el.outerHTML.slice(0, 80))"""
        )
        assert hidden_but_shown == []

        response = page.goto(f"{live_server.url}/reports/{report.pk}/download/")
        assert response.status == 200
        assert "报表尚未生成完毕" in page.inner_text("main")
        assert "排队中" in page.inner_text("main")
        page.click("text=返回报表页面")
        assert page.url.endswith(f"/reports/cycles/{cycle.pk}/")
    finally:
        context.close()
