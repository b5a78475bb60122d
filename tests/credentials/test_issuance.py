"""The Art. 20 gate: a credential only after eligibility, the course and the exam; every refusal
says why. A pass issues it automatically; an admin can issue it from the person's page."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from credentials import gate
from credentials.exceptions import CredentialRefused
from credentials.models import Credential, CredentialEvent, CredentialStatus
from credentials.services import (
    credential_extend_validity,
    credential_issue,
    credential_reissue,
)
from lms.models import AuxiliaryStatus
from tests import factories
from tests.credentials.factories import (
    complete_course,
    pass_exam,
    ready_for_credential,
    setup_course_and_exam,
)


def _refusal(aux) -> list[str]:
    with pytest.raises(CredentialRefused) as refused:
        credential_issue(auxiliary=aux, actor=None)
    assert Credential.objects.filter(auxiliary=aux).count() == 0
    return refused.value.reasons


def test_issue_when_every_condition_holds(org):
    aux = org.aux_a
    ready_for_credential(aux)
    credential = credential_issue(auxiliary=aux, actor=org.admin_a)
    aux.refresh_from_db()
    assert aux.status == AuxiliaryStatus.CREDENTIALED
    assert credential.status == CredentialStatus.ACTIVE
    assert credential.valid_until == aux.contract_end  # default validity: the contract end
    assert credential.issued_on == timezone.localdate()
    assert credential.number.startswith(f"CTYA-{timezone.localdate().year}-000001-")
    event = CredentialEvent.objects.get(credential=credential)
    assert (event.from_status, event.to_status, event.actor) == ("", "active", org.admin_a)
    change = aux.status_changes.first()
    assert change.to_status == AuxiliaryStatus.CREDENTIALED and credential.number in change.reason


def test_configurable_validity(org):
    ready_for_credential(org.aux_a)
    until = timezone.localdate() + datetime.timedelta(days=365)
    assert credential_issue(auxiliary=org.aux_a, valid_until=until).valid_until == until


def test_refused_when_not_eligible(org):
    aux = org.aux_a
    ready_for_credential(aux)
    aux.disqualification_items = [2]
    aux.save()
    reasons = _refusal(aux)
    assert len(reasons) == 1 and "不符合聘用条件" in reasons[0] and "第十条" in reasons[0]


def test_refused_when_course_not_completed(org):
    aux = org.aux_a
    _course, exam = setup_course_and_exam()
    pass_exam(aux, exam)
    assert _refusal(aux) == ["尚未完成岗前培训课程。"]


def test_refused_when_exam_not_passed(org):
    aux = org.aux_a
    course, exam = setup_course_and_exam()
    complete_course(aux, course)
    failed = pass_exam(aux, exam)
    failed.passed = False
    failed.save()
    assert _refusal(aux) == ["尚未通过岗前培训考试（第二十条）。"]


def test_refused_when_credential_already_active(org):
    aux = org.aux_a
    ready_for_credential(aux)
    first = credential_issue(auxiliary=aux)
    with pytest.raises(CredentialRefused) as refused:
        credential_issue(auxiliary=aux)
    assert refused.value.reasons == [f"甲一已持有工作证 {first.number}（有效）。"]
    assert Credential.objects.filter(auxiliary=aux).count() == 1


def test_refused_with_every_reason_at_once(org):
    aux = org.aux_a
    setup_course_and_exam()
    aux.birth_date = timezone.localdate() - datetime.timedelta(days=17 * 365)
    aux.save()
    reasons = _refusal(aux)
    assert len(reasons) == 3
    assert "尚未完成岗前培训课程。" in reasons and "尚未通过岗前培训考试（第二十条）。" in reasons


def test_refused_for_departed_person(org):
    aux = factories.make_learner(org.county_a, status=AuxiliaryStatus.DEPARTED)
    ready_for_credential(aux)
    assert _refusal(aux) == ["状态为“已离职”的人员不能发放工作证。"]


def test_each_gate_condition_is_a_small_checkable_function(org):
    aux = org.aux_a
    course, exam = setup_course_and_exam()
    assert gate.course_reasons(aux) and gate.exam_reasons(aux)
    complete_course(aux, course)
    assert gate.course_reasons(aux) == [] and gate.exam_reasons(aux)
    pass_exam(aux, exam)
    assert gate.exam_reasons(aux) == [] and gate.eligibility_reasons(aux) == []
    assert gate.issue_refusal_reasons(aux) == []


def test_passing_the_exam_issues_the_credential(org):
    """End to end through the exam engine: start, answer right, submit → credential."""
    from exams import services as exam_services
    from tests.exams import factories as ef
    from tests.exams.test_attempts import answer_all, right_answers

    course, exam = setup_course_and_exam()
    ef.make_bank()
    complete_course(org.aux_a, course)
    attempt = exam_services.attempt_start(auxiliary=org.aux_a, exam=exam)
    answer_all(attempt, right_answers(attempt))
    assert exam_services.attempt_submit(attempt=attempt).passed is True
    credential = Credential.objects.get(auxiliary=org.aux_a)
    assert credential.status == CredentialStatus.ACTIVE
    org.aux_a.refresh_from_db()
    assert org.aux_a.status == AuxiliaryStatus.CREDENTIALED


def test_a_refused_automatic_issue_records_nothing_and_keeps_the_pass(org, caplog):
    from exams.signals import exam_passed

    aux = org.aux_a
    _course, exam = setup_course_and_exam()
    attempt = pass_exam(aux, exam)  # the course was never completed
    exam_passed.send(sender=type(attempt), attempt=attempt, auxiliary=aux)
    assert not Credential.objects.filter(auxiliary=aux).exists()
    aux.refresh_from_db()
    assert aux.status == AuxiliaryStatus.IN_TRAINING
    attempt.refresh_from_db()
    assert attempt.passed is True
    assert "no credential issued" in caplog.text


def test_reissue_revokes_the_old_credential(org):
    ready_for_credential(org.aux_a)
    old = credential_issue(auxiliary=org.aux_a)
    new = credential_reissue(credential=old, actor=org.admin_a, reason="证件遗失")
    old.refresh_from_db()
    assert old.status == CredentialStatus.REVOKED and new.status == CredentialStatus.ACTIVE
    assert new.replaces == old and new.number != old.number
    assert "证件遗失" in old.events.first().reason
    with pytest.raises(CredentialRefused):
        credential_reissue(credential=old, actor=org.admin_a, reason="再次")


def test_extend_validity_on_renewal(org):
    ready_for_credential(org.aux_a)
    credential = credential_issue(auxiliary=org.aux_a)
    until = credential.valid_until + datetime.timedelta(days=3 * 365)
    extended = credential_extend_validity(
        auxiliary=org.aux_a, valid_until=until, actor=org.admin_a, reason="续聘"
    )
    assert extended.pk == credential.pk and extended.valid_until == until
    event = extended.events.first()
    assert "续聘" in event.reason and event.actor == org.admin_a


def test_extend_validity_revives_an_expired_credential(org):
    ready_for_credential(org.aux_a)
    credential = credential_issue(auxiliary=org.aux_a)
    Credential.objects.filter(pk=credential.pk).update(status=CredentialStatus.EXPIRED)
    until = timezone.localdate() + datetime.timedelta(days=400)
    extended = credential_extend_validity(
        auxiliary=org.aux_a, valid_until=until, actor=org.admin_a, reason="续聘"
    )
    assert extended.status == CredentialStatus.ACTIVE


def test_extend_validity_without_credential_is_refused(org):
    with pytest.raises(CredentialRefused):
        credential_extend_validity(
            auxiliary=org.aux_b,
            valid_until=timezone.localdate() + datetime.timedelta(days=10),
            actor=org.admin_b,
            reason="续聘",
        )


# ---------------------------------------------------------------- the admin's page


def test_admin_sees_missing_conditions_and_issues(client, org):
    setup_course_and_exam()
    client.force_login(org.admin_a)
    url = f"/credentials/auxiliary/{org.aux_a.pk}/"
    page = client.get(url).content.decode()
    assert "尚未完成岗前培训课程" in page and "签发工作证" not in page
    ready_for_credential(org.aux_a)
    page = client.get(url).content.decode()
    assert "签发工作证" in page
    response = client.post(f"/credentials/auxiliary/{org.aux_a.pk}/issue/", follow=True)
    credential = Credential.objects.get(auxiliary=org.aux_a)
    assert credential.number in response.content.decode()
    assert credential.issued_by == org.admin_a


def test_issue_is_scoped_to_the_admins_agency(client, org):
    ready_for_credential(org.aux_a)
    client.force_login(org.admin_b)
    assert client.get(f"/credentials/auxiliary/{org.aux_a.pk}/").status_code == 404
    assert client.post(f"/credentials/auxiliary/{org.aux_a.pk}/issue/").status_code == 404
    client.force_login(org.oversight)
    assert client.post(f"/credentials/auxiliary/{org.aux_a.pk}/issue/").status_code == 403
    assert not Credential.objects.exists()
