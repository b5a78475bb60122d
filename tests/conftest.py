"""Shared fixtures: an agency tree with two counties and a user of every role."""

from __future__ import annotations

import pytest
from django.db import connection

from tests import factories

pytest_plugins = ["tests.browser", "tests.s3"]


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" in engine:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    # Wagtail caches site root paths; a test that rebuilds the page tree must not leave stale
    # paths (pages without URLs) to the next one.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    # A request with the English switch leaves English active in the worker's thread (the
    # locale middleware activates a language and nothing deactivates it), and a later test
    # that calls a service directly would read English messages.
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _reset_axes(db):
    # Login throttling state must not leak between tests.
    from axes.utils import reset

    reset()


@pytest.fixture
def org(db):
    """province → city → {county A, county B}, with admins, supervisors and oversight."""
    return factories.build_org()


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"
