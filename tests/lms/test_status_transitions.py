import pytest

from lms import models
from lms.exceptions import TransitionError
from lms.models import ON_DUTY_STATUSES, AuxiliaryStatusChange
from lms.models import AuxiliaryStatus as S
from lms.services import auxiliary_transition
from tests.credentials.factories import credential
from tests.factories import AuxiliaryFactory, make_learner

ALLOWED = [
    (S.CANDIDATE, S.IN_TRAINING),
    (S.IN_TRAINING, S.CREDENTIALED),
    (S.CREDENTIALED, S.SUSPENDED),
    (S.SUSPENDED, S.CREDENTIALED),
    (S.CREDENTIALED, S.DEPARTED),
    (S.SUSPENDED, S.DISMISSED),
]
REFUSED = [
    (S.CANDIDATE, S.CREDENTIALED),
    (S.IN_TRAINING, S.SUSPENDED),
    (S.DEPARTED, S.CREDENTIALED),
    (S.DISMISSED, S.IN_TRAINING),
    (S.CREDENTIALED, S.CANDIDATE),
]


@pytest.mark.parametrize("start, end", ALLOWED)
def test_allowed_transitions_record_who_when_and_why(org, start, end):
    aux = AuxiliaryFactory(agency=org.county_a, status=start)
    if end in ON_DUTY_STATUSES:
        credential(aux)  # on duty only with a credential in force (Art. 20)
    change = auxiliary_transition(
        auxiliary=aux, to_status=end, actor=org.admin_a, reason="测试原因"
    )
    aux.refresh_from_db()
    assert aux.status == end
    assert (change.from_status, change.to_status, change.actor, change.reason) == (
        start, end, org.admin_a, "测试原因",
    )  # fmt: skip
    assert change.created_at is not None


@pytest.mark.parametrize("start, end", REFUSED)
def test_refused_transitions_change_nothing(org, start, end):
    aux = AuxiliaryFactory(agency=org.county_a, status=start)
    with pytest.raises(TransitionError):
        auxiliary_transition(auxiliary=aux, to_status=end, actor=org.admin_a, reason="x")
    aux.refresh_from_db()
    assert aux.status == start
    assert not AuxiliaryStatusChange.objects.filter(auxiliary=aux).exists()


def test_a_reason_is_required(org):
    aux = AuxiliaryFactory(agency=org.county_a, status=S.CREDENTIALED)
    with pytest.raises(TransitionError):
        auxiliary_transition(auxiliary=aux, to_status=S.SUSPENDED, actor=org.admin_a, reason=" ")


@pytest.mark.parametrize("end", [S.DEPARTED, S.DISMISSED])
def test_leaving_deactivates_the_login(org, end):
    aux = make_learner(org.county_a, status=S.CREDENTIALED)
    auxiliary_transition(auxiliary=aux, to_status=end, actor=org.admin_a, reason="离职")
    aux.user.refresh_from_db()
    assert aux.user.is_active is False


def test_status_change_from_the_detail_page(client, org):
    aux = AuxiliaryFactory(agency=org.county_a, status=S.CREDENTIALED)
    client.force_login(org.admin_a)
    response = client.post(
        f"/people/{aux.pk}/status/", {"to_status": S.SUSPENDED, "reason": "违反纪律"}, follow=True
    )
    aux.refresh_from_db()
    assert aux.status == S.SUSPENDED
    assert "违反纪律" in response.content.decode()


@pytest.mark.parametrize("start", [S.IN_TRAINING, S.SUSPENDED])
def test_nobody_goes_on_duty_without_a_credential_in_force(org, start):
    """Art. 20: the status form cannot put someone on duty who holds no valid credential."""
    aux = AuxiliaryFactory(agency=org.county_a, status=start)
    with pytest.raises(TransitionError):
        auxiliary_transition(auxiliary=aux, to_status=S.CREDENTIALED, actor=org.admin_a, reason="x")
    aux.refresh_from_db()
    assert aux.status == start
    assert not AuxiliaryStatusChange.objects.filter(auxiliary=aux).exists()


def test_the_derived_status_sets_come_from_the_transition_table():
    """One definition, next to the table: what each reader means by on duty, in service…"""
    assert models.FINAL_STATUSES == {S.DEPARTED, S.DISMISSED}
    assert models.ON_ROLL_STATUSES == set(S) - {S.DEPARTED, S.DISMISSED}
    assert models.ON_DUTY_STATUSES == {S.CREDENTIALED}
    assert models.IN_SERVICE_STATUSES == {S.CREDENTIALED, S.SUSPENDED}
    assert models.OFF_DUTY_STATUSES == {S.SUSPENDED}
    assert models.PRE_SERVICE_STATUSES == {S.CANDIDATE, S.IN_TRAINING}
    assert models.MAY_HOLD_CREDENTIAL_STATUSES == {S.IN_TRAINING, S.CREDENTIALED, S.SUSPENDED}
    assert models.MAY_SIT_EXAM_STATUSES == {S.CANDIDATE, S.IN_TRAINING, S.CREDENTIALED}
    for status, targets in models.TRANSITIONS.items():
        assert (not targets) == (status in models.FINAL_STATUSES)


def test_status_sets_are_not_spelled_out_anywhere_else():
    """Readers import the sets above; a hand-written list of person statuses elsewhere is how
    the three definitions of "in service" came about."""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2]
    pattern = re.compile(r"[\[{(]\s*(AuxiliaryStatus|S)\.[A-Z_]+\s*,\s*(AuxiliaryStatus|S)\.")
    offenders = []
    for app in ("lms", "courses", "exams", "credentials", "assessments", "reports"):
        for path in (root / app).rglob("*.py"):
            if "migrations" in path.parts or path.name in ("models.py", "demo.py", "seed.py"):
                continue
            text = path.read_text(encoding="utf-8")
            if pattern.search(text):
                offenders.append(str(path.relative_to(root)))
    assert offenders == []
