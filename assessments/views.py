"""Pages for assessments. Every query of people's data goes through lms/permissions.py;
objects outside the user's scope are 404. The work happens in assessments.services."""

from __future__ import annotations

import json
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments import selectors, services
from assessments.forms import (
    AdaptForm,
    CriterionFormSet,
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
    Notice,
    Response,
    Section,
    Violation,
)
from assessments.rules import VIOLATION_ITEMS, law_words
from assessments.scoring import plain_number, violation_rows
from lms.measures import citation_label
from lms.models import Role
from lms.permissions import (
    get_scoped_or_404,
    managed_agencies,
    require_role,
    scope_agency_queryset,
    scope_for,
    scope_queryset,
)
from lms.views import manager_required, staff_required

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


@login_required
def my_forms(request):
    """The supervisor's assessments to score, open ones first."""
    require_role(request.user, Role.SUPERVISOR)
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


def _score_context(assessment: Assessment, data: dict, errors: dict, *, amend=False) -> dict:
    template = assessment.cycle.template
    criteria = list(template.criteria.order_by("sort_order", "pk"))
    for criterion in criteria:
        criterion.value = data.get(f"score_{criterion.pk}", "")
        criterion.comment_value = data.get(f"comment_{criterion.pk}", "")
        criterion.errors = errors.get(f"score_{criterion.pk}", []) + errors.get(
            f"comment_{criterion.pk}", []
        )
    rows = violation_rows(data)
    for index, row in enumerate(rows):
        row["errors"] = errors.get(f"violation_{index}", [])
    # Two blank rows so that violations can be added without the script.
    rows += [{"item": "", "date": "", "description": "", "errors": []} for _ in range(2)]
    for index, row in enumerate(rows):
        row["index"] = index
    return {
        "assessment": assessment,
        "sections": _sections(criteria, template),
        "data": data,
        "errors": errors,
        "violations": rows,
        "violation_choices": _violation_choices(),
        "amend": amend,
    }


@login_required
def score(request, pk: int):
    """The scoring form: save a draft, or submit (validates everything, then locks)."""
    require_role(request.user, Role.SUPERVISOR)
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
                messages.error(request, _("Please correct the marked fields."))
            else:
                messages.success(request, _("Submitted. The assessment is now locked."))
                return redirect("assessments:detail", pk=pk)
        else:
            services.assessment_save_draft(assessment=assessment, actor=request.user, data=data)
            messages.success(request, _("Draft saved."))
            return redirect("assessments:score", pk=pk)
    context = _score_context(assessment, data, errors)
    return render(request, "assessments/score.html", context, status=400 if errors else 200)


@require_POST
@login_required
def save_draft(request, pk: int):
    """Autosave: the page posts the whole form as JSON; saving it twice changes nothing."""
    require_role(request.user, Role.SUPERVISOR)
    assessment = get_scoped_or_404(_detail_queryset(request.user), pk=pk)
    try:
        payload = json.loads(request.body or b"{}")
    except ValueError:
        return JsonResponse({"error": "invalid JSON"}, status=400)
    if not isinstance(payload, dict):
        return JsonResponse({"error": "expected an object"}, status=400)
    try:
        saved = services.assessment_save_draft(
            assessment=assessment, actor=request.user, data=payload
        )
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=409)
    return JsonResponse({"saved_at": timezone.localtime(saved.draft_saved_at).strftime("%H:%M:%S")})


# --------------------------------------------------------------------------- learner


@login_required
def mine(request):
    require_role(request.user, Role.LEARNER)
    assessments = (
        scoped_assessments(request.user)
        .filter(status=AssessmentStatus.SUBMITTED)
        .select_related("cycle")
        .order_by("-submitted_at")
    )
    return render(request, "assessments/mine.html", {"assessments": assessments})


