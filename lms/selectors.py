"""Reads of agencies and people, always through the scoping helper."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from lms.idcard import normalise_id_number
from lms.models import ON_ROLL_STATUSES, Auxiliary, AuxiliaryStatus
from lms.permissions import (
    get_scoped_or_404,
    scope_queryset,
    visible_agencies,
    visible_auxiliaries,
)


def auxiliary_list(
    *,
    user,
    search: str = "",
    agency_id: int | None = None,
    status: str = "",
    hire_method: str = "",
) -> QuerySet[Auxiliary]:
    """The roster as the user may see it, filtered. Searching by ID number needs the whole
    number (or the last four characters) so that the list cannot be used to guess numbers."""
    people = visible_auxiliaries(user).select_related("agency", "supervisor__profile")
    search = (search or "").strip()
    if search:
        number = normalise_id_number(search)
        condition = Q(name__icontains=search) | Q(mobile=search) | Q(post__icontains=search)
        if len(number) == 18 and "*" in number:
            # A masked number, as the list shows it (and re-displays a full-number search).
            condition |= Q(id_number__startswith=number[:4], id_number__endswith=number[-4:])
        elif len(number) == 18:
            condition |= Q(id_number=number)
        elif len(number) == 4:
            condition |= Q(id_number__endswith=number)
        people = people.filter(condition)
    if agency_id:
        people = people.filter(agency_id=agency_id)
    if status:
        people = people.filter(status=status)
    if hire_method:
        people = people.filter(hire_method=hire_method)
    return people


def auxiliary_detail(*, user, pk: int) -> Auxiliary:
    return get_scoped_or_404(
        visible_auxiliaries(user).select_related("agency", "user", "supervisor__profile"), pk=pk
    )


def status_counts(*, user) -> list[tuple[str, str, int]]:
    """(status, label, count) for every status, in lifecycle order, zeros included."""
    rows = visible_auxiliaries(user).order_by().values("status").annotate(n=Count("pk"))
    counts = {row["status"]: row["n"] for row in rows}
    return [(status.value, status.label, counts.get(status.value, 0)) for status in AuxiliaryStatus]


def agency_choices(*, user):
    return visible_agencies(user).only("pk", "name", "path")


def supervised_auxiliaries(*, user) -> QuerySet[Auxiliary]:
    return scope_queryset(user, Auxiliary.objects.select_related("agency")).filter(
        status__in=ON_ROLL_STATUSES
    )
