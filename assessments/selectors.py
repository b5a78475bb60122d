"""Reads for assessments: the rows of a renewal report, cycle progress, people's assessments.

Callers pass querysets that are already scoped through lms/permissions.py (views) or ids the
caller has checked (reports); nothing here widens what a user may see.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.db.models import Count, Prefetch, Q, QuerySet

from assessments.models import (
    SECTION_ORDER,
    Assessment,
    AssessmentStatus,
    AssessmentTemplate,
    Criterion,
    CriterionScore,
    Cycle,
    Section,
    Violation,
)
from lms.measures import citation_label


def credential_model():
    """The credentials app's Credential model, or None while that app has no models."""
    try:
        return apps.get_model("credentials", "Credential")
    except LookupError:
        return None


@dataclass
class ReportRow:
    """Everything one line of a renewal report shows about one auxiliary."""

    assessment_id: int
    auxiliary_id: int
    name: str
    masked_id_number: str
    agency: str
    agency_code: str
    credential_number: str
    post: str
    supervisor: str
    status: str  # assessment status code
    status_label: str
    scores: dict[int, Decimal | None]  # criterion id → score (None when not submitted)
    total: Decimal | None
    grade_code: str
    grade_label: str
    days_absent: int | None
    late_arrivals: int | None
    violations: list[dict] = field(default_factory=list)  # item, label, date, description
    outcome: str = ""
    outcome_label: str = ""
    reasons: list[dict] = field(default_factory=list)  # rule, article, item, text
    commend: bool = False
    contract_decision_due: bool = False
    contract_end: datetime.date | None = None
    response: str = ""  # "", acknowledged, objected
    response_label: str = ""
    objection_resolution: str = ""  # "", upheld, amended
    objection_resolution_label: str = ""
    decision: str = ""  # final decision outcome code, "" when none yet
    decision_label: str = ""
    decision_follows_recommendation: bool | None = None
    decision_reason: str = ""


def _person_name(user) -> str:
    if user is None:
        return ""
    profile = getattr(user, "profile", None)
    return (profile.display_name if profile else "") or user.get_full_name() or user.username


def report_queryset(*, cycle: Cycle, agency_ids: Iterable[int] | None = None) -> QuerySet:
    queryset = (
        Assessment.objects.filter(cycle=cycle)
        .select_related(
            "auxiliary__agency",
            "auxiliary__supervisor__profile",
            "supervisor__profile",
            "decision",
        )
        .prefetch_related(
            Prefetch(
                "scores",
                queryset=CriterionScore.objects.only("assessment_id", "criterion_id", "score"),
            ),
            Prefetch(
                "violations",
                queryset=Violation.objects.filter(withdrawn_at__isnull=True).order_by(
                    "date", "item", "pk"
                ),
            ),
        )
        .order_by("auxiliary__agency__path", "auxiliary__name", "pk")
    )
    credential = credential_model()
    if credential is not None:
        queryset = queryset.prefetch_related(
            Prefetch(
                "auxiliary__credentials",
                queryset=credential.objects.order_by("-pk"),
                to_attr="report_credentials",
            )
        )
    if agency_ids is not None:
        queryset = queryset.filter(auxiliary__agency_id__in=list(agency_ids))
    return queryset


def report_criteria(*, cycle: Cycle) -> list[Criterion]:
    """The cycle's criteria in form order (the report's score columns)."""
    return list(
        Criterion.objects.filter(template_id=cycle.template_id).order_by("sort_order", "pk")
    )


def _credential_number(auxiliary) -> str:
    credentials = getattr(auxiliary, "report_credentials", None) or []
    for credential in credentials:
        if getattr(credential, "status", "") in {"active", "suspended"}:
            return credential.number
    return credentials[0].number if credentials else ""


