"""xlsx exports: the public roster (Art. 21) and the Art. 12 filing sheet."""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Sequence

import xlsxwriter
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lms.models import DUTY_LABELS


def display_width(text: str) -> int:
    """Columns a string needs in Excel: CJK characters are two wide."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def _workbook(title: str, headers: Sequence[str], rows: Iterable[Sequence], note: str) -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    sheet = book.add_worksheet(title[:31])
    head = book.add_format({"bold": True, "bg_color": "#E6F2F1", "border": 1, "text_wrap": True})
    cell = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    title_format = book.add_format({"bold": True, "font_size": 14})
    sheet.write(0, 0, title, title_format)
    sheet.write(1, 0, note)
    widths = [display_width(h) for h in headers]
    for col, header in enumerate(headers):
        sheet.write(3, col, header, head)
    row_index = 4
    for row in rows:
        for col, value in enumerate(row):
            sheet.write(row_index, col, "" if value is None else str(value), cell)
            widths[col] = max(widths[col], display_width(value or ""))
        row_index += 1
    for col, width in enumerate(widths):
        # Generous for CJK (Excel's width unit is one Latin digit), capped so long text wraps.
        sheet.set_column(col, col, min(width + 4, 60))
    sheet.freeze_panes(4, 0)
    sheet.autofilter(3, 0, max(3, row_index - 1), len(headers) - 1)
    book.close()
    return buf.getvalue()


def duty_text(duties: list[int]) -> str:
    return "、".join(str(DUTY_LABELS[d]) for d in duties if d in DUTY_LABELS)


def roster_xlsx(*, agency, credentials) -> bytes:
    headers = [_("Name"), _("Credential number"), _("Duties"), _("Work area")]
    rows = [
        (c.auxiliary.name, c.number, duty_text(c.auxiliary.duties), c.auxiliary.work_area)
        for c in credentials
    ]
    return _workbook(
        _("%(agency)s auxiliaries on duty") % {"agency": agency.name},
        headers,
        rows,
        _("Public roster (Art. 21), as of %(date)s") % {"date": timezone.localdate().isoformat()},
    )


FILING_HEADERS = (
    gettext_noop("Agency"),
    gettext_noop("Name"),
    gettext_noop("ID-card number"),
    gettext_noop("Gender"),
    gettext_noop("Education"),
    gettext_noop("Hire method"),
    gettext_noop("Contract start"),
    gettext_noop("Contract end"),
    gettext_noop("Post"),
    gettext_noop("Duties"),
    gettext_noop("Status"),
    gettext_noop("Credential number"),
    gettext_noop("Credential status"),
    gettext_noop("Credential valid until"),
)


def filing_sheet_xlsx(*, people, title: str) -> bytes:
    """Art. 12: hire method, contract dates, education, post, credential status; the ID-card
    number is masked because the sheet leaves the agency."""
    rows = []
    for aux in people:
        credentials = list(aux.credentials.all())
        credential = credentials[0] if credentials else None
        rows.append(
            (
                aux.agency.name,
                aux.name,
                aux.masked_id_number,
                aux.get_gender_display(),
                aux.get_education_display(),
                aux.get_hire_method_display(),
                aux.contract_start.isoformat(),
                aux.contract_end.isoformat(),
                aux.post,
                duty_text(aux.duties),
                aux.get_status_display(),
                credential.number if credential else "",
                credential.get_status_display() if credential else _("None"),
                credential.valid_until.isoformat() if credential else "",
            )
        )
    return _workbook(
        title,
        [_(h) for h in FILING_HEADERS],
        rows,
        _("Filing sheet (Art. 12), exported %(date)s") % {"date": timezone.localdate().isoformat()},
    )
