"""Reads for reports: the streamed rows of a renewal report, its summary counts, the notes, and
the report files a user may see.

The renewal rows are read with one query whatever the row count: scores, violations and the
credential number arrive as correlated sub-queries on the same row, labels and masking are
done in SQL, and rows come as tuples (``values_list``) rather than model instances.
``assessments.selectors.report_rows`` builds rich objects (seven model instances and a
prefetch per chunk of 2,000), which is right for pages and too slow for 100,000-row files;
this module reads the same models for the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import (
    Aggregate,
    Case,
    CharField,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, Left, Length, NullIf, Repeat, Right
from django.db.models.lookups import LessThanOrEqual

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
from lms.models import Agency
from lms.permissions import scope_by_agency, scope_for
from reports.models import ReportFile
from training.selectors import CycleHours, PeriodHours

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


def _violations_subquery() -> Subquery:
    return _joined(
        Violation.objects.filter(assessment_id=OuterRef("pk"), withdrawn_at__isnull=True),
        Cast("item", CharField()),
    )


# The status of the credential whose number the row shows: a revoked number must say so.
CREDENTIAL_STATUS_LABELS = {"active": "有效", "suspended": "已暂停", "revoked": "已吊销",
                            "expired": "已过期"}  # fmt: skip


def _credential_subquery(field: str = "number") -> Coalesce:
    """The credential in force (at most one per person, by constraint: a plain index lookup),
    else the latest one; COALESCE only looks for the latest when there is none in force.
    ``field`` is what is read from it: its number, or its status as a label."""
    credentials = Credential.objects.filter(auxiliary_id=OuterRef("auxiliary_id"))
    if field == "status_label":
        credentials = credentials.annotate(status_label=_label("status", CREDENTIAL_STATUS_LABELS))
    current = credentials.filter(status__in=CURRENT_STATUSES).values(field)[:1]
    latest = credentials.order_by("-pk").values(field)[:1]
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


def _label(field: str, labels: dict[str, str], default: str = "") -> Case:
    """The code in ``field`` as its label, in SQL."""
    return Case(
        *[When(**{field: code}, then=Value(label)) for code, label in labels.items()],
        default=Value(default),
        output_field=CharField(),
    )


def _objection_label_sql() -> Case:
    """objection_label in SQL, for every response and resolution."""
    objected = [
        When(response=Response.OBJECTED, resolution=code, then=Value(objection_label(
            Response.OBJECTED, code)))
        for code in RESOLUTION_LABELS
    ]  # fmt: skip
    acknowledged = When(
        response=Response.ACKNOWLEDGED, then=Value(RESPONSE_LABELS[Response.ACKNOWLEDGED])
    )
    return Case(*objected, acknowledged, default=Value(RESPONSE_LABELS[""]),
                output_field=CharField())  # fmt: skip


def _masked_id(field: str) -> Case:
    """lms.idcard.mask_id_number in SQL: the first four and last four kept, the rest starred."""
    length = Length(field)
    return Case(
        When(LessThanOrEqual(length, 8), then=Repeat(Value("*"), length)),
        default=Concat(Left(field, 4), Repeat(Value("*"), length - 8), Right(field, 4)),
        output_field=CharField(),
    )


class ReasonTexts(Func):
    """The ``text`` of each reason in a JSON list of reasons, joined with "；"."""

    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        template = (
            "(SELECT GROUP_CONCAT(JSON_EXTRACT(r.value, '$.text'), '；') "
            "FROM JSON_EACH(%(expressions)s) AS r)"
        )
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        template = (
            "(SELECT STRING_AGG(r.value ->> 'text', '；' ORDER BY r.n) "
            "FROM JSONB_ARRAY_ELEMENTS(%(expressions)s) WITH ORDINALITY AS r(value, n))"
        )
        return self.as_sql(compiler, connection, template=template, **extra_context)


class ExcelDate(Func):
    """A date as Excel's serial day number (days since 1899-12-30), so the file gets a real
    date cell without a date object per row in Python."""

    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "CAST(JULIANDAY(%(expressions)s) - JULIANDAY('1899-12-30') AS INTEGER)"
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_postgresql(self, compiler, connection, **extra_context):
        template = "(%(expressions)s - DATE '1899-12-30')"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def _score_subquery(criterion_id: int) -> Subquery:
    scores = CriterionScore.objects.filter(assessment_id=OuterRef("pk"), criterion_id=criterion_id)
    # A float from the database, not a Decimal to convert per cell.
    return Cast(Subquery(scores.values("score")[:1]), FloatField())


def _supervisor_label() -> Coalesce:
    """Who assessed (else the assigned supervisor): display name, else login name."""
    names = [
        "supervisor__profile__display_name",
        "supervisor__username",
        "auxiliary__supervisor__profile__display_name",
        "auxiliary__supervisor__username",
    ]
    return Coalesce(*[NullIf(name, Value("")) for name in names], Value(""),
                    output_field=CharField())  # fmt: skip


VIOLATIONS_COLUMN = "c_violations"
HOURS_AFTER = "c_late"
AUX_ID_KEY, AGENCY_PATH_KEY = "k_auxiliary", "k_agency_path"

# The workbook's labels for whether the year's training requirement is met.
HOURS_MET, HOURS_NOT_MET, HOURS_NO_RULE = "已达标", "未达标", "未设要求"


def hours_cells(hours: CycleHours) -> tuple:
    """The three training cells of a row: hours done in the period, the year's required
    hours (blank when no requirement applies) and whether the year's requirement is met."""
    result = hours.standing
    if not result.required and not result.missing_by_category:
        return (float(hours.period_hours), None, HOURS_NO_RULE)
    return (
        float(hours.period_hours),
        float(result.required),
        HOURS_MET if result.met else HOURS_NOT_MET,
    )


