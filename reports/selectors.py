"""Reads for reports: the streamed rows of a renewal report, its summary counts, the notes, and
the report files a user may see.

The renewal rows are read with one query whatever the row count: scores, violations and the
credential number arrive as correlated sub-queries on the same row, and rows come as tuples
(``values_list``) rather than model instances. ``assessments.selectors.report_rows`` builds
rich objects (seven model instances and a prefetch per chunk of 2,000), which is right for
pages and too slow for 100,000-row files; this module reads the same models for the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import (
    Aggregate,
    CharField,
    Count,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat, Length

from assessments import rules
from assessments.models import (
    Assessment,
    AssessmentStatus,
    Criterion,
    CriterionScore,
    Cycle,
    Response,
    Violation,
)
from credentials.models import CURRENT_STATUSES, Credential
from lms.idcard import mask_id_number
from lms.models import Agency
from lms.permissions import scope_agency_queryset, scope_for
from reports.models import ReportFile

CHUNK_SIZE = 2000


class GroupConcat(Aggregate):
    """Comma-joined text: GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s)"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(%(expressions)s, ',')",
            **extra_context,
        )


def _joined(queryset: QuerySet, expression) -> Subquery:
    """A correlated sub-query joining ``expression`` over ``queryset`` into one string."""
    return Subquery(
        queryset.order_by()
        .values("assessment_id")
        .annotate(joined=GroupConcat(expression))
        .values("joined"),
        output_field=CharField(),
    )


def _scores_subquery() -> Subquery:
    pair = Concat(
        Cast("criterion_id", CharField()),
        Value(":"),
        Cast("score", CharField()),
        output_field=CharField(),
    )
    return _joined(CriterionScore.objects.filter(assessment_id=OuterRef("pk")), pair)


def _violations_subquery() -> Subquery:
    return _joined(
        Violation.objects.filter(assessment_id=OuterRef("pk"), withdrawn_at__isnull=True),
        Cast("item", CharField()),
    )


def _credential_subquery() -> Coalesce:
    """The credential in force (at most one per person, by constraint: a plain index lookup),
    else the latest one; COALESCE only looks for the latest when there is none in force."""
    current = Credential.objects.filter(
        auxiliary_id=OuterRef("auxiliary_id"), status__in=CURRENT_STATUSES
    ).values("number")[:1]
    latest = (
        Credential.objects.filter(auxiliary_id=OuterRef("auxiliary_id"))
        .order_by("-pk")
        .values("number")[:1]
    )
    return Coalesce(
        Subquery(current, output_field=CharField()),
        Subquery(latest, output_field=CharField()),
        output_field=CharField(),
    )


# --------------------------------------------------------------------------- scope and meta


def report_assessments(*, cycle: Cycle, agency: Agency) -> QuerySet:
    """The cycle's assessments of people in ``agency`` and the agencies under it."""
    return Assessment.objects.filter(cycle=cycle, auxiliary__agency__path__startswith=agency.path)


def report_criteria(*, cycle: Cycle) -> list[Criterion]:
    return list(
        Criterion.objects.filter(template_id=cycle.template_id).order_by("sort_order", "pk")
    )


def report_bands(*, cycle: Cycle) -> list[rules.GradeBand]:
    return cycle.template.grade_bands()


# --------------------------------------------------------------------------- summary


@dataclass
class Counts:
    """One summary line: an agency, or the whole report."""

    agency_id: int | None
    name: str
    code: str
    total: int = 0
    submitted: int = 0
    acknowledged: int = 0
    objected: int = 0
    grades: dict[str, int] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)

    def add(self, other: Counts) -> None:
        self.total += other.total
        self.submitted += other.submitted
        self.acknowledged += other.acknowledged
        self.objected += other.objected
        for code, n in other.grades.items():
            self.grades[code] = self.grades.get(code, 0) + n
        for code, n in other.outcomes.items():
            self.outcomes[code] = self.outcomes.get(code, 0) + n

    def share(self, n: int) -> float:
        return n / self.total if self.total else 0.0


