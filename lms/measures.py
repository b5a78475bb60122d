"""The text of the measures, parsed once, and the citation vocabulary every app shares.

Lessons, questions, assessment reasons and eligibility refusals all cite the law as data:
``(article, item)`` where ``item`` is the numbered item （一）… of the article, ``None`` for the
article as a whole. Art. 17 has no numbered items but two paragraphs with distinct duties, so for
Art. 17 ``item`` is the paragraph (款) number; that is how legal coverage counts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.utils.functional import lazy

from lms.punctuation import is_chinese

MEASURES_PATH = Path(__file__).resolve().parent / "data" / "measures-zh.txt"

_DIGITS = "零一二三四五六七八九"
# Articles whose "items" are paragraphs (款) rather than numbered items (项).
PARAGRAPH_ITEM_ARTICLES = frozenset({17})


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 13 → 十三, 20 → 二十, 32 → 三十二 (enough for the measures)."""
    if number <= 0 or number >= 100:
        raise ValueError(number)
    tens, ones = divmod(number, 10)
    if tens == 0:
        return _DIGITS[ones]
    prefix = "" if tens == 1 else _DIGITS[tens]
    return prefix + "十" + (_DIGITS[ones] if ones else "")


def parse_chinese_numeral(text: str) -> int:
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_DIGITS.index(tens) if tens else 1) * 10 + (_DIGITS.index(ones) if ones else 0)
    return _DIGITS.index(text)


@dataclass
class Article:
    number: int
    paragraphs: list[str] = field(default_factory=list)
    items: dict[int, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        lines = []
        for paragraph in self.paragraphs:
            lines.append(paragraph)
        return "\n".join(lines)


_ARTICLE_RE = re.compile(r"^第([一二三四五六七八九十]+)条\s*(.*)$")
_ITEM_RE = re.compile(r"^（([一二三四五六七八九十]+)）(.*)$")


@lru_cache(maxsize=1)
def articles() -> dict[int, Article]:
    parsed: dict[int, Article] = {}
    current: Article | None = None
    for raw in MEASURES_PATH.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("第五章"):
            continue
        match = _ARTICLE_RE.match(line)
        if match:
            current = Article(number=parse_chinese_numeral(match.group(1)))
            current.paragraphs.append(match.group(2).strip())
            parsed[current.number] = current
            continue
        if current is None:
            continue
        item = _ITEM_RE.match(line)
        if item:
            current.items[parse_chinese_numeral(item.group(1))] = item.group(2).strip()
            # Items stay part of the paragraph that introduces them.
            current.paragraphs[-1] += "\n" + line
        else:
            current.paragraphs.append(line)
    return parsed


def clause_text(article: int, item: int | None = None) -> str:
    """The law's own words for a citation; KeyError when the citation does not exist."""
    art = articles()[article]
    if item is None:
        return art.text
    if article in PARAGRAPH_ITEM_ARTICLES:
        return art.paragraphs[item - 1]
    return art.items[item]


def citation_exists(article: int, item: int | None = None) -> bool:
    try:
        clause_text(article, item)
    except (KeyError, IndexError):
        return False
    return True


def citation_label(article: int, item: int | None = None, *, language: str | None = None) -> str:
    """How a citation reads in the language being shown (or ``language``).

    Chinese: 第十九条第（三）项, 第十七条第二款, 第十四条. English: Art. 19(3), Art. 17 para. 2,
    Art. 14. Text that is stored or is Chinese prose (assessment reasons, workbook notes, lesson
    content) asks for ``language="zh-hans"`` through :func:`citation_label_zh`: what was stored
    stays as stored, and only labels rendered now follow the page's language.
    """
    if not is_chinese(language):
        if item is None:
            return f"Art. {article}"
        if article in PARAGRAPH_ITEM_ARTICLES:
            return f"Art. {article} para. {item}"
        return f"Art. {article}({item})"
    label = f"第{chinese_numeral(article)}条"
    if item is None:
        return label
    if article in PARAGRAPH_ITEM_ARTICLES:
        return f"{label}第{chinese_numeral(item)}款"
    return f"{label}第（{chinese_numeral(item)}）项"


def citation_label_zh(article: int, item: int | None = None) -> str:
    """The law's own Chinese label whatever the page's language, for stored text and Chinese
    prose: 第十九条第（三）项."""
    return citation_label(article, item, language="zh-hans")


# For labels computed at import time (choice lists): rendered when shown, in that page's language.
citation_label_lazy = lazy(citation_label, str)


def citation_key(article: int, item: int | None = None) -> str:
    """Short machine form used in reports and the coverage table: 19.3, 17.2, 14."""
    return f"{article}" if item is None else f"{article}.{item}"


def coverage_items() -> list[tuple[int, int | None]]:
    """Every numbered item of Arts. 13–19 that the course and the bank must cover."""
    result: list[tuple[int, int | None]] = []
    for number in range(13, 20):
        art = articles()[number]
        if number in PARAGRAPH_ITEM_ARTICLES:
            result.extend((number, p) for p in range(1, len(art.paragraphs) + 1))
        elif art.items:
            result.extend((number, i) for i in sorted(art.items))
        else:
            result.append((number, None))
    return result
