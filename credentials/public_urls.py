"""Public pages (no login): /verify/<number>/ and /roster/<agency code>/."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
