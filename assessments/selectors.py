"""Reads for assessments: the rows of a renewal report, cycle progress, people's assessments,
which templates an agency may use, whether an assessment can still be answered or decided.

Callers pass querysets that are already scoped through lms/permissions.py (views) or ids the
caller has checked (reports); nothing here widens what a user may see.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import rules
from assessments.models import (
    SECTION_ORDER,
    Assessment,
    AssessmentStatus,
    AssessmentTemplate,
    Criterion,
    CriterionScore,
    Cycle,
    Response,
    Section,
    Violation,
)
from assessments.scoring import plain_number
from courses.models import TrainingCategory
from lms.measures import citation_label
from lms.models import ON_DUTY_STATUSES, Agency, Auxiliary, Role, UserProfile
from training.hours import fmt_hours
from training.selectors import PeriodHours


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
        if getattr(credential, "is_current", False):
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


# --------------------------------------------------------------------------- templates and cycles


def template_in_use(template: AssessmentTemplate) -> bool:
    """Whether cycles have scored (or are scoring) against the template: then it is frozen, and
    an edit goes into a new version so that their assessments keep the criteria they used."""
    return template.frozen or template.cycles.exists()


def templates_usable_by(agency: Agency):
    """Provincial templates and those of the agency or an agency above it."""
    ancestor_ids = [int(pk) for pk in (agency.path or "").strip("/").split("/") if pk]
    return AssessmentTemplate.objects.filter(
        Q(agency__isnull=True) | Q(agency_id__in=ancestor_ids)
    ).order_by("name", "-version")


def cycle_auxiliaries(cycle: Cycle):
    """The auxiliaries on duty (Art. 20: holding a valid credential) whom a cycle covers; a
    person whose credential is revoked, suspended or expired is off duty and left out."""
    queryset = Auxiliary.objects.filter(status__in=ON_DUTY_STATUSES)
    if cycle.include_subordinates:
        return queryset.filter(agency__path__startswith=cycle.agency.path)
    return queryset.filter(agency=cycle.agency)


# --------------------------------------------------------------------------- scoring


def snapshot(assessment: Assessment) -> dict:
    """Everything an assessment says, as plain data for a revision."""
    return {
        "scores": [
            {
                "criterion": s.criterion_id,
                "name": s.criterion.name,
                "score": str(s.score),
                "comment": s.comment,
            }
            for s in assessment.scores.select_related("criterion").order_by(
                "criterion__sort_order", "criterion_id"
            )
        ],
        "days_absent": assessment.days_absent,
        "late_arrivals": assessment.late_arrivals,
        "general_comment": assessment.general_comment,
        "violations": [
            {"item": v.item, "date": v.date.isoformat(), "description": v.description}
            for v in assessment.violations.filter(withdrawn_at__isnull=True)
        ],
        "total": str(assessment.total),
        "grade_code": assessment.grade_code,
        "grade_label": assessment.grade_label,
        "outcome": assessment.outcome,
        "outcome_label": assessment.outcome_label,
        "reasons": assessment.reasons,
        "commend": assessment.commend,
        "contract_decision_due": assessment.contract_decision_due,
    }


def amendment_initial(assessment: Assessment) -> dict[str, str]:
    """The current values in the form's flat shape, to start an amendment from."""
    data = {
        "days_absent": str(assessment.days_absent or 0),
        "late_arrivals": str(assessment.late_arrivals or 0),
        "general_comment": assessment.general_comment,
    }
    for score in assessment.scores.all():
        data[f"score_{score.criterion_id}"] = plain_number(score.score)
        data[f"comment_{score.criterion_id}"] = score.comment
    for index, v in enumerate(assessment.violations.filter(withdrawn_at__isnull=True)):
        data[f"violation_item_{index}"] = str(v.item)
        data[f"violation_date_{index}"] = v.date.isoformat()
        data[f"violation_description_{index}"] = v.description
    return data


# --------------------------------------------------------------------------- responses and decisions


def response_days() -> int:
    return int(getattr(settings, "ASSESSMENT_RESPONSE_DAYS", 7))


