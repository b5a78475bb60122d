"""`python manage.py renewal_report --cycle ID [--agency CODE] --out FILE.xlsx`: build a
renewal report in this process, through the same code as the background task."""

from __future__ import annotations

import shutil
import time

from django.core.management.base import BaseCommand, CommandError

from assessments.models import Cycle
from lms.jobs.models import JobStatus
from lms.models import Agency
from reports.models import ReportKind
from reports.services import report_build_now


class Command(BaseCommand):
    help = "Build a cycle's renewal report (.xlsx) synchronously and save it to --out."

    def add_arguments(self, parser):
        parser.add_argument("--cycle", type=int, required=True, help="assessment cycle id")
        parser.add_argument("--agency", help="agency code (default: the cycle's agency)")
        parser.add_argument("--out", required=True, help="where to write the .xlsx")

    def handle(self, *args, cycle, agency, out, **options):
        try:
            cycle_obj = Cycle.objects.select_related("agency").get(pk=cycle)
        except Cycle.DoesNotExist:
            raise CommandError(f"no assessment cycle with id {cycle}") from None
        root = cycle_obj.agency
        if agency:
            try:
                root = Agency.objects.get(code=agency)
            except Agency.DoesNotExist:
                raise CommandError(f"no agency with code {agency}") from None
            if not root.path.startswith(cycle_obj.agency.path) and not (
                cycle_obj.agency.path.startswith(root.path)
            ):
                raise CommandError(f"agency {agency} is not part of cycle {cycle}")
        kind = ReportKind.RENEWAL_ROLLUP if root.children.exists() else ReportKind.RENEWAL
        started = time.perf_counter()
        report = report_build_now(kind=kind, agency=root, cycle=cycle_obj)
        if report.status != JobStatus.DONE:
            raise CommandError(report.error)
        with report.file.open("rb") as source, open(out, "wb") as target:
            shutil.copyfileobj(source, target)
        self.stdout.write(f"{out}: {report.done} rows, {time.perf_counter() - started:.1f} s")
