"""The agency's final decision: dismissal starts offboarding, renewal extends contract and
credential, departing from the recommendation needs a reason."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from assessments import services
from assessments.models import Decision
from credentials.services import _credential_create
from lms.models import AuxiliaryStatus
from tests.assessments import factories as f

pytestmark = pytest.mark.django_db
NEW_END = datetime.date(2029, 12, 31)


def _credential(aux):
    """An active credential, as the exam would have issued."""
    return _credential_create(auxiliary=aux, valid_until=datetime.date(2028, 12, 31))


@pytest.fixture
def cycle(org):
    f.credentialed(org.aux_a)
    return f.open_cycle(org)


def test_dismissal_dismisses_revokes_the_credential_and_closes_the_login(org, cycle):
    credential = _credential(org.aux_a)
    assessment = f.submit_closed(
        f.assessment_of(cycle, org.aux_a), "9", violations=[(9, "2026-05-05", "收受购物卡")]
    )
    assert assessment.outcome == "dismiss"
    decision = services.decision_record(assessment=assessment, actor=org.admin_a, outcome="dismiss")
    assert decision.follows_recommendation is True
    org.aux_a.refresh_from_db()
    assert org.aux_a.status == AuxiliaryStatus.DISMISSED
    org.learner_a.refresh_from_db()
    assert org.learner_a.is_active is False
    change = org.aux_a.status_changes.first()
    assert "第十九条第（九）项" in change.reason
    credential.refresh_from_db()
    assert credential.status == "revoked"


def test_renewal_extends_the_contract_and_the_credential(org, cycle):
    credential = _credential(org.aux_a)
    assessment = f.submit_closed(f.assessment_of(cycle, org.aux_a), "8")
    services.decision_record(
        assessment=assessment, actor=org.admin_a, outcome="renew", contract_end=NEW_END
    )
    org.aux_a.refresh_from_db()
    assert org.aux_a.contract_end == NEW_END
    assert org.aux_a.status == AuxiliaryStatus.CREDENTIALED
    credential.refresh_from_db()
    assert credential.valid_until == NEW_END


def test_a_separate_credential_validity_can_be_entered(org, cycle):
    credential = _credential(org.aux_a)
    assessment = f.submit_closed(f.assessment_of(cycle, org.aux_a), "8")
    decision = services.decision_record(
        assessment=assessment,
        actor=org.admin_a,
        outcome="renew",
        contract_end=NEW_END,
        valid_until=datetime.date(2029, 6, 30),
    )
    assert decision.valid_until == datetime.date(2029, 6, 30)
    credential.refresh_from_db()
    assert credential.valid_until == datetime.date(2029, 6, 30)


def test_overriding_the_recommendation_needs_a_reason(org, cycle):
    assessment = f.submit_closed(f.assessment_of(cycle, org.aux_a), "5")  # 50 → 不合格 → dismiss
    assert assessment.outcome == "dismiss"
    with pytest.raises(services.FormInvalid) as caught:
        services.decision_record(
            assessment=assessment,
            actor=org.admin_a,
            outcome="renew_correct",
            contract_end=NEW_END,
        )
    assert "reason" in caught.value.field_errors
    decision = services.decision_record(
        assessment=assessment,
        actor=org.admin_a,
        outcome="renew_correct",
        reason="病假期间考核，情有可原",
        contract_end=NEW_END,
    )
    assert decision.follows_recommendation is False
    org.aux_a.refresh_from_db()
    assert org.aux_a.status == AuxiliaryStatus.CREDENTIALED


def test_renewal_needs_a_contract_end(org, cycle):
    assessment = f.submit_closed(f.assessment_of(cycle, org.aux_a), "8")
    with pytest.raises(services.FormInvalid) as caught:
        services.decision_record(assessment=assessment, actor=org.admin_a, outcome="renew")
    assert "contract_end" in caught.value.field_errors
    assert not Decision.objects.exists()


def test_no_decision_while_an_objection_is_open_and_only_one_decision(org, cycle):
    assessment = f.submit(f.assessment_of(cycle, org.aux_a), "8")
    services.assessment_respond(
        assessment=assessment, actor=org.learner_a, objection=True, statement="不同意"
    )
    with pytest.raises(services.AssessmentError):
        services.decision_record(
            assessment=assessment, actor=org.admin_a, outcome="renew", contract_end=NEW_END
        )
    services.objection_resolve(assessment=assessment, actor=org.admin_a, uphold=True, note="维持")
    services.decision_record(
        assessment=assessment, actor=org.admin_a, outcome="renew", contract_end=NEW_END
    )
    with pytest.raises(services.AssessmentError):
        services.decision_record(
            assessment=assessment, actor=org.admin_a, outcome="renew", contract_end=NEW_END
        )


def test_another_countys_admin_cannot_decide(org, cycle):
    assessment = f.submit_closed(f.assessment_of(cycle, org.aux_a), "8")
    with pytest.raises(PermissionDenied):
        services.decision_record(
            assessment=assessment, actor=org.admin_b, outcome="renew", contract_end=NEW_END
        )


def test_decision_page(client, org, cycle):
    assessment = f.submit_closed(f.assessment_of(cycle, org.aux_a), "8")
    client.force_login(org.admin_a)
    refused = client.post(
        f"/assessments/{assessment.pk}/decide/", {"outcome": "dismiss", "reason": ""}
    )
    assert refused.status_code == 200
    assert "请说明不采纳建议的理由" in refused.content.decode()
    assert not Decision.objects.exists()
    response = client.post(
        f"/assessments/{assessment.pk}/decide/",
        {"outcome": "renew", "contract_end": "2029-12-31"},
    )
    assert response.status_code == 302
    page = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "2029年12月31日" in page


def test_no_decision_while_the_auxiliary_may_still_respond(org, cycle):
    assessment = f.age(f.submit(f.assessment_of(cycle, org.aux_a), "8"), days=6)
    with pytest.raises(services.AssessmentError) as caught:
        services.decision_record(
            assessment=assessment, actor=org.admin_a, outcome="renew", contract_end=NEW_END
        )
    assert "异议" in caught.value.messages[0]
    services.assessment_respond(assessment=assessment, actor=org.learner_a, objection=False)
    decision = services.decision_record(
        assessment=assessment, actor=org.admin_a, outcome="renew", contract_end=NEW_END
    )
    assert decision.outcome == "renew"
