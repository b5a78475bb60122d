"""Reading a scoring form (posted fields or an autosaved draft) into checked values.

The form and the draft share one flat shape — ``{"score_<criterion id>": "8", "comment_<id>":
"", "days_absent": "0", "late_arrivals": "1", "general_comment": "", "violation_item_<n>": "9",
"violation_date_<n>": "2026-05-01", "violation_description_<n>": "…"}`` — so a draft saved by the
script and a form posted without it are read the same way.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from assessments.rules import VIOLATION_ITEMS

_VIOLATION_KEY = re.compile(r"^violation_(item|date|description)_(\d{1,3})$")
MAX_TEXT = 4000


@dataclass
class ParsedViolation:
    item: int
    date: datetime.date
    description: str


@dataclass
class ParsedForm:
    scores: dict[int, tuple[Decimal, str]] = field(default_factory=dict)  # id → (score, comment)
    days_absent: int | None = None
    late_arrivals: int | None = None
    general_comment: str = ""
    violations: list[ParsedViolation] = field(default_factory=list)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def error(self, key: str, message: str) -> None:
        self.errors.setdefault(key, []).append(message)


def clean_draft(data: Mapping) -> dict[str, str]:
    """Only the form's own keys, as strings of bounded length (drafts come from the browser)."""
    cleaned: dict[str, str] = {}
    for key, value in data.items():
        key = str(key)
        if not (
            key in {"days_absent", "late_arrivals", "general_comment"}
            or re.fullmatch(r"(score|comment)_\d{1,9}", key)
            or _VIOLATION_KEY.match(key)
        ):
            continue
        if isinstance(value, list | tuple):
            value = value[-1] if value else ""
        cleaned[key] = ("" if value is None else str(value))[:MAX_TEXT]
    return cleaned


def violation_rows(data: Mapping[str, str]) -> list[dict[str, str]]:
    """The violation rows of the form, in order, blank rows dropped."""
    rows: dict[int, dict[str, str]] = {}
    for key, value in data.items():
        match = _VIOLATION_KEY.match(key)
        if match:
            rows.setdefault(int(match.group(2)), {})[match.group(1)] = (value or "").strip()
    return [
        {
            "item": r.get("item", ""),
            "date": r.get("date", ""),
            "description": r.get("description", ""),
        }
        for _n, r in sorted(rows.items())
        if any(r.values())
    ]


def _count(parsed: ParsedForm, data: Mapping[str, str], key: str) -> int | None:
    raw = (data.get(key) or "").strip()
    if raw == "":
        parsed.error(key, _("Enter a number (0 if none)."))
        return None
    if not raw.isdigit() or int(raw) > 366:
        parsed.error(key, _("Enter a whole number between 0 and 366."))
        return None
    return int(raw)


def parse_form(
    *,
    criteria: Sequence,
    data: Mapping[str, str],
    period: tuple[datetime.date, datetime.date],
    fixed: Mapping[int, tuple[Decimal, str]] | None = None,
) -> ParsedForm:
    """Check every field; ``errors`` maps field names to messages (empty when all is well).

    ``fixed``: criteria whose score is not typed but computed (training hours), as
    {criterion id: (score, basis)}; whatever was posted for them is ignored, and the basis is
    kept as the comment."""
    parsed = ParsedForm()
    fixed = fixed or {}
    for criterion in criteria:
        key = f"score_{criterion.pk}"
        raw = (data.get(key) or "").strip()
        comment = (data.get(f"comment_{criterion.pk}") or "").strip()
        if criterion.pk in fixed:
            parsed.scores[criterion.pk] = fixed[criterion.pk]
            continue
        if raw == "":
            parsed.error(key, _("Score this criterion."))
            continue
        try:
            score = Decimal(raw)
        except InvalidOperation:
            parsed.error(key, _("Enter a number."))
            continue
        if not score.is_finite() or not Decimal(0) <= score <= criterion.max_score:
            parsed.error(
                key,
                _("Enter a score from 0 to %(max)s.") % {"max": plain_number(criterion.max_score)},
            )
            continue
        if score != score.quantize(Decimal("0.01")):
            parsed.error(key, _("Use at most two decimal places."))
            continue
        if score in (Decimal(0), criterion.max_score) and not comment:
            parsed.error(
                f"comment_{criterion.pk}",
                _("Explain a score of %(score)s: the lowest and highest scores need a comment.")
                % {"score": plain_number(score)},
            )
        parsed.scores[criterion.pk] = (score, comment)
    parsed.days_absent = _count(parsed, data, "days_absent")
    parsed.late_arrivals = _count(parsed, data, "late_arrivals")
    parsed.general_comment = (data.get("general_comment") or "").strip()

    start, end = period
    for index, row in enumerate(violation_rows(data)):
        key = f"violation_{index}"
        try:
            item = int(row["item"])
        except ValueError:
            item = 0
        if item not in VIOLATION_ITEMS:
            parsed.error(key, _("Choose the item of Art. 19 that was violated."))
            continue
        try:
            when = datetime.date.fromisoformat(row["date"])
        except ValueError:
            parsed.error(key, _("Enter the date of the violation."))
            continue
        if not start <= when <= end:
            parsed.error(
                key,
                _("The date must lie within the assessment period (%(start)s – %(end)s).")
                % {"start": start.isoformat(), "end": end.isoformat()},
            )
            continue
        if not row["description"]:
            parsed.error(key, _("Describe what happened."))
            continue
        parsed.violations.append(ParsedViolation(item, when, row["description"]))
    return parsed


def plain_number(value: Decimal) -> str:
    """10.00 → 10, 7.50 → 7.5."""
    text = format(Decimal(value), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def anchor_fill(anchor: Mapping, max_score) -> Decimal | None:
    """The score a tap on a rating anchor fills in: near the middle of its band, on a whole or
    half point where one fits, and never 0 or the maximum — those demand a comment, and a tap
    should not (nor should a band's limit such as 8.99 leak into a total as 85.99)."""
    try:
        low, high = Decimal(str(anchor["min"])), Decimal(str(anchor["max"]))
    except (KeyError, TypeError, InvalidOperation):
        return None
    top = Decimal(str(max_score))
    if not (low.is_finite() and high.is_finite()) or low > high:
        return None
    middle = (low + high) / 2
    for step in (Decimal("0.5"), Decimal(1), Decimal("0.1"), Decimal("0.01")):
        value = (middle / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
        if low <= value <= high and Decimal(0) < value < top:
            return Decimal(plain_number(value))
    return None
