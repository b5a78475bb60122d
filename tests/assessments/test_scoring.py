"""Scoring through the service: arithmetic, grade edges, stored recommendation, lock."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from assessments import services
from assessments.models import AssessmentRevision, AssessmentStatus, CriterionScore
from tests.assessments import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def single(org):
    f.credentialed(org.aux_a)
    opened = f.open_cycle(org, template=f.single_criterion_template())
    return f.assessment_of(opened, org.aux_a)


@pytest.fixture
def assessment(org):
    f.credentialed(org.aux_a)
    return f.assessment_of(f.open_cycle(org), org.aux_a)


@pytest.mark.parametrize(
    ("score", "total", "grade", "label"),
    [
        ("100", "100.00", "excellent", "优秀"),
        ("90", "90.00", "excellent", "优秀"),
        ("89.99", "89.99", "pass", "合格"),
        ("75", "75.00", "pass", "合格"),
        ("74.99", "74.99", "basic", "基本合格"),
        ("60", "60.00", "basic", "基本合格"),
        ("59.99", "59.99", "fail", "不合格"),
        ("0", "0.00", "fail", "不合格"),
    ],
)
def test_grade_edges_through_the_service(single, score, total, grade, label):
    result = f.submit(single, score)
    assert result.total == Decimal(total)
    assert (result.grade_code, result.grade_label) == (grade, label)


def test_weighted_total_of_several_criteria(assessment):
    # 60 × 8/10 + 40 × 7.5/10 = 48 + 30
    result = f.submit(assessment, ["8", "7.5"])
    assert result.total == Decimal("78.00")
    assert result.grade_label == "合格"
    scores = {s.criterion.name: s.score for s in result.scores.select_related("criterion")}
    assert scores == {"遵规守纪": Decimal("8"), "任务完成": Decimal("7.5")}


def test_the_templates_own_grade_bands_are_used(org):
    f.credentialed(org.aux_a)
    template = f.single_criterion_template()
    template.bands.filter(code="excellent").update(minimum=Decimal(95))
    assessment = f.assessment_of(f.open_cycle(org, template=template), org.aux_a)
    assert f.submit(assessment, "94").grade_label == "合格"


def test_recommendation_and_reasons_are_stored_as_data(assessment):
    result = f.submit(
        assessment, "9", violations=[(9, "2026-03-02", "收受商户购物卡"), (3, "2026-04-01", "代签")]
    )
    assert result.outcome == "dismiss"
    assert result.outcome_label == "不予续聘/解聘"
    assert result.reasons[0] == {
        "rule": "severe_violation",
        "article": 19,
        "item": 9,
        "text": "第十九条第（九）项：索取或者收受贿赂",
    }
    assert [(r["rule"], r["item"]) for r in result.reasons] == [
        ("severe_violation", 9),
        ("violation", 3),
    ]
    assert result.commend is False
    assert sorted(result.violations.values_list("item", flat=True)) == [3, 9]


def test_excellent_without_violations_is_commended(assessment):
    result = f.submit(assessment, "9.5")
    assert (result.outcome, result.commend) == ("renew", True)


def test_contract_ending_before_the_next_cycle_is_flagged(org):
    org.aux_a.contract_end = datetime.date(2026, 6, 30)
    org.aux_a.save()
    f.credentialed(org.aux_a)
    assessment = f.assessment_of(f.open_cycle(org), org.aux_a)
    result = f.submit(assessment, "8")
    # next cycle start defaults to the day after the period ends (2026-07-01)
    assert result.contract_decision_due is True
    assert result.reasons[-1]["rule"] == "contract_end"
    assert "2026-07-01" in result.reasons[-1]["text"]


def test_an_explicit_next_cycle_start_is_used(org):
    org.aux_a.contract_end = datetime.date(2026, 8, 31)
    org.aux_a.save()
    f.credentialed(org.aux_a)
    opened = f.open_cycle(org, next_cycle_start=datetime.date(2026, 9, 1))
    result = f.submit(f.assessment_of(opened, org.aux_a), "8")
    assert result.contract_decision_due is True


def test_extreme_scores_need_a_comment(assessment):
    data = f.form_data(assessment, ["10", "0"], comments={})
    for key in list(data):
        if key.startswith("comment_"):
            data[key] = ""
    with pytest.raises(services.FormInvalid) as caught:
        services.assessment_submit(
            assessment=assessment, actor=assessment.auxiliary.supervisor, data=data
        )
    criteria = list(assessment.cycle.template.criteria.order_by("sort_order"))
    assert set(caught.value.field_errors) == {f"comment_{c.pk}" for c in criteria}
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT  # what was typed is kept
    assert assessment.draft[f"score_{criteria[0].pk}"] == "10"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("score", "11", "0 到 10"),
        ("score", "", "请为此项评分"),
        ("score", "abc", "请输入数字"),
        ("days_absent", "", "请输入数字"),
        ("days_absent", "-1", "0 到 366"),
    ],
)
def test_submit_refuses_invalid_fields(assessment, field, value, message):
    data = f.form_data(assessment, "8")
    key = field
    if field == "score":
        key = next(k for k in data if k.startswith("score_"))
    data[key] = value
    with pytest.raises(services.FormInvalid) as caught:
        services.assessment_submit(
            assessment=assessment, actor=assessment.auxiliary.supervisor, data=data
        )
    assert key in caught.value.field_errors
    assert message in " ".join(caught.value.field_errors[key])
    assert not CriterionScore.objects.filter(assessment=assessment).exists()


def test_violation_outside_the_period_is_refused(assessment):
    with pytest.raises(services.FormInvalid) as caught:
        f.submit(assessment, "8", violations=[(2, "2025-12-31", "去年的事")])
    assert "violation_0" in caught.value.field_errors


def test_incomplete_violation_row_is_refused_but_blank_rows_are_ignored(assessment):
    data = f.form_data(assessment, "8")
    data.update({"violation_item_0": "", "violation_date_0": "", "violation_description_0": ""})
    data.update({"violation_item_1": "5", "violation_date_1": "", "violation_description_1": "x"})
    with pytest.raises(services.FormInvalid) as caught:
        services.assessment_submit(
            assessment=assessment, actor=assessment.auxiliary.supervisor, data=data
        )
    assert list(caught.value.field_errors) == ["violation_0"]


def test_submit_locks_the_assessment(assessment):
    submitted = f.submit(assessment, "8")
    assert submitted.status == AssessmentStatus.SUBMITTED
    assert submitted.submitted_by == assessment.auxiliary.supervisor
    with pytest.raises(services.AssessmentError):
        f.submit(assessment, "3")
    with pytest.raises(services.AssessmentError):
        services.assessment_save_draft(
            assessment=assessment, actor=assessment.auxiliary.supervisor, data={"days_absent": "9"}
        )
    submitted.refresh_from_db()
    assert submitted.total == Decimal("80.00")
    revision = AssessmentRevision.objects.get(assessment=submitted)
    assert (revision.number, revision.kind, revision.snapshot["total"]) == (1, "submitted", "80.00")


def test_only_the_supervisor_of_the_auxiliary_scores(org, assessment):
    with pytest.raises(PermissionDenied):
        services.assessment_submit(
            assessment=assessment, actor=org.supervisor_b, data=f.form_data(assessment, "8")
        )


def test_saving_the_same_draft_twice_changes_nothing(assessment):
    data = {"days_absent": "2", "late_arrivals": "1"}
    sup = assessment.auxiliary.supervisor
    first = services.assessment_save_draft(assessment=assessment, actor=sup, data=data)
    second = services.assessment_save_draft(assessment=assessment, actor=sup, data=data)
    assert first.draft == second.draft == {"days_absent": "2", "late_arrivals": "1"}
    assert second.status == AssessmentStatus.DRAFT


def test_drafts_keep_only_the_forms_own_fields(assessment):
    saved = services.assessment_save_draft(
        assessment=assessment,
        actor=assessment.auxiliary.supervisor,
        data={"days_absent": "1", "status": "submitted", "total": "100", "score_x": "1"},
    )
    assert saved.draft == {"days_absent": "1"}
    assert saved.status == AssessmentStatus.DRAFT
