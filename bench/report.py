"""`bench report --rows N [--json]`: build the renewal roll-up of a synthetic cycle of N people
(two in three with training hours) through the real code path, and compare it with bare
xlsxwriter writing the same rows.

The synthetic people, credentials and the cycle stay in the database and are reused by the
next run of the same size (creating 100,000 people takes longer than the report itself).
"""

from __future__ import annotations

import datetime
import os
import tempfile
import time
from decimal import Decimal

import xlsxwriter
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments import rules
from assessments.models import (
    Assessment,
    AssessmentTemplate,
    Criterion,
    CriterionScore,
    Cycle,
    GradeBandRow,
    Violation,
)
from bench.measure import peak_rss_mb, reset_peak_rss
from courses.models import TrainingCategory
from credentials.models import Credential
from lms.idcard import make_id_number
from lms.jobs.models import JobStatus
from lms.models import (
    Agency,
    AgencyLevel,
    Auxiliary,
    AuxiliaryStatus,
    Education,
    HireMethod,
    Role,
    UserProfile,
)
from reports import selectors
from reports.models import ReportKind
from reports.services import report_build_now
from reports.workbook import detail_columns
from training.models import Ledger, LedgerEntry, Requirement, Source

ROOT_CODE = "BENCHRPT"
COUNTIES = 10
SUPERVISORS = 40
BATCH = 5000


def add_arguments(parser):
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument(
        "--repeat", type=int, default=1, help="run each side N times and keep the fastest"
    )


def _agencies():
    root, _ = Agency.objects.get_or_create(
        code=ROOT_CODE,
        defaults={"name": "压测市执法局", "region": "压测", "level": AgencyLevel.CITY},
    )
    counties = []
    for index in range(1, COUNTIES + 1):
        county, _ = Agency.objects.get_or_create(
            code=f"{ROOT_CODE}{index:02d}",
            defaults={"name": f"压测第{index}县综合行政执法局", "region": "压测",
                      "level": AgencyLevel.COUNTY, "parent": root},
        )  # fmt: skip
        counties.append(county)
    return root, counties


def _supervisors(counties):
    user_model = get_user_model()
    users = []
    for index in range(SUPERVISORS):
        user, created = user_model.objects.get_or_create(username=f"benchsup{index:03d}")
        if created:
            UserProfile.objects.create(
                user=user, role=Role.SUPERVISOR, agency=counties[index % COUNTIES],
                display_name=f"压测执法员{index:03d}",
            )  # fmt: skip
        users.append(user)
    return users


def _template():
    template = AssessmentTemplate.objects.filter(name="压测考核模板").first()
    if template:
        return template
    template = AssessmentTemplate.objects.create(name="压测考核模板", frozen=True)
    for index, (section, name, weight) in enumerate(
        [("de", "政治素质与职业道德", 20), ("neng", "业务能力", 20), ("qin", "出勤与纪律", 20),
         ("ji", "任务完成情况", 25), ("lian", "廉洁自律", 15)]
    ):  # fmt: skip
        Criterion.objects.create(
            template=template, section=section, name=name, weight=Decimal(weight),
            max_score=Decimal(10), sort_order=index,
        )  # fmt: skip
    for index, (code, label, minimum) in enumerate(
        [("excellent", "优秀", 90), ("pass", "合格", 75), ("basic", "基本合格", 60),
         ("fail", "不合格", 0)]
    ):  # fmt: skip
        GradeBandRow.objects.create(
            template=template, code=code, label=label, minimum=Decimal(minimum), sort_order=index
        )
    return template


def _ensure_people(rows: int, counties, supervisors) -> list[int]:
    """Auxiliary ids of the first ``rows`` synthetic people, creating the missing ones."""
    county_ids = [county.pk for county in counties]
    existing = list(
        Auxiliary.objects.filter(agency_id__in=county_ids, name__startswith="压测")
        .order_by("pk")
        .values_list("pk", flat=True)[:rows]
    )
    start = len(existing)
    for first in range(start, rows, BATCH):
        batch = []
        for n in range(first, min(rows, first + BATCH)):
            birth = datetime.date(1980 + n % 20, 1 + n % 12, 1 + n % 28)
            batch.append(
                Auxiliary(
                    agency_id=county_ids[n % COUNTIES],
                    name=f"压测{n:06d}",
                    gender="M" if n % 2 else "F",
                    birth_date=birth,
                    # Region 7xxxxx: `bench exam` uses 8xxxxx in the same database.
                    id_number=make_id_number(f"7{n // 1000:05d}", birth, n % 1000),
                    education=Education.SENIOR_HIGH,
                    hire_method=HireMethod.LABOUR_DISPATCH,
                    contract_start=datetime.date(2025, 1, 1),
                    contract_end=datetime.date(2026 + n % 4, 1 + n % 12, 28),
                    post="巡查劝导辅助岗" if n % 3 else "窗口服务与资料录入辅助岗",
                    duties=[5, 6],
                    supervisor_id=supervisors[n % SUPERVISORS].pk,
                    status=AuxiliaryStatus.CREDENTIALED,
                )
            )
        with transaction.atomic():
            created = Auxiliary.objects.bulk_create(batch)
            Credential.objects.bulk_create(
                Credential(
                    auxiliary_id=aux.pk,
                    number=f"压测-{aux.agency_id}-{aux.pk:07d}",
                    issued_on=datetime.date(2025, 3, 1),
                    valid_until=datetime.date(2027, 3, 1),
                )
                for aux in created
            )
        existing.extend(aux.pk for aux in created)
    return existing


