"""The auxiliary's response (acknowledge, or object in writing) and the agency's answer to an
objection."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import selectors
from assessments.exceptions import AssessmentError, FormInvalid
from assessments.models import Assessment, ObjectionResolution, Response
from assessments.services._access import check_manage
from assessments.services.notices import notify, platform_language
from assessments.services.scoring import assessment_amend


@transaction.atomic
def assessment_respond(
    *, assessment: Assessment, actor, objection: bool, statement: str = ""
) -> Assessment:
    """The auxiliary acknowledges the assessment or objects with a written statement, within
    ASSESSMENT_RESPONSE_DAYS (default 7) of submission."""
    locked = (
        Assessment.objects.select_for_update().select_related("auxiliary").get(pk=assessment.pk)
    )
    if locked.auxiliary.user_id is None or locked.auxiliary.user_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("Only the assessed auxiliary responds to the assessment."))
    if locked.response:
        raise AssessmentError(_("You have already responded to this assessment."))
    if not selectors.can_respond(locked):
        raise AssessmentError(
            _("The %(days)s days for responding to this assessment have passed.")
            % {"days": selectors.response_days()}
        )
    statement = (statement or "").strip()
    if objection and not statement:
        raise FormInvalid({"statement": [_("Write down what you object to and why.")]})
    locked.response = Response.OBJECTED if objection else Response.ACKNOWLEDGED
    locked.response_statement = statement
    locked.responded_at = timezone.now()
    locked.save(update_fields=["response", "response_statement", "responded_at"])
    if objection:
        url = reverse("assessments:detail", args=[locked.pk])
        with platform_language():
            text = _("%(name)s objected to their assessment.") % {"name": locked.auxiliary.name}
        for admin in selectors.agency_admins(locked.auxiliary.agency):
            notify(user=admin, text=text, url=url)
    return locked


@transaction.atomic
def objection_resolve(
    *,
    assessment: Assessment,
    actor,
    uphold: bool,
    note: str,
    data: Mapping | None = None,
) -> Assessment:
    """The agency admin answers an objection: uphold the assessment, or amend it (a revision)."""
    assessment = (
        Assessment.objects.select_for_update()
        .select_related("auxiliary__agency", "cycle__template")
        .get(pk=assessment.pk)
    )
    check_manage(actor, assessment.auxiliary.agency)
    if assessment.response != Response.OBJECTED or assessment.resolution:
        raise AssessmentError(_("There is no open objection to answer."))
    note = (note or "").strip()
    if not note:
        raise FormInvalid({"note": [_("Write the reply to the objection.")]})
    if not uphold:
        assessment = assessment_amend(
            assessment=assessment, actor=actor, data=data or {}, reason=note
        )
    Assessment.objects.filter(pk=assessment.pk).update(
        resolution=ObjectionResolution.UPHELD if uphold else ObjectionResolution.AMENDED,
        resolution_note=note,
        resolved_by=actor,
        resolved_at=timezone.now(),
    )
    assessment.refresh_from_db()
    if assessment.auxiliary.user_id:
        with platform_language():
            text = _("Your objection has been answered.")
        notify(
            user=assessment.auxiliary.user,
            text=text,
            url=reverse("assessments:detail", args=[assessment.pk]),
        )
    return assessment
