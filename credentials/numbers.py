"""Credential numbers: ``<agency code>-<year>-<6-digit sequence>-<check character>``.

The check character is ISO 7064 MOD 37,36 over the alphanumeric base (hyphens ignored). It
catches every single-character substitution and every swap of two adjacent characters, so a
number misread off a card or mistyped at /verify/ is told apart from an unknown one.
"""

from __future__ import annotations

import re

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_M = len(ALPHABET)  # 36
NUMBER_RE = re.compile(
    r"^(?P<code>[A-Z0-9]{2,20})-(?P<year>\d{4})-(?P<seq>\d{6})-(?P<check>[0-9A-Z])$"
)


def _base(number_without_check: str) -> str:
    return number_without_check.replace("-", "").upper()


def check_character(base: str) -> str:
    """The MOD 37,36 check character for ``base`` (e.g. ``"DHCG-2026-000123"``)."""
    product = _M
    for char in _base(base):
        value = ALPHABET.find(char)
        if value < 0:
            raise ValueError(f"not a credential-number character: {char!r}")
        total = (product + value) % _M or _M
        product = (total * 2) % (_M + 1)
    return ALPHABET[(_M + 1 - product) % _M]


def format_number(*, agency_code: str, year: int, sequence: int) -> str:
    base = f"{agency_code.upper()}-{year:04d}-{sequence:06d}"
    return f"{base}-{check_character(base)}"


def normalise(number: str) -> str:
    """What a person typed, made comparable: upper case, no spaces, full-width hyphens fixed."""
    text = (number or "").strip().upper()
    text = re.sub(r"\s+", "", text)
    return text.replace("－", "-").replace("—", "-").replace("–", "-")


def is_well_formed(number: str) -> bool:
    """True when ``number`` has the right shape AND its check character matches."""
    text = normalise(number)
    match = NUMBER_RE.match(text)
    if not match:
        return False
    return check_character(text[: text.rindex("-")]) == match["check"]


def has_valid_shape(number: str) -> bool:
    return bool(NUMBER_RE.match(normalise(number)))