def _ensure_cycle(rows: int):
    """The synthetic cycle of ``rows`` people (reused when it exists)."""
    root, counties = _agencies()
    name = f"压测考核周期（{rows}人）"
    cycle = Cycle.objects.filter(agency=root, name=name).first()
    if cycle and cycle.assessments.count() == rows:
        return root, cycle, False
    supervisors = _supervisors(counties)
    template = _template()
    people = _ensure_people(rows, counties, supervisors)
    if cycle is None:
        cycle = Cycle.objects.create(
            agency=root, name=name, period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 6, 30), due_date=datetime.date(2026, 7, 31),
            template=template, include_subordinates=True,
        )  # fmt: skip
    criteria = list(Criterion.objects.filter(template=template).order_by("sort_order"))
    done = set(cycle.assessments.values_list("auxiliary_id", flat=True))
    todo = [pk for pk in people if pk not in done]
    grades = [("excellent", "优秀"), ("pass", "合格"), ("pass", "合格"), ("basic", "基本合格"),
              ("fail", "不合格")]  # fmt: skip
    now = timezone.now()
    for first in range(0, len(todo), BATCH):
        assessments = []
        for offset, aux_id in enumerate(todo[first : first + BATCH]):
            n = first + offset
            submitted = n % 10 != 0
            code, label = grades[n % len(grades)]
            outcome = {"excellent": "renew", "pass": "renew", "basic": "renew_correct"}.get(
                code, "dismiss"
            )
            reasons = [{"rule": "renew", "article": 24, "item": None,
                        "text": f"考核等次为{label}（第二十四条）"}]  # fmt: skip
            assessments.append(
                Assessment(
                    cycle=cycle, auxiliary_id=aux_id,
                    supervisor_id=supervisors[n % SUPERVISORS].pk,
                    status="submitted" if submitted else "pending",
                    days_absent=n % 4 if submitted else None,
                    late_arrivals=n % 3 if submitted else None,
                    total=Decimal(55 + n % 45) if submitted else None,
                    grade_code=code if submitted else "", grade_label=label if submitted else "",
                    outcome=outcome if submitted else "", reasons=reasons if submitted else [],
                    submitted_at=now if submitted else None,
                    response=("acknowledged", "objected", "")[n % 3] if submitted else "",
                )
            )  # fmt: skip
        with transaction.atomic():
            created = Assessment.objects.bulk_create(assessments)
            CriterionScore.objects.bulk_create(
                (
                    CriterionScore(
                        assessment_id=a.pk,
                        criterion_id=c.pk,
                        score=Decimal(6 + (a.pk + index) % 5),
                    )  # fmt: skip
                    for a in created
                    if a.status == "submitted"
                    for index, c in enumerate(criteria)
                ),
                batch_size=BATCH,
            )
            Violation.objects.bulk_create(
                Violation(
                    assessment_id=a.pk,
                    item=(3, 9)[a.pk % 2],
                    date=datetime.date(2026, 3, 1),
                    description="压测记录",
                )  # fmt: skip
                for a in created
                if a.status == "submitted" and a.pk % 20 == 0
            )
        del assessments, created
    assert rules  # the synthetic results follow the default bands
    return root, cycle, True


def _ensure_hours(root, cycle) -> bool:
    """Training hours for two people in three (two entries each) and the city's requirement,
    so that the detail sheet's training columns read a real ledger."""
    people = list(cycle.assessments.order_by("auxiliary_id").values_list("auxiliary_id", flat=True))
    # A subquery, not the list: 100,000 bound parameters exceed PostgreSQL's 65,535.
    have = set(
        Ledger.objects.filter(
            auxiliary_id__in=cycle.assessments.values("auxiliary_id"), year=cycle.period_end.year
        ).values_list("auxiliary_id", flat=True)
    )
    todo = [pk for index, pk in enumerate(people) if index % 3 and pk not in have]
    law, skill = list(TrainingCategory.objects.order_by("pk")[:2])
    Requirement.objects.get_or_create(agency=root, defaults={"total_hours": Decimal(24)})
    for first in range(0, len(todo), BATCH):
        with transaction.atomic():
            ledgers = Ledger.objects.bulk_create(
                Ledger(auxiliary_id=pk, year=cycle.period_end.year)
                for pk in todo[first : first + BATCH]
            )
            LedgerEntry.objects.bulk_create(
                LedgerEntry(
                    ledger=ledger,
                    date=datetime.date(2026, 3 + index, 1),
                    title="压测培训",
                    category=cat,
                    hours=Decimal(4 + ledger.pk % 12),
                    source=Source.CLASSROOM,
                )  # fmt: skip
                for ledger in ledgers
                for index, cat in enumerate((law, skill))
            )
    return bool(todo)


