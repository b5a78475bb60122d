"""Every change to templates, cycles, assessments, objections and decisions goes through here."""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessments import rules, selectors
from assessments.defaults import generic_anchors
from assessments.models import (
    Assessment,
    AssessmentRevision,
    AssessmentStatus,
    AssessmentTemplate,
    Criterion,
    CriterionScore,
    Cycle,
    Decision,
    GradeBandRow,
    Notice,
    ObjectionResolution,
    ReminderSent,
    Response,
    RevisionKind,
    TemplateSection,
    Violation,
)
from assessments.scoring import ParsedForm, clean_draft, parse_form, plain_number
from lms.models import Agency, Auxiliary, AuxiliaryStatus, Role, UserProfile
from lms.permissions import scope_for

logger = logging.getLogger(__name__)


class AssessmentError(ValidationError):
    """A refused action; the message says why, for the person who tried."""


class FormInvalid(AssessmentError):
    def __init__(self, errors: dict[str, list[str]]):
        self.field_errors = errors
        super().__init__([message for messages in errors.values() for message in messages])


def response_days() -> int:
    return int(getattr(settings, "ASSESSMENT_RESPONSE_DAYS", 7))


# --------------------------------------------------------------------------- permissions


def _check_manage(actor, agency: Agency) -> None:
    scope = scope_for(actor)
    if not scope.can_manage or not (
        scope.is_provincial or (agency.path or "").startswith(scope.agency_path or "\0")
    ):
        raise PermissionDenied(_("You cannot manage assessments of this agency."))


def _check_scorer(actor, assessment: Assessment) -> None:
    if assessment.auxiliary.supervisor_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("Only the auxiliary's supervisor scores this assessment."))


# --------------------------------------------------------------------------- templates


def template_errors(
    *, criteria: Iterable[Mapping], bands: Iterable[Mapping] = ()
) -> tuple[list[str], dict[int, list[tuple[str, str]]]]:
    """(template-wide errors, {criterion index: [(field, message)]}) for unsaved data.

    Each criterion mapping has measure, name, description, weight, max_score, anchors.
    """
    general: list[str] = []
    per_criterion: dict[int, list[tuple[str, str]]] = defaultdict(list)
    criteria = list(criteria)
    if not criteria:
        general.append(_("Add at least one criterion."))
    total = Decimal(0)
    for index, criterion in enumerate(criteria):
        total += Decimal(criterion.get("weight") or 0)
        measure = criterion.get("measure") or "other"
        message = rules.criterion_violates_art18(
            measure=measure,
            name=criterion.get("name") or "",
            description=criterion.get("description") or "",
        )
        if message:
            per_criterion[index].append(
                ("measure" if measure in rules.FORBIDDEN_MEASURES else "name", message)
            )
        anchors = criterion.get("anchors") or []
        if not isinstance(anchors, list) or not all(
            isinstance(a, dict) and "text" in a for a in anchors
        ):
            per_criterion[index].append(
                ("anchors", _('Anchors are a list like [{"min": 9, "max": 10, "text": "…"}].'))
            )
    if criteria and total != Decimal(100):
        general.append(
            _("The weights total %(total)s; they must total 100.") % {"total": plain_number(total)}
        )
    minimums = [Decimal(b.get("minimum") or 0) for b in bands]
    if minimums and min(minimums) > 0:
        general.append(_("The lowest grade band must start at 0 so that every total has a grade."))
    return general, dict(per_criterion)


def template_check(*, template: AssessmentTemplate) -> None:
    """ValidationError listing every problem of a saved template (used before a cycle opens)."""
    criteria = [
        {
            "measure": c.measure,
            "name": c.name,
            "description": c.description,
            "weight": c.weight,
            "anchors": c.anchors,
        }
        for c in template.criteria.all()
    ]
    general, per_criterion = template_errors(
        criteria=criteria, bands=[{"minimum": b.minimum} for b in template.bands.all()]
    )
    messages = general + [m for errors in per_criterion.values() for _f, m in errors]
    if messages:
        raise AssessmentError(messages)


