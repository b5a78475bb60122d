"""Opening an assessment cycle: one pending assessment per auxiliary on duty in scope."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from assessments import selectors
from assessments.exceptions import AssessmentError
from assessments.models import Assessment, AssessmentTemplate, Cycle
from assessments.services._access import check_manage
from assessments.services.templates import template_check
from lms.models import Agency, Auxiliary


@dataclass
class CycleOpened:
    cycle: Cycle
    created: int
    without_supervisor: list[Auxiliary]


@transaction.atomic
def cycle_open(
    *,
    agency: Agency,
    name: str,
    period_start: datetime.date,
    period_end: datetime.date,
    due_date: datetime.date,
    template: AssessmentTemplate,
    actor,
    include_subordinates: bool = False,
    next_cycle_start: datetime.date | None = None,
) -> CycleOpened:
    """Open a cycle: one pending assessment per credentialed auxiliary in scope, assigned to
    their supervisor. Those without a supervisor are returned for the admin to fix."""
    check_manage(actor, agency)
    if period_end < period_start:
        raise AssessmentError(_("The period must end after it starts."))
    if not selectors.templates_usable_by(agency).filter(pk=template.pk).exists():
        raise AssessmentError(_("This template is not available to the agency."))
    template_check(template=template)
    cycle = Cycle.objects.create(
        agency=agency,
        name=name,
        period_start=period_start,
        period_end=period_end,
        due_date=due_date,
        template=template,
        include_subordinates=include_subordinates,
        next_cycle_start=next_cycle_start or period_end + datetime.timedelta(days=1),
        opened_by=actor,
    )
    # Cycles have been scored against it; from now on changes go into a new version.
    AssessmentTemplate.objects.filter(pk=template.pk).update(frozen=True)
    template.frozen = True
    people = list(
        selectors.cycle_auxiliaries(cycle).select_related("agency").order_by("agency__path", "name")
    )
    Assessment.objects.bulk_create(
        Assessment(cycle=cycle, auxiliary=aux, supervisor_id=aux.supervisor_id) for aux in people
    )
    return CycleOpened(
        cycle=cycle,
        created=len(people),
        without_supervisor=[aux for aux in people if aux.supervisor_id is None],
    )
