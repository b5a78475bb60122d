"""Issuing, changing and renewing work credentials (Art. 20), the scheduled expiry, and the
clean-up of old card batches (building them: credentials.batches). Every write to a credential
goes through here."""

from __future__ import annotations

import datetime
import logging

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from credentials import numbers
from credentials.exceptions import CredentialRefused
from credentials.gate import issue_refusal_reasons
from credentials.models import (
    CURRENT_STATUSES,
    CardBatch,
    Credential,
    CredentialCounter,
    CredentialEvent,
    CredentialStatus,
)
from lms.models import (
    FINAL_STATUSES,
    MAY_HOLD_CREDENTIAL_STATUSES,
    ON_DUTY_STATUSES,
    Agency,
    Auxiliary,
    AuxiliaryStatus,
    Role,
)
from lms.services import auxiliary_transition

logger = logging.getLogger(__name__)
User = get_user_model()
CS = CredentialStatus

# Which status changes a credential allows. Revoked and expired are final: a person who needs a
# credential again gets a new one (re-issue), so a number never comes back to life.
CREDENTIAL_TRANSITIONS: dict[str, set[str]] = {
    CS.ACTIVE: {CS.SUSPENDED, CS.REVOKED, CS.EXPIRED},
    CS.SUSPENDED: {CS.ACTIVE, CS.REVOKED, CS.EXPIRED},
    CS.REVOKED: set(),
    CS.EXPIRED: {CS.REVOKED},
}
EXPIRY_WARNING_DAYS = 30


def _allocate_number(*, agency: Agency, year: int) -> str:
    """Next number of ``agency`` in ``year``. Must run inside the issuing transaction: the
    counter row stays locked until it commits, so concurrent issues queue up behind it and a
    rolled-back issue gives its sequence back (no gaps)."""
    # ON CONFLICT DO NOTHING: two first issues of the year must not both try to create the row.
    CredentialCounter.objects.bulk_create(
        [CredentialCounter(agency=agency, year=year)], ignore_conflicts=True
    )
    counter = CredentialCounter.objects.select_for_update().get(agency=agency, year=year)
    counter.last_sequence = F("last_sequence") + 1
    counter.save(update_fields=["last_sequence"])
    counter.refresh_from_db(fields=["last_sequence"])
    return numbers.format_number(agency_code=agency.code, year=year, sequence=counter.last_sequence)


def holder_status_follow(*, auxiliary: Auxiliary, actor, reason: str) -> None:
    """THE rule of Art. 20 (持证上岗): a person is on duty exactly when they hold an active
    credential. After any change to someone's credentials this moves them on or off duty
    through lms.services.auxiliary_transition, which records who, when and why; a person who
    has left (final status) stays where they are. lms.models explains the status sets."""
    person = Auxiliary.objects.select_for_update().get(pk=auxiliary.pk)
    if person.status in FINAL_STATUSES:
        return
    in_force = Credential.objects.filter(auxiliary=person, status=CS.ACTIVE).exists()
    on_duty = person.status in ON_DUTY_STATUSES
    if in_force and not on_duty and person.status in MAY_HOLD_CREDENTIAL_STATUSES:
        to_status = AuxiliaryStatus.CREDENTIALED
    elif on_duty and not in_force:
        to_status = AuxiliaryStatus.SUSPENDED
    else:
        return
    auxiliary_transition(auxiliary=person, to_status=to_status, actor=actor, reason=reason)
    auxiliary.status = to_status


def _record(*, credential: Credential, from_status: str, actor, reason: str) -> CredentialEvent:
    return CredentialEvent.objects.create(
        credential=credential,
        from_status=from_status,
        to_status=credential.status,
        actor=actor if getattr(actor, "pk", None) else None,
        reason=reason,
    )


@transaction.atomic
def _credential_create(
    *,
    auxiliary: Auxiliary,
    actor=None,
    valid_until: datetime.date | None = None,
    issued_on: datetime.date | None = None,
    reason: str = "",
    replaces: Credential | None = None,
) -> Credential:
    """Create a credential with a fresh number, WITHOUT the Art. 20 gate. Only for
    credential_issue / credential_reissue (which check first) and the demo seeder."""
    issued_on = issued_on or timezone.localdate()
    credential = Credential.objects.create(
        auxiliary=auxiliary,
        number=_allocate_number(agency=auxiliary.agency, year=issued_on.year),
        issued_on=issued_on,
        valid_until=valid_until or auxiliary.contract_end,
        status=CS.ACTIVE,
        issued_by=actor if getattr(actor, "pk", None) else None,
        replaces=replaces,
    )
    _record(credential=credential, from_status="", actor=actor, reason=reason or _("Issued"))
    return credential


