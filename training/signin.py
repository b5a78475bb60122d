"""Reading a classroom session's sign-in sheet (签到表, xlsx): a header row with 姓名 and
身份证号, one attendee a row. All or nothing: every row is checked, and one bad row refuses
the whole sheet with each bad row named, so a session never lands in half of its ledgers."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from lms.exceptions import UploadRejected
from lms.uploads import upload_check, xlsx_row_check
from training.exceptions import SignInSheetError

MAX_ROWS = 2000
NAME_HEADERS = ("姓名", "name")
ID_HEADERS = ("身份证号", "身份证号码", "公民身份号码", "id number")


@dataclass(frozen=True)
class RowError:
    row: int
    message: str


def _column(headers: list[str], names) -> int | None:
    for index, header in enumerate(headers):
        if header.strip().lower() in names:
            return index
    return None


def read_sign_in_sheet(data: bytes, filename: str, people_by_id_number: dict) -> list:
    """The attendees of the sheet, from ``people_by_id_number`` (the admin's own people).
    Raises ``UploadRejected`` for a file out of bounds, ``SignInSheetError`` otherwise."""
    upload_check(data, filename)
    xlsx_row_check(
        data, max_rows=MAX_ROWS + 1,
        message=_("A sign-in sheet has at most %(n)s rows.") % {"n": MAX_ROWS},
    )  # fmt: skip
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UploadRejected(_("The file is not an Excel workbook (.xlsx).")) from exc
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    if not rows:
        raise SignInSheetError(_("The sheet is empty."))
    headers = ["" if cell is None else str(cell) for cell in rows[0]]
    name_col, id_col = _column(headers, NAME_HEADERS), _column(headers, ID_HEADERS)
    if name_col is None or id_col is None:
        raise SignInSheetError(_("The first row must name the columns 姓名 and 身份证号."))
    attendees, errors, seen = [], [], set()
    for number, row in enumerate(rows[1:], start=2):
        cells = ["" if cell is None else str(cell).strip() for cell in row]
        if not any(cells):
            continue
        name = cells[name_col] if name_col < len(cells) else ""
        id_number = (cells[id_col] if id_col < len(cells) else "").upper()
        person = people_by_id_number.get(id_number)
        if person is None:
            errors.append(
                RowError(
                    number,
                    _("%(name)s: no one of yours has this ID number.") % {"name": name or "—"},
                )
            )
        elif name and name != person.name:
            errors.append(
                RowError(
                    number,
                    _("The name %(name)s does not match the ID number (%(real)s).")
                    % {"name": name, "real": person.name},
                )
            )
        elif person.pk in seen:
            errors.append(
                RowError(number, _("%(name)s is on the sheet twice.") % {"name": person.name})
            )
        else:
            seen.add(person.pk)
            attendees.append(person)
    if errors:
        raise SignInSheetError(
            _("Nothing was imported: correct these rows and upload again."), errors
        )
    if not attendees:
        raise SignInSheetError(_("The sheet lists no attendees."))
    return attendees
