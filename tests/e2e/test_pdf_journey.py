"""An agency admin prints a cycle's assessment records: the cycle page builds the PDF in the
background, the progress bar gives way to the download, and the downloaded file holds every
submitted person's record on A4 pages; a person's own record downloads from its page."""

from __future__ import annotations

import io
import re

import pytest

from tests.browser import login, screenshot
from tests.factories import PASSWORD, build_org, make_learner

pytestmark = pytest.mark.e2e


@pytest.mark.django_db(transaction=True)
def test_admin_prints_the_cycles_assessment_records(live_server, phone, desktop, tmp_path):
    import pypdf

    from tests.reports.factories import make_assessment, make_cycle

    org = build_org()
    cycle = make_cycle(org.county_a)
    first = make_assessment(cycle, org.aux_a, total="87.00")
    make_assessment(cycle, make_learner(org.county_a, name="甲二"), total="91.00")
    base = live_server.url
    for page, size in ((phone, "phone"), (desktop, "desktop")):
        login(page, base, "admin_a", PASSWORD)
        page.goto(f"{base}/assessments/cycles/{cycle.pk}/")
        screenshot(page, f"cycle-print-{size}")
    page = desktop
    page.click("text=生成全部考核登记表 PDF")
    page.wait_for_load_state("networkidle")
    link = page.locator("#print [data-job-download]").first
    link.wait_for(state="visible", timeout=60_000)
    screenshot(page, "cycle-print-done-desktop")
    with page.expect_download() as info:
        link.click()
    path = tmp_path / "forms.pdf"
    info.value.save_as(path)
    assert info.value.suggested_filename.endswith(".pdf")
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))
    assert "甲一" in text and "甲二" in text and "个人考核登记表" in text
    assert all(round(float(p.mediabox.width)) == 595 for p in reader.pages)
    # The person's own record from the assessment's page, on a phone.
    phone.context.clear_cookies()
    login(phone, base, org.learner_a.username, PASSWORD)
    phone.goto(f"{base}/assessments/{first.pk}/")
    screenshot(phone, "assessment-record-link-phone")
    button = phone.locator("text=下载个人考核登记表（PDF）")
    box = button.bounding_box()
    assert box and box["height"] >= 44
    with phone.expect_download() as own:
        button.click()
    assert own.value.suggested_filename.endswith(".pdf")
