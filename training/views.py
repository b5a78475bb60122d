"""Training pages: thin views over training.services and training.selectors; every record is
fetched through the user's scope (lms.permissions), so another agency's record is 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.downloads import content_disposition, download_response, stored_file_response
from lms.jobs.models import JobStatus
from lms.jobs.services import job_enqueue
from lms.jobs.views import job_status_response
from lms.models import ON_ROLL_STATUSES
from lms.pdf import pdf_response
from lms.permissions import (
    can_manage_people,
    can_view_reports,
    follower_required,
    get_scoped_or_404,
    learner_required,
    managed_agencies,
    manager_required,
    reports_viewer_required,
    scope_by_agency,
    scope_queryset,
    staff_required,
    visible_agencies,
    visible_auxiliaries,
)
from training import pdf, selectors, services
from training.forms import (
    CorrectionForm,
    DecisionForm,
    OutsideForm,
    PlanForm,
    RequirementForm,
    SessionForm,
)
from training.models import (
    ClassroomSession,
    HoursReport,
    LedgerEntry,
    OutsideStatus,
    OutsideTraining,
    TrainingPlan,
)

PAGE_SIZE = 50


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


@learner_required
def mine(request):
    auxiliary = getattr(request.user, "auxiliary", None)
    if auxiliary is None:
        raise Http404
    return _person_page(request, auxiliary, own=True)


def _person_page(request, auxiliary, **extra):
    """A person's 培训档案: this year's standing, every year's record, what is due next."""
    year = timezone.localdate().year
    context = {
        "auxiliary": auxiliary,
        "now": selectors.person_standing(auxiliary, year),
        "year": year,
        "records": selectors.archive(auxiliary),
        "due": selectors.due_courses(auxiliary),
        "categories": selectors.categories(),
        **extra,
    }
    return render(request, "training/person.html", context)