def _check_valid_until(valid_until: datetime.date) -> None:
    if valid_until <= timezone.localdate():
        raise CredentialRefused(
            [
                _("The credential would already have expired (valid until %(date)s).")
                % {"date": valid_until.isoformat()}
            ]
        )


@transaction.atomic
def credential_issue(
    *, auxiliary: Auxiliary, actor=None, valid_until: datetime.date | None = None
) -> Credential:
    """Issue the work credential once the Art. 20 conditions hold; the person becomes
    credentialed. Raises CredentialRefused with every unmet condition."""
    locked = (
        Auxiliary.objects.select_for_update(of=("self",))
        .select_related("agency", "user")
        .get(pk=auxiliary.pk)
    )
    reasons = issue_refusal_reasons(locked)
    if reasons:
        raise CredentialRefused(reasons)
    valid_until = valid_until or locked.contract_end
    _check_valid_until(valid_until)
    credential = _credential_create(auxiliary=locked, actor=actor, valid_until=valid_until)
    first = locked.status == AuxiliaryStatus.IN_TRAINING
    holder_status_follow(
        auxiliary=locked,
        actor=actor,
        reason=(
            _("Passed the pre-job training; credential %(number)s issued (Art. 20).")
            if first
            else _("Credential %(number)s issued (Art. 20).")
        )
        % {"number": credential.number},
    )
    auxiliary.status = locked.status
    return credential


def _set_status(
    *, credential: Credential, to_status: str, actor, reason: str, holder_follows: bool = True
) -> Credential:
    """Change the credential's status and record it; then the holder follows (Art. 20), in the
    same transaction, unless the caller makes a further change and lets them follow after."""
    if not reason or not reason.strip():
        raise CredentialRefused([_("A reason is required for every credential change.")])
    locked = Credential.objects.select_for_update().get(pk=credential.pk)
    if to_status not in CREDENTIAL_TRANSITIONS[locked.status]:
        raise CredentialRefused(
            [
                _("A credential that is “%(from)s” cannot become “%(to)s”.")
                % {"from": CS(locked.status).label, "to": CS(to_status).label}
            ]
        )
    from_status = locked.status
    locked.status = to_status
    locked.save(update_fields=["status"])
    _record(credential=locked, from_status=from_status, actor=actor, reason=reason.strip())
    credential.status = to_status
    if holder_follows:
        holder_status_follow(
            auxiliary=locked.auxiliary,
            actor=actor,
            reason=_("Credential %(number)s %(status)s: %(reason)s")
            % {"number": locked.number, "status": CS(to_status).label, "reason": reason.strip()},
        )
    return locked


@transaction.atomic
def credential_revoke(*, credential: Credential, actor, reason: str) -> Credential:
    return _set_status(credential=credential, to_status=CS.REVOKED, actor=actor, reason=reason)


@transaction.atomic
def credential_suspend(*, credential: Credential, actor, reason: str) -> Credential:
    return _set_status(credential=credential, to_status=CS.SUSPENDED, actor=actor, reason=reason)


@transaction.atomic
def credential_reactivate(*, credential: Credential, actor, reason: str) -> Credential:
    """Lift a suspension; a credential whose validity ran out meanwhile expires instead."""
    if credential.valid_until < timezone.localdate():
        return _set_status(credential=credential, to_status=CS.EXPIRED, actor=actor, reason=reason)
    return _set_status(credential=credential, to_status=CS.ACTIVE, actor=actor, reason=reason)


