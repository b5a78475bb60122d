"""`bench roster-import`: validate and import a synthetic roster of N rows."""

from __future__ import annotations

import csv
import datetime
import io
import time

from django.db import connection, transaction

from bench.measure import peak_rss_mb
from lms import roster_import
from lms.idcard import make_id_number
from lms.models import Agency, AgencyLevel


def add_arguments(parser):
    parser.add_argument("--rows", type=int, default=10_000)


def _synthetic_csv(rows: int) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["姓名", "性别", "身份证号", "手机号", "学历", "聘用方式", "合同开始日期",
                     "合同结束日期", "岗位", "职责", "工作区域"])  # fmt: skip
    for n in range(rows):
        birth = datetime.date(1980 + n % 20, 1 + n % 12, 1 + n % 28)
        writer.writerow([
            f"压测{n}", "男", make_id_number(f"9{n // 1000:05d}"[:6], birth, n % 1000),
            f"170{n:08d}", "高中", "劳务派遣", "2026-01-01", "2028-12-31", "巡查劝导辅助岗",
            "5、6", "一片区",
        ])  # fmt: skip
    return buffer.getvalue().encode("gb18030")


def run(options, stdout) -> dict:
    rows = options["rows"]
    data = _synthetic_csv(rows)
    with transaction.atomic():
        agency, _ = Agency.objects.get_or_create(
            code="BENCHROSTER",
            defaults={"name": "压测单位", "region": "压测", "level": AgencyLevel.COUNTY},
        )
        started = time.perf_counter()
        parsed = roster_import.read_rows(data, "bench.csv")
        report = roster_import.validate_rows(parsed, agency=agency)
        validated = time.perf_counter()
        assert report.ok, report.errors[:3]
        roster_import.roster_import_rows(rows=report.rows, agency=agency, actor=None)
        imported = time.perf_counter()
        # Measure only: leave the database as it was.
        transaction.set_rollback(True)
    return {
        "rows": rows,
        "database": connection.vendor,
        "validate_seconds": round(validated - started, 2),
        "import_seconds": round(imported - validated, 2),
        "total_seconds": round(imported - started, 2),
        "rows_per_second": round(rows / (imported - started)),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


HELP = "validate and import a synthetic roster (rolled back afterwards)"
