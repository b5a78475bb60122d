"""The card batch page in real Chromium: while the cards are drawn in the background the page
polls the batch's status, moves the progress bar and, once the batch is done, reveals the
downloads — without a reload."""

from __future__ import annotations

import pytest
from django.test import Client

from credentials.batches import card_batch_build
from credentials.models import CardBatch
from lms.models import AuxiliaryStatus
from tests.browser import PHONE, SCREENSHOTS
from tests.credentials.factories import credential

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_progress_bar_reaches_done_and_reveals_the_downloads_without_reload(
    live_server, browser, org
):
    org.aux_a.status = AuxiliaryStatus.CREDENTIALED
    org.aux_a.save()
    credential(org.aux_a)
    batch = CardBatch.objects.create(agency=org.county_a, requested_by=org.admin_a)
    client = Client()
    client.force_login(org.admin_a)
    context = browser.new_context(locale="zh-CN", viewport=PHONE)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/credentials/batches/{batch.pk}/")
        box = page.locator("[data-job-status]")
        assert box.locator("[data-job-label]").inner_text().strip() == "排队中"
        downloads = box.locator("[data-job-download]")
        assert not downloads.is_visible()
        assert box.locator("[data-job-wait]").is_visible()
        page.evaluate("window.notReloaded = true")

        card_batch_build(batch_id=batch.pk)  # the worker, while the page keeps polling

        downloads.wait_for(state="visible", timeout=20_000)
        assert page.evaluate("window.notReloaded") is True
        bar = box.locator("[data-job-bar]")
        assert bar.get_attribute("role") is None  # a native <progress>: role progressbar
        assert bar.evaluate("el => el.value") == 100
        assert bar.get_attribute("aria-valuetext") == "2 / 2 (100%)"
        assert bar.get_attribute("aria-label") == "进度"
        assert box.locator("[data-job-label]").inner_text().strip() == "已生成"
        assert box.get_attribute("aria-busy") == "false"
        assert not box.locator("[data-job-wait]").is_visible()
        assert not box.locator("[data-job-error]").is_visible()
        zip_link = downloads.locator("a").first
        assert zip_link.get_attribute("href") == f"/credentials/batches/{batch.pk}/cards.zip"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "card-batch-done-390.png"), full_page=True)
    finally:
        context.close()
