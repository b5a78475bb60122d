"""Reads for in-service training. Counts for many people are grouped queries (a fixed number
whatever the number of people); callers pass querysets already scoped by lms.permissions."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from courses.models import CourseCompletion, CoursePage, TrainingCategory
from lms.models import IN_SERVICE_STATUSES, ON_ROLL_STATUSES, Auxiliary
from training.hours import (
    ZERO,
    Line,
    Rule,
    Standing,
    Totals,
    category_totals,
    effective_rule,
    is_behind,
    standing,
    year_totals,
)
from training.models import Cohort, Ledger, LedgerEntry, Requirement, TrainingPlan


def categories() -> list[TrainingCategory]:
    return list(TrainingCategory.objects.all())


def rules_by_agency() -> dict[int, Rule]:
    """Every agency's own requirement (two queries); ``effective_rule`` walks a path up them."""
    rules: dict[int, Rule] = {}
    for req in Requirement.objects.prefetch_related("minimums"):
        minimums = {m.category_id: m.hours for m in req.minimums.all()}
        rules[req.agency_id] = Rule(req.total_hours, minimums)
    return rules


def rule_for(agency, rules: dict[int, Rule] | None = None) -> Rule:
    return effective_rule(agency.path, rules if rules is not None else rules_by_agency())


def _ancestor_ids(agency) -> list[int]:
    return [int(part) for part in agency.path.strip("/").split("/") if part]


def totals_for(auxiliaries: QuerySet[Auxiliary], year: int) -> dict[int, Totals]:
    """{auxiliary id: that year's totals}, one grouped query."""
    rows = (
        LedgerEntry.objects.filter(ledger__year=year, ledger__auxiliary__in=auxiliaries)
        .values("ledger__auxiliary_id", "category_id")
        .annotate(hours=Sum("hours"))
    )
    lines: dict[int, list[Line]] = defaultdict(list)
    for row in rows:
        lines[row["ledger__auxiliary_id"]].append(Line(row["category_id"], row["hours"]))
    return {aux_id: year_totals(person_lines) for aux_id, person_lines in lines.items()}


@dataclass
class PersonYear:
    auxiliary: Auxiliary
    totals: Totals
    standing: Standing


def standings(auxiliaries: QuerySet[Auxiliary], year: int) -> list[PersonYear]:
    """Each person's hours against their agency's requirement: four queries for any number of
    people (people, totals, requirements and their minimums)."""
    people = list(auxiliaries.select_related("agency"))
    totals = totals_for(auxiliaries, year)
    rules = rules_by_agency()
    empty = year_totals([])
    out = []
    for person in people:
        person_totals = totals.get(person.pk, empty)
        out.append(
            PersonYear(
                person, person_totals, standing(person_totals, rule_for(person.agency, rules))
            )
        )
    return out


def person_standing(auxiliary: Auxiliary, year: int) -> PersonYear:
    totals = totals_for(Auxiliary.objects.filter(pk=auxiliary.pk), year).get(
        auxiliary.pk, year_totals([])
    )
    return PersonYear(auxiliary, totals, standing(totals, rule_for(auxiliary.agency)))


@dataclass
class YearRecord:
    year: int
    entries: list[LedgerEntry]
    totals: Totals
    standing: Standing


def archive(auxiliary: Auxiliary) -> list[YearRecord]:
    """The 培训档案: every year's entries, newest year first (three queries)."""
    rule = rule_for(auxiliary.agency)
    entries = (
        LedgerEntry.objects.filter(ledger__auxiliary=auxiliary)
        .select_related("ledger", "category", "recorded_by__profile", "corrects")
        .order_by("-ledger__year", "date", "pk")
    )
    by_year: dict[int, list[LedgerEntry]] = defaultdict(list)
    for entry in entries:
        by_year[entry.ledger.year].append(entry)
    records = []
    for year, year_entries in by_year.items():
        totals = year_totals(Line(e.category_id, e.hours) for e in year_entries)
        records.append(YearRecord(year, year_entries, totals, standing(totals, rule)))
    return records


