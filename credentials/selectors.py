"""Reads of credentials, always through lms.permissions (public pages read only the few
public fields)."""

from __future__ import annotations

import datetime

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from credentials import numbers
from credentials.models import (
    CURRENT_STATUSES,
    CardBatch,
    Credential,
    CredentialStatus,
    ReturnChecklist,
    ReturnItem,
)
from lms.models import ON_DUTY_STATUSES, Agency, Auxiliary, AuxiliaryStatus
from lms.permissions import scope_by_agency, scope_queryset, visible_auxiliaries


def credential_list(*, user, status: str = "", search: str = "") -> QuerySet[Credential]:
    qs = scope_queryset(
        user, Credential.objects.select_related("auxiliary__agency"), auxiliary_path="auxiliary__"
    )
    if status:
        qs = qs.filter(status=status)
    search = (search or "").strip()
    if search:
        qs = qs.filter(auxiliary__name__icontains=search) | qs.filter(
            number__icontains=numbers.normalise(search)
        )
    return qs.order_by("-issued_on", "-pk")


def visible_credentials(*, user) -> QuerySet[Credential]:
    return scope_queryset(
        user,
        Credential.objects.select_related("auxiliary__agency", "auxiliary__user"),
        auxiliary_path="auxiliary__",
    )


def current_credential(*, auxiliary: Auxiliary) -> Credential | None:
    return (
        Credential.objects.filter(auxiliary=auxiliary, status__in=CURRENT_STATUSES)
        .select_related("auxiliary__agency")
        .first()
    )


def latest_credential(*, auxiliary: Auxiliary) -> Credential | None:
    return (
        Credential.objects.filter(auxiliary=auxiliary)
        .select_related("auxiliary__agency")
        .order_by("-issued_on", "-pk")
        .first()
    )


def status_counts(*, user) -> dict[str, int]:
    rows = visible_credentials(user=user).order_by().values("status").annotate(n=Count("pk"))
    counts = {status.value: 0 for status in CredentialStatus}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def expiring_soon(*, user, days: int = 30, today: datetime.date | None = None):
    today = today or timezone.localdate()
    return (
        visible_credentials(user=user)
        .filter(
            status=CredentialStatus.ACTIVE,
            valid_until__gte=today,
            valid_until__lte=today + datetime.timedelta(days=days),
        )
        .order_by("valid_until", "pk")
    )


def return_checklists(*, user, open_only: bool = False) -> QuerySet[ReturnChecklist]:
    qs = scope_queryset(
        user,
        ReturnChecklist.objects.select_related("auxiliary__agency", "credential").prefetch_related(
            Prefetch("items", queryset=ReturnItem.objects.select_related("done_by__profile"))
        ),
        auxiliary_path="auxiliary__",
    )
    return qs.filter(closed_at__isnull=True) if open_only else qs


# ---------------------------------------------------------------- public pages


def credential_for_verification(number: str) -> Credential | None:
    """The credential with this number, for the public page (which reads public fields only)."""
    return (
        Credential.objects.select_related("auxiliary__agency")
        .filter(number=numbers.normalise(number))
        .first()
    )


def public_roster(*, agency: Agency) -> QuerySet[Credential]:
    """Art. 21: the agency's people on duty with their valid credential (the agency's own
    people, not sub-agencies'). Both halves of the Art. 20 rule are read: the person on duty
    and the credential active and within its dates, so neither a record from before the two
    were kept in step nor a credential past its date before the nightly expiry shows."""
    return (
        Credential.objects.filter(
            auxiliary__agency=agency,
            auxiliary__status__in=ON_DUTY_STATUSES,
            status=CredentialStatus.ACTIVE,
            valid_until__gte=timezone.localdate(),
        )
        .select_related("auxiliary")
        .only(
            "number",
            "valid_until",
            "auxiliary__name",
            "auxiliary__duties",
            "auxiliary__work_area",
            "auxiliary__post",
        )
        .order_by("auxiliary__name", "number")
    )


# ---------------------------------------------------------------- staff exports


def _newest_credential(field: str) -> Subquery:
    newest = Credential.objects.filter(auxiliary_id=OuterRef("pk")).order_by("-issued_on", "-pk")
    return Subquery(newest.values(field)[:1])


def filing_sheet_rows(*, user, agency: Agency | None = None) -> QuerySet[Auxiliary]:
    """Art. 12 filing sheet: the auxiliaries in the user's scope (optionally one agency tree)
    with their newest credential's number, status and end date as ``newest_credential_*``
    (None without one). Subqueries, not a prefetch: a prefetch binds one parameter per person,
    and PostgreSQL refuses a query with more than 65,535 (a province has up to 200,000)."""
    people = visible_auxiliaries(user).select_related("agency")
    if agency is not None:
        people = people.filter(agency__path__startswith=agency.path)
    return people.exclude(status=AuxiliaryStatus.CANDIDATE).annotate(
        newest_credential_number=_newest_credential("number"),
        newest_credential_status=_newest_credential("status"),
        newest_credential_valid_until=_newest_credential("valid_until"),
    )


def card_batches(*, user) -> QuerySet[CardBatch]:
    return scope_by_agency(user, CardBatch.objects.select_related("agency"))


def batch_credentials(*, batch: CardBatch) -> QuerySet[Credential]:
    qs = Credential.objects.filter(
        auxiliary__agency=batch.agency, status=CredentialStatus.ACTIVE
    ).select_related("auxiliary__agency")
    if batch.issued_from:
        qs = qs.filter(issued_on__gte=batch.issued_from)
    return qs.order_by("auxiliary__name", "number")


# ---------------------------------------------------------------- confirmations

CONFIRMED_ACTIONS = ("suspend", "reactivate", "revoke")


def action_consequences(*, credential: Credential, action: str) -> list[str]:
    """What the change will do, as the admin is asked to confirm it. Each sentence describes
    what the services then actually do (credentials.services.holder_status_follow)."""
    name, number = credential.auxiliary.name, credential.number
    on_duty = credential.auxiliary.status in ON_DUTY_STATUSES
    values = {"name": name, "number": number}
    if action == "reactivate":
        return [
            _("Credential %(number)s becomes valid again.") % values,
            _(
                "%(name)s returns to duty (持证上岗): listed on the public roster and included "
                "in assessment cycles opened from now on."
            )
            % values,
            _(
                "If the credential's validity has already ended, it expires instead and "
                "%(name)s stays off duty."
            )
            % values,
        ]
    sentences = []
    if action == "revoke":
        sentences.append(
            _(
                "Credential %(number)s is revoked for good: the number never becomes valid "
                "again. Putting %(name)s back on duty later takes a re-issued credential with "
                "a new number."
            )
            % values
        )
    else:
        sentences.append(
            _(
                "Credential %(number)s is suspended; the public verification page says the "
                "holder may not work at present."
            )
            % values
        )
    if on_duty:
        sentences.append(
            _(
                "%(name)s leaves duty: their status becomes “Suspended”, recorded with your "
                "name and this reason (Art. 20: only a person holding a valid credential "
                "works)."
            )
            % values
        )
    sentences += [
        _("%(name)s disappears from the agency's public roster (Art. 21).") % values,
        _(
            "%(name)s is left out of assessment cycles opened from now on; assessments "
            "already opened stay as they are."
        )
        % values,
        _("The card is no longer included in card print batches."),
    ]
    if action == "revoke":
        sentences.append(
            _(
                "This does not end the employment. If %(name)s leaves, change their status to "
                "departed or dismissed: that opens the return checklist (Art. 23)."
            )
            % values
        )
    return sentences
