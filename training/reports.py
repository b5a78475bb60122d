"""The hours workbook of an agency (and everything under it) for one year: a sheet by person
(hours per category, total, required, met) and a sheet by agency. Built in the background
through the one job pipeline (lms.jobs); every text cell through lms.spreadsheets."""

from __future__ import annotations

import io
import logging
import secrets
from collections import defaultdict
from decimal import Decimal

import xlsxwriter
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import translation

from lms.jobs.services import job_claim, job_fail, job_finish, job_progress
from lms.models import ON_ROLL_STATUSES, Auxiliary
from lms.spreadsheets import write_text, write_text_row
from training import selectors
from training.hours import fmt_hours
from training.models import HoursReport

logger = logging.getLogger(__name__)
BATCH = 500


def _people(report: HoursReport):
    return Auxiliary.objects.filter(
        agency__path__startswith=report.agency.path, status__in=ON_ROLL_STATUSES
    ).order_by("agency__path", "name", "pk")


def hours_workbook(report: HoursReport, progress=None) -> tuple[bytes, int]:
    categories = selectors.categories()
    people = _people(report)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet("按人员")
    write_text_row(
        sheet, 0, 0,
        ["姓名", "身份证号", "单位", "岗位", *[c.name for c in categories], "合计", "应完成", "是否达标"],
        bold,
    )  # fmt: skip
    by_agency: dict[int, list] = defaultdict(lambda: [None, 0, 0, Decimal("0")])
    written = 0
    ids = list(people.values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = people.filter(pk__in=ids[start : start + BATCH])
        for row in selectors.standings(chunk, report.year):
            written += 1
            person, totals, standing = row.auxiliary, row.totals, row.standing
            write_text_row(
                sheet, written, 0,
                [person.name, person.masked_id_number, person.agency.name, person.post],
            )  # fmt: skip
            col = 4
            for category in categories:
                sheet.write_number(written, col, float(totals.of(category.pk)))
                col += 1
            sheet.write_number(written, col, float(standing.done))
            sheet.write_number(written, col + 1, float(standing.required))
            write_text(sheet, written, col + 2, "是" if standing.met else "否")
            line = by_agency[person.agency_id]
            line[0] = person.agency
            line[1] += 1
            line[2] += 1 if standing.met else 0
            line[3] += standing.done
        if progress is not None:
            progress(written, len(ids))
    agencies = book.add_worksheet("按单位")
    write_text_row(agencies, 0, 0, ["单位", "人数", "达标人数", "达标率", "人均学时"], bold)
    for index, (agency, count, met, hours) in enumerate(
        sorted(by_agency.values(), key=lambda line: line[0].path), start=1
    ):
        write_text(agencies, index, 0, agency.name)
        agencies.write_number(index, 1, count)
        agencies.write_number(index, 2, met)
        write_text(agencies, index, 3, f"{round(100 * met / count)}%")
        write_text(agencies, index, 4, fmt_hours(hours / count))
    book.close()
    return buffer.getvalue(), written


def hours_report_build(*, report_id: int) -> HoursReport:
    report = HoursReport.objects.select_related("agency").get(pk=report_id)
    if not job_claim(job=report):
        return report
    try:
        with translation.override(settings.LANGUAGE_CODE):
            data, written = hours_workbook(
                report, lambda done, total: job_progress(job=report, done=done, total=total)
            )
        report.file.save(f"{report.pk}-{secrets.token_hex(16)}.xlsx", ContentFile(data), save=False)
        job_finish(job=report, done=written, update_fields=("file",))
    except Exception as exc:  # the person who asked must see the failure
        logger.exception("training hours report %s failed", report.pk)
        job_fail(job=report, error=str(exc) or exc.__class__.__name__)
    return report
