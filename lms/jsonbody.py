"""Reading the JSON bodies that pages post (exam autosave, assessment drafts).

Whatever a client sends, the view gets either a dict of plain values or ``BadJson`` with a
message for a 400 answer: invalid UTF-8, invalid or too deeply nested JSON, NaN/Infinity, a
body that is not an object, and text the database cannot store (NUL, lone surrogates) are all
refused here, before anything is written. The field readers then check type and range, so an
integer that does not fit its column is a 400 too, never the database's "out of range" 500.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

from lms.exceptions import BadJson

# The largest integer a browser counts exactly (Number.MAX_SAFE_INTEGER); fits a bigint.
MAX_SAFE_INTEGER = 2**53 - 1
_MAX_DEPTH = 20


def _reject_constant(name: str):
    raise BadJson(_("The request is not valid JSON."))


def json_object(request) -> dict[str, Any]:
    """The body as a JSON object; an empty body is an empty object."""
    body = request.body
    if not body.strip():
        return {}
    try:
        text = body.decode("utf-8")
        payload = json.loads(text, parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise BadJson(_("The request is not valid UTF-8 text.")) from None
    except (ValueError, RecursionError):  # includes json.JSONDecodeError and BadJson
        raise BadJson(_("The request is not valid JSON.")) from None
    if not isinstance(payload, dict):
        raise BadJson(_("The request must be a JSON object."))
    _check_storable(payload, depth=0)
    return payload


def _check_storable(value: Any, *, depth: int) -> None:
    if depth > _MAX_DEPTH:
        raise BadJson(_("The request is nested too deeply."))
    if isinstance(value, str):
        _check_text(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key)
            _check_storable(item, depth=depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_storable(item, depth=depth + 1)


def _check_text(text: str) -> None:
    # PostgreSQL stores neither NUL in text nor \u0000 in jsonb, and a lone surrogate
    # ("\ud800") is not encodable as UTF-8: either would fail only at the database.
    if "\x00" in text:
        raise BadJson(_("The request contains a NUL character."))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise BadJson(_("The request contains text that is not valid Unicode.")) from None


def integer(payload: dict, key: str, *, low: int, high: int) -> int:
    """``payload[key]`` as a whole number in [low, high]; a JSON number, not text or a boolean."""
    value = payload.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadJson(_("“%(field)s” must be a whole number.") % {"field": key})
    if not low <= value <= high:
        raise BadJson(
            _("“%(field)s” must be between %(low)s and %(high)s.")
            % {"field": key, "low": low, "high": high}
        )
    return value


def string_list(
    payload: dict, key: str, *, max_items: int, max_length: int, default: list | None = None
) -> list[str]:
    """``payload[key]`` as a list of at most ``max_items`` strings of ``max_length`` or less."""
    value = payload.get(key, default)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise BadJson(_("“%(field)s” must be a list of texts.") % {"field": key})
    if len(value) > max_items or any(len(item) > max_length for item in value):
        raise BadJson(_("“%(field)s” is too long.") % {"field": key})
    return value


def text_values(payload: dict, *, max_length: int, max_key_length: int = 100) -> dict[str, str]:
    """A flat object of texts (a form posted as JSON); null reads as empty text."""
    cleaned = {}
    for key, value in payload.items():
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise BadJson(_("“%(field)s” must be text.") % {"field": key[:max_key_length]})
        if len(key) > max_key_length or len(value) > max_length:
            raise BadJson(
                _("“%(field)s” is longer than %(n)s characters.")
                % {"field": key[:max_key_length], "n": max_length}
            )
        cleaned[key] = value
    return cleaned
