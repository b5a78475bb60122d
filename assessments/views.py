"""Pages for assessments. Every query of people's data goes through lms/permissions.py;
objects outside the user's scope are 404. The work happens in assessments.services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from assessments import pdf, scoring, selectors, services
from assessments.forms import (
    AdaptForm,
    CriteriaEditor,
    CycleOpenForm,
    DecisionForm,
    RespondForm,
    UpholdForm,
)
from assessments.models import (
    Assessment,
    AssessmentStatus,
    AssessmentTemplate,
    Criterion,
    Cycle,
    CyclePrint,
    Notice,
    Response,
    Section,
    Violation,
)
from assessments.rules import VIOLATION_ITEMS, law_words
from assessments.scoring import anchor_fill, plain_number, violation_rows
from lms import jsonbody
from lms.downloads import download_response
from lms.jobs.models import JobStatus
from lms.jobs.views import job_status_response
from lms.measures import citation_label
from lms.pdf import pdf_response
from lms.permissions import (
    assessment_reader_required,
    can_learn,
    can_manage_people,
    can_score,
    get_scoped_or_404,
    learner_required,
    manager_required,
    scope_by_agency,
    scope_queryset,
    staff_required,
    supervisor_required,
    visible_templates,
)

OPEN = [AssessmentStatus.PENDING, AssessmentStatus.DRAFT]


def scoped_assessments(user):
    return scope_queryset(user, Assessment.objects.all(), auxiliary_path="auxiliary__")


def _violation_choices() -> list[tuple[int, str]]:
    return [(item, f"{citation_label(19, item)} {law_words(19, item)}") for item in VIOLATION_ITEMS]


def _sections(criteria: list[Criterion], template: AssessmentTemplate):
    titles = {s.code: s for s in template.sections.all()}
    grouped = []
    for code, label in Section.choices:
        items = [c for c in criteria if c.section == code]
        if items:
            section = titles.get(code)
            grouped.append(
                {
                    "code": code,
                    "title": section.title if section else label,
                    "description": section.description if section else "",
                    "criteria": items,
                }
            )
    return grouped


def _detail_queryset(user):
    return scoped_assessments(user).select_related(
        "cycle__template",
        "cycle__agency",
        "auxiliary__agency",
        "auxiliary__supervisor__profile",
        "submitted_by__profile",
        "resolved_by__profile",
    )


# --------------------------------------------------------------------------- supervisor


@supervisor_required
def my_forms(request):
    """The supervisor's assessments to score, open ones first."""
    assessments = (
        scoped_assessments(request.user)
        .select_related("auxiliary", "cycle")
        .order_by("cycle__due_date", "status", "auxiliary__name")
    )
    open_forms = [a for a in assessments if a.status in OPEN]
    done = [a for a in assessments if a.status == AssessmentStatus.SUBMITTED]
    return render(
        request,
        "assessments/my_forms.html",
        {"open_forms": open_forms, "done": done, "today": timezone.localdate()},
    )


def _score_error_items(errors: dict, sections: list[dict]) -> list[dict]:
    """The scoring form's errors for the error summary, in the order of the page, each with the
    id of the control it links to."""
    reason = _("Reason for the amendment")
    items = [{"id": "id_reason", "label": reason, "message": m} for m in errors.get("reason", [])]
    for section in sections:
        for c in section["criteria"]:
            items += [
                {
                    "id": f"score_{c.pk}",
                    "label": f"{c.name} · {pgettext('criterion', 'Score')}",
                    "message": m,
                }
                for m in c.score_errors
            ]
            items += [
                {
                    "id": f"comment_{c.pk}",
                    "label": f"{c.name} · {pgettext('assessment', 'Comment')}",
                    "message": m,
                }
                for m in c.comment_errors
            ]
    for key, label in (("days_absent", _("Days absent")), ("late_arrivals", _("Late arrivals"))):
        items += [{"id": f"id_{key}", "label": label, "message": m} for m in errors.get(key, [])]
    violations = sorted(
        (int(key.rsplit("_", 1)[1]), messages_)
        for key, messages_ in errors.items()
        if key.startswith("violation_") and key.rsplit("_", 1)[1].isdigit()
    )
    for index, messages_ in violations:
        label = _("Violation %(n)s") % {"n": index + 1}
        items += [
            {"id": f"violation_item_{index}", "label": label, "message": m} for m in messages_
        ]
    return items


