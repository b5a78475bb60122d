"""The 培训档案 and the 学时证明 as PDF, beside the training record page: the person's name, the hours
of each entry and of the year, the masked ID number only, and another agency's staff get 404."""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal

import pypdf
import pytest

from tests.training.factories import give_hours
from training.models import Requirement

pytestmark = pytest.mark.django_db
YEAR = datetime.date.today().year


def _text(content: bytes) -> tuple[str, list]:
    assert content.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))
    return text, reader.pages


def _a4(pages) -> bool:
    return all(
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) == (595, 842)
        for p in pages
    )


def test_record_pdf_lists_every_entry_and_the_years_hours(client, org):
    give_hours(org.aux_a, "3.5", day=datetime.date(YEAR, 3, 1))
    give_hours(org.aux_a, 6, cat="业务技能", day=datetime.date(YEAR, 5, 12))
    client.force_login(org.admin_a)
    page = client.get(f"/training/people/{org.aux_a.pk}/").content.decode()
    assert f"/training/people/{org.aux_a.pk}/record.pdf" in page
    response = client.get(f"/training/people/{org.aux_a.pk}/record.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text, pages = _text(response.content)
    assert _a4(pages)
    assert "培训档案" in text and "甲一" in text and "甲县执法局" in text
    assert "3.5" in text and "9.5" in text and f"{YEAR}年5月12日" in text
    assert org.aux_a.id_number not in text and org.aux_a.masked_id_number in text


def test_certificate_pdf_states_the_hours_against_the_requirement(client, org):
    Requirement.objects.create(agency=org.city, total_hours=Decimal("40"))
    give_hours(org.aux_a, 12, day=datetime.date(YEAR, 2, 3))
    give_hours(org.aux_a, "4.5", cat="业务技能", day=datetime.date(YEAR, 4, 3))
    client.force_login(org.learner_a)
    page = client.get("/training/").content.decode()
    assert "/training/mine/certificate.pdf" in page
    response = client.get("/training/mine/certificate.pdf", {"year": YEAR})
    text, pages = _text(response.content)
    assert _a4(pages) and len(pages) == 1
    assert "学时证明" in text and "兹证明甲一" in text and f"{YEAR}年度" in text
    assert "16.5学时" in text and "40学时" in text and "23.5学时" in text  # done, required, missing
    assert "特此证明" in text and "盖章" in text
    assert org.aux_a.id_number not in text and org.aux_a.masked_id_number in text


def test_documents_are_scoped(client, org):
    give_hours(org.aux_a, 2)
    for user in (org.admin_b, org.supervisor_b):
        client.force_login(user)
        for document in ("record", "certificate"):
            url = f"/training/people/{org.aux_a.pk}/{document}.pdf"
            assert client.get(url).status_code == 404
    client.force_login(org.admin_a)
    assert client.get(f"/training/people/{org.aux_a.pk}/other.pdf").status_code == 404
    # A learner's own documents are only their own.
    client.force_login(org.learner_b)
    text, _pages = _text(client.get("/training/mine/record.pdf").content)
    assert "乙一" in text and "甲一" not in text
