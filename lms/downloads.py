"""One naming pattern for every file the platform hands out: ``<什么>_<单位>_<日期>.<扩展名>``
(e.g. ``换届续聘报告_东湖区市场监管局_2026-12-03.xlsx``), sent as an RFC 6266 / RFC 5987
Content-Disposition: ``filename*`` in UTF-8 for today's browsers, and a plain-ASCII
``filename`` (with the agency's code) for the clients that ignore it."""

from __future__ import annotations

import datetime
import re
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.utils import timezone

ALL_AGENCIES = "全省"
# Characters Windows, macOS or a header cannot hold in a file name.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f;]+')
_NOT_ASCII_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _clean(part: str) -> str:
    return _UNSAFE.sub("-", str(part)).strip(" .-") or "-"


def download_filename(
    label: str, agency=None, *, extension: str, on: datetime.date | None = None
) -> str:
    """``label``: what the file is, in Chinese; ``agency``: an Agency, a name, or None for the
    whole province; ``on``: the date the file is of (default today, local time)."""
    agency_name = getattr(agency, "name", agency) or ALL_AGENCIES
    day = on or timezone.localdate()
    return f"{_clean(label)}_{_clean(agency_name)}_{day:%Y-%m-%d}.{extension.lstrip('.')}"


def ascii_filename(
    ascii_label: str, agency=None, *, extension: str, on: datetime.date | None = None
) -> str:
    code = getattr(agency, "code", agency) or "all"
    code = code if _NOT_ASCII_NAME.sub("", str(code)) == str(code) else "agency"
    day = on or timezone.localdate()
    label = _NOT_ASCII_NAME.sub("-", ascii_label).strip("-") or "download"
    return f"{label}_{code}_{day:%Y-%m-%d}.{extension.lstrip('.')}"


def content_disposition(filename: str, fallback: str, *, inline: bool = False) -> str:
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def as_download(
    response,
    label: str,
    ascii_label: str,
    agency=None,
    *,
    extension: str,
    on: datetime.date | None = None,
):
    """Name ``response`` as a download following the pattern; returns the response."""
    response["Content-Disposition"] = content_disposition(
        download_filename(label, agency, extension=extension, on=on),
        ascii_filename(ascii_label, agency, extension=extension, on=on),
    )
    return response


def stored_file_response(field_file, *, disposition: str = "", content_type: str = ""):
    """The response that hands out a stored file (a FieldFile) to a person whose scope the view
    has checked: the file streamed from its storage (the local disk or the object store) or,
    with the object store and S3_PRESIGN_SECONDS set, a redirect to a signed URL that expires
    after that many seconds and names the file with ``disposition``."""
    seconds = getattr(settings, "S3_PRESIGN_SECONDS", 0)
    if seconds:
        parameters = {"ResponseContentDisposition": disposition} if disposition else {}
        if content_type:
            parameters["ResponseContentType"] = content_type
        url = field_file.storage.url(field_file.name, parameters=parameters, expire=seconds)
        response = HttpResponseRedirect(url)
    else:
        response = FileResponse(field_file.open("rb"), content_type=content_type or None)
        if disposition:
            response["Content-Disposition"] = disposition
    response["Cache-Control"] = "private, no-store"
    return response


def download_response(
    field_file,
    label: str,
    ascii_label: str,
    agency=None,
    *,
    extension: str,
    on: datetime.date | None = None,
):
    """A stored file handed out as a download named after the pattern (``as_download``)."""
    return stored_file_response(
        field_file,
        disposition=content_disposition(
            download_filename(label, agency, extension=extension, on=on),
            ascii_filename(ascii_label, agency, extension=extension, on=on),
        ),
    )


_CHUNK = 64 * 1024


def byte_range(header: str, size: int) -> tuple[int, int] | None | bool:
    """The one byte range (first, last) a ``Range`` header asks of a file of ``size`` bytes;
    None to answer with the whole file (no header, another unit, several ranges, a syntax
    error: RFC 9110 lets a server ignore those); False when it cannot be satisfied (416)."""
    header = (header or "").strip()
    if not header.startswith("bytes=") or "," in header:
        return None
    first, _dash, last = header[len("bytes=") :].strip().partition("-")
    if not _dash or not (first.isdigit() or last.isdigit()):
        return None
    if (first and not first.isdigit()) or (last and not last.isdigit()):
        return None
    if not first:  # the last N bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            return False
        return max(size - suffix, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size:
        return False
    if end < start:
        return None
    return start, end


def _stream(field_file, start: int, end: int):
    """Bytes ``start``…``end`` of a stored file, a chunk at a time. On the object store only
    that range is fetched (django-storages' file would download the whole object first)."""
    file = field_file.storage.open(field_file.name, "rb")
    try:
        s3_object = getattr(file, "obj", None)
        if s3_object is not None and hasattr(s3_object, "get"):
            body = s3_object.get(Range=f"bytes={start}-{end}")["Body"]
            yield from body.iter_chunks(_CHUNK)
            return
        file.seek(start)
        left = end - start + 1
        while left > 0:
            chunk = file.read(min(_CHUNK, left))
            if not chunk:
                return
            left -= len(chunk)
            yield chunk
    finally:
        file.close()


def ranged_file_response(request, field_file, *, content_type: str):
    """A stored file for a media element, to a person whose scope the view has checked:
    ``Range: bytes=a-b`` gets 206 with exactly those bytes (a phone seeking in a video), an
    unsatisfiable range 416, no range the whole file; always streamed, never read whole.
    With the object store and S3_PRESIGN_SECONDS set, a redirect to a signed URL instead (the
    store answers ranges itself)."""
    if getattr(settings, "S3_PRESIGN_SECONDS", 0):
        return stored_file_response(field_file, content_type=content_type)
    size = field_file.storage.size(field_file.name)
    wanted = byte_range(request.headers.get("Range", ""), size)
    if wanted is False:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    else:
        start, end = wanted or (0, size - 1)
        response = StreamingHttpResponse(
            _stream(field_file, start, end) if size else iter(()),
            status=206 if wanted else 200,
            content_type=content_type,
        )
        response["Content-Length"] = str(end - start + 1 if size else 0)
        if wanted:
            response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