@dataclass
class RenewalSummary:
    per_agency: list[Counts]
    totals: Counts
    longest: dict[str, int]  # longest text per column key, for deliberate column widths


GRADE_CODES = [code for code, _label, _min in rules.DEFAULT_GRADE_BANDS]
OUTCOME_CODES = [outcome.value for outcome in rules.Outcome]


def renewal_summary(*, cycle: Cycle, agency: Agency) -> RenewalSummary:
    """Counts per agency, in one grouped query (independent of the number of rows)."""
    submitted = Q(status=AssessmentStatus.SUBMITTED)
    aggregates = {
        "total": Count("pk"),
        "submitted": Count("pk", filter=submitted),
        "acknowledged": Count("pk", filter=Q(response=Response.ACKNOWLEDGED)),
        "objected": Count("pk", filter=Q(response=Response.OBJECTED)),
        "longest_name": Max(Length("auxiliary__name")),
        "longest_post": Max(Length("auxiliary__post")),
        "longest_supervisor": Max(Length("supervisor__profile__display_name")),
    }
    for code in GRADE_CODES:
        aggregates[f"grade_{code}"] = Count("pk", filter=submitted & Q(grade_code=code))
    for code in OUTCOME_CODES:
        aggregates[f"outcome_{code}"] = Count("pk", filter=submitted & Q(outcome=code))
    rows = (
        report_assessments(cycle=cycle, agency=agency)
        .order_by()
        .values(
            "auxiliary__agency_id",
            "auxiliary__agency__name",
            "auxiliary__agency__code",
            "auxiliary__agency__path",
        )
        .annotate(**aggregates)
        .order_by("auxiliary__agency__path")
    )
    per_agency: list[Counts] = []
    totals = Counts(agency.pk, agency.name, agency.code)
    longest = {"name": 0, "post": 0, "supervisor": 0, "agency": 0}
    for row in rows:
        counts = Counts(
            row["auxiliary__agency_id"],
            row["auxiliary__agency__name"],
            row["auxiliary__agency__code"],
            total=row["total"],
            submitted=row["submitted"],
            acknowledged=row["acknowledged"],
            objected=row["objected"],
            grades={code: row[f"grade_{code}"] for code in GRADE_CODES},
            outcomes={code: row[f"outcome_{code}"] for code in OUTCOME_CODES},
        )
        per_agency.append(counts)
        totals.add(counts)
        for key in ("name", "post", "supervisor"):
            longest[key] = max(longest[key], row[f"longest_{key}"] or 0)
        longest["agency"] = max(longest["agency"], len(counts.name))
    return RenewalSummary(per_agency=per_agency, totals=totals, longest=longest)


# --------------------------------------------------------------------------- detail rows

DETAIL_FIELDS = (
    "pk",
    "auxiliary__name",
    "auxiliary__id_number",
    "auxiliary__agency__name",
    "credential_number",
    "auxiliary__post",
    "supervisor__profile__display_name",
    "supervisor__username",
    "auxiliary__supervisor__profile__display_name",
    "auxiliary__supervisor__username",
    "status",
    "score_pairs",
    "total",
    "grade_label",
    "days_absent",
    "late_arrivals",
    "violation_items",
    "outcome",
    "reasons",
    "auxiliary__contract_end",
    "response",
    "resolution",
    "decision__outcome",
)


def renewal_row_tuples(*, cycle: Cycle, agency: Agency) -> Iterator[tuple]:
    """The raw detail rows, streamed in chunks from one query."""
    queryset = (
        report_assessments(cycle=cycle, agency=agency)
        .annotate(
            credential_number=_credential_subquery(),
            score_pairs=_scores_subquery(),
            violation_items=_violations_subquery(),
        )
        .order_by("auxiliary__agency__path", "auxiliary__name", "pk")
        .values_list(*DETAIL_FIELDS)
    )
    return queryset.iterator(chunk_size=CHUNK_SIZE)