@follower_required
def people(request):
    year = _year(request)
    scoped = visible_auxiliaries(request.user).filter(status__in=ON_ROLL_STATUSES)
    page = Paginator(scoped.order_by("agency__path", "name", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = selectors.standings(scoped.filter(pk__in=[p.pk for p in page.object_list]), year)
    report = None
    if can_view_reports(request.user) and request.GET.get("report", "").isdigit():
        report = _reports(request.user).filter(pk=request.GET["report"]).first()
    return render(
        request,
        "training/people.html",
        {
            "page": page,
            "rows": rows,
            "year": year,
            "categories": selectors.categories(),
            "may_report": can_view_reports(request.user),
            "report": report,
        },
    )


@follower_required
def person(request, pk: int):
    auxiliary = get_scoped_or_404(visible_auxiliaries(request.user).select_related("agency"), pk=pk)
    return _person_page(
        request,
        auxiliary,
        may_correct=can_manage_people(request.user),
        correction_form=CorrectionForm(),
    )


@require_POST
@manager_required
def correct(request, pk: int):
    entries = scope_queryset(
        request.user, LedgerEntry.objects.select_related("ledger__auxiliary__agency"),
        auxiliary_path="ledger__auxiliary__",
    )  # fmt: skip
    entry = get_scoped_or_404(entries, pk=pk)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        services.entry_correct(entry=entry, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The correction is recorded."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("training:person", entry.ledger.auxiliary_id)


def _sessions(user):
    return scope_by_agency(user, ClassroomSession.objects.select_related("agency", "category"))


@staff_required
def sessions(request):
    page = Paginator(_sessions(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/sessions.html", {"page": page})


@manager_required
def session_new(request):
    form = SessionForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        attendees = data.pop("everyone")
        data.pop("attendees", None)
        data.pop("sign_in_sheet", None)
        # The attendees' agency; a session across agencies belongs to the admin's own.
        agency = attendees[0].agency if len({a.agency_id for a in attendees}) == 1 else None
        agency = agency or managed_agencies(request.user).order_by("path").first()
        session = services.session_record(
            actor=request.user, agency=agency, attendees=attendees, **data
        )
        messages.success(
            request,
            _("The session is recorded: %(n)s attendees have its hours.") % {"n": len(attendees)},
        )
        return redirect("training:session", session.pk)
    return render(request, "training/session_form.html", {"form": form})


@staff_required
def session(request, pk: int):
    record = get_scoped_or_404(_sessions(request.user), pk=pk)
    attendees = record.attendees.select_related("agency").order_by("name", "pk")
    return render(
        request, "training/session_detail.html", {"session": record, "attendees": attendees}
    )


def _outside(user):
    return scope_queryset(
        user,
        OutsideTraining.objects.select_related("auxiliary__agency", "category"),
        auxiliary_path="auxiliary__",
    )


@staff_required
def outside(request):
    records = _outside(request.user)
    return render(
        request,
        "training/outside.html",
        {
            "pending": records.filter(status=OutsideStatus.PENDING),
            "decided": records.exclude(status=OutsideStatus.PENDING)[:50],
            "decision_form": DecisionForm(),
        },
    )


@manager_required
def outside_new(request):
    form = OutsideForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        services.outside_submit(actor=request.user, auxiliary=data.pop("auxiliary"), **data)
        messages.success(request, _("Recorded. The hours count once it is approved."))
        return redirect("training:outside")
    return render(request, "training/outside_form.html", {"form": form})


@require_POST
@manager_required
def outside_decide(request, pk: int):
    record = get_scoped_or_404(_outside(request.user), pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.outside_decide(
                record=record, approve=form.cleaned_data["decision"] == "approve",
                actor=request.user, note=form.cleaned_data["note"],
            )  # fmt: skip
            messages.success(request, _("Decided."))
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
    return redirect("training:outside")


@staff_required
def outside_scan(request, pk: int):
    record = get_scoped_or_404(_outside(request.user), pk=pk)
    if not record.scan:
        raise Http404
    name = record.scan.name.rsplit("/", 1)[-1]
    return stored_file_response(
        record.scan,
        disposition=content_disposition(name, f"scan.{name.rsplit('.', 1)[-1]}", inline=True),
    )


def _plans(user):
    return scope_by_agency(user, TrainingPlan.objects.select_related("agency"))


@staff_required
def plans(request):
    return render(
        request, "training/plans.html", {"plans": _plans(request.user).prefetch_related("courses")}
    )


@manager_required
def plan_new(request):
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        plan = services.plan_create(
            actor=request.user, agency=data.pop("agency"), courses=data.pop("courses"),
            people=data.pop("people") or (), **data,
        )  # fmt: skip
        messages.success(request, _("The plan is assigned."))
        return redirect("training:plan", plan.pk)
    return render(request, "training/plan_form.html", {"form": form})


@staff_required
def plan(request, pk: int):
    record = get_scoped_or_404(_plans(request.user), pk=pk)
    members = selectors.plan_members(record, visible_auxiliaries(request.user))
    rows = selectors.plan_rows(record, members.order_by("agency__path", "name", "pk")[:500])
    courses = list(record.courses.all())
    done = sum(1 for _person, count in rows if count >= len(courses))
    return render(
        request,
        "training/plan_detail.html",
        {"plan": record, "rows": rows, "courses": courses, "done": done},
    )


@manager_required
def requirement(request):
    form = RequirementForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.requirement_set(
            actor=request.user, agency=form.cleaned_data["agency"],
            total_hours=form.cleaned_data["total_hours"], minimums=form.cleaned_data["minimums"],
        )  # fmt: skip
        messages.success(request, _("The requirement is saved."))
        return redirect("training:requirement")
    rules = selectors.rules_by_agency()
    agencies = [
        (a, selectors.rule_for(a, rules), a.pk in rules) for a in visible_agencies(request.user)
    ]
    return render(
        request,
        "training/requirement.html",
        {"form": form, "agencies": agencies[:200], "categories": selectors.categories()},
    )


def _reports(user):
    return scope_by_agency(user, HoursReport.objects.select_related("agency"))


@require_POST
@reports_viewer_required
def report_request(request):
    agency = visible_agencies(request.user).order_by("path").first()
    if agency is None:
        raise Http404
    with transaction.atomic():
        report = HoursReport.objects.create(
            agency=agency, year=_year(request), requested_by=request.user
        )
        job_enqueue(job=report)
    return redirect(reverse("training:people") + f"?year={report.year}&report={report.pk}")


@reports_viewer_required
def report_status(request, pk: int):
    report = get_scoped_or_404(_reports(request.user), pk=pk)
    return job_status_response(report, download_url=reverse("training:report_download", args=[pk]))


@reports_viewer_required
def report_download(request, pk: int):
    report = get_scoped_or_404(_reports(request.user), pk=pk)
    if report.status != JobStatus.DONE or not report.file:
        raise Http404
    return download_response(
        report.file, f"培训学时_{report.year}", f"training-hours-{report.year}", report.agency,
        extension="xlsx",
    )  # fmt: skip


# --------------------------------------------------------------------------- printable documents

DOCUMENTS = {
    "record": ("培训档案", "training-record"),
    "certificate": ("学时证明", "hours-certificate"),
}


def _document(request, auxiliary, document: str):
    if document not in DOCUMENTS:
        raise Http404
    label, ascii_label = DOCUMENTS[document]
    if document == "record":
        content = pdf.record_pdf(auxiliary)
    else:
        content = pdf.certificate_pdf(auxiliary, _year(request))
    return pdf_response(content, f"{label}_{auxiliary.name}", ascii_label, auxiliary.agency)


@learner_required
def my_document(request, document: str):
    """The learner's own 培训档案 or 学时证明 as a PDF."""
    auxiliary = getattr(request.user, "auxiliary", None)
    if auxiliary is None:
        raise Http404
    return _document(request, auxiliary, document)


@follower_required
def person_document(request, pk: int, document: str):
    auxiliary = get_scoped_or_404(visible_auxiliaries(request.user).select_related("agency"), pk=pk)
    return _document(request, auxiliary, document)