def _bare_write(path: str, headers: list[str], rows: list[tuple]) -> None:
    book = xlsxwriter.Workbook(path, {"constant_memory": True, "default_date_format": "yyyy-mm-dd"})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, headers)
    for index, row in enumerate(rows, start=1):
        sheet.write_row(index, 0, row)
    book.close()


def run(options, stdout) -> dict:
    rows = options["rows"]
    started = time.perf_counter()
    root, cycle, created = _ensure_cycle(rows)
    created = _ensure_hours(root, cycle) or created
    setup_seconds = time.perf_counter() - started

    if created and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh statistics for the planner after bulk inserts
    repeat = max(1, options.get("repeat") or 1)

    def build_report():
        started, cpu = time.perf_counter(), time.process_time()
        report = report_build_now(kind=ReportKind.RENEWAL_ROLLUP, agency=root, cycle=cycle)
        timing = (time.perf_counter() - started, time.process_time() - cpu)
        if report.status != JobStatus.DONE:
            raise RuntimeError(report.error)
        size_mb = report.file.size / 1024 / 1024
        report.file.delete(save=False)
        report.delete()
        return timing, size_mb

    # 1. The report alone first, so that its peak memory is not inflated by the bare
    #    writer's list of rows; its queries are counted here.
    peak_reset = reset_peak_rss()
    with CaptureQueriesContext(connection) as queries:
        timing, size_mb = build_report()
    report_runs = [timing]
    report_rss = peak_rss_mb()
    statements = [query["sql"].lstrip().split(" ", 1)[0].upper() for query in queries]
    reads = sum(1 for verb in statements if verb == "SELECT")

    # 2. Bare xlsxwriter writing the same rows from a Python list (list built untimed). The
    #    repeats alternate bare and report runs, so that a busy moment on the machine slows
    #    both sides rather than one; the fastest run of each side is kept.
    criteria = selectors.report_criteria(cycle=cycle)
    summary = selectors.renewal_summary(cycle=cycle, agency=root)
    headers = [c.header for c in detail_columns(criteria=criteria, longest=summary.longest)]
    data = list(
        selectors.renewal_rows(cycle=cycle, agency=root, criteria_ids=[c.pk for c in criteria])
    )
    reset_peak_rss()
    bare_runs = []
    for attempt in range(repeat):
        fd, path = tempfile.mkstemp(suffix=".xlsx")
        os.close(fd)
        try:
            started, cpu = time.perf_counter(), time.process_time()
            _bare_write(path, headers, data)
            bare_runs.append((time.perf_counter() - started, time.process_time() - cpu))
        finally:
            os.unlink(path)
        if attempt + 1 < repeat:
            report_runs.append(build_report()[0])
    bare_rss = peak_rss_mb()
    report_seconds, report_cpu = min(report_runs)
    bare_seconds, bare_cpu = min(bare_runs)
    return {
        "rows": rows,
        "database": connection.vendor,
        "synthetic_data_created": created,
        "setup_seconds": round(setup_seconds, 1),
        "report_seconds": round(report_seconds, 2),
        "report_rows_per_second": round(rows / report_seconds),
        "report_peak_rss_mb": round(report_rss, 1),
        "report_file_mb": round(size_mb, 1),
        "report_read_queries": reads,
        "report_queries_total": len(queries),
        "bare_seconds": round(bare_seconds, 2),
        "bare_rows_per_second": round(rows / bare_seconds),
        "bare_peak_rss_mb_incl_row_list": round(bare_rss, 1),
        "ratio_report_over_bare": round(report_seconds / bare_seconds, 2),
        "report_cpu_seconds": round(report_cpu, 2),
        "bare_cpu_seconds": round(bare_cpu, 2),
        "cpu_ratio_report_over_bare": round(report_cpu / bare_cpu, 2),
        "runs_each": repeat,
        "load_average_1min": round(os.getloadavg()[0], 1),
        "peak_rss_per_phase": peak_reset,
    }


HELP = (
    "build the renewal report of a synthetic cycle of --rows people; compare with bare xlsxwriter"
)