def _copy_children(source: AssessmentTemplate, target: AssessmentTemplate) -> None:
    TemplateSection.objects.bulk_create(
        TemplateSection(
            template=target,
            code=s.code,
            title=s.title,
            description=s.description,
            sort_order=s.sort_order,
        )
        for s in source.sections.all()
    )
    Criterion.objects.bulk_create(
        Criterion(
            template=target,
            section=c.section,
            name=c.name,
            description=c.description,
            measure=c.measure,
            weight=c.weight,
            max_score=c.max_score,
            anchors=c.anchors,
            sort_order=c.sort_order,
        )
        for c in source.criteria.all()
    )
    GradeBandRow.objects.bulk_create(
        GradeBandRow(
            template=target, code=b.code, label=b.label, minimum=b.minimum, sort_order=b.sort_order
        )
        for b in source.bands.all()
    )


def _next_version(template: AssessmentTemplate) -> AssessmentTemplate:
    latest = (
        AssessmentTemplate.objects.filter(name=template.name, agency_id=template.agency_id)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    ) or template.version
    return AssessmentTemplate.objects.create(
        name=template.name,
        version=max(latest, template.version) + 1,
        agency=template.agency,
        based_on=template.based_on,
        previous_version=template,
        description=template.description,
    )


@transaction.atomic
def template_new_version(*, template: AssessmentTemplate, actor=None) -> AssessmentTemplate:
    """A new, editable version of a (frozen) template; the old one stays as cycles used it."""
    new = _next_version(template)
    _copy_children(template, new)
    return new


@transaction.atomic
def template_save_as_new_version(*, edited: AssessmentTemplate) -> AssessmentTemplate:
    """Save an edited, unsaved copy of a frozen template (with its child rows still in
    memory, as the admin form leaves them) as a new version; the frozen one is untouched."""
    original = AssessmentTemplate.objects.get(pk=edited.pk)
    children = {
        relation: list(getattr(edited, relation).all())
        for relation in ("sections", "criteria", "bands")
    }
    new = _next_version(original)
    for _relation, rows in children.items():
        for row in rows:
            row.pk = None
            row.template = new
            row.save()
    for field in ("name", "description"):
        setattr(new, field, getattr(edited, field))
    new.save(update_fields=["name", "description"])
    return new


def template_ensure_bands(*, template: AssessmentTemplate) -> None:
    """Give a template without grade bands the default ones (优秀≥90, 合格≥75, 基本合格≥60)."""
    if not template.bands.exists():
        GradeBandRow.objects.bulk_create(
            GradeBandRow(
                template=template,
                code=code,
                label=label,
                minimum=Decimal(minimum),
                sort_order=index,
            )
            for index, (code, label, minimum) in enumerate(rules.DEFAULT_GRADE_BANDS)
        )


@transaction.atomic
def template_adapt(
    *, template: AssessmentTemplate, agency: Agency, actor, name: str = ""
) -> AssessmentTemplate:
    """An agency's own editable copy of a provincial (or upper-level) template."""
    _check_manage(actor, agency)
    copy = AssessmentTemplate.objects.create(
        name=name.strip() or f"{template.name}（{agency.name}）",
        version=1,
        agency=agency,
        based_on=template,
        description=template.description,
    )
    _copy_children(template, copy)
    return copy


class TemplateInvalid(AssessmentError):
    """Edited criteria that break a template rule. ``general`` concerns the whole set;
    ``per_criterion`` maps a row's position in the submitted list to [(field, message)]."""

    def __init__(self, general: list[str], per_criterion: dict[int, list[tuple[str, str]]]):
        self.general = general
        self.per_criterion = per_criterion
        super().__init__(general + [m for errors in per_criterion.values() for _f, m in errors])


CRITERION_EDITABLE = ("section", "name", "description", "measure", "weight", "max_score")


def _criterion_values(criterion: Criterion) -> dict:
    return {name: getattr(criterion, name) for name in (*CRITERION_EDITABLE, "anchors")}


