"""A template criterion that takes its value from the person's training hours (Art. 24 fed by
the in-service hours of Arts. 15(3), 17): pre-filled on the scoring form with what it was
computed from, not typed over by the supervisor, and moved only by an admin's recorded
correction of the ledger followed by an amendment with a reason."""

import datetime
from decimal import Decimal as D

import pytest

from assessments import rules, services
from assessments.models import RevisionKind
from tests.assessments import factories as f
from tests.training.factories import category, give_hours
from training.services import entry_correct, requirement_set

pytestmark = pytest.mark.django_db

HOURS_TEMPLATE = [
    ("de", "遵规守纪", "conduct", 80, 10),
    ("neng", "在岗培训学时", "training_hours", 20, 10),
]


def test_full_score_when_met_otherwise_in_proportion():
    assert rules.hours_score(credited=D("24"), required=D("24"), max_score=D("10")) == D("10.00")
    assert rules.hours_score(credited=D("12"), required=D("24"), max_score=D("10")) == D("5.00")
    assert rules.hours_score(credited=D("7"), required=D("24"), max_score=D("20")) == D("5.83")
    # No requirement set: nothing can be short of it.
    assert rules.hours_score(credited=D("0"), required=D("0"), max_score=D("10")) == D("10.00")


@pytest.fixture
def assessment(org):
    f.credentialed(org.aux_a)
    requirement_set(actor=org.city_admin, agency=org.city, total_hours=D("24"),
                    minimums={category("法律法规"): D("8")})  # fmt: skip
    opened = f.open_cycle(org, template=f.make_template(HOURS_TEMPLATE, name="含学时模板"))
    return f.assessment_of(opened, org.aux_a)


def _hours_criterion(assessment):
    return assessment.cycle.template.criteria.get(measure="training_hours")


def test_the_form_shows_the_ledgers_value_read_only_with_its_basis(client, org, assessment):
    give_hours(org.aux_a, 2, day=datetime.date(2026, 3, 1))  # 法律法规: 6 short of 8
    give_hours(org.aux_a, 10, cat="业务技能", day=datetime.date(2026, 8, 1))
    client.force_login(org.supervisor_a)
    page = client.get(f"/assessments/{assessment.pk}/score/").content.decode()
    criterion = _hours_criterion(assessment)
    # 12 done of 24, but 6 of the 法律法规 minimum are missing: 24 - 12 = 12 missing → 5 of 10.
    assert f'name="score_{criterion.pk}" value="5" readonly' in page
    assert "12 / 24" in page and "法律法规 6" in page
    assert "2 学时" in page  # done within the half-year period (the August hours are not)
    assert "不能手工改写" in page


def test_a_typed_value_is_ignored_and_the_ledgers_is_stored(org, assessment):
    give_hours(org.aux_a, 12, day=datetime.date(2026, 3, 1))
    criterion = _hours_criterion(assessment)
    data = f.form_data(assessment, [9, 10])  # the supervisor typed 10 for the hours
    submitted = services.assessment_submit(assessment=assessment, actor=org.supervisor_a, data=data)
    score = submitted.scores.get(criterion=criterion)
    assert score.score == D("5.00")
    assert "12" in score.comment and "24" in score.comment
    assert submitted.total == D("82.00")  # 80 × 9/10 + 20 × 5/10


def test_an_admins_ledger_correction_reaches_the_score_by_a_recorded_amendment(org, assessment):
    entry = give_hours(org.aux_a, 30, day=datetime.date(2026, 3, 1))
    criterion = _hours_criterion(assessment)
    submitted = f.submit(assessment, [9, 0])
    assert submitted.scores.get(criterion=criterion).score == D("10.00")
    # The classroom session was recorded with 30 hours instead of 6.
    entry_correct(entry=entry, hours_delta=D("-24"), reason="签到表核对为6学时", actor=org.admin_a)
    amended = services.assessment_amend(
        assessment=submitted, actor=org.admin_a, data=f.form_data(submitted, [9, 10]),
        reason="培训学时更正",
    )  # fmt: skip
    assert amended.scores.get(criterion=criterion).score == D("2.50")
    revision = amended.revisions.order_by("-number").first()
    assert (revision.kind, revision.author, revision.reason) == (
        RevisionKind.AMENDED, org.admin_a, "培训学时更正",
    )  # fmt: skip
