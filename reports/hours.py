"""Training hours completion per agency for a year, for the city and province roll-up page:
how many people in service each agency has, how many met the year's requirement and their
average hours. The people come from lms.permissions' scope; their hours and requirements
from training.selectors (four queries for any number of people)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from lms.models import IN_SERVICE_STATUSES, Agency, Auxiliary
from lms.permissions import scope_queryset, visible_agencies
from training import selectors as training


@dataclass
class AgencyHours:
    agency: Agency | None  # None: the total line
    depth: int
    people: int = 0
    met: int = 0
    hours: Decimal = Decimal(0)

    @property
    def rate(self) -> float:
        return self.met / self.people if self.people else 0.0

    @property
    def percent(self) -> int:
        return round(100 * self.rate)

    @property
    def average(self) -> Decimal:
        return self.hours / self.people if self.people else Decimal(0)


def hours_rollup(*, user, year: int) -> tuple[list[AgencyHours], AgencyHours]:
    """One line per agency in the user's scope that has people in service (by agency path, so
    each county follows its city), and the total."""
    people = scope_queryset(user, Auxiliary.objects.all())
    rows = training.standings(people.filter(status__in=IN_SERVICE_STATUSES), year)
    agencies = list(visible_agencies(user).order_by("path"))
    top = min((a.path.count("/") for a in agencies), default=0)
    lines = {a.pk: AgencyHours(a, a.path.count("/") - top) for a in agencies}
    total = AgencyHours(None, 0)
    for row in rows:
        line = lines.get(row.auxiliary.agency_id)
        for counted in (line, total) if line is not None else (total,):
            counted.people += 1
            counted.met += row.standing.met
            counted.hours += row.standing.done
    return [line for line in lines.values() if line.people], total
