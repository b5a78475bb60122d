"""Resident ID-card numbers (GB 11643-1999): checksum validation, birth date, masking.

Every place that shows an ID number calls ``mask_id_number``; the full number never leaves
the database except through the service that needs it for matching (imports).
"""

from __future__ import annotations

import datetime
import re

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_PATTERN = re.compile(r"^\d{17}[\dX]$")


def normalise_id_number(value: str) -> str:
    return (value or "").strip().upper().replace(" ", "")


def check_character(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def id_number_error(value: str) -> str | None:
    """A human-readable reason the number is invalid, or None when it is valid."""
    number = normalise_id_number(value)
    if not _PATTERN.match(number):
        return "身份证号码应为18位，前17位为数字，最后一位为数字或X"
    if birth_date_from_id(number) is None:
        return "身份证号码中的出生日期无效"
    if check_character(number[:17]) != number[17]:
        return "身份证号码校验位不正确"
    return None


def is_valid_id_number(value: str) -> bool:
    return id_number_error(value) is None


def birth_date_from_id(value: str) -> datetime.date | None:
    number = normalise_id_number(value)
    try:
        return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def gender_from_id(value: str) -> str:
    """'M' or 'F' from the sequence digit (odd = male)."""
    return "M" if int(normalise_id_number(value)[16]) % 2 else "F"


def mask_id_number(value: str | None) -> str:
    """4403**********123X: first four and last four kept, the rest starred."""
    number = normalise_id_number(value or "")
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def make_id_number(region: str, birth: datetime.date, sequence: int) -> str:
    """Build a valid number (demo data and tests)."""
    first17 = f"{region[:6]:0<6}{birth:%Y%m%d}{sequence % 1000:03d}"
    return first17 + check_character(first17)
