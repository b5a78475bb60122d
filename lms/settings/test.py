"""Test settings: fast hashers, tasks inline, no secure-cookie redirects."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DEBUG", "1")

from .base import *  # noqa: F403
from .base import Q_CLUSTER

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "lms.hashers.InitialPasswordHasher",
]
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files come from the source tree (WhiteNoise's finders), never from what a deployer's
# collectstatic left in STATIC_ROOT: WhiteNoise prefers STATIC_ROOT, and the browser tests
# would run old scripts. Nothing is ever collected here.
STATIC_ROOT = BASE_DIR / "var" / "static-never-collected"  # noqa: F405
AXES_ENABLED = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's default in-memory test database. In memory, the live server
    # (browser tests) shares the test's one connection, and a test reading while the server
    # writes fails at random with "database table is locked", as Django's documentation
    # warns. A file gives each thread its own connection, with WAL and the busy timeout.
    # One file per test process, so two test runs in one checkout never share it.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"lms-test-{os.getpid()}.sqlite3")
    }
