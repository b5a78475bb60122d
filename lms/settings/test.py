"""Test settings: fast hashers, tasks inline, no secure-cookie redirects."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DEBUG", "1")

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, Q_CLUSTER

if "bench" not in INSTALLED_APPS:  # DEBUG may be set off by the caller; the bench tests need it
    INSTALLED_APPS = [*INSTALLED_APPS, "bench"]

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
# Files on the local disk (a temporary MEDIA_ROOT per test), whatever S3_* the environment
# holds: the tests that need the object store get moto's from tests/s3.py (LMS_TEST_S3=1 for
# the whole run).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
S3_ENABLED = False
S3_PRESIGN_SECONDS = 0
WAGTAILDOCS_SERVE_METHOD = "serve_view"
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

# The webhook tests run their receivers on this machine.
WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]
