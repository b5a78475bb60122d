"""Every change to templates, cycles, assessments, objections and decisions goes through here.

One module per concern; callers use ``from assessments import services`` and ``services.<name>``
whichever module holds it. Reads live in ``assessments.selectors``, refusals in
``assessments.exceptions``."""

from assessments.exceptions import AssessmentError, FormInvalid, TemplateInvalid
from assessments.services.cycles import CycleOpened, cycle_open
from assessments.services.decisions import decision_record
from assessments.services.notices import notice_mark_read, notify
from assessments.services.prints import cycle_print_build, cycle_print_request
from assessments.services.reminders import REMINDER_DAYS, reminders_send
from assessments.services.responses import assessment_respond, objection_resolve
from assessments.services.scoring import (
    Result,
    assessment_amend,
    assessment_save_draft,
    assessment_submit,
    compute_result,
)
from assessments.services.templates import (
    CRITERION_EDITABLE,
    template_adapt,
    template_check,
    template_ensure_bands,
    template_errors,
    template_new_version,
    template_save_edited,
    template_update_criteria,
)

__all__ = [
    "CRITERION_EDITABLE",
    "REMINDER_DAYS",
    "AssessmentError",
    "CycleOpened",
    "FormInvalid",
    "Result",
    "TemplateInvalid",
    "assessment_amend",
    "assessment_respond",
    "assessment_save_draft",
    "assessment_submit",
    "compute_result",
    "cycle_print_build",
    "cycle_print_request",
    "cycle_open",
    "decision_record",
    "notice_mark_read",
    "notify",
    "objection_resolve",
    "reminders_send",
    "template_adapt",
    "template_check",
    "template_ensure_bands",
    "template_errors",
    "template_new_version",
    "template_save_edited",
    "template_update_criteria",
]
