"""Settings for the server `bench exam` starts: production settings plus the floor endpoint."""

from lms.settings.base import *  # noqa: F403
from lms.settings.base import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"] if "bench" not in INSTALLED_APPS else INSTALLED_APPS
ROOT_URLCONF = "bench.urls"
