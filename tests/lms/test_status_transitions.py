import pytest

from lms.models import AuxiliaryStatus as S
from lms.models import AuxiliaryStatusChange
from lms.services import TransitionError, auxiliary_transition
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