@transaction.atomic
def template_update_criteria(
    *,
    template: AssessmentTemplate,
    actor,
    criteria: list[Mapping],
    remove: Iterable[int] = (),
) -> AssessmentTemplate:
    """Change, add and remove an agency template's criteria, all or nothing.

    A row of ``criteria`` with an ``id`` changes that criterion (section, name, description,
    measure, weight, max_score; a value left out stays); a row without one adds a criterion
    (after the others). ``remove`` lists ids to delete. Criteria in neither stay as they are.
    The resulting set must pass ``template_errors``, else ``TemplateInvalid`` and nothing
    changes. A frozen template gets a new version with the changes; returns the one edited."""
    if template.agency_id is None:
        raise PermissionDenied(_("Provincial templates are edited in the content admin."))
    _check_manage(actor, template.agency)
    # Concurrent edits of one template take turns, so each is checked against what the
    # other left; a cycle opening meanwhile (which freezes the template) waits too.
    template = AssessmentTemplate.objects.select_for_update().get(pk=template.pk)
    current = {c.pk: c for c in template.criteria.order_by("sort_order", "pk")}
    originals = list(current)
    named = [int(row["id"]) for row in criteria if row.get("id") not in (None, "")]
    removed = [int(pk) for pk in remove]
    if len(set(named + removed)) != len(named + removed) or not set(named + removed) <= set(
        current
    ):
        raise AssessmentError(_("The criteria have changed meanwhile; reload the page."))

    offered = {code for code, _label in selectors.template_section_choices(template)}
    edited: list[dict] = []
    section_errors: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for index, row in enumerate(criteria):
        pk = row.get("id")
        if pk in (None, ""):
            values = {"section": "", "description": "", "max_score": Decimal(10), "anchors": []}
        else:
            values = _criterion_values(current[int(pk)])
        values.update({name: row[name] for name in CRITERION_EDITABLE if row.get(name) is not None})
        if values["section"] not in offered:
            section_errors[index].append(("section", _("Choose one of the template's sections.")))
        edited.append(values)
    untouched = [c for pk, c in current.items() if pk not in named and pk not in removed]
    general, per_criterion = template_errors(
        criteria=edited + [_criterion_values(c) for c in untouched]
    )
    per_row: dict[int, list[tuple[str, str]]] = {}
    for index in sorted(set(per_criterion) | set(section_errors)):
        errors = section_errors.get(index, []) + per_criterion.get(index, [])
        if index < len(edited):
            per_row[index] = errors
        else:  # not on the page: someone else added it meanwhile
            general += [f"{untouched[index - len(edited)].name}: {m}" for _f, m in errors]
    if general or per_row:
        raise TemplateInvalid(general, per_row)

    target = template
    if template.frozen or template.cycles.exists():
        target = template_new_version(template=template, actor=actor)
    # The copy's criteria keep their order, so existing criteria map onto it by position.
    copies = list(target.criteria.order_by("sort_order", "pk"))
    by_id = {pk: copies[position] for position, pk in enumerate(originals)}
    Criterion.objects.filter(pk__in=[by_id[pk].pk for pk in removed]).delete()
    next_order = max((c.sort_order for c in copies), default=-1) + 1
    for row, values in zip(criteria, edited, strict=True):
        pk = row.get("id")
        if pk in (None, ""):
            values["anchors"] = values["anchors"] or generic_anchors(values["max_score"])
            Criterion.objects.create(template=target, sort_order=next_order, **values)
            next_order += 1
            continue
        criterion = by_id[int(pk)]
        for name in CRITERION_EDITABLE:
            setattr(criterion, name, values[name])
        criterion.save()
    return target


# --------------------------------------------------------------------------- cycles


@dataclass
class CycleOpened:
    cycle: Cycle
    created: int
    without_supervisor: list[Auxiliary]


def templates_usable_by(agency: Agency):
    """Provincial templates and those of the agency or an agency above it."""
    ancestor_ids = [int(pk) for pk in (agency.path or "").strip("/").split("/") if pk]
    return AssessmentTemplate.objects.filter(
        Q(agency__isnull=True) | Q(agency_id__in=ancestor_ids)
    ).order_by("name", "-version")


def cycle_auxiliaries(cycle: Cycle):
    """The credentialed auxiliaries a cycle covers."""
    queryset = Auxiliary.objects.filter(status=AuxiliaryStatus.CREDENTIALED)
    if cycle.include_subordinates:
        return queryset.filter(agency__path__startswith=cycle.agency.path)
    return queryset.filter(agency=cycle.agency)