def _detail_cells(criteria_ids: list[int]) -> dict:
    """The detail cells as SQL expressions, by name, in the order of
    ``reports.workbook.detail_columns``: masked ID numbers, labels instead of codes, numbers
    as numbers, the contract end as an Excel serial day. Only the violations column is left
    as raw item numbers (finished in ``renewal_rows``); at 100,000 rows every step per row in
    Python shows in the timings, while the database works on its own core."""
    outcome_labels = {outcome.value: label for outcome, label in rules.OUTCOME_LABELS.items()}
    cells = {
        "c_name": F("auxiliary__name"),
        "c_id": _masked_id("auxiliary__id_number"),
        "c_agency": F("auxiliary__agency__name"),
        "c_credential": Coalesce(_credential_subquery(), Value(""), output_field=CharField()),
        "c_credential_status": Coalesce(
            _credential_subquery("status_label"), Value(""), output_field=CharField()
        ),
        "c_post": F("auxiliary__post"),
        "c_supervisor": _supervisor_label(),
        "c_status": _label("status", STATUS_LABELS),
    }
    for criterion_id in criteria_ids:
        cells[f"c_score_{criterion_id}"] = _score_subquery(criterion_id)
    cells |= {
        "c_total": Cast("total", FloatField()),
        "c_grade": F("grade_label"),
        "c_absent": F("days_absent"),
        "c_late": F("late_arrivals"),
        # The training-hours cells go here (see renewal_rows); the two keys below are read
        # for them and are not columns.
        VIOLATIONS_COLUMN: Coalesce(_violations_subquery(), Value(""), output_field=CharField()),
        "c_outcome": _label("outcome", outcome_labels),
        "c_reasons": Coalesce(ReasonTexts("reasons"), Value(""), output_field=CharField()),
        "c_contract_end": ExcelDate("auxiliary__contract_end"),
        "c_response": _objection_label_sql(),
        "c_decision": _label("decision__outcome", outcome_labels),
        AUX_ID_KEY: F("auxiliary_id"),
        AGENCY_PATH_KEY: F("auxiliary__agency__path"),
    }
    return cells


def renewal_row_values(*, cycle: Cycle, agency: Agency, criteria_ids: list[int]) -> QuerySet:
    """The detail rows as one query whose columns are the cells (see _detail_cells)."""
    return _row_values(cycle, agency, _detail_cells(criteria_ids))


def _row_values(cycle: Cycle, agency: Agency, cells: dict) -> QuerySet:
    return (
        report_assessments(cycle=cycle, agency=agency)
        .annotate(**cells)
        .order_by("auxiliary__agency__path", "auxiliary__name", "pk")
        .values_list(*cells)
    )


def connection_streams_rows(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether stream_rows streams on this database, keeping its connection busy until the
    last row (PostgreSQL outside a transaction). The one place that decides it: whoever
    writes while rows stream must use another connection exactly then."""
    connection = connections[using]
    return connection.vendor == "postgresql" and not connection.in_atomic_block


def stream_rows(queryset: QuerySet) -> Iterator[tuple]:
    """The rows of a ``values_list`` queryset, in chunks as the database produces them.

    Outside a transaction, Django's iterator() declares a WITH HOLD cursor on PostgreSQL,
    which computes the whole result before the first row arrives: about 5 s at 100,000
    renewal rows, while the workbook writer waits. psycopg's stream() receives rows in
    chunks while they are computed instead. The connection is busy until the last row, so a
    caller that writes meanwhile (progress) uses another connection (reports.services).
    """
    connection = connections[queryset.db]
    if not connection_streams_rows(queryset.db):
        yield from queryset.iterator(chunk_size=CHUNK_SIZE)
        return
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    converters = compiler.get_converters(
        [select[0] for select in compiler.select[: compiler.col_count]]
    )
    with connection.wrap_database_errors, connection.cursor() as cursor:
        rows = cursor.cursor.stream(sql, params, size=CHUNK_SIZE)
        try:
            if converters:
                yield from map(tuple, compiler.apply_converters(rows, converters))
            else:
                yield from rows
        finally:
            rows.close()  # a reader that stops early: cancel the query, free the connection


def violations_label(items: str) -> str:
    """ "3,9,3" (the joined item numbers) → "19.3、19.9"."""
    numbers = sorted({int(item) for item in items.split(",")})
    return "、".join(f"{rules.VIOLATION_ARTICLE}.{item}" for item in numbers)


def renewal_rows(*, cycle: Cycle, agency: Agency, criteria_ids: list[int]) -> Iterator[tuple]:
    """Detail rows ready to write (see renewal_row_values), streamed in chunks from one query."""
    cells = _detail_cells(criteria_ids)
    keys = list(cells)
    violations_at = keys.index(VIOLATIONS_COLUMN)
    split = keys.index(HOURS_AFTER) + 1
    # Every person's hours come from one grouped query before the rows stream.
    people = report_assessments(cycle=cycle, agency=agency).values("auxiliary_id")
    hours = PeriodHours(people, start=cycle.period_start, end=cycle.period_end)
    for row in stream_rows(_row_values(cycle, agency, cells)):
        training = hours_cells(hours.of(row[-2], row[-1]))
        items = row[violations_at]
        if items:
            row = row[:violations_at] + (violations_label(items),) + row[violations_at + 1 :]
        yield row[:split] + training + row[split:-2]


# --------------------------------------------------------------------------- report files


def visible_report_files(user) -> QuerySet[ReportFile]:
    """Report files whose scope root lies inside the user's scope."""
    return scope_by_agency(user, ReportFile.objects.all()).select_related(
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
