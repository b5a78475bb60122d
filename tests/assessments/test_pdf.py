"""The printable 个人考核登记表: one person's form from the assessment's page, and a whole cycle's
forms built in the background and downloaded when ready. Read back with pypdf: what a person
reading the printout would see."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from assessments.models import CyclePrint
from lms.jobs.models import JobStatus
from tests.factories import make_learner
from tests.reports.factories import make_assessment, make_cycle

pytestmark = pytest.mark.django_db

A4 = (595, 842)


def _reader(content: bytes) -> pypdf.PdfReader:
    assert content.startswith(b"%PDF")
    return pypdf.PdfReader(io.BytesIO(content))


def _text(reader: pypdf.PdfReader) -> str:
    # Letter-spaced titles come back with spaces between the characters.
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def _size(page) -> tuple[int, int]:
    return round(float(page.mediabox.width)), round(float(page.mediabox.height))


def test_one_persons_form_has_scores_total_grade_and_masked_id(client, org):
    cycle = make_cycle(org.city)
    assessment = make_assessment(
        cycle, org.aux_a, scores=("9.5", "8", "7.25"), total="86.50", response="acknowledged"
    )
    client.force_login(org.admin_a)
    page = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert f'href="/assessments/{assessment.pk}/form.pdf"' in page
    response = client.get(f"/assessments/{assessment.pk}/form.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    reader = _reader(response.content)
    assert all(_size(p) == A4 for p in reader.pages)
    text = _text(reader)
    assert "个人考核登记表" in text and "甲一" in text and "甲县执法局" in text
    assert "2026年上半年考核" in text and "2026年1月1日" in text
    for score in ("9.5", "8", "7.25", "86.5"):
        assert score in text
    assert assessment.grade_label in text and "考核等次为" in text  # grade and reasons
    assert "已确认" in text or "确认" in text  # the person's acknowledgement
    # Signature and seal blocks for the supervisor, the person and the agency.
    assert text.count("签字") >= 3 and "盖章" in text and text.count("日期") >= 3
    aux = org.aux_a
    assert aux.id_number not in text
    assert aux.masked_id_number.replace(" ", "") in text


def test_learner_downloads_their_own_form_other_agency_gets_404(client, org):
    cycle = make_cycle(org.city)
    assessment = make_assessment(cycle, org.aux_a)
    client.force_login(org.learner_a)
    assert client.get(f"/assessments/{assessment.pk}/form.pdf").status_code == 200
    for user in (org.admin_b, org.learner_b, org.supervisor_b):
        client.force_login(user)
        assert client.get(f"/assessments/{assessment.pk}/form.pdf").status_code == 404


def test_an_unsubmitted_assessment_has_no_form(client, org):
    cycle = make_cycle(org.city)
    assessment = make_assessment(cycle, org.aux_a, submitted=False)
    client.force_login(org.admin_a)
    assert client.get(f"/assessments/{assessment.pk}/form.pdf").status_code == 404


def test_cycle_pdf_is_built_in_the_background_and_downloaded(
    client, org, django_capture_on_commit_callbacks
):
    cycle = make_cycle(org.county_a)
    make_assessment(cycle, org.aux_a, total="87.00")
    third = make_learner(org.county_a, name="甲二", supervisor=org.supervisor_a)
    make_assessment(cycle, third, total="91.00", grade="excellent")
    make_assessment(cycle, make_learner(org.county_a, name="甲三"), submitted=False)
    make_assessment(make_cycle(org.county_b), org.aux_b, total="75.00", grade="basic")
    client.force_login(org.admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/assessments/cycles/{cycle.pk}/print/")
    assert response.status_code == 302
    job = CyclePrint.objects.get()
    assert job.agency == org.county_a
    status = client.get(f"/assessments/prints/{job.pk}/status.json").json()
    assert status["status"] == JobStatus.DONE and status["done"] == status["total"] == 2
    page = client.get(f"/assessments/cycles/{cycle.pk}/").content.decode()
    assert f"/assessments/prints/{job.pk}/download/" in page and "js/jobs.js" in page
    download = client.get(status["download_url"])
    reader = _reader(b"".join(download.streaming_content))
    assert all(_size(p) == A4 for p in reader.pages)
    text = _text(reader)
    assert "甲一" in text and "甲二" in text and "87" in text and "91" in text
    assert "乙一" not in text and "甲三" not in text  # another cycle's, not submitted
    # Each person's form starts on its own page.
    starts = [i for i, p in enumerate(reader.pages) if "个人考核登记表" in _text_of(p)]
    assert len(starts) == 2
    # Another agency's admin cannot see or download the run.
    client.force_login(org.admin_b)
    assert client.get(f"/assessments/prints/{job.pk}/status.json").status_code == 404
    assert client.get(f"/assessments/prints/{job.pk}/download/").status_code == 404


def _text_of(page) -> str:
    return re.sub(r"\s+", "", page.extract_text())


def test_cycle_with_nothing_submitted_fails_with_a_reason(
    client, org, django_capture_on_commit_callbacks
):
    cycle = make_cycle(org.county_a)
    make_assessment(cycle, org.aux_a, submitted=False)
    client.force_login(org.admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/assessments/cycles/{cycle.pk}/print/")
    job = CyclePrint.objects.get()
    assert job.status == JobStatus.FAILED and "没有可打印" in job.error
    status = client.get(f"/assessments/prints/{job.pk}/status.json").json()
    assert status["error"] == job.error and not status["download_url"]
