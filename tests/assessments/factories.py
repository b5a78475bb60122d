"""Builders for assessment tests: small templates, opened cycles and filled-in forms."""

from __future__ import annotations

import datetime
from decimal import Decimal

from assessments import rules, services
from assessments.models import (
    AssessmentTemplate,
    Criterion,
    GradeBandRow,
    Section,
    TemplateSection,
)
from lms.models import AuxiliaryStatus

PERIOD_START = datetime.date(2026, 1, 1)
PERIOD_END = datetime.date(2026, 6, 30)
DUE = datetime.date(2026, 7, 15)


def make_template(criteria=None, *, name="测试考核模板", agency=None) -> AssessmentTemplate:
    """criteria: [(section, name, measure, weight, max_score)]; default 60/40 out of 10."""
    criteria = criteria or [
        ("de", "遵规守纪", "conduct", 60, 10),
        ("ji", "任务完成", "task", 40, 10),
    ]
    template = AssessmentTemplate.objects.create(name=name, agency=agency)
    for order, code in enumerate(["de", "neng", "qin", "ji", "lian"]):
        TemplateSection.objects.create(
            template=template, code=code, title=Section(code).label, sort_order=order
        )
    for order, (section, cname, measure, weight, max_score) in enumerate(criteria):
        Criterion.objects.create(
            template=template,
            section=section,
            name=cname,
            measure=measure,
            weight=Decimal(weight),
            max_score=Decimal(max_score),
            anchors=[{"min": 0, "max": max_score, "text": "描述"}],
            sort_order=order,
        )
    for order, (code, label, minimum) in enumerate(rules.DEFAULT_GRADE_BANDS):
        GradeBandRow.objects.create(
            template=template, code=code, label=label, minimum=Decimal(minimum), sort_order=order
        )
    return template


def single_criterion_template() -> AssessmentTemplate:
    """One criterion, weight 100, out of 100: the score *is* the total."""
    return make_template([("ji", "综合", "task", 100, 100)], name="单项模板")


def credentialed(*auxiliaries) -> None:
    for aux in auxiliaries:
        aux.status = AuxiliaryStatus.CREDENTIALED
        aux.save(update_fields=["status"])


def open_cycle(org, *, agency=None, template=None, actor=None, **kwargs):
    agency = agency or org.county_a
    return services.cycle_open(
        agency=agency,
        name=kwargs.pop("name", "2026年上半年考核"),
        period_start=kwargs.pop("period_start", PERIOD_START),
        period_end=kwargs.pop("period_end", PERIOD_END),
        due_date=kwargs.pop("due_date", DUE),
        template=template or make_template(),
        actor=actor or (org.admin_a if agency == org.county_a else org.admin_b),
        **kwargs,
    )


def form_data(assessment, scores, *, absent=0, late=0, violations=(), comments=None) -> dict:
    """scores: one value for every criterion, or a list in criterion order."""
    criteria = list(assessment.cycle.template.criteria.order_by("sort_order", "pk"))
    if not isinstance(scores, list | tuple):
        scores = [scores] * len(criteria)
    data = {"days_absent": str(absent), "late_arrivals": str(late), "general_comment": ""}
    for criterion, score in zip(criteria, scores, strict=True):
        data[f"score_{criterion.pk}"] = str(score)
        data[f"comment_{criterion.pk}"] = (comments or {}).get(criterion.pk, "说明")
    for index, (item, when, text) in enumerate(violations):
        data[f"violation_item_{index}"] = str(item)
        data[f"violation_date_{index}"] = when
        data[f"violation_description_{index}"] = text
    return data


def submit(assessment, scores, **kwargs):
    return services.assessment_submit(
        assessment=assessment,
        actor=assessment.auxiliary.supervisor,
        data=form_data(assessment, scores, **kwargs),
    )


def assessment_of(opened, aux):
    return opened.cycle.assessments.select_related("cycle__template", "auxiliary").get(
        auxiliary=aux
    )


def age(assessment, **delta):
    """Pretend the assessment was submitted ``delta`` ago (response windows)."""
    from django.utils import timezone

    from assessments.models import Assessment

    Assessment.objects.filter(pk=assessment.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(**delta)
    )
    assessment.refresh_from_db()
    return assessment


def submit_closed(assessment, scores, **kwargs):
    """Submitted, and the auxiliary's response window has passed without a response."""
    return age(submit(assessment, scores, **kwargs), days=8)
