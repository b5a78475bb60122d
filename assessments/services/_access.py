"""The checks every change makes first: who may manage an agency's assessments, who scores."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from assessments.models import Assessment
from lms.models import Agency
from lms.permissions import manages_agency


def check_manage(actor, agency: Agency) -> None:
    if not manages_agency(actor, agency):
        raise PermissionDenied(_("You cannot manage assessments of this agency."))


def check_scorer(actor, assessment: Assessment) -> None:
    if assessment.auxiliary.supervisor_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("Only the auxiliary's supervisor scores this assessment."))
