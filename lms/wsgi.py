"""WSGI entry point (gunicorn lms.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.base")
application = get_wsgi_application()

# What every request needs is loaded now (the URLconf imports the views), then the objects of
# start-up, about 220,000, are moved out of the collector's reach: they live as long as the
# process, and a full collection that walks them pauses the worker for 60-80 ms, which the
# requests waiting on it see.
get_resolver().url_patterns  # noqa: B018 (loads the URLconf)
gc.freeze()