@transaction.atomic
def cycle_open(
    *,
    agency: Agency,
    name: str,
    period_start: datetime.date,
    period_end: datetime.date,
    due_date: datetime.date,
    template: AssessmentTemplate,
    actor,
    include_subordinates: bool = False,
    next_cycle_start: datetime.date | None = None,
) -> CycleOpened:
    """Open a cycle: one pending assessment per credentialed auxiliary in scope, assigned to
    their supervisor. Those without a supervisor are returned for the admin to fix."""
    _check_manage(actor, agency)
    if period_end < period_start:
        raise AssessmentError(_("The period must end after it starts."))
    if not templates_usable_by(agency).filter(pk=template.pk).exists():
        raise AssessmentError(_("This template is not available to the agency."))
    template_check(template=template)
    cycle = Cycle.objects.create(
        agency=agency,
        name=name,
        period_start=period_start,
        period_end=period_end,
        due_date=due_date,
        template=template,
        include_subordinates=include_subordinates,
        next_cycle_start=next_cycle_start or period_end + datetime.timedelta(days=1),
        opened_by=actor,
    )
    # Cycles have been scored against it; from now on changes go into a new version.
    AssessmentTemplate.objects.filter(pk=template.pk).update(frozen=True)
    template.frozen = True
    people = list(
        cycle_auxiliaries(cycle).select_related("agency").order_by("agency__path", "name")
    )
    Assessment.objects.bulk_create(
        Assessment(cycle=cycle, auxiliary=aux, supervisor_id=aux.supervisor_id) for aux in people
    )
    return CycleOpened(
        cycle=cycle,
        created=len(people),
        without_supervisor=[aux for aux in people if aux.supervisor_id is None],
    )


# --------------------------------------------------------------------------- scoring


def _criteria(assessment: Assessment) -> list[Criterion]:
    return list(assessment.cycle.template.criteria.order_by("sort_order", "pk"))


