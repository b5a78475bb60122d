"""Scoring: the supervisor's drafts and submission, the result (total, grade, recommendation),
and amendments, each a revision with its author and reason."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import rules, selectors
from assessments.exceptions import AssessmentError, FormInvalid
from assessments.models import (
    Assessment,
    AssessmentRevision,
    AssessmentStatus,
    Criterion,
    CriterionScore,
    RevisionKind,
    Violation,
)
from assessments.scoring import ParsedForm, clean_draft, parse_form
from assessments.services._access import check_manage, check_scorer


def _criteria(assessment: Assessment) -> list[Criterion]:
    return list(assessment.cycle.template.criteria.order_by("sort_order", "pk"))


@transaction.atomic
def assessment_save_draft(*, assessment: Assessment, actor, data: Mapping) -> Assessment:
    """Store the supervisor's work in progress as is. Saving the same data twice is harmless."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    check_scorer(actor, assessment)
    if locked.is_locked:
        raise AssessmentError(_("This assessment has been submitted and can no longer change."))
    locked.draft = clean_draft(data)
    locked.draft_saved_at = timezone.now()
    locked.status = AssessmentStatus.DRAFT
    locked.supervisor = actor
    locked.save(update_fields=["draft", "draft_saved_at", "status", "supervisor"])
    return locked


@dataclass
class Result:
    total: Decimal
    grade: rules.GradeBand
    recommendation: rules.Recommendation


def compute_result(
    *, assessment: Assessment, criteria: list[Criterion], parsed: ParsedForm
) -> Result:
    total = rules.weighted_total(
        [rules.CriterionScore(c.weight, c.max_score, parsed.scores[c.pk][0]) for c in criteria]
    )
    grade = rules.grade_for(total, assessment.cycle.template.grade_bands())
    cycle = assessment.cycle
    recommendation = rules.recommend(
        grade_code=grade.code,
        violation_items=[v.item for v in parsed.violations],
        contract_end=assessment.auxiliary.contract_end,
        next_cycle_start=cycle.next_cycle_start or cycle.period_end + datetime.timedelta(days=1),
    )
    return Result(total, grade, recommendation)


def _apply(assessment: Assessment, parsed: ParsedForm, result: Result) -> None:
    assessment.days_absent = parsed.days_absent
    assessment.late_arrivals = parsed.late_arrivals
    assessment.general_comment = parsed.general_comment
    assessment.total = result.total
    assessment.grade_code = result.grade.code
    assessment.grade_label = result.grade.label
    assessment.outcome = result.recommendation.outcome.value
    assessment.reasons = [
        {"rule": r.rule, "article": r.article, "item": r.item, "text": r.text}
        for r in result.recommendation.reasons
    ]
    assessment.commend = result.recommendation.commend
    assessment.contract_decision_due = result.recommendation.contract_decision_due


def _parse_or_raise(assessment: Assessment, criteria, data: Mapping) -> ParsedForm:
    # A training-hours criterion takes the ledger's value at submission (and again at an
    # amendment, so an admin's ledger correction reaches the score with a recorded revision).
    fixed = {
        pk: (value.score, value.basis())
        for pk, value in selectors.hours_values(assessment=assessment, criteria=criteria).items()
    }
    parsed = parse_form(
        criteria=criteria,
        data=clean_draft(data),
        period=(assessment.cycle.period_start, assessment.cycle.period_end),
        fixed=fixed,
    )
    if parsed.errors:
        raise FormInvalid(parsed.errors)
    return parsed


def _revision(assessment: Assessment, *, kind: str, author, reason: str) -> AssessmentRevision:
    number = (
        assessment.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    return AssessmentRevision.objects.create(
        assessment=assessment,
        number=number,
        kind=kind,
        author=author,
        reason=reason,
        snapshot=selectors.snapshot(assessment),
    )


def assessment_submit(*, assessment: Assessment, actor, data: Mapping) -> Assessment:
    """Check every field, compute total, grade and recommendation, and lock the form.

    Whatever was typed is saved as the draft first (its own transaction), so a refused
    submission loses nothing."""
    assessment_save_draft(assessment=assessment, actor=actor, data=data)
    return _submit(assessment=assessment, actor=actor, data=data)


@transaction.atomic
def _submit(*, assessment: Assessment, actor, data: Mapping) -> Assessment:
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.is_locked:
        raise AssessmentError(_("This assessment has already been submitted."))
    locked.cycle = assessment.cycle
    locked.auxiliary = assessment.auxiliary
    criteria = _criteria(locked)
    parsed = _parse_or_raise(locked, criteria, data)
    result = compute_result(assessment=locked, criteria=criteria, parsed=parsed)
    CriterionScore.objects.bulk_create(
        CriterionScore(assessment=locked, criterion_id=cid, score=score, comment=comment)
        for cid, (score, comment) in parsed.scores.items()
    )
    Violation.objects.bulk_create(
        Violation(assessment=locked, item=v.item, date=v.date, description=v.description)
        for v in parsed.violations
    )
    _apply(locked, parsed, result)
    locked.status = AssessmentStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.submitted_by = actor
    locked.supervisor = actor
    locked.save()
    _revision(locked, kind=RevisionKind.SUBMITTED, author=actor, reason="")
    return locked


@transaction.atomic
def assessment_amend(*, assessment: Assessment, actor, data: Mapping, reason: str) -> Assessment:
    """Change a submitted assessment: a new revision with author, time and reason. Scores are
    updated, violations no longer found are withdrawn (kept, marked), nothing is deleted."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    locked.cycle = assessment.cycle
    locked.auxiliary = assessment.auxiliary
    check_manage(actor, locked.auxiliary.agency)
    if not locked.is_locked:
        raise AssessmentError(_("Only a submitted assessment can be amended."))
    if not (reason or "").strip():
        raise FormInvalid({"reason": [_("Give the reason for the amendment.")]})
    if hasattr(locked, "decision"):
        raise AssessmentError(_("The final decision has been recorded; the assessment is closed."))
    criteria = _criteria(locked)
    parsed = _parse_or_raise(locked, criteria, data)
    result = compute_result(assessment=locked, criteria=criteria, parsed=parsed)
    for score in locked.scores.all():
        new_score, comment = parsed.scores[score.criterion_id]
        if (score.score, score.comment) != (new_score, comment):
            score.score, score.comment = new_score, comment
            score.save(update_fields=["score", "comment"])
    current = list(locked.violations.filter(withdrawn_at__isnull=True))
    wanted = [(v.item, v.date, v.description) for v in parsed.violations]
    for violation in current:
        key = (violation.item, violation.date, violation.description)
        if key in wanted:
            wanted.remove(key)
        else:
            violation.withdrawn_at = timezone.now()
            violation.save(update_fields=["withdrawn_at"])
    Violation.objects.bulk_create(
        Violation(assessment=locked, item=item, date=date, description=description)
        for item, date, description in wanted
    )
    _apply(locked, parsed, result)
    locked.save()
    _revision(locked, kind=RevisionKind.AMENDED, author=actor, reason=reason.strip())
    return locked