@transaction.atomic
def credential_reissue(
    *, credential: Credential, actor, reason: str, valid_until: datetime.date | None = None
) -> Credential:
    """A new credential (new number) for a lost card or a renewal, or to put a person whose
    credential was revoked or ran out back on duty. The old one is revoked if it was not yet;
    the person follows the new credential (Art. 20)."""
    old = (
        Credential.objects.select_for_update(of=("self",))
        .select_related("auxiliary__agency")
        .get(pk=credential.pk)
    )
    auxiliary = old.auxiliary
    if auxiliary.status not in MAY_HOLD_CREDENTIAL_STATUSES:
        raise CredentialRefused(
            [
                _("A person whose status is “%(status)s” cannot be issued a credential.")
                % {"status": auxiliary.get_status_display()}
            ]
        )
    if hasattr(old, "replaced_by"):
        raise CredentialRefused([_("This credential has already been replaced.")])
    if old.status == CS.SUSPENDED or _suspended_when_expired(old):
        # A suspension is a decision about the person; a new card must not lift it.
        raise CredentialRefused(
            [_("This credential is suspended. Lift the suspension first, or revoke it.")]
        )
    other = (
        Credential.objects.filter(auxiliary=auxiliary, status__in=CURRENT_STATUSES)
        .exclude(pk=old.pk)
        .first()
    )
    if other is not None:
        raise CredentialRefused(
            [
                _("%(name)s already holds credential %(number)s (%(status)s).")
                % {
                    "name": auxiliary.name,
                    "number": other.number,
                    "status": other.get_status_display(),
                }
            ]
        )
    if not reason or not reason.strip():
        raise CredentialRefused([_("A reason is required for every credential change.")])
    valid_until = valid_until or max(old.valid_until, auxiliary.contract_end)
    _check_valid_until(valid_until)
    if old.status != CS.REVOKED:
        _set_status(
            credential=old,
            to_status=CS.REVOKED,
            actor=actor,
            reason=_("Replaced by a re-issued credential: %(reason)s") % {"reason": reason.strip()},
            holder_follows=False,  # the new credential follows at once: no off-duty detour
        )
    new = _credential_create(
        auxiliary=auxiliary,
        actor=actor,
        valid_until=valid_until,
        reason=_("Re-issued, replacing %(number)s: %(reason)s")
        % {"number": old.number, "reason": reason.strip()},
        replaces=old,
    )
    holder_status_follow(
        auxiliary=auxiliary,
        actor=actor,
        reason=_("Credential %(number)s re-issued, replacing %(old)s: %(reason)s")
        % {"number": new.number, "old": old.number, "reason": reason.strip()},
    )
    credential.status = CS.REVOKED
    return new


def _suspended_when_expired(credential: Credential) -> bool:
    """Whether an expired credential ran out while suspended (its suspension still stands)."""
    if credential.status != CS.EXPIRED:
        return False
    expiry = credential.events.latest_into(CS.EXPIRED)
    return expiry is not None and expiry.from_status == CS.SUSPENDED


@transaction.atomic
def credential_extend_validity(
    *, auxiliary: Auxiliary, valid_until: datetime.date, actor, reason: str
) -> Credential:
    """Renewal decision (Art. 24): the person's credential stays valid until ``valid_until``.
    An active or suspended credential keeps its status; one that expired while the decision
    was pending becomes active again (same number, the card in the holder's hand)."""
    if not reason or not reason.strip():
        raise CredentialRefused([_("A reason is required for every credential change.")])
    _check_valid_until(valid_until)
    credential = (
        Credential.objects.select_for_update()
        .filter(auxiliary=auxiliary, status__in=[*CURRENT_STATUSES, CS.EXPIRED])
        .order_by("-issued_on", "-pk")
        .first()
    )
    if credential is None:
        raise CredentialRefused(
            [_("%(name)s holds no credential to extend.") % {"name": auxiliary.name}]
        )
    from_status = credential.status
    if from_status == CS.EXPIRED:
        # Expiry took the person off duty; the extension puts them back, unless they have
        # left or the credential was suspended when it ran out (that suspension stands).
        if auxiliary.status not in MAY_HOLD_CREDENTIAL_STATUSES or _suspended_when_expired(
            credential
        ):
            raise CredentialRefused(
                [_("Only a credentialed person's expired credential can be extended.")]
            )
        credential.status = CS.ACTIVE
    old_until = credential.valid_until
    credential.valid_until = valid_until
    credential.save(update_fields=["status", "valid_until"])
    _record(
        credential=credential,
        from_status=from_status,
        actor=actor,
        reason=_("Validity extended from %(old)s to %(new)s: %(reason)s")
        % {"old": old_until.isoformat(), "new": valid_until.isoformat(), "reason": reason.strip()},
    )
    if from_status == CS.EXPIRED:
        holder_status_follow(
            auxiliary=auxiliary,
            actor=actor,
            reason=_("Credential %(number)s valid again until %(date)s: %(reason)s")
            % {
                "number": credential.number,
                "date": valid_until.isoformat(),
                "reason": reason.strip(),
            },
        )
    return credential


