"""The API's JSON body parser: text that no database column can store is refused as input.

JSON may carry U+0000 and lone surrogates (\\ud800 without its pair). PostgreSQL refuses the
first in any text value and UTF-8 cannot encode the second, so either would fail deep in a
query as a server error; here it is a 400 that names the problem."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja.parser import Parser


def _storable(value) -> bool:
    if isinstance(value, str):
        if "\x00" in value:
            return False
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, dict):
        return all(_storable(k) and _storable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_storable(v) for v in value)
    return True


class StorableTextParser(Parser):
    def parse_body(self, request):
        data = super().parse_body(request)
        if not _storable(data):
            raise ValidationError(
                _(
                    "The body contains characters that cannot be stored (U+0000 or a lone surrogate)."
                )
            )
        return data
