"""The credential documents as PDF: the Art. 12 filing sheet beside its spreadsheet (the same
rows), and the card print sheet at true size (85.6 × 54 mm) with crop marks, fronts and backs."""

from __future__ import annotations

import io
import re

import openpyxl
import pypdf
import pytest

from credentials.models import CardBatch
from credentials.pdf import CARD_H_MM, CARD_W_MM, card_sheet_pdf, crop_marks, slot_origin
from lms.jobs.models import JobStatus
from tests.credentials.test_cards import DESIGN, make_card
from tests.credentials.test_roster import roster  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

MM = 72 / 25.4


def _reader(content: bytes) -> pypdf.PdfReader:
    assert content.startswith(b"%PDF")
    return pypdf.PdfReader(io.BytesIO(content))


def _text(page) -> str:
    return re.sub(r"\s+", "", page.extract_text())


def test_filing_sheet_pdf_has_the_spreadsheets_rows(client, roster):  # noqa: F811
    client.force_login(roster.admin_a)
    page = client.get("/credentials/filing-sheet/").content.decode()
    assert 'name="format" value="pdf"' in page
    response = client.get("/credentials/filing-sheet/", {"download": "1", "format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert (
        ".pdf" in response["Content-Disposition"]
        and "filing-sheet" in response["Content-Disposition"]
    )
    reader = _reader(response.content)
    for p in reader.pages:  # A4, laid landscape for the 14 columns
        assert sorted((round(float(p.mediabox.width)), round(float(p.mediabox.height)))) == [
            595,
            842,
        ]
    text = "".join(_text(p) for p in reader.pages)
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get("/credentials/filing-sheet/", {"download": "1"}).content)
    ).active
    names = [row[1] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert names and all(name in text for name in names)
    assert "乙县人" not in text  # another agency's people are not on county A's sheet
    aux, cred = roster.people["吊销丙"]
    assert cred.number in text and "已吊销" in text and "劳务派遣" in text
    assert aux.id_number not in text and aux.masked_id_number in text
    assert f"{aux.contract_end.year}年{aux.contract_end.month}月{aux.contract_end.day}日" in text


def test_card_sheet_places_true_size_cards_with_crop_marks():
    cards = [make_card(number=f"CTYA-2026-{i:06d}-K", name=f"张{i}") for i in range(9)]
    reader = _reader(card_sheet_pdf(cards, DESIGN))
    # 9 cards: two sheets of fronts, each followed by its backs.
    assert len(reader.pages) == 4
    for p in reader.pages:
        assert (round(float(p.mediabox.width)), round(float(p.mediabox.height))) == (595, 842)
    fronts = _text(reader.pages[0])
    assert "CTYA-2026-000000-K" in fronts and "张7" in fronts and "张8" not in fronts
    assert "正面" in fronts and "85.6×54mm" in fronts
    assert "背面" in _text(reader.pages[1]) and "CTYA-2026-000008-K" in _text(reader.pages[2])
    # Every card image is drawn 85.6 × 54 mm: the image's transform matrix, in points.
    sizes = []

    def visitor(op, args, cm, tm):
        if op == b"Do":  # an image drawn with the current matrix: its size on the page
            sizes.append((abs(float(cm[0])), abs(float(cm[3]))))

    reader.pages[0].extract_text(visitor_operand_before=visitor)
    true_size = [
        (w, h) for w, h in sizes if abs(w - CARD_W_MM * MM) < 0.1 and abs(h - CARD_H_MM * MM) < 0.1
    ]
    assert len(true_size) == 8, sizes


def test_crop_marks_sit_outside_each_card_and_the_grid_fits_a4():
    for slot in range(8):
        x, y = slot_origin(slot)
        assert 5 <= x and x + CARD_W_MM <= 205 and 15 <= y and y + CARD_H_MM <= 285
        marks = crop_marks(x, y)
        assert len(marks) == 8
        for mark in marks:  # each mark begins at least 1 mm off the card
            inside_x = x < mark["x"] < x + CARD_W_MM
            inside_y = y < mark["y"] < y + CARD_H_MM
            assert not (inside_x and inside_y)
    # The back of the left card lands behind it on the right when turned over the long edge.
    assert slot_origin(0, mirrored=True)[0] == slot_origin(1)[0]


def test_batch_pdf_is_the_true_size_sheet(client, holder, django_capture_on_commit_callbacks):
    client.force_login(holder.admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/credentials/batches/", {"agency": holder.county_a.pk})
    batch = CardBatch.objects.get()
    assert batch.status == JobStatus.DONE
    pdf = b"".join(client.get(f"/credentials/batches/{batch.pk}/cards.pdf").streaming_content)
    reader = _reader(pdf)
    assert len(reader.pages) == 2  # one front sheet, one back sheet
    assert holder.cred.number in _text(reader.pages[0])
    assert holder.aux_a.name in _text(reader.pages[0])
    client.force_login(holder.admin_b)
    assert client.get(f"/credentials/batches/{batch.pk}/cards.pdf").status_code == 404