def response_deadline(assessment: Assessment) -> datetime.datetime | None:
    if assessment.submitted_at is None:
        return None
    return assessment.submitted_at + datetime.timedelta(days=response_days())


def can_respond(assessment: Assessment, *, now: datetime.datetime | None = None) -> bool:
    deadline = response_deadline(assessment)
    return bool(
        assessment.is_locked
        and not assessment.response
        and deadline is not None
        and (now or timezone.now()) <= deadline
    )


def decision_blocker(assessment: Assessment) -> str:
    """Why no decision can be recorded yet ('' when one can)."""
    if not assessment.is_locked:
        return _("The assessment has not been submitted yet.")
    if hasattr(assessment, "decision"):
        return _("The final decision has already been recorded.")
    if assessment.response == Response.OBJECTED and not assessment.resolution:
        return _("Answer the auxiliary's objection first.")
    if can_respond(assessment):
        # Deciding first would take away the auxiliary's chance to object.
        return _(
            "The auxiliary may acknowledge or object until %(deadline)s; decide after that."
        ) % {
            "deadline": timezone.localtime(response_deadline(assessment)).strftime("%Y-%m-%d %H:%M")
        }
    return ""


# --------------------------------------------------------------------------- people


def agency_admins(agency: Agency):
    """The admins of the agency (the people who open its cycles and answer objections)."""
    ids = UserProfile.objects.filter(role=Role.AGENCY_ADMIN, agency=agency).values("user_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True)


# --------------------------------------------------------------------------- training hours


@dataclass(frozen=True)
class HoursValue:
    """A training-hours criterion's value for one assessment, with what it was computed from
    (shown to the supervisor, kept as the score's comment)."""

    score: Decimal
    year: int
    done: Decimal
    required: Decimal
    credited: Decimal
    period_hours: Decimal
    missing: dict[str, Decimal]  # category name → hours its minimum still lacks

    @property
    def met(self) -> bool:
        return self.credited >= self.required

    def basis(self) -> str:
        """One line: where the value comes from (stored with the score)."""
        text = _(
            "From the training ledger: %(year)s hours %(done)s of the %(required)s required"
            " (%(period)s in the assessment period); score = %(score)s."
        ) % {
            "year": self.year,
            "done": fmt_hours(self.done),
            "required": fmt_hours(self.required),
            "period": fmt_hours(self.period_hours),
            "score": plain_number(self.score),
        }
        if self.missing:
            lacking = "、".join(f"{name} {fmt_hours(h)}" for name, h in self.missing.items())
            text += " " + _("Category minimums still lacking: %(list)s.") % {"list": lacking}
        return text


def hours_values(*, assessment: Assessment, criteria: Iterable[Criterion]) -> dict[int, HoursValue]:
    """{criterion id: value} for the template's training-hours criteria (none: no query).
    The hours are the person's for the cycle's period and the year it ends in
    (training.selectors.PeriodHours); the score follows rules.hours_score."""
    hours_criteria = [c for c in criteria if c.measure == rules.HOURS_MEASURE]
    if not hours_criteria:
        return {}
    cycle, person = assessment.cycle, assessment.auxiliary
    hours = PeriodHours(
        Auxiliary.objects.filter(pk=person.pk).values("pk"),
        start=cycle.period_start,
        end=cycle.period_end,
    ).of(person.pk, person.agency.path)
    result = hours.standing
    # What the year asks (with only category minimums set: what is done plus what they lack)
    # and what of it is done; hours beyond a category's share do not make up its minimum.
    required = result.required or result.done + result.missing
    credited = required - result.missing
    missing: dict[str, Decimal] = {}
    if result.missing_by_category:
        names = dict(TrainingCategory.objects.values_list("pk", "name"))
        missing = {names.get(cat, str(cat)): h for cat, h in result.missing_by_category.items()}
    return {
        c.pk: HoursValue(
            score=rules.hours_score(credited=credited, required=required, max_score=c.max_score),
            year=hours.year,
            done=result.done,
            required=required,
            credited=credited,
            period_hours=hours.period_hours,
            missing=missing,
        )
        for c in hours_criteria
    }
