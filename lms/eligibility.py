"""Eligibility for hiring (Arts. 9 and 10), as one pure function.

It returns every reason a person cannot be enrolled, each naming its article item, so the
admin sees all of them at once instead of fixing one and discovering the next.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from lms.measures import citation_label, clause_text
from lms.punctuation import colon

# Ordered from lowest to highest; the order is what the comparisons use.
EDUCATION_ORDER = ["primary", "junior_high", "senior_high", "college", "bachelor", "postgraduate"]
DISQUALIFICATION_ITEMS = range(1, 7)


@dataclass(frozen=True)
class IneligibilityReason:
    article: int
    item: int | None
    message: str

    @property
    def citation(self) -> str:
        return citation_label(self.article, self.item)

    def __str__(self) -> str:
        return f"{self.citation}{colon()}{self.message}"


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    had_birthday = (day.month, day.day) >= (birth_date.month, birth_date.day)
    return day.year - birth_date.year - (0 if had_birthday else 1)


def eligibility_reasons(
    *,
    birth_date: datetime.date,
    enrol_date: datetime.date,
    education: str,
    education_waiver_approved: bool = False,
    disqualification_items: Iterable[int] = (),
) -> list[IneligibilityReason]:
    """Every reason the person may not be hired; an empty list means eligible."""
    reasons: list[IneligibilityReason] = []
    if age_on(birth_date, enrol_date) < 18:
        reasons.append(IneligibilityReason(9, 3, _("Under 18 years of age on the enrolment date")))
    level = EDUCATION_ORDER.index(education) if education in EDUCATION_ORDER else -1
    if level < EDUCATION_ORDER.index("junior_high"):
        reasons.append(
            IneligibilityReason(9, 4, _("Education below junior high school cannot be waived"))
        )
    elif level < EDUCATION_ORDER.index("senior_high") and not education_waiver_approved:
        reasons.append(
            IneligibilityReason(
                9,
                4,
                _(
                    "Senior high school education or above is required; junior high is accepted "
                    "only with an approved waiver for a remote area or special post (Art. 9 para 2)"
                ),
            )
        )
    for item in sorted(set(disqualification_items)):
        if item not in DISQUALIFICATION_ITEMS:
            raise ValueError(f"Art. 10 has no item {item}")
        reasons.append(IneligibilityReason(10, item, clause_text(10, item).rstrip("；。")))
    return reasons