@transaction.atomic
def assessment_save_draft(*, assessment: Assessment, actor, data: Mapping) -> Assessment:
    """Store the supervisor's work in progress as is. Saving the same data twice is harmless."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _check_scorer(actor, assessment)
    if locked.is_locked:
        raise AssessmentError(_("This assessment has been submitted and can no longer change."))
    locked.draft = clean_draft(data)
    locked.draft_saved_at = timezone.now()
    locked.status = AssessmentStatus.DRAFT
    locked.supervisor = actor
    locked.save(update_fields=["draft", "draft_saved_at", "status", "supervisor"])
    return locked


@dataclass
class Result:
    total: Decimal
    grade: rules.GradeBand
    recommendation: rules.Recommendation


def compute_result(
    *, assessment: Assessment, criteria: list[Criterion], parsed: ParsedForm
) -> Result:
    total = rules.weighted_total(
        [rules.CriterionScore(c.weight, c.max_score, parsed.scores[c.pk][0]) for c in criteria]
    )
    grade = rules.grade_for(total, assessment.cycle.template.grade_bands())
    cycle = assessment.cycle
    recommendation = rules.recommend(
        grade_code=grade.code,
        violation_items=[v.item for v in parsed.violations],
        contract_end=assessment.auxiliary.contract_end,
        next_cycle_start=cycle.next_cycle_start or cycle.period_end + datetime.timedelta(days=1),
    )
    return Result(total, grade, recommendation)


def _apply(assessment: Assessment, parsed: ParsedForm, result: Result) -> None:
    assessment.days_absent = parsed.days_absent
    assessment.late_arrivals = parsed.late_arrivals
    assessment.general_comment = parsed.general_comment
    assessment.total = result.total
    assessment.grade_code = result.grade.code
    assessment.grade_label = result.grade.label
    assessment.outcome = result.recommendation.outcome.value
    assessment.reasons = [
        {"rule": r.rule, "article": r.article, "item": r.item, "text": r.text}
        for r in result.recommendation.reasons
    ]
    assessment.commend = result.recommendation.commend
    assessment.contract_decision_due = result.recommendation.contract_decision_due


def snapshot(assessment: Assessment) -> dict:
    """Everything an assessment says, as plain data for a revision."""
    return {
        "scores": [
            {
                "criterion": s.criterion_id,
                "name": s.criterion.name,
                "score": str(s.score),
                "comment": s.comment,
            }
            for s in assessment.scores.select_related("criterion").order_by(
                "criterion__sort_order", "criterion_id"
            )
        ],
        "days_absent": assessment.days_absent,
        "late_arrivals": assessment.late_arrivals,
        "general_comment": assessment.general_comment,
        "violations": [
            {"item": v.item, "date": v.date.isoformat(), "description": v.description}
            for v in assessment.violations.filter(withdrawn_at__isnull=True)
        ],
        "total": str(assessment.total),
        "grade_code": assessment.grade_code,
        "grade_label": assessment.grade_label,
        "outcome": assessment.outcome,
        "outcome_label": assessment.outcome_label,
        "reasons": assessment.reasons,
        "commend": assessment.commend,
        "contract_decision_due": assessment.contract_decision_due,
    }


def _parse_or_raise(assessment: Assessment, criteria, data: Mapping) -> ParsedForm:
    parsed = parse_form(
        criteria=criteria,
        data=clean_draft(data),
        period=(assessment.cycle.period_start, assessment.cycle.period_end),
    )
    if parsed.errors:
        raise FormInvalid(parsed.errors)
    return parsed


def _revision(assessment: Assessment, *, kind: str, author, reason: str) -> AssessmentRevision:
    number = (
        assessment.revisions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    return AssessmentRevision.objects.create(
        assessment=assessment,
        number=number,
        kind=kind,
        author=author,
        reason=reason,
        snapshot=snapshot(assessment),
    )


def assessment_submit(*, assessment: Assessment, actor, data: Mapping) -> Assessment:
    """Check every field, compute total, grade and recommendation, and lock the form.

    Whatever was typed is saved as the draft first (its own transaction), so a refused
    submission loses nothing."""
    assessment_save_draft(assessment=assessment, actor=actor, data=data)
    return _submit(assessment=assessment, actor=actor, data=data)


@transaction.atomic
def _submit(*, assessment: Assessment, actor, data: Mapping) -> Assessment:
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.is_locked:
        raise AssessmentError(_("This assessment has already been submitted."))
    locked.cycle = assessment.cycle
    locked.auxiliary = assessment.auxiliary
    criteria = _criteria(locked)
    parsed = _parse_or_raise(locked, criteria, data)
    result = compute_result(assessment=locked, criteria=criteria, parsed=parsed)
    CriterionScore.objects.bulk_create(
        CriterionScore(assessment=locked, criterion_id=cid, score=score, comment=comment)
        for cid, (score, comment) in parsed.scores.items()
    )
    Violation.objects.bulk_create(
        Violation(assessment=locked, item=v.item, date=v.date, description=v.description)
        for v in parsed.violations
    )
    _apply(locked, parsed, result)
    locked.status = AssessmentStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.submitted_by = actor
    locked.supervisor = actor
    locked.save()
    _revision(locked, kind=RevisionKind.SUBMITTED, author=actor, reason="")
    return locked


@transaction.atomic
def assessment_amend(*, assessment: Assessment, actor, data: Mapping, reason: str) -> Assessment:
    """Change a submitted assessment: a new revision with author, time and reason. Scores are
    updated, violations no longer found are withdrawn (kept, marked), nothing is deleted."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    locked.cycle = assessment.cycle
    locked.auxiliary = assessment.auxiliary
    _check_manage(actor, locked.auxiliary.agency)
    if not locked.is_locked:
        raise AssessmentError(_("Only a submitted assessment can be amended."))
    if not (reason or "").strip():
        raise FormInvalid({"reason": [_("Give the reason for the amendment.")]})
    if hasattr(locked, "decision"):
        raise AssessmentError(_("The final decision has been recorded; the assessment is closed."))
    criteria = _criteria(locked)
    parsed = _parse_or_raise(locked, criteria, data)
    result = compute_result(assessment=locked, criteria=criteria, parsed=parsed)
    for score in locked.scores.all():
        new_score, comment = parsed.scores[score.criterion_id]
        if (score.score, score.comment) != (new_score, comment):
            score.score, score.comment = new_score, comment
            score.save(update_fields=["score", "comment"])
    current = list(locked.violations.filter(withdrawn_at__isnull=True))
    wanted = [(v.item, v.date, v.description) for v in parsed.violations]
    for violation in current:
        key = (violation.item, violation.date, violation.description)
        if key in wanted:
            wanted.remove(key)
        else:
            violation.withdrawn_at = timezone.now()
            violation.save(update_fields=["withdrawn_at"])
    Violation.objects.bulk_create(
        Violation(assessment=locked, item=item, date=date, description=description)
        for item, date, description in wanted
    )
    _apply(locked, parsed, result)
    locked.save()
    _revision(locked, kind=RevisionKind.AMENDED, author=actor, reason=reason.strip())
    return locked


def amendment_initial(assessment: Assessment) -> dict[str, str]:
    """The current values in the form's flat shape, to start an amendment from."""
    data = {
        "days_absent": str(assessment.days_absent or 0),
        "late_arrivals": str(assessment.late_arrivals or 0),
        "general_comment": assessment.general_comment,
    }
    for score in assessment.scores.all():
        data[f"score_{score.criterion_id}"] = plain_number(score.score)
        data[f"comment_{score.criterion_id}"] = score.comment
    for index, v in enumerate(assessment.violations.filter(withdrawn_at__isnull=True)):
        data[f"violation_item_{index}"] = str(v.item)
        data[f"violation_date_{index}"] = v.date.isoformat()
        data[f"violation_description_{index}"] = v.description
    return data


