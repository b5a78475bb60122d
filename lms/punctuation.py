"""Punctuation that follows the language being shown.

Chinese text takes full-width marks (姓名：张三, 第（三）项, 甲、乙); English text shown with the
same templates takes ASCII ones (Name: Zhang San, (weight 20), a, b). Templates and messages that
glue translated words together call these instead of writing ： or （） between placeholders, so
the English page does not come out as "Objection：…".
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import get_language


def is_chinese(language: str | None = None) -> bool:
    return (language or get_language() or "").lower().startswith("zh")


def colon(language: str | None = None) -> str:
    return "：" if is_chinese(language) else ": "


def parenthesized(text: object, language: str | None = None) -> str:
    return f"（{text}）" if is_chinese(language) else f"({text})"


def enumeration(items: Iterable[object], language: str | None = None) -> str:
    """甲、乙、丙 / a, b, c."""
    return ("、" if is_chinese(language) else ", ").join(str(item) for item in items)
