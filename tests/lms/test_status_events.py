"""The two status histories (an auxiliary's, a credential's) share one shape: who, when, why,
from → to, newest first, each told in one line, and the latest move into a status found the
same way."""

from credentials.models import CredentialStatus as CS
from credentials.services import credential_suspend
from lms.models import AuxiliaryStatus as S
from lms.services import auxiliary_transition
from tests.credentials.factories import credential
from tests.factories import AuxiliaryFactory


def test_an_auxiliarys_changes_newest_first_and_the_latest_into_a_status(org):
    aux = AuxiliaryFactory(agency=org.county_a, name="张三", status=S.CANDIDATE)
    first = auxiliary_transition(
        auxiliary=aux, to_status=S.IN_TRAINING, actor=org.admin_a, reason="报名"
    )
    credential(aux)
    aux.refresh_from_db()
    changes = list(aux.status_changes.all())
    assert changes[-1] == first
    assert changes[0].created_at >= first.created_at
    assert aux.status_changes.latest_into(S.IN_TRAINING) == first
    assert aux.status_changes.latest_into(S.DISMISSED) is None
    assert str(first) == f"{aux}: {S.CANDIDATE.label} → {S.IN_TRAINING.label}"


def test_a_credentials_events_tell_the_same_way(org):
    aux = AuxiliaryFactory(agency=org.county_a, status=S.IN_TRAINING)
    card = credential(aux)
    credential_suspend(credential=card, actor=org.admin_a, reason="调查期间")
    suspension = card.events.latest_into(CS.SUSPENDED)
    assert suspension.reason == "调查期间"
    assert suspension.actor == org.admin_a
    assert str(suspension) == f"{card}: {CS.ACTIVE.label} → {CS.SUSPENDED.label}"
    assert card.events.first() == suspension  # newest first