# --------------------------------------------------------------------------- response


def response_deadline(assessment: Assessment) -> datetime.datetime | None:
    if assessment.submitted_at is None:
        return None
    return assessment.submitted_at + datetime.timedelta(days=response_days())


def can_respond(assessment: Assessment, *, now: datetime.datetime | None = None) -> bool:
    deadline = response_deadline(assessment)
    return bool(
        assessment.is_locked
        and not assessment.response
        and deadline is not None
        and (now or timezone.now()) <= deadline
    )


@transaction.atomic
def assessment_respond(
    *, assessment: Assessment, actor, objection: bool, statement: str = ""
) -> Assessment:
    """The auxiliary acknowledges the assessment or objects with a written statement, within
    ASSESSMENT_RESPONSE_DAYS (default 7) of submission."""
    locked = (
        Assessment.objects.select_for_update().select_related("auxiliary").get(pk=assessment.pk)
    )
    if locked.auxiliary.user_id is None or locked.auxiliary.user_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("Only the assessed auxiliary responds to the assessment."))
    if locked.response:
        raise AssessmentError(_("You have already responded to this assessment."))
    if not can_respond(locked):
        raise AssessmentError(
            _("The %(days)s days for responding to this assessment have passed.")
            % {"days": response_days()}
        )
    statement = (statement or "").strip()
    if objection and not statement:
        raise FormInvalid({"statement": [_("Write down what you object to and why.")]})
    locked.response = Response.OBJECTED if objection else Response.ACKNOWLEDGED
    locked.response_statement = statement
    locked.responded_at = timezone.now()
    locked.save(update_fields=["response", "response_statement", "responded_at"])
    if objection:
        url = reverse("assessments:detail", args=[locked.pk])
        with _platform_language():
            text = _("%(name)s objected to their assessment.") % {"name": locked.auxiliary.name}
        for admin in agency_admins(locked.auxiliary.agency):
            notify(user=admin, text=text, url=url)
    return locked


@transaction.atomic
def objection_resolve(
    *,
    assessment: Assessment,
    actor,
    uphold: bool,
    note: str,
    data: Mapping | None = None,
) -> Assessment:
    """The agency admin answers an objection: uphold the assessment, or amend it (a revision)."""
    assessment = (
        Assessment.objects.select_for_update()
        .select_related("auxiliary__agency", "cycle__template")
        .get(pk=assessment.pk)
    )
    _check_manage(actor, assessment.auxiliary.agency)
    if assessment.response != Response.OBJECTED or assessment.resolution:
        raise AssessmentError(_("There is no open objection to answer."))
    note = (note or "").strip()
    if not note:
        raise FormInvalid({"note": [_("Write the reply to the objection.")]})
    if not uphold:
        assessment = assessment_amend(
            assessment=assessment, actor=actor, data=data or {}, reason=note
        )
    Assessment.objects.filter(pk=assessment.pk).update(
        resolution=ObjectionResolution.UPHELD if uphold else ObjectionResolution.AMENDED,
        resolution_note=note,
        resolved_by=actor,
        resolved_at=timezone.now(),
    )
    assessment.refresh_from_db()
    if assessment.auxiliary.user_id:
        with _platform_language():
            text = _("Your objection has been answered.")
        notify(
            user=assessment.auxiliary.user,
            text=text,
            url=reverse("assessments:detail", args=[assessment.pk]),
        )
    return assessment


# --------------------------------------------------------------------------- decision


def decision_blocker(assessment: Assessment) -> str:
    """Why no decision can be recorded yet ('' when one can)."""
    if not assessment.is_locked:
        return _("The assessment has not been submitted yet.")
    if hasattr(assessment, "decision"):
        return _("The final decision has already been recorded.")
    if assessment.response == Response.OBJECTED and not assessment.resolution:
        return _("Answer the auxiliary's objection first.")
    if can_respond(assessment):
        # Deciding first would take away the auxiliary's chance to object.
        return _(
            "The auxiliary may acknowledge or object until %(deadline)s; decide after that."
        ) % {
            "deadline": timezone.localtime(response_deadline(assessment)).strftime("%Y-%m-%d %H:%M")
        }
    return ""


