import pytest
from django.core.cache import cache

from lms.models import AuxiliaryStatus
from tests.credentials.factories import credential


@pytest.fixture(autouse=True)
def _clear_cache():
    # The verification rate limit lives in the cache; tests must not share a budget.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def holder(org):
    """``org`` whose learner A holds an active credential (``org.cred``)."""
    org.aux_a.status = AuxiliaryStatus.CREDENTIALED
    org.aux_a.save()
    org.cred = credential(org.aux_a)
    return org