def plans_for(auxiliary: Auxiliary) -> QuerySet[TrainingPlan]:
    """The plans whose cohort includes this person (their agency or one above assigned it)."""
    if auxiliary.status not in ON_ROLL_STATUSES:
        return TrainingPlan.objects.none()
    ancestors = _ancestor_ids(auxiliary.agency)
    rule = Q(cohort=Cohort.POST, post=auxiliary.post) | Q(
        cohort=Cohort.AGENCY, cohort_agency_id__in=ancestors
    )
    rule |= Q(cohort=Cohort.PICKED, people=auxiliary)
    if auxiliary.status in IN_SERVICE_STATUSES:
        rule |= Q(cohort=Cohort.IN_SERVICE)
    return (
        TrainingPlan.objects.filter(Q(agency_id__in=ancestors) & rule)
        .distinct()
        .prefetch_related("courses")
    )


def plan_members(plan: TrainingPlan, within: QuerySet[Auxiliary]) -> QuerySet[Auxiliary]:
    """The plan's people, inside a (scoped) queryset of auxiliaries."""
    people = within.filter(agency__path__startswith=plan.agency.path, status__in=ON_ROLL_STATUSES)
    if plan.cohort == Cohort.IN_SERVICE:
        return people.filter(status__in=IN_SERVICE_STATUSES)
    if plan.cohort == Cohort.POST:
        return people.filter(post=plan.post)
    if plan.cohort == Cohort.AGENCY and plan.cohort_agency_id:
        return people.filter(agency__path__startswith=plan.cohort_agency.path)
    return people.filter(pk__in=plan.people.values("pk"))


@dataclass
class DueCourse:
    course: CoursePage
    plan: TrainingPlan


def due_courses(auxiliary: Auxiliary) -> list[DueCourse]:
    """Courses of the person's plans not yet completed, nearest due date first."""
    plans = list(plans_for(auxiliary).order_by("due_date", "pk"))
    if not plans or auxiliary.user_id is None:
        return []
    done = set(
        CourseCompletion.objects.filter(user_id=auxiliary.user_id).values_list(
            "course_id", flat=True
        )
    )
    due, seen = [], set()
    for plan in plans:
        for course in plan.courses.all():
            if course.pk not in done and course.pk not in seen and course.live:
                seen.add(course.pk)
                due.append(DueCourse(course, plan))
    return due


@dataclass
class PlanProgress:
    members: int
    completed: int

    @property
    def percent(self) -> int:
        return int(100 * self.completed / self.members) if self.members else 0


def plan_rows(plan: TrainingPlan, members: QuerySet[Auxiliary]) -> list[tuple[Auxiliary, int]]:
    """Each member and how many of the plan's courses they completed (two queries)."""
    course_ids = list(plan.courses.values_list("pk", flat=True))
    people = list(members.select_related("agency"))
    counts: dict[int, int] = defaultdict(int)
    for user_id in CourseCompletion.objects.filter(
        course_id__in=course_ids, user_id__in=[p.user_id for p in people if p.user_id]
    ).values_list("user_id", flat=True):
        counts[user_id] += 1
    return [(person, counts.get(person.user_id, 0)) for person in people]


def hours_total(entries) -> Decimal:
    return sum((e.hours for e in entries), Decimal("0"))


def ledger_years(auxiliary: Auxiliary) -> list[int]:
    return list(Ledger.objects.filter(auxiliary=auxiliary).values_list("year", flat=True))


@dataclass(frozen=True)
class CycleHours:
    """A person's hours for an assessment period: the hours done in the period, and the year
    the period ends in measured against the annual requirement."""

    period_hours: Decimal
    year: int
    standing: Standing


