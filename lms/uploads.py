"""Bounds on uploaded files, checked before any parser sees them.

Every upload path (the web forms and the management commands alike) calls
:func:`upload_check` on the bytes, and forms call :func:`upload_size_check` before reading a
file at all. A zip container (.xlsx, .docx, or any file that starts like a zip, whatever its
name) is inspected through its central directory only, which costs microseconds: too many
members, too much declared uncompressed data, or a member that expands more than
``MAX_RATIO`` times is refused with a message that says why. This is what stops a 140 KB
workbook of a million rows, or a zip bomb, from keeping a web worker busy until it is killed.

The declared sizes are binding: Python's ``zipfile`` (which openpyxl reads through) stops at a
member's declared size and fails its CRC check when the data is longer, so a file cannot lie
its way past these limits.
"""

from __future__ import annotations

import io
import re
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from lms.exceptions import UploadRejected

ZIP_MAGIC = b"PK\x03\x04"
ARCHIVE_SUFFIXES = (".xlsx", ".xlsm", ".docx", ".zip")
MIB = 1024 * 1024
# A 50,000-row roster of 16 columns is about 30 MB of sheet XML; twice that is generous.
MAX_UNCOMPRESSED_BYTES = 64 * MIB
# Real workbooks expand 5 to 30 times; the million-row attack file expands about 350 times.
MAX_RATIO = 100
# Small members (styles, a tiny sheet) may compress better than that and are harmless.
RATIO_FLOOR_BYTES = 1 * MIB
MAX_MEMBERS = 500
QUESTIONS_MAX_BYTES = 5 * MIB


# A <row> start tag, with or without a namespace prefix (not <rowBreaks>).
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_WORKSHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")
_CHUNK = 256 * 1024


def max_upload_bytes() -> int:
    return settings.IMPORT_MAX_BYTES


def _megabytes(size: int) -> str:
    return f"{size / MIB:.0f}" if size >= MIB else f"{size / MIB:.1f}"


def upload_size_check(size: int, *, max_bytes: int | None = None) -> None:
    limit = max_bytes or max_upload_bytes()
    if size > limit:
        raise UploadRejected(
            _("The file is larger than %(mb)s MB. Split it into smaller files.")
            % {"mb": _megabytes(limit)}
        )


def is_archive(data: bytes, filename: str = "") -> bool:
    return data.startswith(ZIP_MAGIC) or filename.lower().endswith(ARCHIVE_SUFFIXES)


def upload_check(data: bytes, filename: str = "", *, max_bytes: int | None = None) -> None:
    """Raise :class:`UploadRejected` unless ``data`` is within every bound."""
    upload_size_check(len(data), max_bytes=max_bytes)
    if is_archive(data, filename):
        archive_check(data)


def archive_check(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UploadRejected(
            _("The file is damaged or not a real Office (zip) file. Save it again from Excel.")
        ) from exc
    if len(members) > MAX_MEMBERS:
        raise UploadRejected(
            _("The file holds %(n)s parts; at most %(max)s are accepted.")
            % {"n": len(members), "max": MAX_MEMBERS}
        )
    total = 0
    for member in members:
        total += member.file_size
        if total > MAX_UNCOMPRESSED_BYTES:
            raise UploadRejected(
                _(
                    "The file unpacks to more than %(mb)s MB, which no roster or question file "
                    "needs. It may be a compressed-file attack; nothing was read from it."
                )
                % {"mb": _megabytes(MAX_UNCOMPRESSED_BYTES)}
            )
        if member.file_size > RATIO_FLOOR_BYTES and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise UploadRejected(
                _(
                    "Part %(name)s of the file expands %(ratio)s times when unpacked (at most "
                    "%(max)s is accepted). It may be a compressed-file attack, or a sheet with "
                    "very many empty or repeated rows; nothing was read from it."
                )
                % {
                    "name": member.filename[:80],
                    "ratio": member.file_size // max(member.compress_size, 1),
                    "max": MAX_RATIO,
                }
            )


def xlsx_row_check(data: bytes, *, max_rows: int, message: str) -> None:
    """Raise ``UploadRejected(message)`` when a worksheet of the workbook has more than
    ``max_rows`` rows, counting start tags while inflating, and stopping at the first one past
    the limit. This runs before openpyxl: opening a workbook makes openpyxl parse a whole
    sheet that lacks its <dimension> element, so a million-row sheet would cost seconds
    before the first row is read. Call it after :func:`upload_check`."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.infolist():
            if not _WORKSHEET.match(member.filename):
                continue
            rows = 0
            tail = b""
            with archive.open(member) as stream:
                while chunk := stream.read(_CHUNK):
                    # Keep the last bytes so a tag split across two chunks is counted once.
                    window = tail + chunk
                    rows += len(_ROW_TAG.findall(window)) - len(_ROW_TAG.findall(tail))
                    if rows > max_rows:
                        raise UploadRejected(message)
                    tail = window[-32:]
