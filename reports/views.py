"""Report pages: the cycle's report panel, the reports index, status polling and downloads.
Every lookup goes through the scoped selectors; outside the scope is 404, even with the URL."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lms.downloads import download_response
from lms.jobs.models import JobStatus
from lms.jobs.views import job_status_response
from lms.permissions import (
    can_roll_up_reports,
    get_scoped_or_404,
    reports_viewer_required,
    visible_agencies,
)
from reports import charts, hours, selectors, services
from reports.models import ReportFile, ReportKind

LIST_LIMIT = 20


@reports_viewer_required
def index(request):
    cycles = list(selectors.visible_cycles(request.user).order_by("-period_end", "-pk")[:50])
    training_reports = list(
        selectors.visible_report_files(request.user).filter(
            kind__in=[ReportKind.TRAINING, ReportKind.ITEM_ANALYSIS]
        )[:LIST_LIMIT]
    )
    return render(
        request,
        "reports/index.html",
        {
            "cycles": cycles,
            "training_reports": training_reports,
            "agencies": list(visible_agencies(request.user).only("pk", "name", "code", "path")),
            "retention_days": services.retention_days(),
        },
    )


@reports_viewer_required
def training_hours(request):
    """Training hours completion per agency in the viewer's scope, for a year (?year=2026)."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        year = this_year
    if not 2000 <= year <= this_year + 1:
        year = this_year
    lines, total = hours.hours_rollup(user=request.user, year=year)
    title = _("Share of people in service who met the year's training hours")
    chart = charts.hbar_chart(
        [charts.Bar(line.agency.name, line.percent, f"{line.percent}%",
                    "ok" if line.percent >= 80 else "warn" if line.percent >= 50 else "bad")
         for line in lines],
        title=title, chart_id="chart-hours-rollup", maximum=100,
    )  # fmt: skip
    return render(
        request,
        "reports/hours.html",
        {"year": year, "lines": lines, "total": total, "chart": chart, "chart_title": title},
    )  # fmt: skip


@reports_viewer_required
def cycle_reports(request, cycle_id: int):
    cycle = get_scoped_or_404(selectors.visible_cycles(request.user), pk=cycle_id)
    if request.method == "POST":
        kind = request.POST.get("kind", ReportKind.RENEWAL)
        if kind not in (ReportKind.RENEWAL, ReportKind.RENEWAL_ROLLUP):
            raise Http404
        services.report_request(user=request.user, kind=kind, cycle=cycle)
        messages.success(request, _("The report is being built. You can stay on this page."))
        return redirect("reports:cycle", cycle_id=cycle.pk)
    reports = list(selectors.cycle_report_files(user=request.user, cycle=cycle)[:LIST_LIMIT])
    return render(
        request,
        "reports/cycle.html",
        {
            "cycle": cycle,
            "reports": reports,
            "scope_root": services.report_scope_root(user=request.user, cycle=cycle),
            "may_roll_up": can_roll_up_reports(request.user),
            "retention_days": services.retention_days(),
        },
    )


@reports_viewer_required
@require_POST
def training_request(request):
    agency = get_scoped_or_404(visible_agencies(request.user), pk=request.POST.get("agency"))
    kind = request.POST.get("kind", ReportKind.TRAINING)
    if kind not in (ReportKind.TRAINING, ReportKind.ITEM_ANALYSIS):
        raise Http404
    try:
        services.report_request(user=request.user, kind=kind, agency=agency)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("The report is being built. You can stay on this page."))
    return redirect("reports:index")


@never_cache
@reports_viewer_required
def status_json(request, report_id: int):
    report = get_scoped_or_404(selectors.visible_report_files(request.user), pk=report_id)
    return job_status_response(
        report,
        download_url=reverse("reports:download", args=[report.pk]) if report.file else "",
        retry_url=(
            reverse("reports:retry", args=[report.pk]) if report.status == JobStatus.FAILED else ""
        ),
    )


@reports_viewer_required
def download(request, report_id: int):
    report = get_scoped_or_404(selectors.visible_report_files(request.user), pk=report_id)
    if not (
        report.status == JobStatus.DONE
        and report.file
        and report.file.storage.exists(report.file.name)
    ):
        # A link followed too early (a bookmark, a second tab, a stale page) is not an error
        # of the URL: say where the build stands and where to go, instead of a bare 404.
        return render(
            request,
            "reports/not_ready.html",
            {"report": report, "back_url": _back_url(report)},
        )
    label, ascii_label = services.REPORT_FILE_LABELS[report.kind]
    return download_response(
        report.file,
        label,
        ascii_label,
        report.agency,
        extension="xlsx",
        on=timezone.localtime(report.created_at).date(),
    )


def _back_url(report: ReportFile) -> str:
    if report.cycle_id:
        return reverse("reports:cycle", args=[report.cycle_id])
    return reverse("reports:index")


@reports_viewer_required
@require_POST
def retry(request, report_id: int):
    report = get_scoped_or_404(selectors.visible_report_files(request.user), pk=report_id)
    services.report_retry(report=report)
    messages.success(request, _("The report is being built again."))
    return redirect(_back_url(report))