# ---------------------------------------------------------------- scheduled work


@transaction.atomic
def credentials_expire(*, today: datetime.date | None = None) -> int:
    """Expire every active or suspended credential whose validity ended before ``today``."""
    today = today or timezone.localdate()
    due = Credential.objects.filter(status__in=CURRENT_STATUSES, valid_until__lt=today)
    count = 0
    for credential in due.select_for_update():
        _set_status(
            credential=credential,
            to_status=CS.EXPIRED,
            actor=None,
            reason=_("Validity ended on %(date)s.") % {"date": credential.valid_until.isoformat()},
        )
        count += 1
    return count


def _admin_emails(agency: Agency) -> list[str]:
    """E-mail addresses of the agency's admins; if it has none, of the nearest level above."""
    ancestor_ids = [int(pk) for pk in reversed(agency.path.strip("/").split("/")) if pk]
    for agency_id in ancestor_ids:
        emails = list(
            User.objects.filter(
                is_active=True, profile__role=Role.AGENCY_ADMIN, profile__agency_id=agency_id
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if emails:
            return emails
    return []


def expiry_warnings_send(*, today: datetime.date | None = None) -> int:
    """Tell agency admins about credentials expiring within 30 days, once per validity date.
    Returns the number of e-mails sent."""
    today = today or timezone.localdate()
    due = (
        Credential.objects.filter(
            status=CS.ACTIVE,
            valid_until__gte=today,
            valid_until__lte=today + datetime.timedelta(days=EXPIRY_WARNING_DAYS),
        )
        .exclude(expiry_warned_for=F("valid_until"))
        .select_related("auxiliary__agency")
        .order_by("auxiliary__agency__path", "valid_until")
    )
    by_agency: dict[Agency, list[Credential]] = {}
    for credential in due:
        by_agency.setdefault(credential.auxiliary.agency, []).append(credential)
    sent = 0
    with override("zh-hans"):
        for agency, credentials in by_agency.items():
            recipients = _admin_emails(agency)
            if not recipients:
                logger.warning(
                    "No admin e-mail for agency %s; expiry warning not sent", agency.code
                )
                continue
            lines = [
                f"{c.auxiliary.name}  {c.number}  "
                + _("valid until %(date)s") % {"date": c.valid_until.isoformat()}
                for c in credentials
            ]
            send_mail(
                _("%(agency)s: %(n)s work credentials expire within 30 days")
                % {"agency": agency.name, "n": len(credentials)},
                "\n".join(
                    [
                        _(
                            "These work credentials expire soon. Renew the contracts and "
                            "extend the credentials, or plan the offboarding (Art. 23)."
                        ),
                        "",
                        *lines,
                    ]
                ),
                None,
                recipients,
            )
            # Exactly the credentials the e-mail announced, a slice at a time: one agency's
            # list could exceed the 65,535 parameters PostgreSQL binds in one query.
            announced = [c.pk for c in credentials]
            for start in range(0, len(announced), 5000):
                Credential.objects.filter(pk__in=announced[start : start + 5000]).update(
                    expiry_warned_for=F("valid_until")
                )
            sent += 1
    return sent


CARD_BATCH_KEEP_DAYS = 7


def card_batches_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete generated card files after a week: they carry photos and are easy to regenerate."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=CARD_BATCH_KEEP_DAYS)
    old = list(CardBatch.objects.filter(created_at__lt=cutoff))
    for batch in old:
        for field in (batch.zip_file, batch.pdf_file):
            if field:
                field.delete(save=False)
        batch.delete()
    return len(old)


def credentials_daily() -> dict:
    """The daily job: expire, warn, and clear out old card files."""
    return {
        "expired": credentials_expire(),
        "warnings": expiry_warnings_send(),
        "batches_purged": card_batches_purge(),
    }
