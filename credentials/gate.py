"""The Art. 20 issuance gate: each condition is one small function returning the reasons it
fails (empty when it holds), so each can be tested on its own with real rows.

The course and exam apps are imported lazily: they sit on top of the organisation core just
like this app, and a missing piece must refuse issuance, never wave it through."""

from __future__ import annotations

from django.utils.translation import gettext as _

from credentials.models import CURRENT_STATUSES, Credential
from lms.models import Auxiliary, AuxiliaryStatus


def status_reasons(auxiliary: Auxiliary) -> list[str]:
    # In training → credentialed on first issue; credentialed people may get a renewed one.
    if auxiliary.status in (AuxiliaryStatus.IN_TRAINING, AuxiliaryStatus.CREDENTIALED):
        return []
    return [
        _("A person whose status is “%(status)s” cannot be issued a credential.")
        % {"status": auxiliary.get_status_display()}
    ]


def eligibility_reasons(auxiliary: Auxiliary) -> list[str]:
    from lms.services import auxiliary_eligibility

    return [
        _("Not eligible: %(reason)s") % {"reason": reason}
        for reason in auxiliary_eligibility(auxiliary)
    ]


def course_reasons(auxiliary: Auxiliary) -> list[str]:
    try:
        from courses.selectors import course_completed_at, required_course
    except ImportError:
        return [_("The pre-job course cannot be checked: the course module is not installed.")]
    course = required_course()
    if course is None:
        return [_("No pre-job course has been published, so it cannot have been completed.")]
    if auxiliary.user_id is None or not course_completed_at(user=auxiliary.user, course=course):
        return [_("The pre-job course has not been completed.")]
    return []


def exam_reasons(auxiliary: Auxiliary) -> list[str]:
    try:
        from exams.selectors import exam_passed_attempt
    except ImportError:
        return [_("The exam cannot be checked: the exam module is not installed.")]
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