@transaction.atomic
def decision_record(
    *,
    assessment: Assessment,
    actor,
    outcome: str,
    reason: str = "",
    contract_end: datetime.date | None = None,
    valid_until: datetime.date | None = None,
) -> Decision:
    """Record the agency's final decision. Dismissal starts offboarding (the credentials app
    revokes the credential on the status change); renewal extends contract and credential."""
    assessment = (
        Assessment.objects.select_for_update()
        .select_related("auxiliary__agency", "cycle")
        .get(pk=assessment.pk)
    )
    _check_manage(actor, assessment.auxiliary.agency)
    blocker = decision_blocker(assessment)
    if blocker:
        raise AssessmentError(blocker)
    outcome = rules.Outcome(outcome)
    follows = outcome.value == assessment.outcome
    reason = (reason or "").strip()
    errors: dict[str, list[str]] = {}
    if not follows and not reason:
        errors["reason"] = [_("Give the reason for departing from the recommendation.")]
    aux = assessment.auxiliary
    if outcome is not rules.Outcome.DISMISS:
        if contract_end is None:
            errors["contract_end"] = [_("Enter the new contract end date.")]
        elif contract_end <= assessment.cycle.period_end:
            errors["contract_end"] = [_("The new contract end must lie after the period.")]
    if errors:
        raise FormInvalid(errors)
    decision = Decision.objects.create(
        assessment=assessment,
        outcome=outcome.value,
        follows_recommendation=follows,
        reason=reason,
        contract_end=contract_end if outcome is not rules.Outcome.DISMISS else None,
        valid_until=(valid_until or contract_end) if outcome is not rules.Outcome.DISMISS else None,
        decided_by=actor,
    )
    label = rules.OUTCOME_LABELS[outcome]
    if outcome is rules.Outcome.DISMISS:
        from lms.services import auxiliary_transition

        auxiliary_transition(
            auxiliary=aux,
            to_status=AuxiliaryStatus.DISMISSED,
            actor=actor,
            reason=_("Assessment %(cycle)s: %(decision)s. %(why)s")
            % {
                "cycle": assessment.cycle.name,
                "decision": label,
                "why": reason or "；".join(r["text"] for r in assessment.reasons),
            },
        )
    else:
        aux.contract_end = contract_end
        aux.save(update_fields=["contract_end", "updated_at"])
        _extend_credential(aux, decision.valid_until, actor, assessment.cycle.name, label)
    return decision


def _extend_credential(aux, valid_until, actor, cycle_name, label) -> None:
    try:
        from credentials.services import credential_extend_validity
    except ImportError:
        logger.warning(
            "credentials.services.credential_extend_validity is not available; the credential "
            "of auxiliary %s was not extended",
            aux.pk,
        )
        return
    credential = selectors.credential_model()
    if credential is not None and not credential.objects.filter(auxiliary=aux).exists():
        # Someone assessed without ever holding a credential (e.g. imported records): the
        # contract is renewed, and there is no card to extend.
        logger.warning("auxiliary %s holds no credential to extend", aux.pk)
        return
    credential_extend_validity(
        auxiliary=aux,
        valid_until=valid_until,
        actor=actor,
        reason=_("Assessment %(cycle)s: %(decision)s") % {"cycle": cycle_name, "decision": label},
    )


# --------------------------------------------------------------------------- notices


def notify(*, user, text: str, url: str = "") -> Notice:
    return Notice.objects.create(user=user, text=text[:300], url=url[:300])


def notice_mark_read(*, notice: Notice, actor) -> None:
    if notice.user_id != actor.pk:
        raise PermissionDenied
    if notice.read_at is None:
        Notice.objects.filter(pk=notice.pk).update(read_at=timezone.now())


