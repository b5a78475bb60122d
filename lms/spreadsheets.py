"""Cells of user text in the spreadsheets the platform writes: always text, never a formula.

A name or work area typed as ``=HYPERLINK("http://evil.example","验证")`` must reach the
reader as those characters, not as a live link or formula (CSV/formula injection). Every xlsx
and CSV writer in the project goes through this module:

- xlsx: :func:`write_text` / :func:`text_writer` store the value with xlsxwriter's
  ``write_string``, so the cell is a string cell that shows exactly what was typed. (The generic
  ``worksheet.write()`` turns any string starting with ``=`` into a formula.) No character is
  added: an xlsx string cell is never evaluated.
- CSV: a CSV cell has no type, so the spreadsheet program decides, and it evaluates a cell that
  starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return. :func:`csv_cell` prefixes
  such a value with a single quote, as OWASP's "CSV Injection" guidance recommends; the
  program then shows the text with the quote, and nothing runs.

Imports keep the text as typed; only the writers neutralise.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import Any

# What spreadsheet programs treat as the start of a formula (OWASP, CSV Injection). A line feed
# is included with the carriage return: both start a new "line" some programs re-parse.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def as_text(value: Any) -> str:
    return "" if value is None else str(value)


def write_text(sheet, row: int, col: int, value: Any, fmt=None) -> None:
    """Write ``value`` as a string cell (never a formula, a number or a URL)."""
    sheet.write_string(row, col, as_text(value), fmt)


def write_text_row(sheet, row: int, col: int, values: Iterable[Any], fmt=None) -> None:
    for offset, value in enumerate(values):
        sheet.write_string(row, col + offset, as_text(value), fmt)


def text_writer(sheet):
    """The cheapest string-cell writer of ``sheet``, for large streamed sheets.

    xlsxwriter's public ``write_string`` first re-parses its arguments for "A1" references;
    callers that always pass numbers may use the method behind that wrapper (xlsxwriter 3.x),
    about a quarter less time per cell. Both store a string cell."""
    return getattr(sheet, "_write_string", sheet.write_string)


def csv_cell(value: Any) -> Any:
    """A CSV field that no spreadsheet program evaluates.

    Text starting with ``= + - @``, a tab, CR or LF gets a leading single quote (OWASP's
    neutralisation for CSV injection); other text and non-text values (numbers) are unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_row(values: Sequence[Any]) -> list[Any]:
    return [csv_cell(value) for value in values]


class SafeCSVWriter:
    """``csv.writer`` whose every field goes through :func:`csv_cell`."""

    def __init__(self, out, **kwargs) -> None:
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, values: Sequence[Any]):
        return self._writer.writerow(csv_row(values))

    def writerows(self, rows: Iterable[Sequence[Any]]) -> None:
        for values in rows:
            self.writerow(values)


def csv_writer(out, **kwargs) -> SafeCSVWriter:
    return SafeCSVWriter(out, **kwargs)