def to_report_row(assessment: Assessment, criteria_ids: list[int]) -> ReportRow:
    aux = assessment.auxiliary
    scores = {score.criterion_id: score.score for score in assessment.scores.all()}
    decision = getattr(assessment, "decision", None)
    return ReportRow(
        assessment_id=assessment.pk,
        auxiliary_id=aux.pk,
        name=aux.name,
        masked_id_number=aux.masked_id_number,
        agency=aux.agency.name,
        agency_code=aux.agency.code,
        credential_number=_credential_number(aux),
        post=aux.post,
        supervisor=_person_name(assessment.supervisor or aux.supervisor),
        status=assessment.status,
        status_label=str(AssessmentStatus(assessment.status).label),
        scores={cid: scores.get(cid) for cid in criteria_ids},
        total=assessment.total,
        grade_code=assessment.grade_code,
        grade_label=assessment.grade_label,
        days_absent=assessment.days_absent,
        late_arrivals=assessment.late_arrivals,
        violations=[
            {
                "item": v.item,
                "label": citation_label(19, v.item),
                "date": v.date,
                "description": v.description,
            }
            for v in assessment.violations.all()
        ],
        outcome=assessment.outcome,
        outcome_label=assessment.outcome_label,
        reasons=list(assessment.reasons or []),
        commend=assessment.commend,
        contract_decision_due=assessment.contract_decision_due,
        contract_end=aux.contract_end,
        response=assessment.response,
        response_label=str(assessment.get_response_display()) if assessment.response else "",
        objection_resolution=assessment.resolution,
        objection_resolution_label=(
            str(assessment.get_resolution_display()) if assessment.resolution else ""
        ),
        decision=decision.outcome if decision else "",
        decision_label=decision.outcome_label if decision else "",
        decision_follows_recommendation=decision.follows_recommendation if decision else None,
        decision_reason=decision.reason if decision else "",
    )


def report_rows(*, cycle: Cycle, agency_ids: Iterable[int] | None = None) -> Iterator[ReportRow]:
    """One ReportRow per assessment of ``cycle`` (limited to ``agency_ids`` when given),
    streamed in chunks of 2000 with a fixed number of queries per chunk."""
    criteria_ids = [c.pk for c in report_criteria(cycle=cycle)]
    for assessment in report_queryset(cycle=cycle, agency_ids=agency_ids).iterator(chunk_size=2000):
        yield to_report_row(assessment, criteria_ids)


# --------------------------------------------------------------------------- progress


@dataclass
class SupervisorProgress:
    supervisor_id: int | None
    name: str
    submitted: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.submitted / self.total) if self.total else 0


def cycle_progress(*, assessments: QuerySet) -> tuple[int, int, list[SupervisorProgress]]:
    """(submitted, total, per supervisor) for an already scoped queryset of one cycle's
    assessments; grouped by the auxiliary's current supervisor, who is the one to score."""
    submitted_q = Q(status=AssessmentStatus.SUBMITTED)
    rows = (
        assessments.order_by()
        .values(
            "auxiliary__supervisor_id",
            "auxiliary__supervisor__profile__display_name",
            "auxiliary__supervisor__username",
        )
        .annotate(total=Count("pk"), submitted=Count("pk", filter=submitted_q))
    )
    per_supervisor = [
        SupervisorProgress(
            supervisor_id=row["auxiliary__supervisor_id"],
            name=row["auxiliary__supervisor__profile__display_name"]
            or row["auxiliary__supervisor__username"]
            or "",
            submitted=row["submitted"],
            total=row["total"],
        )
        for row in rows
    ]
    per_supervisor.sort(key=lambda p: (p.supervisor_id is None, p.name))
    submitted = sum(p.submitted for p in per_supervisor)
    total = sum(p.total for p in per_supervisor)
    return submitted, total, per_supervisor


def template_section_choices(template: AssessmentTemplate) -> list[tuple[str, str]]:
    """The sections a criterion of the template can be put in: the template's own sections in
    their order (the usual five when it has none), plus any its criteria already use."""
    labels = dict(Section.choices)
    choices = [(s.code, s.title or labels.get(s.code, s.code)) for s in template.sections.all()]
    if not choices:
        choices = list(Section.choices)
    offered = {code for code, _label in choices}
    used = {c.section for c in template.criteria.all()}
    choices += [(code, labels[code]) for code in SECTION_ORDER if code in used - offered]
    return choices
