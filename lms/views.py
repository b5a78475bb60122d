"""Pages for the organisation core: home, roster, enrolment, imports, staff accounts, health."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_q.brokers import get_broker
from django_q.conf import Conf
from django_q.models import OrmQ
from django_q.status import Stat

from lms import hooks, roster_import, selectors, services
from lms.downloads import as_download
from lms.forms import (
    AuxiliaryForm,
    RosterFilterForm,
    RosterUploadForm,
    StaffAccountForm,
    TransitionForm,
)
from lms.idcard import is_valid_id_number, mask_id_number
from lms.models import AuxiliaryStatus, RosterImport
from lms.permissions import (
    can_manage_people,
    can_score,
    can_view_people,
    follower_required,
    get_scoped_or_404,
    manageable_staff,
    managed_auxiliaries,
    manager_required,
    scope_by_agency,
    staff_required,
)
from lms.roster_template import roster_template_xlsx

SLIPS_SESSION_KEY = "onboarding_slips"


@login_required
def home(request):
    context = {"panels": hooks.home_panels(request)}
    if can_view_people(request.user):
        context["status_counts"] = selectors.status_counts(user=request.user)
    if can_score(request.user):
        context["supervised"] = selectors.supervised_auxiliaries(user=request.user)[:50]
    return render(request, "lms/home.html", context)


@never_cache
def healthz(request):
    """Liveness with database and task-queue checks, for load balancers and monitoring."""
    result: dict = {"status": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        result["database"] = {"ok": True, "vendor": connection.vendor}
    except Exception as exc:  # report, never raise: this endpoint must answer
        result["database"] = {"ok": False, "error": exc.__class__.__name__}
        result["status"] = "error"
    result["queue"] = _queue_status()
    if not result["queue"]["ok"]:
        result["status"] = "error" if result["status"] == "error" else "degraded"
    return JsonResponse(result, status=200 if result["status"] != "error" else 503)


def _queue_status() -> dict:
    try:
        broker = get_broker()
        broker.ping()
        status = {
            "ok": True,
            "broker": "orm" if Conf.ORM else "redis",
            "queued": broker.queue_size(),
        }
        if Conf.ORM:
            # Cluster heartbeats live in Django's cache, which without Redis is per process:
            # the web server cannot see them. A task waiting unclaimed for over a minute says
            # the same thing from the database: no worker is running.
            now = timezone.now()
            oldest = (
                OrmQ.objects.filter(lock__lte=now)
                .order_by("lock")
                .values_list("lock", flat=True)
                .first()
            )
            waited = int((now - oldest).total_seconds()) if oldest else 0
            status["oldest_unclaimed_seconds"] = waited
            status["ok"] = waited < 60
        else:
            status["clusters"] = len(Stat.get_all(broker=broker))
            status["ok"] = status["clusters"] > 0
        return status
    except Exception as exc:
        return {"ok": False, "error": exc.__class__.__name__}


# -- roster ----------------------------------------------------------------------------------


@staff_required
def roster_list(request):
    agencies = selectors.agency_choices(user=request.user)
    params = request.GET.copy()
    if is_valid_id_number(params.get("q", "")):
        # A full ID number is searched for but never echoed back in full.
        params["q"] = mask_id_number(params["q"])
    form = RosterFilterForm(params or None, agencies=agencies)
    filters = form.cleaned_data if form.is_valid() else {}
    people = selectors.auxiliary_list(
        user=request.user,
        search=request.GET.get("q", "") if filters else "",
        agency_id=filters["agency"].pk if filters.get("agency") else None,
        status=filters.get("status", ""),
        hire_method=filters.get("hire_method", ""),
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    query = params.copy()
    query.pop("page", None)
    return render(
        request,
        "lms/roster_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "total": page.paginator.count},
    )


@follower_required
def auxiliary_detail(request, pk: int):
    can_manage = can_manage_people(request.user)
    auxiliary = selectors.auxiliary_detail(user=request.user, pk=pk)
    return render(
        request,
        "lms/auxiliary_detail.html",
        {
            "aux": auxiliary,
            "changes": auxiliary.status_changes.select_related("actor__profile")[:50],
            "transition_form": TransitionForm(auxiliary=auxiliary) if can_manage else None,
            "eligibility": services.auxiliary_eligibility(auxiliary),
            "can_manage": can_manage,
            "person_links": hooks.person_links(request, auxiliary),
        },
    )


@follower_required
def auxiliary_photo(request, pk: int):
    """Photos are personal data: served only to people who may see the record."""
    auxiliary = selectors.auxiliary_detail(user=request.user, pk=pk)
    if not auxiliary.photo:
        raise Http404
    return FileResponse(auxiliary.photo.open("rb"))


@manager_required
def auxiliary_enrol(request):
    form = AuxiliaryForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            login = services.auxiliary_enrol(auxiliary=form.save(commit=False), actor=request.user)
        except services.IneligibleError as exc:
            for reason in exc.reasons:
                form.add_error(None, str(reason))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            _remember_slips(request, [login])
            messages.success(
                request, _("Enrolled. Print the onboarding slip now: it is shown once.")
            )
            return redirect("lms:onboarding_slips")
    return render(
        request, "lms/auxiliary_form.html", {"form": form, "title": _("Enrol an auxiliary")}
    )


@manager_required
def auxiliary_edit(request, pk: int):
    auxiliary = get_scoped_or_404(managed_auxiliaries(request.user), pk=pk)
    form = AuxiliaryForm(
        request.POST or None, request.FILES or None, instance=auxiliary, user=request.user
    )
    # The ID number is the person's identity: it is never shown in full again, and it is
    # corrected by re-enrolment, not edited.
    del form.fields["id_number"]
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("lms:auxiliary_detail", pk=auxiliary.pk)
    return render(
        request,
        "lms/auxiliary_form.html",
        {"form": form, "title": auxiliary.name, "aux": auxiliary},
    )


@require_POST
@manager_required
def auxiliary_transition(request, pk: int):
    auxiliary = get_scoped_or_404(managed_auxiliaries(request.user), pk=pk)
    form = TransitionForm(request.POST, auxiliary=auxiliary)
    if form.is_valid():
        try:
            services.auxiliary_transition(
                auxiliary=auxiliary,
                to_status=form.cleaned_data["to_status"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
            messages.success(
                request,
                _("Status changed to %(status)s.")
                % {"status": AuxiliaryStatus(form.cleaned_data["to_status"]).label},
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Choose a new status and give a reason."))
    return redirect("lms:auxiliary_detail", pk=auxiliary.pk)


@require_POST
@manager_required
def auxiliary_reset_password(request, pk: int):
    auxiliary = get_scoped_or_404(managed_auxiliaries(request.user), pk=pk)
    login = services.account_reset_password(auxiliary=auxiliary, actor=request.user)
    _remember_slips(request, [login])
    return redirect("lms:onboarding_slips")


def _remember_slips(request, logins) -> None:
    request.session[SLIPS_SESSION_KEY] = [
        {"name": getattr(login, "name", None) or login.auxiliary.name, "username": login.username,
         "password": login.password}
        for login in logins
    ]  # fmt: skip


@never_cache
@manager_required
def onboarding_slips(request):
    """Initial passwords, shown once: the session copy is removed as the page renders."""
    slips = request.session.pop(SLIPS_SESSION_KEY, None)
    return render(
        request,
        "lms/onboarding_slips.html",
        {"slips": slips or [], "site_url": settings.SITE_URL, "today": timezone.localdate()},
    )


# -- roster import ---------------------------------------------------------------------------


def _roster_imports(user):
    return scope_by_agency(user, RosterImport.objects.select_related("agency"))


@manager_required
def roster_import_upload(request):
    form = RosterUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            record = roster_import.roster_upload_check(
                agency=form.cleaned_data["agency"],
                upload=form.cleaned_data["file"],
                actor=request.user,
            )
        except roster_import.RosterFileError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("lms:roster_import_detail", pk=record.pk)
    imports = _roster_imports(request.user)[:20]
    return render(request, "lms/roster_import.html", {"form": form, "imports": imports})


@staff_required
def roster_import_detail(request, pk: int):
    record = get_scoped_or_404(_roster_imports(request.user), pk=pk)
    return render(request, "lms/roster_import_detail.html", {"record": record})


@require_POST
@manager_required
def roster_import_confirm(request, pk: int):
    record = get_scoped_or_404(_roster_imports(request.user), pk=pk)
    logins = roster_import.roster_upload_commit(record_id=record.pk, actor=request.user)
    if logins is None:
        messages.error(request, _("This file has errors or was already imported."))
        return redirect("lms:roster_import_detail", pk=pk)
    _remember_slips(request, logins)
    messages.success(request, _("Imported %(n)s people.") % {"n": len(logins)})
    return redirect("lms:onboarding_slips")


@staff_required
def roster_import_template(request):
    response = HttpResponse(
        roster_template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    agency = getattr(getattr(request.user, "profile", None), "agency", None)
    as_download(response, "花名册导入模板", "roster-template", agency, extension="xlsx")
    return response


# -- staff accounts --------------------------------------------------------------------------


@manager_required
def staff_accounts(request):
    form = StaffAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user, password = services.staff_account_create(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            request.session[SLIPS_SESSION_KEY] = [
                {"name": form.cleaned_data["display_name"], "username": user.username,
                 "password": password}
            ]  # fmt: skip
            return redirect("lms:onboarding_slips")
    staff = (
        manageable_staff(request.user)
        .select_related("profile__agency")
        .order_by("profile__agency__path", "profile__role", "username")
    )
    return render(request, "lms/staff_accounts.html", {"form": form, "staff": staff[:200]})


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, which also clears the first-login flag."""

    success_url = reverse_lazy("home")
    template_name = "registration/password_change_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(user=self.request.user)
        messages.success(self.request, _("Your password has been changed."))
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["first_login"] = self.request.GET.get("first") == "1"
        return context
