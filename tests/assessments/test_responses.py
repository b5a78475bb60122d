"""Acknowledgement and objection windows, answering objections, amendment revisions."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from assessments import services
from assessments.models import (
    Assessment,
    AssessmentRevision,
    Notice,
    ObjectionResolution,
    Response,
    Violation,
)
from tests.assessments import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(org):
    f.credentialed(org.aux_a)
    assessment = f.assessment_of(f.open_cycle(org), org.aux_a)
    return f.submit(assessment, "8", violations=[(4, "2026-03-01", "自行下达责令改正")])


def _age(assessment, **delta):
    Assessment.objects.filter(pk=assessment.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(**delta)
    )
    assessment.refresh_from_db()


def test_acknowledge_within_the_window(org, submitted):
    _age(submitted, days=6, hours=23)
    done = services.assessment_respond(assessment=submitted, actor=org.learner_a, objection=False)
    assert done.response == Response.ACKNOWLEDGED
    assert done.responded_at is not None


def test_no_response_after_seven_days(org, submitted):
    _age(submitted, days=7, minutes=1)
    with pytest.raises(services.AssessmentError) as caught:
        services.assessment_respond(assessment=submitted, actor=org.learner_a, objection=False)
    assert "7" in caught.value.messages[0]


def test_the_window_is_configurable(org, submitted, settings):
    settings.ASSESSMENT_RESPONSE_DAYS = 10
    _age(submitted, days=9)
    done = services.assessment_respond(
        assessment=submitted, actor=org.learner_a, objection=True, statement="不同意第一项评分"
    )
    assert done.response == Response.OBJECTED


def test_only_once_and_only_by_the_assessed_auxiliary(org, submitted):
    with pytest.raises(PermissionDenied):
        services.assessment_respond(assessment=submitted, actor=org.learner_b, objection=False)
    services.assessment_respond(assessment=submitted, actor=org.learner_a, objection=False)
    with pytest.raises(services.AssessmentError):
        services.assessment_respond(
            assessment=submitted, actor=org.learner_a, objection=True, statement="改主意"
        )


def test_an_objection_needs_a_statement_and_reaches_the_agency_admin(org, submitted):
    with pytest.raises(services.FormInvalid):
        services.assessment_respond(
            assessment=submitted, actor=org.learner_a, objection=True, statement="  "
        )
    services.assessment_respond(
        assessment=submitted, actor=org.learner_a, objection=True, statement="当天在请假"
    )
    notice = Notice.objects.get(user=org.admin_a)
    assert org.aux_a.name in notice.text
    assert notice.url == f"/assessments/{submitted.pk}/"
    assert not Notice.objects.filter(user=org.admin_b).exists()


def test_upholding_an_objection(org, submitted):
    services.assessment_respond(
        assessment=submitted, actor=org.learner_a, objection=True, statement="当天在请假"
    )
    upheld = services.objection_resolve(
        assessment=submitted, actor=org.admin_a, uphold=True, note="经核实，考勤记录无误"
    )
    assert upheld.resolution == ObjectionResolution.UPHELD
    assert upheld.total == Decimal("80.00")
    assert Notice.objects.filter(user=org.learner_a).exists()
    with pytest.raises(services.AssessmentError):
        services.objection_resolve(assessment=upheld, actor=org.admin_a, uphold=True, note="again")


def test_another_countys_admin_cannot_answer(org, submitted):
    services.assessment_respond(
        assessment=submitted, actor=org.learner_a, objection=True, statement="不同意"
    )
    with pytest.raises(PermissionDenied):
        services.objection_resolve(assessment=submitted, actor=org.admin_b, uphold=True, note="x")


def test_amending_on_objection_adds_a_revision_and_keeps_the_history(org, submitted):
    services.assessment_respond(
        assessment=submitted, actor=org.learner_a, objection=True, statement="没有越权"
    )
    data = f.form_data(submitted, "9")  # no violation any more, higher scores
    amended = services.objection_resolve(
        assessment=submitted, actor=org.admin_a, uphold=False, note="复核后撤销违规记录", data=data
    )
    assert amended.resolution == ObjectionResolution.AMENDED
    assert amended.total == Decimal("90.00")
    assert (amended.grade_label, amended.outcome) == ("优秀", "renew")

    first, second = AssessmentRevision.objects.filter(assessment=submitted).order_by("number")
    assert (first.number, first.kind, first.author) == (1, "submitted", org.supervisor_a)
    assert first.snapshot["total"] == "80.00"
    assert first.snapshot["outcome"] == "renew_correct"
    assert [v["item"] for v in first.snapshot["violations"]] == [4]
    assert (second.number, second.kind, second.author) == (2, "amended", org.admin_a)
    assert second.reason == "复核后撤销违规记录"
    assert second.snapshot["total"] == "90.00"
    assert second.snapshot["violations"] == []
    # The withdrawn violation is kept, marked, not deleted.
    violation = Violation.objects.get(assessment=submitted)
    assert violation.withdrawn_at is not None


def test_an_amendment_needs_a_reason(org, submitted):
    with pytest.raises(services.FormInvalid) as caught:
        services.assessment_amend(
            assessment=submitted, actor=org.admin_a, data=f.form_data(submitted, "9"), reason=""
        )
    assert "reason" in caught.value.field_errors
    assert AssessmentRevision.objects.filter(assessment=submitted).count() == 1


def test_learner_sees_and_acknowledges_on_the_page(client, org, submitted):
    client.force_login(org.learner_a)
    page = client.get(f"/assessments/{submitted.pk}/").content.decode()
    # Totals are written plainly, as on the scoring form (80, not 80.00).
    assert '<span class="result__number">80</span>' in page and "合格" in page
    assert "第十九条第（四）项" in page
    response = client.post(
        f"/assessments/{submitted.pk}/respond/", {"choice": "acknowledge", "statement": ""}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.response == Response.ACKNOWLEDGED
    assert "已确认" in client.get(f"/assessments/{submitted.pk}/").content.decode()


def test_objection_without_statement_is_refused_on_the_page(client, org, submitted):
    client.force_login(org.learner_a)
    response = client.post(
        f"/assessments/{submitted.pk}/respond/", {"choice": "object", "statement": ""}
    )
    assert response.status_code == 200
    submitted.refresh_from_db()
    assert submitted.response == ""
    page = response.content.decode()
    summary = page.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    assert '<a href="#id_statement">' in summary and "请写明异议的内容和理由。" in summary
    # The message is tied to its field for screen readers.
    assert 'aria-describedby="id_statement_helptext id_statement_error"' in page
    assert 'id="id_statement_error"' in page


def test_after_the_window_the_page_offers_no_response(client, org, submitted):
    _age(submitted, days=8)
    client.force_login(org.learner_a)
    page = client.get(f"/assessments/{submitted.pk}/").content.decode()
    assert f'action="/assessments/{submitted.pk}/respond/"' not in page


def test_learners_list_shows_only_submitted_assessments(client, org):
    f.credentialed(org.aux_a)
    opened = f.open_cycle(org)
    client.force_login(org.learner_a)
    assert "2026年上半年考核" not in client.get("/assessments/mine/").content.decode()
    assessment = f.assessment_of(opened, org.aux_a)
    assert client.get(f"/assessments/{assessment.pk}/").status_code == 404
    f.submit(assessment, "8")
    assert "2026年上半年考核" in client.get("/assessments/mine/").content.decode()


def test_admin_amends_through_the_page(client, org, submitted):
    client.force_login(org.admin_a)
    page = client.get(f"/assessments/{submitted.pk}/amend/")
    assert page.status_code == 200
    data = f.form_data(submitted, "7")
    data["reason"] = ""
    refused = client.post(f"/assessments/{submitted.pk}/amend/", data)
    assert refused.status_code == 200
    data["reason"] = "考勤复核"
    assert client.post(f"/assessments/{submitted.pk}/amend/", data).status_code == 302
    submitted.refresh_from_db()
    assert submitted.total == Decimal("70.00")
    history = client.get(f"/assessments/{submitted.pk}/").content.decode()
    assert "考勤复核" in history and "总分 80 ·" in history and "总分 70 ·" in history
