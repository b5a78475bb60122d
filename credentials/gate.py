"""The Art. 20 issuance gate: each condition is one small function returning the reasons it
fails (empty when it holds), so each can be tested on its own with real rows."""

from __future__ import annotations

from django.utils.translation import gettext as _

from courses.selectors import course_completed_at, required_course
from credentials.models import CURRENT_STATUSES, Credential
from exams.selectors import exam_passed_attempt
from lms.models import MAY_HOLD_CREDENTIAL_STATUSES, Auxiliary
from lms.services import auxiliary_eligibility


def status_reasons(auxiliary: Auxiliary) -> list[str]:
    # In training → on duty on first issue; a person taken off duty by a revoked or expired
    # credential may get a new one (a suspended credential still blocks: see below).
    if auxiliary.status in MAY_HOLD_CREDENTIAL_STATUSES:
        return []
    return [
        _("A person whose status is “%(status)s” cannot be issued a credential.")
        % {"status": auxiliary.get_status_display()}
    ]


def eligibility_reasons(auxiliary: Auxiliary) -> list[str]:
    return [
        _("Not eligible: %(reason)s") % {"reason": reason}
        for reason in auxiliary_eligibility(auxiliary)
    ]


def course_reasons(auxiliary: Auxiliary) -> list[str]:
    course = required_course()
    if course is None:
        return [_("No pre-job course has been published, so it cannot have been completed.")]
    if auxiliary.user_id is None or not course_completed_at(user=auxiliary.user, course=course):
        return [_("The pre-job course has not been completed.")]
    return []


def exam_reasons(auxiliary: Auxiliary) -> list[str]:
    if exam_passed_attempt(auxiliary=auxiliary) is None:
        return [_("The pre-job exam has not been passed (Art. 20).")]
    return []


def current_credential_reasons(auxiliary: Auxiliary) -> list[str]:
    current = Credential.objects.filter(auxiliary=auxiliary, status__in=CURRENT_STATUSES).first()
    if current is not None:
        return [
            _("%(name)s already holds credential %(number)s (%(status)s).")
            % {
                "name": auxiliary.name,
                "number": current.number,
                "status": current.get_status_display(),
            }
        ]
    return []


CHECKS = (
    status_reasons,
    eligibility_reasons,
    course_reasons,
    exam_reasons,
    current_credential_reasons,
)


def issue_refusal_reasons(auxiliary: Auxiliary) -> list[str]:
    """Every reason the auxiliary cannot be issued a credential now; empty = may be issued."""
    return [reason for check in CHECKS for reason in check(auxiliary)]
