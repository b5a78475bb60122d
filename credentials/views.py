"""Credential pages for staff and learners. Every object comes from a scoped queryset; outside
the scope is 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from credentials import offboarding, selectors, services
from credentials.batches import card_batch_create
from credentials.cards import card_png
from credentials.exports import filing_sheet_xlsx
from credentials.forms import (
    CardBatchForm,
    CredentialActionForm,
    FilingSheetForm,
    FilterForm,
    IssueForm,
    ReturnItemForm,
)
from credentials.gate import issue_refusal_reasons
from credentials.models import Credential, ReturnItem
from credentials.pdf import filing_sheet_pdf
from credentials.public_views import effective_status
from credentials.rendering import card_data, design_from_settings
from lms.downloads import as_download, download_response
from lms.jobs.models import JobStatus
from lms.jobs.views import job_status_response
from lms.models import AuxiliaryStatus
from lms.pdf import pdf_response
from lms.permissions import (
    can_manage_people,
    card_viewer_required,
    get_scoped_or_404,
    learner_required,
    managed_agencies,
    managed_auxiliaries,
    manager_required,
    scope_queryset,
    staff_required,
    visible_agencies,
    visible_auxiliaries,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_required
def credential_list(request):
    form = FilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    credentials = selectors.credential_list(
        user=request.user, status=data.get("status", ""), search=data.get("q", "")
    )
    page = Paginator(credentials, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "credentials/credential_list.html",
        {
            "form": form,
            "page": page,
            "counts": selectors.status_counts(user=request.user),
            "awaiting": managed_auxiliaries(request.user)
            .filter(status=AuxiliaryStatus.IN_TRAINING)
            .count(),
        },
    )


@manager_required
def awaiting_list(request):
    """People in training: the admin opens one to see the Art. 20 gate and issue."""
    people = (
        managed_auxiliaries(request.user)
        .filter(status=AuxiliaryStatus.IN_TRAINING)
        .select_related("agency")
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(request, "credentials/awaiting_list.html", {"page": page})


@learner_required
def my_credential(request):
    auxiliary = getattr(request.user, "auxiliary", None)
    if auxiliary is None:
        raise Http404
    credential = selectors.latest_credential(auxiliary=auxiliary)
    return render(
        request,
        "credentials/my_credential.html",
        {
            "credential": credential,
            "status": effective_status(credential) if credential else None,
            "auxiliary": auxiliary,
        },
    )


@staff_required
def credential_detail(request, pk: int):
    credential = get_scoped_or_404(selectors.visible_credentials(user=request.user), pk=pk)
    can_manage = can_manage_people(request.user)
    return render(
        request,
        "credentials/credential_detail.html",
        {
            "credential": credential,
            "status": effective_status(credential),
            "events": credential.events.select_related("actor__profile"),
            "can_manage": can_manage,
            "action_form": CredentialActionForm(credential=credential) if can_manage else None,
        },
    )


@card_viewer_required
def credential_card(request, pk: int):
    """The card PNG (front, or ?side=back) for the holder and the staff of their agency."""
    credential = get_scoped_or_404(selectors.visible_credentials(user=request.user), pk=pk)
    side = "back" if request.GET.get("side") == "back" else "front"
    png = card_png(card_data(credential), design_from_settings(), side=side)
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, no-cache"
    if request.GET.get("download"):
        as_download(
            response,
            f"工作证{'背面' if side == 'back' else '正面'}-{credential.number}",
            f"credential-{credential.number}-{side}",
            credential.auxiliary.agency,
            extension="png",
        )
    return response


@staff_required
def auxiliary_credentials(request, aux_pk: int):
    auxiliary = get_scoped_or_404(
        visible_auxiliaries(request.user).select_related("agency", "user"), pk=aux_pk
    )
    can_manage = can_manage_people(request.user)
    credentials = auxiliary.credentials.all().order_by("-issued_on", "-pk")
    current = next((c for c in credentials if c.is_current), None)
    reasons = issue_refusal_reasons(auxiliary) if current is None else []
    return render(
        request,
        "credentials/auxiliary_credentials.html",
        {
            "aux": auxiliary,
            "credentials": credentials,
            "current": current,
            "reasons": reasons,
            "can_manage": can_manage,
            "issue_form": IssueForm() if can_manage and current is None and not reasons else None,
        },
    )


@require_POST
@manager_required
def credential_issue(request, aux_pk: int):
    auxiliary = get_scoped_or_404(managed_auxiliaries(request.user), pk=aux_pk)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid date."))
        return redirect("credentials:auxiliary", aux_pk=aux_pk)
    try:
        credential = services.credential_issue(
            auxiliary=auxiliary, actor=request.user, valid_until=form.cleaned_data["valid_until"]
        )
    except services.CredentialRefused as refused:
        for reason in refused.reasons:
            messages.error(request, reason)
        return redirect("credentials:auxiliary", aux_pk=aux_pk)
    messages.success(request, _("Credential %(number)s issued.") % {"number": credential.number})
    return redirect("credentials:detail", pk=credential.pk)


@require_POST
@manager_required
def credential_action(request, pk: int):
    credential = get_scoped_or_404(
        scope_queryset(request.user, Credential.objects.all(), auxiliary_path="auxiliary__"),
        pk=pk,
    )
    form = CredentialActionForm(request.POST, credential=credential)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("credentials:detail", pk=pk)
    action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
    if action in selectors.CONFIRMED_ACTIONS and request.POST.get("confirmed") != "1":
        # Taking someone off duty (or putting them back) is said out loud before it happens.
        return render(
            request,
            "credentials/credential_confirm.html",
            {
                "credential": credential,
                "action": action,
                "action_label": dict(form.fields["action"].choices)[action],
                "reason": reason,
                "consequences": selectors.action_consequences(credential=credential, action=action),
            },
        )
    try:
        if action == "reissue":
            new = services.credential_reissue(
                credential=credential,
                actor=request.user,
                reason=reason,
                valid_until=form.cleaned_data["valid_until"],
            )
            messages.success(
                request, _("New credential %(number)s issued.") % {"number": new.number}
            )
            return redirect("credentials:detail", pk=new.pk)
        service = {
            "suspend": services.credential_suspend,
            "reactivate": services.credential_reactivate,
            "revoke": services.credential_revoke,
        }[action]
        service(credential=credential, actor=request.user, reason=reason)
    except services.CredentialRefused as refused:
        for message in refused.reasons:
            messages.error(request, message)
    except ValidationError as refused:  # the person's status change was refused
        for message in refused.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Saved."))
    return redirect("credentials:detail", pk=pk)


# ---------------------------------------------------------------- Art. 23 return checklists


@staff_required
def checklist_list(request):
    show_all = request.GET.get("all") == "1"
    checklists = selectors.return_checklists(user=request.user, open_only=not show_all)
    page = Paginator(checklists, 30).get_page(request.GET.get("page"))
    return render(request, "credentials/checklist_list.html", {"page": page, "show_all": show_all})


@staff_required
def checklist_detail(request, pk: int):
    checklist = get_scoped_or_404(selectors.return_checklists(user=request.user), pk=pk)
    can_manage = can_manage_people(request.user)
    items = [
        (
            item,
            ReturnItemForm(prefix=f"item{item.pk}")
            if can_manage and item.state == "pending"
            else None,
        )
        for item in checklist.items.all()
    ]
    return render(
        request,
        "credentials/checklist_detail.html",
        {"checklist": checklist, "items": items, "can_manage": can_manage},
    )


@require_POST
@manager_required
def return_item_mark(request, pk: int):
    item = get_scoped_or_404(
        scope_queryset(
            request.user,
            ReturnItem.objects.select_related("checklist"),
            auxiliary_path="checklist__auxiliary__",
        ),
        pk=pk,
    )
    form = ReturnItemForm(request.POST, prefix=f"item{item.pk}")
    if form.is_valid():
        try:
            offboarding.return_item_mark(
                item=item,
                state=form.cleaned_data["state"],
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except services.CredentialRefused as refused:
            for message in refused.reasons:
                messages.error(request, message)
        else:
            messages.success(request, _("Recorded: %(item)s.") % {"item": item.get_kind_display()})
    else:
        messages.error(request, _("Choose returned or written off."))
    return redirect("credentials:checklist", pk=item.checklist_id)


# ---------------------------------------------------------------- cohort card batches


@manager_required
def batch_list(request):
    agencies = managed_agencies(request.user)
    form = CardBatchForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        batch = card_batch_create(
            agency=form.cleaned_data["agency"],
            actor=request.user,
            issued_from=form.cleaned_data["issued_from"],
        )
        return redirect("credentials:batch", pk=batch.pk)
    batches = selectors.card_batches(user=request.user)[:20]
    return render(request, "credentials/batch_list.html", {"form": form, "batches": batches})


@manager_required
def batch_detail(request, pk: int):
    batch = get_scoped_or_404(selectors.card_batches(user=request.user), pk=pk)
    return render(request, "credentials/batch_detail.html", {"batch": batch})


@never_cache
@manager_required
def batch_status(request, pk: int):
    batch = get_scoped_or_404(selectors.card_batches(user=request.user), pk=pk)
    return job_status_response(
        batch, download_url=reverse("credentials:batch_download", args=[batch.pk, "zip"])
    )


@manager_required
def batch_download(request, pk: int, kind: str):
    if kind not in ("zip", "pdf"):
        raise Http404
    batch = get_scoped_or_404(selectors.card_batches(user=request.user), pk=pk)
    field = batch.zip_file if kind == "zip" else batch.pdf_file
    if batch.status != JobStatus.DONE or not field:
        raise Http404
    return download_response(
        field,
        "工作证批量打印",
        "cards",
        batch.agency,
        extension=kind,
        on=timezone.localtime(batch.created_at).date(),
    )


# ---------------------------------------------------------------- Art. 12 filing sheet


@staff_required
def filing_sheet(request):
    agencies = visible_agencies(request.user)
    form = FilingSheetForm(request.GET or None, agencies=agencies)
    if request.GET.get("download") and form.is_valid():
        agency = form.cleaned_data["agency"]
        people = selectors.filing_sheet_rows(user=request.user, agency=agency)
        scope_name = agency.name if agency else _("All agencies in my scope")
        title = _("Auxiliary filing sheet (Art. 12) · %(scope)s") % {"scope": scope_name}
        # "Everything in my scope" is named after the user's own agency (the top of that scope);
        # without one (the province) it is 全省. It said 全省 for a city's oversight viewer too.
        own = getattr(getattr(request.user, "profile", None), "agency", None)
        named = agency or own
        if request.GET.get("format") == "pdf":
            content = filing_sheet_pdf(people=people, title=title)
            return pdf_response(content, "辅助人员备案表", "filing-sheet", named)
        response = HttpResponse(filing_sheet_xlsx(people=people, title=title), content_type=XLSX)
        return as_download(response, "辅助人员备案表", "filing-sheet", named, extension="xlsx")
    return render(request, "credentials/filing_sheet.html", {"form": form})
