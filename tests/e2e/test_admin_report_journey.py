"""Journey 5: an agency admin builds the cycle's renewal report, downloads the workbook, and
records a dismissal; the dismissed auxiliary's public verify page then says 已吊销 (revoked)."""

from __future__ import annotations

import re

import pytest

from tests.browser import login, screenshot

DEMO_PASSWORD = "Demo2026pass"


def _seed():
    from django.core.management import call_command

    call_command("seed_demo", stdout=open("/dev/null", "w"))


@pytest.mark.django_db(transaction=True)
def test_admin_builds_report_downloads_it_and_records_a_dismissal(
    live_server, phone, desktop, tmp_path
):
    import openpyxl

    from assessments.demo import DEMO_CYCLE_NAME
    from assessments.models import Assessment, Cycle
    from credentials.models import Credential
    from lms.models import AuxiliaryStatus
    from reports.models import ReportFile

    _seed()
    cycle = Cycle.objects.get(name=DEMO_CYCLE_NAME)
    dismissal = Assessment.objects.select_related("auxiliary").get(
        cycle=cycle, outcome="dismiss", decision__isnull=True
    )
    aux = dismissal.auxiliary
    credential = Credential.objects.get(auxiliary=aux, status="active")
    base = live_server.url
    page = phone
    login(page, base, "dhadmin", DEMO_PASSWORD)
    screenshot(page, "home-admin-phone")
    login(desktop, base, "dhadmin", DEMO_PASSWORD)
    screenshot(desktop, "home-admin-desktop")
    desktop.goto(f"{base}/assessments/cycles/{cycle.pk}/")
    screenshot(desktop, "cycle-dashboard-desktop")
    page.goto(f"{base}/assessments/cycles/{cycle.pk}/")
    screenshot(page, "cycle-dashboard-phone")

    # Request the renewal report; the page follows its progress to the end.
    page.goto(f"{base}/reports/cycles/{cycle.pk}/")
    page.click("button[name=kind][value=renewal]")
    page.wait_for_url(re.compile(rf"/reports/cycles/{cycle.pk}/$"))
    item = page.locator("li.report-item").first
    item.locator("[data-job-download]:not([hidden])").wait_for(timeout=30000)
    assert item.get_attribute("data-job-state") == "done"
    bar = item.locator("progress[data-job-bar]")
    assert bar.get_attribute("value") == bar.get_attribute("max")
    report = ReportFile.objects.get(cycle=cycle)
    assert report.status == "done" and report.percent == 100
    assert "100%" in bar.inner_text()
    status = page.request.get(base + item.get_attribute("data-job-status")).json()
    assert status["percent"] == 100 and status["download_url"]
    assert item.locator("[data-job-label]").inner_text().strip() == "已生成"
    screenshot(page, "report-page-phone")
    desktop.goto(f"{base}/reports/cycles/{cycle.pk}/")
    screenshot(desktop, "report-page-desktop")

    with page.expect_download() as info:
        item.locator("[data-job-download]").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    book = openpyxl.load_workbook(saved, read_only=True)
    assert book.sheetnames == ["汇总", "明细", "说明"]
    rows = [
        [str(c) if c is not None else "" for c in row]
        for row in book["明细"].iter_rows(values_only=True)
    ]
    mine = [row for row in rows if aux.name in row]
    assert mine, "the auxiliary has a row in 明细"
    assert aux.masked_id_number in mine[0]
    assert aux.id_number not in " ".join(" ".join(row) for row in rows)

    # The dismissal: the response window is over (demo data dates the submission 10 days back).
    page.goto(f"{base}/assessments/{dismissal.pk}/")
    screenshot(page, "assessment-detail-admin-phone")
    page.check("input[name=outcome][value=dismiss]")
    page.click("form[action$='/decide/'] button[type=submit]")
    page.wait_for_url(re.compile(rf"/assessments/{dismissal.pk}/$"))
    dismissal.refresh_from_db()
    assert dismissal.decision.outcome == "dismiss"
    aux.refresh_from_db()
    assert aux.status == AuxiliaryStatus.DISMISSED
    credential.refresh_from_db()
    assert credential.status == "revoked"
    desktop.goto(f"{base}/assessments/{dismissal.pk}/")
    screenshot(desktop, "assessment-detail-admin-desktop")

    # The public verify page, as anyone scanning the card would see it.
    anonymous = page.context.browser.new_context(viewport={"width": 390, "height": 844})
    public = anonymous.new_page()
    public.goto(f"{base}/verify/{credential.number}/")
    assert "已吊销" in public.locator("body").inner_text()
    screenshot(public, "verify-revoked-phone")
    anonymous.close()
