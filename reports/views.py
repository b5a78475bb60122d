"""Report pages: the cycle's report panel, the reports index, status polling and downloads.
Every lookup goes through the scoped selectors; outside the scope is 404, even with the URL."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from lms.permissions import get_scoped_or_404, visible_agencies
from lms.views import staff_required
from reports import selectors, services
from reports.builders import item_analysis_available
from reports.models import ReportFile, ReportKind, ReportStatus

LIST_LIMIT = 20


def status_payload(report: ReportFile) -> dict:
    return {
        "id": report.pk,
        "status": report.status,
        "status_label": str(report.get_status_display()),
        "rows_total": report.rows_total,
        "rows_written": report.rows_written,
        "percent": report.percent,
        "error": report.error,
        "download_url": (
            reverse("reports:download", args=[report.pk])
            if report.status == ReportStatus.DONE and report.file
            else ""
        ),
        "retry_url": (
            reverse("reports:retry", args=[report.pk])
            if report.status == ReportStatus.FAILED
            else ""
        ),
    }


@staff_required
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
            "item_analysis_available": item_analysis_available(),
            "retention_days": services.retention_days(),
        },
    )


@staff_required
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
            "may_roll_up": services.may_roll_up(request.user),
            "retention_days": services.retention_days(),
        },
    )


@staff_required
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
@staff_required
def status_json(request, report_id: int):
    report = get_scoped_or_404(selectors.visible_report_files(request.user), pk=report_id)
    return JsonResponse(status_payload(report))


@staff_required
def download(request, report_id: int):
    report = get_scoped_or_404(selectors.visible_report_files(request.user), pk=report_id)
    if report.status != ReportStatus.DONE or not report.file:
        raise Http404
    try:
        handle = report.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=services.report_file_name(report))
    response["Cache-Control"] = "private, no-store"
    return response


@staff_required
@require_POST
def retry(request, report_id: int):
    report = get_scoped_or_404(selectors.visible_report_files(request.user), pk=report_id)
    services.report_retry(report=report)
    messages.success(request, _("The report is being built again."))
    if report.cycle_id:
        return redirect("reports:cycle", cycle_id=report.cycle_id)
    return redirect("reports:index")
