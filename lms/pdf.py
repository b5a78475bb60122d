"""Printable documents: a Django template rendered to PDF by WeasyPrint.

Every document is A4 (or its own @page size), set in the CJK font the project ships, embedded
in the PDF through @font-face so that a printer without Chinese fonts prints it the same. The
renderer fetches nothing from the network: its URL fetcher serves the shipped font, the
project's static files and ``data:`` URLs, and refuses everything else (a URL typed into an
agency's name, an image someone linked to), so building a PDF never calls out of the server.
"""

from __future__ import annotations

import base64
import logging
import mimetypes
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from lms.downloads import as_download

if TYPE_CHECKING:
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcherResponse

# WeasyPrint is imported where a document is made, not when this module loads: loading it
# (Pango through cffi) takes about 25 MB and a third of a second, which every web worker and
# task process would otherwise pay at start whether or not it ever prints.

logger = logging.getLogger(__name__)

# The font the cards are drawn with (credentials/fonts): WenQuanYi Micro Hei, face 0.
FONT_FILE = Path(settings.BASE_DIR) / "credentials" / "fonts" / "wqy-microhei.ttc"
FONT_FAMILY = "LMS CJK"
FONT_URL = "lms-font:wqy-microhei.ttc"
STATIC_SCHEME = "lms-static:"
# The stylesheet every document starts from (site/static/css/pdf.css).
BASE_STYLESHEET = "css/pdf.css"


class RefusedURL(ValueError):
    """A document asked for something that is neither the font nor a static file."""


def static_url(path: str) -> str:
    """The URL a template uses for a static file (``lms-static:css/pdf.css``)."""
    return f"{STATIC_SCHEME}{path}"


def data_url(content: bytes, mime_type: str) -> str:
    """An inline image (a card face, a logo): fetched from the document itself."""
    return f"data:{mime_type};base64,{base64.b64encode(content).decode('ascii')}"


def _static_file(path: str) -> Path | None:
    path = unquote(path).lstrip("/")
    if not path or ".." in Path(path).parts:
        return None
    found = finders.find(path)
    return Path(found) if found else None


def url_fetcher(url: str, *args, **kwargs) -> URLFetcherResponse:
    """Serve the shipped font, static files and ``data:`` URLs; refuse every other URL."""
    from weasyprint.urls import URLFetcherResponse  # noqa: PLC0415 (on first use)

    if url == FONT_URL:
        return URLFetcherResponse(
            url, FONT_FILE.read_bytes(), headers={"Content-Type": "font/collection"}
        )
    if url.startswith(STATIC_SCHEME):
        found = _static_file(url[len(STATIC_SCHEME) :])
        if found is None:
            raise RefusedURL(f"no static file {url!r}")
        mime = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, found.read_bytes(), headers={"Content-Type": mime})
    if urlsplit(url).scheme == "data":
        header, _, payload = url[len("data:") :].partition(",")
        mime, _, encoding = header.partition(";")
        body = base64.b64decode(payload) if encoding == "base64" else unquote(payload).encode()
        return URLFetcherResponse(url, body, headers={"Content-Type": mime or "text/plain"})
    logger.warning("PDF: refused to fetch %s", url[:200])
    raise RefusedURL(f"not fetched: {url[:200]!r}")


def font_face_css() -> str:
    return (
        f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{FONT_URL}"); }}\n'
        f'html {{ font-family: "{FONT_FAMILY}", sans-serif; }}\n'
    )


def _stylesheets(fonts: FontConfiguration, extra: tuple[str, ...]) -> list[CSS]:
    from weasyprint import CSS  # noqa: PLC0415 (on first use)

    sheets = [CSS(string=font_face_css(), font_config=fonts, url_fetcher=url_fetcher)]
    for name in (BASE_STYLESHEET, *extra):
        sheets.append(CSS(url=static_url(name), font_config=fonts, url_fetcher=url_fetcher))
    return sheets


def _document(html: str, sheets: list[CSS], fonts: FontConfiguration):
    from weasyprint import HTML  # noqa: PLC0415 (on first use)

    return HTML(string=html, base_url=STATIC_SCHEME, url_fetcher=url_fetcher).render(
        stylesheets=sheets, font_config=fonts
    )


def html_to_pdf(html: str, *, stylesheets: tuple[str, ...] = ()) -> bytes:
    """Render HTML to PDF bytes with the shipped font and the base stylesheet, plus the named
    static stylesheets (``css/pdf-cards.css``)."""
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415 (on first use)

    fonts = FontConfiguration()
    return _document(html, _stylesheets(fonts, stylesheets), fonts).write_pdf()


def render_pdf(template: str, context: dict, *, stylesheets: tuple[str, ...] = ()) -> bytes:
    """A template rendered to PDF. Documents are Chinese papers whatever language the
    requester's browser uses: rendered in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(template, context)
        return html_to_pdf(html, stylesheets=stylesheets)


def render_pdf_many(
    template: str,
    contexts: Iterable[dict],
    *,
    stylesheets: tuple[str, ...] = (),
    progress: Callable[[int], object] | None = None,
) -> bytes:
    """One PDF of many documents (a cycle's assessment forms): each context is laid out on its
    own (its own page numbers, 第 1 页 / 共 2 页 of that person's form), ``progress`` is told
    how many are done after each, and the pages are joined into one file."""
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415 (on first use)

    fonts = FontConfiguration()
    sheets = _stylesheets(fonts, stylesheets)
    documents = []
    with translation.override(settings.LANGUAGE_CODE):
        for done, context in enumerate(contexts, start=1):
            documents.append(_document(render_to_string(template, context), sheets, fonts))
            if progress is not None:
                progress(done)
    if not documents:
        raise ValueError("render_pdf_many: no documents")
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf()


PDF = "application/pdf"


def pdf_response(content: bytes, label: str, ascii_label: str, agency=None, *, on=None):
    """The PDF as a download named like every other file (lms.downloads), never cached: it
    holds people's data."""
    response = HttpResponse(content, content_type=PDF)
    response["Cache-Control"] = "private, no-store"
    return as_download(response, label, ascii_label, agency, extension="pdf", on=on)