@require_POST
@login_required
def respond(request, pk: int):
    assessment = get_scoped_or_404(
        _detail_queryset(request.user).filter(status=AssessmentStatus.SUBMITTED), pk=pk
    )
    form = RespondForm(request.POST)
    if form.is_valid():
        try:
            services.assessment_respond(
                assessment=assessment,
                actor=request.user,
                objection=form.cleaned_data["choice"] == "object",
                statement=form.cleaned_data["statement"],
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Your response has been recorded."))
            return redirect("assessments:detail", pk=pk)
    return detail(request, pk, respond_form=form)


# --------------------------------------------------------------------------- detail


@login_required
def detail(request, pk: int, *, respond_form=None, uphold_form=None, decision_form=None):
    """The assessment as submitted, its history, and the actions the viewer may take."""
    queryset = _detail_queryset(request.user).prefetch_related(
        Prefetch("scores", queryset=selectors.CriterionScore.objects.select_related("criterion")),
        Prefetch("violations", queryset=Violation.objects.order_by("date", "pk")),
        "revisions__author__profile",
    )
    scope = scope_for(request.user)
    if scope.role in {Role.LEARNER}:
        queryset = queryset.filter(status=AssessmentStatus.SUBMITTED)
    assessment = get_scoped_or_404(queryset, pk=pk)
    if scope.role == Role.SUPERVISOR and not assessment.is_locked:
        return redirect("assessments:score", pk=pk)
    decision = getattr(assessment, "decision", None) if assessment.is_locked else None
    is_self = assessment.auxiliary.user_id == request.user.pk
    can_manage = scope.can_manage and assessment.is_locked
    context = {
        "assessment": assessment,
        "decision": decision,
        "deadline": services.response_deadline(assessment),
        "can_respond": is_self and services.can_respond(assessment),
        "window_open": services.can_respond(assessment),
        "respond_form": respond_form or RespondForm(),
        "can_answer": can_manage
        and assessment.response == Response.OBJECTED
        and not assessment.resolution
        and decision is None,
        "uphold_form": uphold_form or UpholdForm(),
        "decision_blocker": services.decision_blocker(assessment) if can_manage else "",
        "can_decide": can_manage and not services.decision_blocker(assessment),
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
    status = 400 if any(f is not None for f in (respond_form, uphold_form, decision_form)) else 200
    return render(request, "assessments/detail.html", context, status=status)


@require_POST
@manager_required
def uphold(request, pk: int):
    assessment = get_scoped_or_404(_detail_queryset(request.user), pk=pk)
    form = UpholdForm(request.POST)
    if form.is_valid():
        try:
            services.objection_resolve(
                assessment=assessment,
                actor=request.user,
                uphold=True,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The assessment is upheld; the auxiliary is informed."))
            return redirect("assessments:detail", pk=pk)
    return detail(request, pk, uphold_form=form)


@manager_required
def amend(request, pk: int):
    """Amend a submitted assessment (also answers an open objection): a new revision."""
    assessment = get_scoped_or_404(
        _detail_queryset(request.user).filter(status=AssessmentStatus.SUBMITTED), pk=pk
    )
    objection_open = assessment.response == Response.OBJECTED and not assessment.resolution
    data = services.amendment_initial(assessment)
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
    return render(request, "assessments/score.html", context, status=400 if errors else 200)


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
        scope_agency_queryset(request.user, Cycle.objects.select_related("agency", "template"))
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
        scope_agency_queryset(request.user, Cycle.objects.select_related("agency", "template")),
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
        },
    )


# --------------------------------------------------------------------------- templates


@staff_required
def template_list(request):
    agencies = list(managed_agencies(request.user).values_list("pk", flat=True))
    templates = (
        AssessmentTemplate.objects.filter(Q(agency__isnull=True) | Q(agency_id__in=agencies))
        .select_related("agency", "based_on")
        .annotate(
            criteria_count=Count("criteria", distinct=True),
            cycles_count=Count("cycles", distinct=True),
        )
        .order_by("agency_id", "name", "-version")
    )
    return render(request, "assessments/template_list.html", {"templates": templates})


def _template_for(user, pk: int) -> AssessmentTemplate:
    agencies = list(managed_agencies(user).values_list("pk", flat=True))
    return get_scoped_or_404(
        AssessmentTemplate.objects.filter(Q(agency__isnull=True) | Q(agency_id__in=agencies))
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


def _criteria_submitted(formset) -> tuple[list[tuple], list[int]]:
    """([(form, values)] for the rows to keep or add, [ids to remove]) of a valid formset.
    Blank new rows are left out; a new row marked for removal is simply dropped."""
    rows, remove = [], []
    for form in formset.forms:
        values = dict(form.cleaned_data)
        if not values:
            continue
        if values.pop("DELETE", False):
            if values.get("id") is not None:
                remove.append(values["id"])
            continue
        rows.append((form, values))
    return rows, remove


def _form_value(value):
    """40 rather than 40.00 in the form (12.5 stays 12.5)."""
    return plain_number(value) if isinstance(value, Decimal) else value


@manager_required
def template_edit(request, pk: int):
    """An agency edits its own copy: change, add and remove criteria, all or nothing. A frozen
    copy is saved as a new version."""
    template = _template_for(request.user, pk)
    if template.agency_id is None:
        raise Http404
    criteria = list(template.criteria.order_by("sort_order", "pk"))
    sections = selectors.template_section_choices(template)
    form_kwargs = {
        "sections": sections,
        # New criteria usually continue where the list ends.
        "default_section": criteria[-1].section if criteria else sections[0][0],
    }
    errors: list[str] = []
    show_errors = True
    if request.method != "POST":
        initial = [
            {name: _form_value(getattr(c, name)) for name in ("id", *services.CRITERION_EDITABLE)}
            for c in criteria
        ]
        formset = CriterionFormSet(initial=initial, form_kwargs=form_kwargs)
    elif "add_row" in request.POST:
        # Without JavaScript, "add a row" comes back here with one more blank row; what was
        # typed is not checked yet, so no errors are shown.
        posted = CriterionFormSet(request.POST, form_kwargs=form_kwargs)
        formset = CriterionFormSet(posted.with_blank_row(), form_kwargs=form_kwargs)
        show_errors = False
    else:
        # No initial on a post: rows are matched by the ids posted, not by position.
        formset = CriterionFormSet(request.POST, form_kwargs=form_kwargs)
        if not formset.is_valid():
            errors.append(_("Please correct the marked fields."))
            errors.extend(formset.non_form_errors())
        else:
            rows, remove = _criteria_submitted(formset)
            try:
                edited = services.template_update_criteria(
                    template=template,
                    actor=request.user,
                    criteria=[values for _form, values in rows],
                    remove=remove,
                )
            except services.TemplateInvalid as invalid:
                if invalid.per_criterion:
                    errors.append(_("Please correct the marked fields."))
                errors.extend(invalid.general)
                for index, problems in invalid.per_criterion.items():
                    form = rows[index][0]
                    for field, message in problems:
                        form.add_error(field if field in form.fields else None, message)
            except ValidationError as error:
                errors.extend(error.messages)
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
    # After the rows, the blank one (__prefix__) that the page's script copies to add a row.
    shown = [*formset.forms, formset.empty_form]
    for form in shown:
        # A row marked for removal is not checked, so it shows no errors either.
        form.errors_shown = show_errors and not form["DELETE"].value()
    return render(
        request,
        "assessments/template_edit.html",
        {"template": template, "formset": formset, "rows": shown, "errors": errors},
    )


# --------------------------------------------------------------------------- notices


@require_POST
@login_required
def notice_read(request, pk: int):
    notice = get_scoped_or_404(Notice.objects.filter(user=request.user), pk=pk)
    services.notice_mark_read(notice=notice, actor=request.user)
    if notice.url and request.POST.get("open"):
        return redirect(notice.url)
    return redirect("home")
