"""Art. 23 and status changes: the ONE place where an auxiliary's status change reaches their
credential. Leaving (departed / dismissed) revokes it and opens a return checklist; suspension
suspends it; the end of a suspension reactivates it."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from credentials.exceptions import CredentialRefused
from credentials.models import (
    CURRENT_STATUSES,
    Credential,
    CredentialStatus,
    ReturnChecklist,
    ReturnItem,
    ReturnItemKind,
    ReturnItemState,
)
from credentials.services import (
    credential_reactivate,
    credential_revoke,
    credential_suspend,
)
from lms.exceptions import TransitionError
from lms.models import (
    FINAL_STATUSES,
    IN_SERVICE_STATUSES,
    ON_DUTY_STATUSES,
    Auxiliary,
    AuxiliaryStatus,
)

logger = logging.getLogger(__name__)
S = AuxiliaryStatus


@transaction.atomic
def status_change_apply(
    *, auxiliary: Auxiliary, from_status: str, to_status: str, actor, reason: str
) -> None:
    """Bring the credential (and the return checklist) in line with the new status. A return
    to duty without a credential that can be put in force is refused (Art. 20): the whole
    status change rolls back."""
    credential = (
        Credential.objects.select_for_update()
        .filter(auxiliary=auxiliary, status__in=CURRENT_STATUSES)
        .first()
    )
    if to_status in ON_DUTY_STATUSES and not _can_be_in_force(credential):
        raise TransitionError(
            _(
                "%(name)s holds no valid work credential, so cannot be on duty (Art. 20). "
                "Issue or re-issue a credential instead."
            )
            % {"name": auxiliary.name}
        )
    why = _("Status changed to “%(status)s”: %(reason)s") % {
        "status": S(to_status).label,
        "reason": (reason or "").strip() or "—",
    }
    if to_status in FINAL_STATUSES:
        if credential is not None:
            credential_revoke(credential=credential, actor=actor, reason=why)
        if credential is not None or from_status in IN_SERVICE_STATUSES:
            checklist_open(auxiliary=auxiliary, credential=credential, reason=why)
    elif to_status == S.SUSPENDED:
        if credential is not None and credential.status == CredentialStatus.ACTIVE:
            credential_suspend(credential=credential, actor=actor, reason=why)
    elif from_status == S.SUSPENDED and to_status == S.CREDENTIALED:
        if credential is not None and credential.status == CredentialStatus.SUSPENDED:
            credential_reactivate(credential=credential, actor=actor, reason=why)


def _can_be_in_force(credential: Credential | None) -> bool:
    """Active, or suspended and still within its dates (lifting the suspension restores it)."""
    if credential is None:
        return False
    if credential.status == CredentialStatus.ACTIVE:
        return True
    return credential.valid_until >= timezone.localdate()


def on_auxiliary_status_changed(sender, *, auxiliary, change, actor, reason, **kwargs) -> None:
    status_change_apply(
        auxiliary=auxiliary,
        from_status=change.from_status,
        to_status=change.to_status,
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def checklist_open(
    *, auxiliary: Auxiliary, credential: Credential | None, reason: str
) -> ReturnChecklist:
    """Open the list of things to hand back; an already open one is reused."""
    existing = ReturnChecklist.objects.filter(auxiliary=auxiliary, closed_at__isnull=True).first()
    if existing is not None:
        return existing
    checklist = ReturnChecklist.objects.create(
        auxiliary=auxiliary, credential=credential, reason=reason
    )
    ReturnItem.objects.bulk_create(
        [ReturnItem(checklist=checklist, kind=kind) for kind in ReturnItemKind.values]
    )
    return checklist


@transaction.atomic
def return_item_mark(*, item: ReturnItem, state: str, actor, note: str = "") -> ReturnItem:
    """Tick an item as returned, or write it off (a reason is then required). The checklist
    closes when nothing is outstanding."""
    locked = (
        ReturnItem.objects.select_for_update(of=("self",))
        .select_related("checklist")
        .get(pk=item.pk)
    )
    if locked.checklist.closed_at is not None:
        raise CredentialRefused([_("This checklist is already closed.")])
    if state not in (ReturnItemState.RETURNED, ReturnItemState.WRITTEN_OFF):
        raise CredentialRefused([_("Choose returned or written off.")])
    if state == ReturnItemState.WRITTEN_OFF and not note.strip():
        raise CredentialRefused([_("Say why the item is written off (e.g. lost, never issued).")])
    locked.state = state
    locked.note = note.strip()
    locked.done_by = actor
    locked.done_at = timezone.now()
    locked.save(update_fields=["state", "note", "done_by", "done_at"])
    checklist = locked.checklist
    if not checklist.items.filter(state=ReturnItemState.PENDING).exists():
        checklist.closed_at = timezone.now()
        checklist.save(update_fields=["closed_at"])
    return locked