class PeriodHours:
    """Training hours of many people for one assessment period (``start``..``end``).

    One grouped query reads every person's hours by category: those done in the period (a
    correction counts where the entry it corrects counts) and those of the ledger of the
    year the period ends in; two more read the requirements. ``of`` then answers each person
    in Python, also a person with no entries at all (from their agency's requirement), so a
    report of 100,000 rows asks nothing per row. ``auxiliaries``: a queryset of people's ids
    (``values("pk")`` or ``values("auxiliary_id")``)."""

    def __init__(
        self, auxiliaries: QuerySet, *, start, end, rules: dict[int, Rule] | None = None
    ) -> None:
        self.year = end.year
        self.rules = rules if rules is not None else rules_by_agency()
        self._rules_by_path: dict[str, Rule] = {}
        counted_on = Coalesce("corrects__date", "date")
        in_period = Q(counted_on__gte=start, counted_on__lte=end)
        in_year = Q(ledger__year=self.year)
        rows = (
            LedgerEntry.objects.annotate(counted_on=counted_on)
            .filter(in_period | in_year, ledger__auxiliary_id__in=auxiliaries)
            .order_by()
            .values("ledger__auxiliary_id", "category_id")
            .annotate(
                period=Sum("hours", filter=in_period, default=ZERO),
                year=Sum("hours", filter=in_year, default=ZERO),
            )
            .values_list("ledger__auxiliary_id", "category_id", "period", "year")
        )
        # Raw sums only: each person's standing is worked out when it is asked for (a report
        # asks while its rows stream, and the database is busy producing them meanwhile).
        # Sums take few distinct values (whole and half hours), so each distinct Decimal is
        # kept once: for 100,000 people that is about 30 MB less than one object per sum.
        self._sums: dict[int, list[tuple[int, Decimal, Decimal]]] = defaultdict(list)
        shared: dict[Decimal, Decimal] = {}
        for aux_id, category_id, period_hours, year_hours in rows.iterator(chunk_size=5000):
            self._sums[aux_id].append(
                (
                    category_id,
                    shared.setdefault(period_hours, period_hours),
                    shared.setdefault(year_hours, year_hours),
                )
            )
        self._without_hours: dict[str, CycleHours] = {}

    def _rule_of(self, agency_path: str) -> Rule:
        rule = self._rules_by_path.get(agency_path)
        if rule is None:
            rule = self._rules_by_path[agency_path] = effective_rule(agency_path, self.rules)
        return rule

    def of(self, auxiliary_id: int, agency_path: str) -> CycleHours:
        """The person's hours; ``agency_path`` is their agency's (for the requirement)."""
        sums = self._sums.get(auxiliary_id)
        if sums is not None:
            period = category_totals({cat: hours for cat, hours, _year in sums})
            year = category_totals({cat: hours for cat, _period, hours in sums})
            return CycleHours(period.total, self.year, standing(year, self._rule_of(agency_path)))
        found = self._without_hours.get(agency_path)
        if found is None:
            found = CycleHours(
                ZERO, self.year, standing(year_totals([]), self._rule_of(agency_path))
            )
            self._without_hours[agency_path] = found
        return found


def behind(auxiliaries: QuerySet[Auxiliary], day) -> list[PersonYear]:
    """The people in service (of a scoped queryset) behind on ``day``'s year's hours
    (training.hours.is_behind), fewest hours first: four queries for any number."""
    people = auxiliaries.filter(status__in=IN_SERVICE_STATUSES).order_by("agency__path", "name")
    rows = [row for row in standings(people, day.year) if is_behind(row.standing, day)]
    return sorted(rows, key=lambda row: row.standing.done)


def course_hours_entry(*, user, course: CoursePage) -> LedgerEntry | None:
    """The ledger entry a course wrote for the learner (training.services.course_origin)."""
    if user is None or not user.is_authenticated:
        return None
    return (
        LedgerEntry.objects.filter(
            ledger__auxiliary__user=user, origin=f"course:{course.pk}", corrects__isnull=True
        )
        .order_by("pk")
        .first()
    )
