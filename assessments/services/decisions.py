"""The agency's final decision on an assessment: renewal extends contract and credential,
dismissal starts offboarding."""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils.translation import gettext as _

from assessments import rules, selectors
from assessments.exceptions import AssessmentError, FormInvalid
from assessments.models import Assessment, Decision
from assessments.services._access import check_manage
from credentials.services import credential_extend_validity
from lms.models import AuxiliaryStatus
from lms.services import auxiliary_transition

logger = logging.getLogger(__name__)


@transaction.atomic
def decision_record(
    *,
    assessment: Assessment,
    actor,
    outcome: str,
    reason: str = "",
    contract_end: datetime.date | None = None,
    valid_until: datetime.date | None = None,
) -> Decision:
    """Record the agency's final decision. Dismissal starts offboarding (the credentials app
    revokes the credential on the status change); renewal extends contract and credential."""
    assessment = (
        Assessment.objects.select_for_update()
        .select_related("auxiliary__agency", "cycle")
        .get(pk=assessment.pk)
    )
    check_manage(actor, assessment.auxiliary.agency)
    blocker = selectors.decision_blocker(assessment)
    if blocker:
        raise AssessmentError(blocker)
    outcome = rules.Outcome(outcome)
    follows = outcome.value == assessment.outcome
    reason = (reason or "").strip()
    errors: dict[str, list[str]] = {}
    if not follows and not reason:
        errors["reason"] = [_("Give the reason for departing from the recommendation.")]
    aux = assessment.auxiliary
    if outcome is not rules.Outcome.DISMISS:
        if contract_end is None:
            errors["contract_end"] = [_("Enter the new contract end date.")]
        elif contract_end <= assessment.cycle.period_end:
            errors["contract_end"] = [_("The new contract end must lie after the period.")]
    if errors:
        raise FormInvalid(errors)
    decision = Decision.objects.create(
        assessment=assessment,
        outcome=outcome.value,
        follows_recommendation=follows,
        reason=reason,
        contract_end=contract_end if outcome is not rules.Outcome.DISMISS else None,
        valid_until=(valid_until or contract_end) if outcome is not rules.Outcome.DISMISS else None,
        decided_by=actor,
    )
    label = rules.OUTCOME_LABELS[outcome]
    if outcome is rules.Outcome.DISMISS:
        auxiliary_transition(
            auxiliary=aux,
            to_status=AuxiliaryStatus.DISMISSED,
            actor=actor,
            reason=_("Assessment %(cycle)s: %(decision)s. %(why)s")
            % {
                "cycle": assessment.cycle.name,
                "decision": label,
                "why": reason or "；".join(r["text"] for r in assessment.reasons),
            },
        )
    else:
        aux.contract_end = contract_end
        aux.save(update_fields=["contract_end", "updated_at"])
        _extend_credential(aux, decision.valid_until, actor, assessment.cycle.name, label)
    return decision


def _extend_credential(aux, valid_until, actor, cycle_name, label) -> None:
    credential = selectors.credential_model()
    if credential is not None and not credential.objects.filter(auxiliary=aux).exists():
        # Someone assessed without ever holding a credential (e.g. imported records): the
        # contract is renewed, and there is no card to extend.
        logger.warning("auxiliary %s holds no credential to extend", aux.pk)
        return
    credential_extend_validity(
        auxiliary=aux,
        valid_until=valid_until,
        actor=actor,
        reason=_("Assessment %(cycle)s: %(decision)s") % {"cycle": cycle_name, "decision": label},
    )