def _score_context(assessment: Assessment, data: dict, errors: dict, *, amend=False) -> dict:
    template = assessment.cycle.template
    criteria = list(template.criteria.order_by("sort_order", "pk"))
    hours = selectors.hours_values(assessment=assessment, criteria=criteria)
    for criterion in criteria:
        criterion.hours = hours.get(criterion.pk)  # computed, shown, not typed
        criterion.value = data.get(f"score_{criterion.pk}", "")
        if criterion.hours is not None:
            criterion.value = plain_number(criterion.hours.score)
        criterion.comment_value = data.get(f"comment_{criterion.pk}", "")
        criterion.score_errors = errors.get(f"score_{criterion.pk}", [])
        criterion.comment_errors = errors.get(f"comment_{criterion.pk}", [])
        criterion.errors = criterion.score_errors + criterion.comment_errors
        criterion.anchors = [
            {**a, "fill": anchor_fill(a, criterion.max_score)} for a in criterion.anchors or []
        ]
    rows = violation_rows(data)
    for index, row in enumerate(rows):
        row["errors"] = errors.get(f"violation_{index}", [])
    # Two blank rows so that violations can be added without the script.
    rows += [{"item": "", "date": "", "description": "", "errors": []} for _ in range(2)]
    for index, row in enumerate(rows):
        row["index"] = index
    sections = _sections(criteria, template)
    return {
        "assessment": assessment,
        "sections": sections,
        "data": data,
        "errors": errors,
        "error_items": _score_error_items(errors, sections),
        "violations": rows,
        "violation_choices": _violation_choices(),
        "amend": amend,
    }


@supervisor_required
def score(request, pk: int):
    """The scoring form: save a draft, or submit (validates everything, then locks)."""
    assessment = get_scoped_or_404(_detail_queryset(request.user), pk=pk)
    if assessment.is_locked:
        return redirect("assessments:detail", pk=pk)
    data = dict(assessment.draft or {})
    errors: dict = {}
    if request.method == "POST":
        data = {
            key: request.POST.get(key, "") for key in request.POST if key != "csrfmiddlewaretoken"
        }
        if "submit" in request.POST:
            try:
                services.assessment_submit(assessment=assessment, actor=request.user, data=data)
            except services.FormInvalid as invalid:
                errors = invalid.field_errors
            else:
                messages.success(request, _("Submitted. The assessment is now locked."))
                return redirect("assessments:detail", pk=pk)
        else:
            services.assessment_save_draft(assessment=assessment, actor=request.user, data=data)
            messages.success(request, _("Draft saved."))
            return redirect("assessments:score", pk=pk)
    context = _score_context(assessment, data, errors)
    return render(request, "assessments/score.html", context)


@require_POST
@supervisor_required
def save_draft(request, pk: int):
    """Autosave: the page posts the whole form as JSON; saving it twice changes nothing."""
    assessment = get_scoped_or_404(_detail_queryset(request.user), pk=pk)
    try:
        payload = jsonbody.text_values(jsonbody.json_object(request), max_length=scoring.MAX_TEXT)
    except jsonbody.BadJson as error:
        return JsonResponse({"error": str(error)}, status=400)
    try:
        saved = services.assessment_save_draft(
            assessment=assessment, actor=request.user, data=payload
        )
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=409)
    return JsonResponse({"saved_at": timezone.localtime(saved.draft_saved_at).strftime("%H:%M:%S")})


# --------------------------------------------------------------------------- learner


@learner_required
def mine(request):
    assessments = (
        scoped_assessments(request.user)
        .filter(status=AssessmentStatus.SUBMITTED)
        .select_related("cycle")
        .order_by("-submitted_at")
    )
    return render(request, "assessments/mine.html", {"assessments": assessments})


