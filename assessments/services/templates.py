"""Assessment templates: the checks they must pass, agency copies, criteria edits, and new
versions of a template that cycles used (never changed in place)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from assessments import rules, selectors
from assessments.defaults import generic_anchors
from assessments.exceptions import AssessmentError, TemplateInvalid
from assessments.models import AssessmentTemplate, Criterion, GradeBandRow, TemplateSection
from assessments.scoring import plain_number
from assessments.services._access import check_manage
from lms.models import Agency


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


TEMPLATE_ROWS = ("sections", "criteria", "bands")


def _rows_of(template: AssessmentTemplate) -> list:
    """The template's child rows (sections, criteria, grade bands) in their order, as held in
    memory when an editor changed them there, else as stored."""
    return [row for relation in TEMPLATE_ROWS for row in getattr(template, relation).all()]


def _save_rows_as(rows: list, target: AssessmentTemplate) -> None:
    """Store ``rows`` as new rows of ``target``; wherever they came from stays as it was."""
    for row in rows:
        row.pk = None
        row.template = target
    for model in (TemplateSection, Criterion, GradeBandRow):
        model.objects.bulk_create([row for row in rows if type(row) is model])


def _copy_children(source: AssessmentTemplate, target: AssessmentTemplate) -> None:
    # Read afresh: the caller's instance may hold its rows (prefetched), which stay its own.
    _save_rows_as(_rows_of(AssessmentTemplate.objects.get(pk=source.pk)), target)


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
def template_save_edited(*, edited: AssessmentTemplate, actor=None) -> AssessmentTemplate:
    """Save an edit of a template made in memory: its fields and child rows (sections, criteria,
    grade bands) changed as modelcluster holds them, unsaved. Both editors edit this way, the
    admin's form and the site's criteria editor, so both keep the one rule: a template that
    cycles used is never changed (their assessments keep the criteria they were scored on);
    the edit becomes its next version, which is returned. Otherwise it is saved in place."""
    # A cycle opening meanwhile freezes the template; the lock makes one wait for the other, so
    # an edit never lands in place in a template a cycle has just started to use.
    original = AssessmentTemplate.objects.select_for_update().get(pk=edited.pk)
    if not selectors.template_in_use(original):
        edited.save()  # modelcluster writes the child rows with it
        return edited
    rows = _rows_of(edited)
    new = _next_version(original)
    _save_rows_as(rows, new)
    new.name, new.description = edited.name, edited.description
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
    check_manage(actor, agency)
    copy = AssessmentTemplate.objects.create(
        name=name.strip() or f"{template.name}（{agency.name}）",
        version=1,
        agency=agency,
        based_on=template,
        description=template.description,
    )
    _copy_children(template, copy)
    return copy


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
    check_manage(actor, template.agency)
    # Concurrent edits of one template take turns, so each is checked against what the
    # other left; a cycle opening meanwhile (which freezes the template) waits too.
    template = AssessmentTemplate.objects.select_for_update().get(pk=template.pk)
    current = {c.pk: c for c in template.criteria.order_by("sort_order", "pk")}
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

    # Made in memory, as the admin's form makes its edits, so that one service decides whether
    # they change this template or go into a new version.
    kept = list(untouched)
    next_order = max((c.sort_order for c in current.values()), default=-1) + 1
    for row, values in zip(criteria, edited, strict=True):
        pk = row.get("id")
        if pk in (None, ""):
            values["anchors"] = values["anchors"] or generic_anchors(values["max_score"])
            kept.append(Criterion(sort_order=next_order, **values))
            next_order += 1
            continue
        criterion = current[int(pk)]
        for name in CRITERION_EDITABLE:
            setattr(criterion, name, values[name])
        kept.append(criterion)
    template.criteria = kept
    return template_save_edited(edited=template, actor=actor)