def agency_admins(agency: Agency):
    """The admins of the agency (the people who open its cycles and answer objections)."""
    from django.contrib.auth import get_user_model

    ids = UserProfile.objects.filter(role=Role.AGENCY_ADMIN, agency=agency).values("user_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True)


# --------------------------------------------------------------------------- reminders


REMINDER_DAYS = (7, 1)


def _site_url(path: str) -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/") + path


def _platform_language():
    """Stored notices and mails are written in the platform's language, whoever triggers them
    (a worker has no request language)."""
    return translation.override(settings.LANGUAGE_CODE)


def reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Remind supervisors 7 and 1 days before a cycle's due date (e-mail and notice), and list
    overdue forms to the agency admins every day after it. Each reminder goes out once."""
    with _platform_language():
        return _reminders_send(today=today or timezone.localdate())


@transaction.atomic
def _reminders_send(*, today: datetime.date) -> dict[str, int]:
    sent = {"supervisors": 0, "admins": 0}
    due_dates = [today + datetime.timedelta(days=d) for d in REMINDER_DAYS]
    for cycle in Cycle.objects.filter(due_date__in=due_dates).select_related("agency"):
        kind = f"due_{(cycle.due_date - today).days}"
        if ReminderSent.objects.filter(cycle=cycle, kind=kind).exists():
            continue
        ReminderSent.objects.create(cycle=cycle, kind=kind, sent_on=today)
        sent["supervisors"] += _remind_supervisors(cycle, today)
    overdue = (
        Cycle.objects.filter(
            due_date__lt=today,
            assessments__status__in=[AssessmentStatus.PENDING, AssessmentStatus.DRAFT],
        )
        .distinct()
        .select_related("agency")
    )
    for cycle in overdue:
        _reminder, created = ReminderSent.objects.get_or_create(
            cycle=cycle, kind="overdue", sent_on=today
        )
        if created:
            sent["admins"] += _report_overdue(cycle)
    return sent


def _open_assessments(cycle: Cycle):
    return cycle.assessments.filter(
        status__in=[AssessmentStatus.PENDING, AssessmentStatus.DRAFT]
    ).select_related("auxiliary__supervisor__profile", "auxiliary")


def _remind_supervisors(cycle: Cycle, today: datetime.date) -> int:
    by_supervisor: dict = defaultdict(list)
    for assessment in _open_assessments(cycle):
        if assessment.auxiliary.supervisor_id:
            by_supervisor[assessment.auxiliary.supervisor].append(assessment)
    url = reverse("assessments:my_forms")
    days = (cycle.due_date - today).days
    for supervisor, assessments in by_supervisor.items():
        text = _(
            "%(cycle)s: %(count)s assessment(s) to submit by %(due)s (%(days)s day(s) left)."
        ) % {
            "cycle": cycle.name,
            "count": len(assessments),
            "due": cycle.due_date.isoformat(),
            "days": days,
        }
        notify(user=supervisor, text=text, url=url)
        if supervisor.email:
            names = "\n".join(f"- {a.auxiliary.name}" for a in assessments)
            send_mail(
                subject=_("Assessments due on %(due)s") % {"due": cycle.due_date.isoformat()},
                message=f"{text}\n\n{names}\n\n{_site_url(url)}",
                from_email=None,
                recipient_list=[supervisor.email],
            )
    return len(by_supervisor)


def _report_overdue(cycle: Cycle) -> int:
    assessments = list(_open_assessments(cycle))
    url = reverse("assessments:cycle_detail", args=[cycle.pk])
    lines = []
    for a in assessments:
        supervisor = a.auxiliary.supervisor
        who = (
            supervisor.profile.display_name if supervisor and hasattr(supervisor, "profile") else ""
        ) or (supervisor.username if supervisor else _("no supervisor"))
        lines.append(f"- {a.auxiliary.name}（{who}）")
    text = _("%(cycle)s: %(count)s assessment(s) are overdue (due %(due)s).") % {
        "cycle": cycle.name,
        "count": len(assessments),
        "due": cycle.due_date.isoformat(),
    }
    admins = list(agency_admins(cycle.agency))
    for admin in admins:
        notify(user=admin, text=text, url=url)
        if admin.email:
            send_mail(
                subject=_("Overdue assessments: %(cycle)s") % {"cycle": cycle.name},
                message=f"{text}\n\n" + "\n".join(lines) + f"\n\n{_site_url(url)}",
                from_email=None,
                recipient_list=[admin.email],
            )
    return len(admins)


def schedules_ensure() -> None:
    """The daily reminder schedule for django-q2 (created once, whatever the reruns), first
    run at 07:00 tomorrow so reminders arrive at the start of a working day."""
    from django_q.models import Schedule

    if Schedule.objects.filter(name=REMINDER_SCHEDULE).exists():
        return
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    first_run = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(7, 0)))
    Schedule.objects.create(
        name=REMINDER_SCHEDULE,
        func="assessments.tasks.send_reminders",
        schedule_type=Schedule.DAILY,
        next_run=first_run,
        repeats=-1,
    )


REMINDER_SCHEDULE = "assessments: reminders"
