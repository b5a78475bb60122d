"""Printable credential documents (lms.pdf): the Art. 12 filing sheet beside its spreadsheet, and
the cards' print sheet at true size (85.6 × 54 mm per card) with crop marks, fronts and backs
laid out for long-edge duplex printing."""

from __future__ import annotations

import io
import math
from collections.abc import Iterable

from django.utils.translation import gettext as _

from credentials.cards import CardData, CardDesign, render_back, render_front
from credentials.exports import FILING_HEADERS, filing_note, filing_rows
from lms.pdf import data_url, render_pdf

# Millimetres on A4 portrait (210 × 297), as the raster sheet (credentials.cards) lays them.
CARD_W_MM, CARD_H_MM = 85.6, 54.0
PAGE_W_MM, PAGE_H_MM = 210.0, 297.0
COLS, ROWS = 2, 4
PER_SHEET = COLS * ROWS
GUTTER_MM = 10.0  # room for the crop marks and an imprecise guillotine
MARK_OFFSET_MM, MARK_LENGTH_MM = 1.0, 3.7  # 1 mm clear of the card edge


def filing_sheet_pdf(*, people, title: str) -> bytes:
    """The filing sheet's rows (the same as the spreadsheet's), on A4 landscape pages."""
    return render_pdf(
        "credentials/pdf/filing_sheet.html",
        {
            "title": title,
            "note": filing_note(),
            "headers": [str(h) for h in FILING_HEADERS],
            "rows": filing_rows(people),
        },
    )


def slot_origin(slot: int, *, mirrored: bool = False) -> tuple[float, float]:
    """The top-left corner of a card slot in mm. ``mirrored``: the back of column c lands
    behind column (COLS - 1 - c) when the sheet is turned over on its long edge."""
    grid_w = COLS * CARD_W_MM + (COLS - 1) * GUTTER_MM
    grid_h = ROWS * CARD_H_MM + (ROWS - 1) * GUTTER_MM
    left, top = (PAGE_W_MM - grid_w) / 2, (PAGE_H_MM - grid_h) / 2
    row, col = divmod(slot, COLS)
    x = left + col * (CARD_W_MM + GUTTER_MM)
    if mirrored:
        x = PAGE_W_MM - x - CARD_W_MM
    return round(x, 2), round(top + row * (CARD_H_MM + GUTTER_MM), 2)


def crop_marks(x: float, y: float) -> list[dict]:
    """Eight hairlines, two at each corner, pointing away from the card."""
    marks = []
    reach = MARK_OFFSET_MM + MARK_LENGTH_MM
    for cx, sx in ((x, -1), (x + CARD_W_MM, 1)):
        for cy, sy in ((y, -1), (y + CARD_H_MM, 1)):
            hx = cx - reach if sx < 0 else cx + MARK_OFFSET_MM
            vy = cy - reach if sy < 0 else cy + MARK_OFFSET_MM
            marks.append({"kind": "h", "x": round(hx, 2), "y": round(cy, 2)})
            marks.append({"kind": "v", "x": round(cx, 2), "y": round(vy, 2)})
    return marks


def _jpeg(image) -> str:
    buffer = io.BytesIO()
    # 4:4:4 keeps coloured text edges and the QR code crisp, as on the raster sheet.
    image.save(buffer, format="JPEG", quality=95, subsampling=0, dpi=(300, 300))
    return data_url(buffer.getvalue(), "image/jpeg")


def _sheet(chunk: list[CardData], images: list[str], *, back: bool, page: int, pages: int):
    slots = []
    for slot, (card, image) in enumerate(zip(chunk, images, strict=True)):
        x, y = slot_origin(slot, mirrored=back)
        slots.append(
            {
                "x": x,
                "y": y,
                "image": image,
                "marks": crop_marks(x, y),
                "number": card.number,
                "name": card.name,
                "caption_y": round(y + CARD_H_MM + 1.2, 2),
            }
        )
    return {"slots": slots, "back": back, "page": page, "pages": pages}


def card_sheet_pdf(cards: Iterable[CardData], design: CardDesign) -> bytes:
    """A4 sheets of PER_SHEET cards at true size with crop marks, each front sheet followed by
    its back sheet; each card's number and name is printed under it, outside the cut."""
    items = list(cards)
    if not items:
        raise ValueError("card_sheet_pdf: no cards")
    pages = math.ceil(len(items) / PER_SHEET)
    sheets = []
    for index in range(pages):
        chunk = items[index * PER_SHEET : (index + 1) * PER_SHEET]
        fronts = [_jpeg(render_front(card, design)) for card in chunk]
        sheets.append(_sheet(chunk, fronts, back=False, page=index + 1, pages=pages))
        backs = [_jpeg(render_back(card, design)) for card in chunk]
        sheets.append(_sheet(chunk, backs, back=True, page=index + 1, pages=pages))
    return render_pdf(
        "credentials/pdf/card_sheet.html",
        {"sheets": sheets, "title": design.title or _("Work credential")},
        stylesheets=("css/pdf-cards.css",),
    )