# The workbook is a Chinese document (its headers are fixed Chinese text), so its cell labels
# are fixed Chinese too, whatever language the person who asked was using.
STATUS_LABELS = {"pending": "未开始", "draft": "草稿", "submitted": "已提交"}
RESPONSE_LABELS = {"": "未确认", "acknowledged": "本人已确认", "objected": "提出异议"}
RESOLUTION_LABELS = {"": "待处理", "upheld": "维持原结果", "amended": "已更正考核结果"}


def objection_label(response: str, resolution: str) -> str:
    """One cell for the learner's response and, for an objection, its outcome."""
    if response != Response.OBJECTED:
        return RESPONSE_LABELS.get(response, response)
    return f"{RESPONSE_LABELS[response]}（{RESOLUTION_LABELS.get(resolution, resolution)}）"


def renewal_rows(*, cycle: Cycle, agency: Agency, criteria_ids: list[int]) -> Iterator[tuple]:
    """Detail rows ready to write, in the column order of ``reports.workbook.detail_columns``:
    masked ID numbers, labels instead of codes, numbers as numbers, dates as dates. Plain
    tuples, because at 100,000 rows every object per row shows in the timings."""
    status_labels = STATUS_LABELS
    outcome_labels = {outcome.value: label for outcome, label in rules.OUTCOME_LABELS.items()}
    for (
        _pk,
        name,
        id_number,
        agency_name,
        credential_number,
        post,
        sup_display,
        sup_username,
        aux_sup_display,
        aux_sup_username,
        status,
        score_pairs,
        total,
        grade_label,
        days_absent,
        late_arrivals,
        violation_items,
        outcome,
        reasons,
        contract_end,
        response,
        resolution,
        decision,
    ) in renewal_row_tuples(cycle=cycle, agency=agency):
        scores: dict[int, float] = {}
        if score_pairs:
            for pair in score_pairs.split(","):
                criterion_id, _sep, score = pair.partition(":")
                scores[int(criterion_id)] = float(score)
        violations = ""
        if violation_items:
            items = sorted({int(item) for item in violation_items.split(",")})
            violations = "、".join(f"{rules.VIOLATION_ARTICLE}.{item}" for item in items)
        yield (
            name,
            mask_id_number(id_number),
            agency_name,
            credential_number or "",
            post,
            sup_display or sup_username or aux_sup_display or aux_sup_username or "",
            status_labels.get(status, status),
            *[scores.get(criterion_id) for criterion_id in criteria_ids],
            float(total) if total is not None else None,
            grade_label,
            days_absent,
            late_arrivals,
            violations,
            outcome_labels.get(outcome, "") if outcome else "",
            "；".join(reason.get("text", "") for reason in reasons or ()),
            contract_end,
            objection_label(response, resolution),
            outcome_labels.get(decision, "") if decision else "",
        )


# --------------------------------------------------------------------------- report files


def visible_report_files(user) -> QuerySet[ReportFile]:
    """Report files whose scope root lies inside the user's scope."""
    return scope_agency_queryset(user, ReportFile.objects.all()).select_related(
        "agency", "cycle", "requested_by__profile"
    )


def cycle_report_files(*, user, cycle: Cycle) -> QuerySet[ReportFile]:
    return visible_report_files(user).filter(cycle=cycle)


def visible_cycles(user) -> QuerySet[Cycle]:
    """Cycles the user may report on: those of agencies in their scope, and those of agencies
    above theirs that include subordinate agencies (an agency admin's people are in them)."""
    scope = scope_for(user)
    cycles = Cycle.objects.select_related("agency", "template")
    if scope.is_provincial:
        return cycles
    if not scope.is_agency_wide or not scope.agency_path:
        return cycles.none()
    ancestors = [int(part) for part in scope.agency_path.strip("/").split("/") if part]
    return cycles.filter(
        Q(agency__path__startswith=scope.agency_path)
        | Q(agency_id__in=ancestors, include_subordinates=True)
    )
