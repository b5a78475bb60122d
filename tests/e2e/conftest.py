import pytest


def pytest_collection_modifyitems(config, items):
    # Everything under tests/e2e is a browser journey, run by `make e2e`, not `make test`.
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
