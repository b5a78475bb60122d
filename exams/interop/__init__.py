"""Question import/export in Moodle's GIFT and Moodle XML formats (pure Python).

Single choice, multiple answers, true/false, short answer, matching and essay
questions are imported; other question types are reported in
``ParseResult.skipped``. Word files (.docx) in the layout of :mod:`.docx` are read
too. See the docstrings of :mod:`.gift`, :mod:`.moodlexml` and :mod:`.docx` for the
format decisions.
"""

from __future__ import annotations

import os

from exams.exceptions import ImportFormatError
from lms import uploads

from .docx import export_docx, parse_docx
from .gift import export_gift, parse_gift
from .moodlexml import export_moodlexml, parse_moodlexml
from .types import (
    FALSE_LABEL,
    QTYPES,
    TRUE_LABEL,
    ParsedChoice,
    ParsedQuestion,
    ParseResult,
    SkippedQuestion,
)

__all__ = [
    "FALSE_LABEL",
    "FORMATS",
    "QTYPES",
    "TRUE_LABEL",
    "ImportFormatError",
    "ParseResult",
    "ParsedChoice",
    "ParsedQuestion",
    "SkippedQuestion",
    "detect_format",
    "export_docx",
    "export_gift",
    "export_moodlexml",
    "parse_docx",
    "parse_file",
    "parse_gift",
    "parse_moodlexml",
]

FORMATS = ("gift", "moodlexml", "docx")
_FORMAT_ALIASES = {"gift": "gift", "moodlexml": "moodlexml", "xml": "moodlexml", "docx": "docx"}


def detect_format(data: bytes, filename: str = "") -> str:
    """``"moodlexml"`` or ``"gift"``.

    ``.xml`` means Moodle XML and ``.gift`` means GIFT. Anything else (Moodle
    exports GIFT as ``.txt``) is decided by the content: a file whose first
    non-blank characters are ``<?xml`` or ``<quiz`` is Moodle XML.
    """
    ext = os.path.splitext(filename)[1].lower()
    if ext == ".xml":
        return "moodlexml"
    if ext == ".gift":
        return "gift"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"<?xml", b"<quiz")):
        return "moodlexml"
    return "gift"


def parse_file(
    data: bytes, *, fmt: str | None, filename: str = "", default_category: str = ""
) -> ParseResult:
    """Parse an uploaded file. ``fmt`` is "gift", "moodlexml" (or "xml"), or None to detect.

    The bytes must be UTF-8, with or without a BOM; otherwise
    :class:`ImportFormatError` names the line of the first bad byte.
    """
    try:
        # The bounds every upload shares (size; a zip is inspected before anything unpacks it).
        uploads.upload_check(data, filename, max_bytes=uploads.QUESTIONS_MAX_BYTES)
    except uploads.UploadRejected as exc:
        raise ImportFormatError(str(exc)) from None
    wants_docx = (fmt or "").lower() == "docx" or (
        fmt is None and os.path.splitext(filename)[1].lower() == ".docx"
    )
    if wants_docx:
        # upload_check above has bounded the archive (members, sizes, ratio) as for xlsx.
        return parse_docx(data, default_category=default_category)
    if data.startswith(uploads.ZIP_MAGIC):
        raise ImportFormatError(
            "the file is a zip archive (such as a Moodle backup); export the questions as "
            "Moodle XML or GIFT text instead"
        )
    if fmt is None:
        kind = detect_format(data, filename)
    elif fmt.lower() in _FORMAT_ALIASES:
        kind = _FORMAT_ALIASES[fmt.lower()]
    else:
        raise ValueError(f"unknown question format {fmt!r}; expected one of {FORMATS}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFormatError("the file is not UTF-8 text; save it as UTF-8", line=line) from None
    if kind == "moodlexml":
        return parse_moodlexml(text, default_category=default_category)
    return parse_gift(text, default_category=default_category)
