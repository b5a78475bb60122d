"""xlsx exports: the public roster (Art. 21) and the Art. 12 filing sheet."""

from __future__ import annotations

import datetime
import io
import unicodedata
from collections.abc import Iterable, Sequence

import xlsxwriter
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from credentials.models import CredentialStatus
from lms.models import DUTY_LABELS
from lms.spreadsheets import write_text


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
    # Every cell is user text or built from it (an agency's name is typed by an admin): written
    # as string cells, so "=HYPERLINK(...)" in a work area stays those characters.
    write_text(sheet, 0, 0, title, title_format)
    write_text(sheet, 1, 0, note)
    widths = [display_width(h) for h in headers]
    for col, header in enumerate(headers):
        write_text(sheet, 3, col, header, head)
    row_index = 4
    for row in rows:
        for col, value in enumerate(row):
            write_text(sheet, row_index, col, value, cell)
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


def _today() -> str:
    """Today as the reader writes dates (2026年12月3日); the date columns stay ISO for sorting."""
    return date_format(timezone.localdate(), "DATE_FORMAT")


def roster_xlsx(*, agency, credentials) -> bytes:
    headers = [pgettext("person", "Name"), _("Credential number"), _("Duties"), _("Work area")]
    rows = [
        (c.auxiliary.name, c.number, duty_text(c.auxiliary.duties), c.auxiliary.work_area)
        for c in credentials
    ]
    return _workbook(
        _("%(agency)s auxiliaries on duty") % {"agency": agency.name},
        headers,
        rows,
        _("Public roster (Art. 21), as of %(date)s") % {"date": _today()},
    )


FILING_HEADERS = (
    gettext_lazy("Agency"),
    pgettext_lazy("person", "Name"),
    gettext_lazy("ID-card number"),
    gettext_lazy("Gender"),
    gettext_lazy("Education"),
    gettext_lazy("Hire method"),
    gettext_lazy("Contract start"),
    gettext_lazy("Contract end"),
    gettext_lazy("Post"),
    gettext_lazy("Duties"),
    gettext_lazy("Status"),
    gettext_lazy("Credential number"),
    gettext_lazy("Credential status"),
    gettext_lazy("Credential valid until"),
)


def _credential_status_label(status: str) -> str:
    """As Credential.get_status_display() reads it, from the annotated value."""
    return force_str(dict(CredentialStatus.choices).get(status, status))


def filing_rows(people) -> list[tuple]:
    """The filing sheet's rows, one per auxiliary of credentials.selectors.filing_sheet_rows
    (which annotates each with their newest credential), in the order of FILING_HEADERS; dates
    stay dates (the spreadsheet writes them ISO so that they sort, the PDF as written in China).
    The ID-card number is masked because the sheet leaves the agency."""
    rows = []
    for aux in people:
        status = aux.newest_credential_status  # never NULL on a credential: None means none
        rows.append(
            (
                aux.agency.name,
                aux.name,
                aux.masked_id_number,
                aux.get_gender_display(),
                aux.get_education_display(),
                aux.get_hire_method_display(),
                aux.contract_start,
                aux.contract_end,
                aux.post,
                duty_text(aux.duties),
                aux.get_status_display(),
                aux.newest_credential_number if status is not None else "",
                _credential_status_label(status) if status is not None else _("None"),
                aux.newest_credential_valid_until if status is not None else None,
            )
        )
    return rows


def filing_note() -> str:
    return _("Filing sheet (Art. 12), exported %(date)s") % {"date": _today()}


def filing_sheet_xlsx(*, people, title: str) -> bytes:
    """Art. 12: hire method, contract dates, education, post, credential status."""
    rows = [
        tuple(v.isoformat() if isinstance(v, datetime.date) else (v or "") for v in row)
        for row in filing_rows(people)
    ]
    return _workbook(title, [str(h) for h in FILING_HEADERS], rows, filing_note())
