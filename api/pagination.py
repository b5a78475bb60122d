"""Cursor pagination in primary-key order: a page never shifts when records are added or
changed while a client walks the list, and each page is one indexed range query."""

from __future__ import annotations

import base64
import binascii
import datetime

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from api.errors import bad_request
from api.schemas import MAX_ID

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def encode_cursor(pk: int) -> str:
    return base64.urlsafe_b64encode(f"pk:{pk}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _sep, value = text.partition(":")
        pk = int(value) if kind == "pk" and value.isdigit() else -1
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pk = -1
    if not 0 <= pk <= MAX_ID:
        raise bad_request("query.cursor", _("Use the next_cursor of the previous page."))
    return pk


# RFC 3339 date-time (the OpenAPI "date-time" format): the offset is required, so a time
# never means different instants to different clients.
RFC3339 = r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([Zz]|[+-]\d{2}:\d{2})$"


def since(value: str | None) -> datetime.datetime | None:
    """updated_since as an aware time (the pattern has been checked by the schema)."""
    if not value:
        return None
    try:
        return datetime.datetime.fromisoformat(value.upper()).astimezone(datetime.UTC)
    except (OverflowError, ValueError):
        raise bad_request(
            "query.updated_since",
            _("Write a date and time as ISO 8601, e.g. 2026-12-03T08:00:00+08:00."),
        ) from None


def page(queryset: QuerySet, *, cursor: str | None, limit: int) -> tuple[list, str | None]:
    """(the page's objects, the cursor of the next page or None)."""
    if cursor:
        queryset = queryset.filter(pk__gt=decode_cursor(cursor))
    items = list(queryset.order_by("pk")[: limit + 1])
    if len(items) > limit:
        return items[:limit], encode_cursor(items[limit - 1].pk)
    return items, None
