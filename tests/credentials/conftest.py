import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    # The verification rate limit lives in the cache; tests must not share a budget.
    cache.clear()
    yield
    cache.clear()
