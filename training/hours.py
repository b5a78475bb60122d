"""The hours arithmetic, as pure functions: which year an entry counts for, a year's totals by
category (corrections included), what a requirement asks of a person, and what is still
missing. Nothing here touches the database, so the rules are tested on their own."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

ZERO = Decimal("0")


def counting_year(day: datetime.date, counts_for_year: int | None = None) -> int:
    """The calendar year an entry counts for: the one it was done in (31 December is still that
    year, 1 January the next), unless the course says which year it counts for."""
    return counts_for_year or day.year


@dataclass(frozen=True)
class Line:
    """What the arithmetic needs of an entry: its category and signed hours."""

    category_id: int
    hours: Decimal


@dataclass(frozen=True)
class Totals:
    total: Decimal
    by_category: Mapping[int, Decimal]

    def of(self, category_id: int) -> Decimal:
        return self.by_category.get(category_id, ZERO)


def year_totals(lines: Iterable[Line]) -> Totals:
    """A ledger's totals. Corrections are entries with signed hours; a category (and so the
    year) never falls below zero, so a correction larger than what it corrects removes all of
    that category's hours and no more."""
    by_category: dict[int, Decimal] = {}
    for line in lines:
        by_category[line.category_id] = by_category.get(line.category_id, ZERO) + line.hours
    return category_totals(by_category)


def category_totals(by_category: Mapping[int, Decimal]) -> Totals:
    """Totals from signed sums per category (what a grouped query gives), clamped as above."""
    clamped = {cat: max(hours, ZERO) for cat, hours in by_category.items()}
    return Totals(sum(clamped.values(), ZERO), clamped)


@dataclass(frozen=True)
class Rule:
    """An annual requirement: hours in all, and minimums per category (part of the total)."""

    total: Decimal
    minimums: Mapping[int, Decimal] = field(default_factory=dict)


NO_RULE = Rule(ZERO)


def effective_rule(agency_path: str, rules: Mapping[int, Rule]) -> Rule:
    """The requirement that applies in the agency at ``agency_path`` ("/1/4/9/"): its own, else
    the nearest upper agency's, else none."""
    for agency_id in reversed([int(part) for part in agency_path.strip("/").split("/") if part]):
        if agency_id in rules:
            return rules[agency_id]
    return NO_RULE


@dataclass(frozen=True)
class Standing:
    done: Decimal
    required: Decimal
    missing_by_category: Mapping[int, Decimal]

    @property
    def missing(self) -> Decimal:
        """Hours still needed: what the total lacks, or what the category minimums lack when
        that is more (hours in other categories do not make up a minimum)."""
        return max(self.required - self.done, sum(self.missing_by_category.values(), ZERO), ZERO)

    @property
    def met(self) -> bool:
        return self.missing == ZERO

    @property
    def percent(self) -> int:
        if not self.required:
            return 100
        return min(100, int(100 * self.done / self.required))


def standing(totals: Totals, rule: Rule) -> Standing:
    missing = {
        cat: minimum - totals.of(cat)
        for cat, minimum in rule.minimums.items()
        if totals.of(cat) < minimum
    }
    return Standing(totals.total, rule.total, missing)


def pace(required: Decimal, day: datetime.date) -> Decimal:
    """The hours a steady pace through the year has reached by ``day`` (the share of the year's
    days gone, counting ``day``)."""
    start = datetime.date(day.year, 1, 1)
    days = (datetime.date(day.year + 1, 1, 1) - start).days
    return required * Decimal((day - start).days + 1) / Decimal(days)


def is_behind(result: Standing, day: datetime.date) -> bool:
    """Behind on the year's hours: the requirement is not met and the hours done are below the
    steady pace, or it is December (the last month, when anyone short is reminded)."""
    if result.met:
        return False
    return day.month == 12 or result.done < pace(result.required, day)


def fmt_hours(hours: Decimal) -> str:
    """12.0 → "12", 1.5 → "1.5": what people write."""
    text = f"{hours.quantize(Decimal('0.1'))}"
    return text[:-2] if text.endswith(".0") else text
