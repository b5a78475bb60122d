"""Demo credentials follow the demo people's statuses, and seeding twice changes nothing."""

from __future__ import annotations

from credentials.models import Credential, ReturnChecklist
from credentials.seed import seed_credentials
from lms.models import AuxiliaryStatus as S
from tests import factories


def test_seed_issues_by_status_and_is_idempotent(org):
    people = {
        status: factories.AuxiliaryFactory(agency=org.county_a, status=status)
        for status in (S.CREDENTIALED, S.SUSPENDED, S.DEPARTED, S.DISMISSED, S.IN_TRAINING)
    }
    seed_credentials()
    seed_credentials()
    status_of = {
        c.auxiliary.status: c.status for c in Credential.objects.select_related("auxiliary")
    }
    assert status_of == {
        S.CREDENTIALED: "active",
        S.SUSPENDED: "suspended",
        S.DEPARTED: "revoked",
        S.DISMISSED: "revoked",
    }
    assert Credential.objects.count() == 4
    assert ReturnChecklist.objects.count() == 2
    assert not Credential.objects.filter(auxiliary=people[S.IN_TRAINING]).exists()