@require_POST
@assessment_reader_required
def respond(request, pk: int):
    assessment = get_scoped_or_404(
        _detail_queryset(request.user).filter(status=AssessmentStatus.SUBMITTED), pk=pk
    )
    return _detail_form_post(
        request,
        pk,
        RespondForm(request.POST),
        lambda data: services.assessment_respond(
            assessment=assessment,
            actor=request.user,
            objection=data["choice"] == "object",
            statement=data["statement"],
        ),
        refusals=(ValidationError, PermissionDenied),
        done=_("Your response has been recorded."),
        form_name="respond_form",
    )


def _detail_form_post(request, pk: int, form, action, *, refusals, done: str, form_name: str):
    """A form posted from the assessment page: a valid one runs ``action(cleaned_data)`` and
    goes back to the page saying ``done``. A refusal (one of ``refusals``) or an invalid form
    shows the page again with the form as posted, so nothing typed is lost."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except refusals as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, done)
            return redirect("assessments:detail", pk=pk)
    return detail(request, pk, **{form_name: form})


# --------------------------------------------------------------------------- detail


@assessment_reader_required
def detail(request, pk: int, *, respond_form=None, uphold_form=None, decision_form=None):
    """The assessment as submitted, its history, and the actions the viewer may take."""
    queryset = _detail_queryset(request.user).prefetch_related(
        Prefetch("scores", queryset=selectors.CriterionScore.objects.select_related("criterion")),
        Prefetch("violations", queryset=Violation.objects.order_by("date", "pk")),
        "revisions__author__profile",
    )
    if can_learn(request.user):
        queryset = queryset.filter(status=AssessmentStatus.SUBMITTED)
    assessment = get_scoped_or_404(queryset, pk=pk)
    if can_score(request.user) and not assessment.is_locked:
        return redirect("assessments:score", pk=pk)
    decision = getattr(assessment, "decision", None) if assessment.is_locked else None
    is_self = assessment.auxiliary.user_id == request.user.pk
    can_manage = can_manage_people(request.user) and assessment.is_locked
    context = {
        "assessment": assessment,
        "decision": decision,
        "deadline": selectors.response_deadline(assessment),
        "can_respond": is_self and selectors.can_respond(assessment),
        "window_open": selectors.can_respond(assessment),
        "respond_form": respond_form or RespondForm(),
        "can_answer": can_manage
        and assessment.response == Response.OBJECTED
        and not assessment.resolution
        and decision is None,
        "uphold_form": uphold_form or UpholdForm(),
        "decision_blocker": selectors.decision_blocker(assessment) if can_manage else "",
        "can_decide": can_manage and not selectors.decision_blocker(assessment),
        "can_amend": can_manage and decision is None,
        "decision_form": decision_form
        or DecisionForm(
            initial={
                "outcome": assessment.outcome,
                "contract_end": assessment.auxiliary.contract_end,
            }
        ),
        "revisions": list(assessment.revisions.all()),
        "violation_labels": {i: label for i, label in _violation_choices()},
    }
    # A form that failed is shown again with its errors (a 200, as for any form), not a 400.
    return render(request, "assessments/detail.html", context)


@require_POST
@manager_required
def uphold(request, pk: int):
    assessment = get_scoped_or_404(_detail_queryset(request.user), pk=pk)
    return _detail_form_post(
        request,
        pk,
        UpholdForm(request.POST),
        lambda data: services.objection_resolve(
            assessment=assessment, actor=request.user, uphold=True, note=data["note"]
        ),
        refusals=(ValidationError,),
        done=_("The assessment is upheld; the auxiliary is informed."),
        form_name="uphold_form",
    )


@manager_required
def amend(request, pk: int):
    """Amend a submitted assessment (also answers an open objection): a new revision."""
    assessment = get_scoped_or_404(
        _detail_queryset(request.user).filter(status=AssessmentStatus.SUBMITTED), pk=pk
    )
    objection_open = assessment.response == Response.OBJECTED and not assessment.resolution
    data = selectors.amendment_initial(assessment)
    errors: dict = {}
    if request.method == "POST":
        data = {
            key: request.POST.get(key, "") for key in request.POST if key != "csrfmiddlewaretoken"
        }
        reason = data.pop("reason", "")
        try:
            if objection_open:
                services.objection_resolve(
                    assessment=assessment,
                    actor=request.user,
                    uphold=False,
                    note=reason,
                    data=data,
                )
            else:
                services.assessment_amend(
                    assessment=assessment, actor=request.user, data=data, reason=reason
                )
        except services.FormInvalid as invalid:
            errors = invalid.field_errors
            data["reason"] = reason
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("assessments:detail", pk=pk)
        else:
            messages.success(request, _("Amended. A new revision has been recorded."))
            return redirect("assessments:detail", pk=pk)
    context = _score_context(assessment, data, errors, amend=True)
    context["objection_open"] = objection_open
    return render(request, "assessments/score.html", context)


@require_POST
@manager_required
def decide(request, pk: int):
    assessment = get_scoped_or_404(_detail_queryset(request.user), pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.decision_record(
                assessment=assessment,
                actor=request.user,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                contract_end=form.cleaned_data["contract_end"],
                valid_until=form.cleaned_data["valid_until"],
            )
        except services.FormInvalid as invalid:
            for field, errors in invalid.field_errors.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect("assessments:detail", pk=pk)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect("assessments:detail", pk=pk)
    return detail(request, pk, decision_form=form)


# --------------------------------------------------------------------------- cycles


@staff_required
def cycle_list(request):
    cycles = (
        scope_by_agency(request.user, Cycle.objects.select_related("agency", "template"))
        .annotate(
            total=Count("assessments"),
            submitted=Count(
                "assessments", filter=Q(assessments__status=AssessmentStatus.SUBMITTED)
            ),
        )
        .order_by("-period_end", "-pk")
    )
    return render(request, "assessments/cycle_list.html", {"cycles": cycles})


@manager_required
def cycle_open(request):
    form = CycleOpenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            opened = services.cycle_open(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Cycle opened: %(n)s assessment(s) created.") % {"n": opened.created},
            )
            return redirect("assessments:cycle_detail", pk=opened.cycle.pk)
    return render(request, "assessments/cycle_open.html", {"form": form})


@staff_required
def cycle_detail(request, pk: int):
    cycle = get_scoped_or_404(
        scope_by_agency(request.user, Cycle.objects.select_related("agency", "template")),
        pk=pk,
    )
    assessments = scoped_assessments(request.user).filter(cycle=cycle)
    submitted, total, per_supervisor = selectors.cycle_progress(assessments=assessments)
    rows = list(
        assessments.select_related(
            "auxiliary__agency", "auxiliary__supervisor__profile", "decision"
        ).order_by("auxiliary__agency__path", "auxiliary__name")
    )
    without_supervisor = [a for a in rows if a.auxiliary.supervisor_id is None]
    return render(
        request,
        "assessments/cycle_detail.html",
        {
            "cycle": cycle,
            "submitted": submitted,
            "total": total,
            "percent": round(100 * submitted / total) if total else 0,
            "per_supervisor": per_supervisor,
            "rows": rows,
            "without_supervisor": without_supervisor,
            "overdue": cycle.due_date < timezone.localdate(),
            "objections": [a for a in rows if a.response == Response.OBJECTED and not a.resolution],
            "prints": list(_prints(request.user).filter(cycle=cycle)[:5]),
        },
    )


# --------------------------------------------------------------------------- printing


@assessment_reader_required
def assessment_pdf(request, pk: int):
    """The 个人考核登记表 of one submitted assessment, for whoever may read it."""
    assessment = get_scoped_or_404(pdf.printable(scoped_assessments(request.user)), pk=pk)
    return pdf_response(
        pdf.assessment_pdf(assessment),
        f"个人考核登记表_{assessment.auxiliary.name}",
        f"assessment-{assessment.pk}",
        assessment.auxiliary.agency,
        on=assessment.cycle.period_end,
    )


def _prints(user):
    return scope_by_agency(user, CyclePrint.objects.select_related("cycle", "agency"))


@require_POST
@staff_required
def cycle_print(request, pk: int):
    cycle = get_scoped_or_404(scope_by_agency(request.user, Cycle.objects.all()), pk=pk)
    try:
        services.cycle_print_request(user=request.user, cycle=cycle)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, _("The assessment forms are being built. You can stay on this page."))
    return redirect(reverse("assessments:cycle_detail", args=[cycle.pk]) + "#print")


@never_cache
@staff_required
def print_status(request, pk: int):
    job = get_scoped_or_404(_prints(request.user), pk=pk)
    return job_status_response(
        job, download_url=reverse("assessments:print_download", args=[job.pk]) if job.file else ""
    )


@staff_required
def print_download(request, pk: int):
    job = get_scoped_or_404(_prints(request.user), pk=pk)
    if job.status != JobStatus.DONE or not job.file:
        raise Http404
    return download_response(
        job.file,
        f"个人考核登记表_{job.cycle.name}",
        "assessment-forms",
        job.agency,
        extension="pdf",
        on=job.cycle.period_end,
    )


# --------------------------------------------------------------------------- templates


@staff_required
def template_list(request):
    templates = (
        visible_templates(request.user, AssessmentTemplate.objects.all())
        .select_related("agency", "based_on")
        .annotate(
            criteria_count=Count("criteria", distinct=True),
            cycles_count=Count("cycles", distinct=True),
        )
        .order_by("agency_id", "name", "-version")
    )
    return render(request, "assessments/template_list.html", {"templates": templates})


def _template_for(user, pk: int) -> AssessmentTemplate:
    return get_scoped_or_404(
        visible_templates(user, AssessmentTemplate.objects.all())
        .select_related("agency")
        .prefetch_related("criteria", "bands", "sections"),
        pk=pk,
    )


@manager_required
def template_detail(request, pk: int):
    template = _template_for(request.user, pk)
    form = AdaptForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        copy = services.template_adapt(
            template=template,
            agency=form.cleaned_data["agency"],
            actor=request.user,
            name=form.cleaned_data["name"],
        )
        messages.success(request, _("A copy for your agency has been made; adjust it below."))
        return redirect("assessments:template_edit", pk=copy.pk)
    criteria = list(template.criteria.all())
    return render(
        request,
        "assessments/template_detail.html",
        {"template": template, "sections": _sections(criteria, template), "form": form},
    )


@manager_required
def template_edit(request, pk: int):
    """An agency edits its own copy: change, add and remove criteria, all or nothing. A frozen
    copy is saved as a new version."""
    template = _template_for(request.user, pk)
    if template.agency_id is None:
        raise Http404
    editor = CriteriaEditor(template, request.POST if request.method == "POST" else None)
    if editor.is_valid():
        try:
            edited = services.template_update_criteria(
                template=template, actor=request.user, **editor.changes()
            )
        except ValidationError as refusal:
            editor.refuse(refusal)
        else:
            if edited.pk != template.pk:
                messages.success(
                    request,
                    _("The template is used by a cycle, so version %(v)s was created.")
                    % {"v": edited.version},
                )
            else:
                messages.success(request, _("Saved."))
            return redirect("assessments:template_detail", pk=edited.pk)
    context = {"template": template, **editor.context()}
    return render(request, "assessments/template_edit.html", context)


# --------------------------------------------------------------------------- notices


@require_POST
@assessment_reader_required
def notice_read(request, pk: int):
    notice = get_scoped_or_404(Notice.objects.filter(user=request.user), pk=pk)
    services.notice_mark_read(notice=notice, actor=request.user)
    if notice.url and request.POST.get("open"):
        return redirect(notice.url)
    return redirect("home")
