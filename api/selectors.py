"""The API's reads: every queryset starts from a scoped helper of lms.permissions (or an app's
selector built on one) and loads what a page shows in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from assessments.models import Assessment, Cycle
from credentials.models import Credential, CredentialEvent
from credentials.selectors import visible_credentials
from exams.models import Attempt, AttemptStatus, ExamPurpose
from exams.selectors import staff_attempts
from lms.models import Agency, Auxiliary
from lms.permissions import (
    scope_by_agency,
    scope_queryset,
    visible_agencies,
    visible_auxiliaries,
)
from training import selectors as training_selectors
from training.hours import Rule, Standing, Totals, standing, year_totals
from training.models import LedgerEntry

FINISHED = (AttemptStatus.SUBMITTED, AttemptStatus.EXPIRED)


def agencies(user) -> QuerySet[Agency]:
    return visible_agencies(user).select_related("parent")


def _in_agency(queryset: QuerySet, code: str | None, field: str) -> QuerySet:
    """Filter to one agency (and the agencies under it), by code; within the scope only."""
    if not code:
        return queryset
    agency = Agency.objects.filter(code=code).only("path").first()
    if agency is None:
        return queryset.none()
    return queryset.filter(**{f"{field}__path__startswith": agency.path})


def _where_given(queryset: QuerySet, **lookups) -> QuerySet:
    """The list filters a client gave: one left out (None) or empty filters nothing, while
    ``passed=False`` is a filter like any other."""
    given = {lookup: value for lookup, value in lookups.items() if value not in (None, "")}
    return queryset.filter(**given) if given else queryset


def people(
    user,
    *,
    agency: str | None = None,
    status: str | None = None,
    updated_since: datetime.datetime | None = None,
) -> QuerySet[Auxiliary]:
    qs = visible_auxiliaries(user).select_related("agency", "supervisor__profile")
    qs = _in_agency(qs, agency, "agency")
    return _where_given(qs, status=status, updated_at__gte=updated_since)


def credentials(
    user,
    *,
    agency: str | None = None,
    status: str | None = None,
    updated_since: datetime.datetime | None = None,
) -> QuerySet[Credential]:
    qs = visible_credentials(user=user).prefetch_related(
        Prefetch("events", queryset=CredentialEvent.objects.order_by("-created_at", "-pk"))
    )
    qs = _where_given(_in_agency(qs, agency, "auxiliary__agency"), status=status)
    if updated_since:
        # A credential has no modification time of its own: every change is an event.
        changed = CredentialEvent.objects.filter(
            credential=OuterRef("pk"), created_at__gte=updated_since
        )
        qs = qs.filter(Q(created_at__gte=updated_since) | Exists(changed))
    return qs


def exam_results(
    user,
    *,
    agency: str | None = None,
    passed: bool | None = None,
    updated_since: datetime.datetime | None = None,
) -> QuerySet[Attempt]:
    """Each person's latest finished attempt at each exam, with how many they finished."""
    finished = Attempt.objects.filter(status__in=FINISHED)
    same = finished.filter(auxiliary=OuterRef("auxiliary"), exam=OuterRef("exam"))
    later = same.filter(number__gt=OuterRef("number"))
    count = same.order_by().values("auxiliary").annotate(n=Count("pk")).values("n")
    qs = (
        staff_attempts(user=user)
        .filter(status__in=FINISHED, exam__purpose=ExamPurpose.PRE_JOB)  # not course quizzes
        .filter(~Exists(later))
        .annotate(finished_count=Coalesce(Subquery(count), 0))
    )
    qs = _in_agency(qs, agency, "auxiliary__agency")
    return _where_given(qs, passed=passed, finished_at__gte=updated_since)


def cycles(user, *, agency: str | None = None) -> QuerySet[Cycle]:
    qs = scope_by_agency(user, Cycle.objects.select_related("agency"))
    return _in_agency(qs, agency, "agency")


def cycle_assessments(user, *, cycle: Cycle, status: str | None = None) -> QuerySet[Assessment]:
    qs = scope_queryset(
        user,
        Assessment.objects.filter(cycle=cycle).select_related("decision"),
        auxiliary_path="auxiliary__",
    )
    return _where_given(qs, status=status)


def training_people(
    user, *, agency: str | None = None, status: str | None = None
) -> QuerySet[Auxiliary]:
    """Whose yearly hours a token sees: the people it sees."""
    return people(user, agency=agency, status=status)


@dataclass(frozen=True)
class HoursRow:
    auxiliary: Auxiliary
    totals: Totals
    rule: Rule
    standing: Standing


def training_standings(page_people: list[Auxiliary], year: int) -> list[HoursRow]:
    """A page of people's hours of ``year`` against their requirement, in page order: three
    queries whatever the page size (the totals, the requirements and their minimums)."""
    totals = training_selectors.totals_for(
        Auxiliary.objects.filter(pk__in=[a.pk for a in page_people]), year
    )
    rules = training_selectors.rules_by_agency()
    empty = year_totals([])
    rows = []
    for person in page_people:
        person_totals = totals.get(person.pk, empty)
        rule = training_selectors.rule_for(person.agency, rules)
        rows.append(HoursRow(person, person_totals, rule, standing(person_totals, rule)))
    return rows


def training_entries(
    user,
    *,
    agency: str | None = None,
    person_id: int | None = None,
    year: int | None = None,
    updated_since: datetime.datetime | None = None,
) -> QuerySet[LedgerEntry]:
    """Ledger entries in the token's scope. Entries are never edited (a correction is a new
    entry), so their creation time is the change time for incremental sync."""
    qs = scope_queryset(
        user,
        LedgerEntry.objects.select_related("ledger__auxiliary__agency", "category"),
        auxiliary_path="ledger__auxiliary__",
    )
    qs = _in_agency(qs, agency, "ledger__auxiliary__agency")
    return _where_given(
        qs, ledger__auxiliary_id=person_id, ledger__year=year, created_at__gte=updated_since
    )
