"""Builders for report tests: a template with criteria and bands, a cycle, and assessments with
scores, violations, responses and decisions (written straight to the models)."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from assessments import rules
from assessments.models import (
    Assessment,
    AssessmentTemplate,
    Criterion,
    CriterionScore,
    Cycle,
    Decision,
    GradeBandRow,
    Violation,
)
from credentials.models import Credential
from tests.factories import AuxiliaryFactory

_numbers = itertools.count(1)

CRITERIA = [("de", "职业道德", 30), ("neng", "业务能力", 30), ("ji", "任务完成", 40)]


def make_template(name: str = "年度考核模板") -> AssessmentTemplate:
    template = AssessmentTemplate.objects.create(name=name, frozen=True)
    for index, (section, label, weight) in enumerate(CRITERIA):
        Criterion.objects.create(
            template=template,
            section=section,
            name=label,
            weight=Decimal(weight),
            max_score=Decimal(10),
            sort_order=index,
        )
    for index, (code, label, minimum) in enumerate(rules.DEFAULT_GRADE_BANDS):
        GradeBandRow.objects.create(
            template=template, code=code, label=label, minimum=Decimal(minimum), sort_order=index
        )
    return template


def make_cycle(agency, *, template=None, include_subordinates=True, **kwargs) -> Cycle:
    defaults = {
        "name": "2026年上半年考核",
        "period_start": datetime.date(2026, 1, 1),
        "period_end": datetime.date(2026, 6, 30),
        "due_date": datetime.date(2026, 7, 31),
    }
    defaults.update(kwargs)
    return Cycle.objects.create(
        agency=agency,
        template=template or make_template(),
        include_subordinates=include_subordinates,
        **defaults,
    )


OUTCOME_FOR = {"excellent": "renew", "pass": "renew", "basic": "renew_correct", "fail": "dismiss"}


def make_assessment(
    cycle: Cycle,
    auxiliary,
    *,
    scores=(9, 8, 9),
    total="87.00",
    grade="pass",
    outcome=None,
    violations=(),
    response="",
    decision=None,
    submitted=True,
    days_absent=1,
    late_arrivals=2,
) -> Assessment:
    criteria = list(cycle.template.criteria.order_by("sort_order"))
    outcome = outcome or OUTCOME_FOR[grade]
    assessment = Assessment.objects.create(
        cycle=cycle,
        auxiliary=auxiliary,
        supervisor=auxiliary.supervisor,
        status="submitted" if submitted else "pending",
        days_absent=days_absent if submitted else None,
        late_arrivals=late_arrivals if submitted else None,
        total=Decimal(total) if submitted else None,
        grade_code=grade if submitted else "",
        grade_label=rules.GRADE_LABELS[grade] if submitted else "",
        outcome=outcome if submitted else "",
        reasons=[
            {
                "rule": "x",
                "article": 24,
                "item": None,
                "text": f"考核等次为{rules.GRADE_LABELS[grade]}（第二十四条）",
            }
        ]
        if submitted
        else [],
        submitted_at=timezone.now() if submitted else None,
        response=response,
    )
    if submitted:
        for criterion, score in zip(criteria, scores, strict=True):
            CriterionScore.objects.create(
                assessment=assessment, criterion=criterion, score=Decimal(score)
            )
        for item in violations:
            Violation.objects.create(
                assessment=assessment,
                item=item,
                date=datetime.date(2026, 3, 1),
                description="记录",
            )
    if decision:
        Decision.objects.create(assessment=assessment, outcome=decision)
    return assessment


def make_credential(auxiliary, *, status="active", valid_until=None) -> Credential:
    return Credential.objects.create(
        auxiliary=auxiliary,
        number=f"GZZ-{auxiliary.agency.code}-{next(_numbers):05d}",
        issued_on=datetime.date(2025, 1, 1),
        valid_until=valid_until or datetime.date(2027, 1, 1),
        status=status,
    )


def make_people(agency, n: int, *, cycle: Cycle, supervisor=None, **kwargs) -> list[Assessment]:
    assessments = []
    for _ in range(n):
        aux = AuxiliaryFactory(agency=agency, supervisor=supervisor)
        make_credential(aux)
        assessments.append(make_assessment(cycle, aux, **kwargs))
    return assessments
