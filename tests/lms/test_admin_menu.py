"""Admin menu entries of the apps are offered only to people whose page would let them in."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import reverse
from wagtail import hooks

pytestmark = pytest.mark.django_db

# The page each entry opens, and the permission that page checks.
GUARDED = [
    ("register_admin_menu_item", "exams_import", "exams.add_question"),
    ("register_admin_menu_item", "exams_analysis_index", "exams.view_exam"),
    (
        "register_settings_menu_item",
        "credentials_card_preview",
        "credentials.change_credentialdesignsettings",
    ),
]


def _entry(hook_name: str, url_name: str):
    url = reverse(url_name)
    items = [register() for register in hooks.get_hooks(hook_name)]
    (item,) = [item for item in items if getattr(item, "url", None) == url]
    return item


@pytest.mark.parametrize(("hook_name", "url_name", "permission"), GUARDED)
def test_an_entry_is_shown_only_with_the_permission_its_page_checks(
    django_user_model, hook_name, url_name, permission
):
    item = _entry(hook_name, url_name)
    user = django_user_model.objects.create_user("editor", password="pw-123456")
    request = RequestFactory().get("/admin/")
    request.user = user
    assert not item.is_shown(request)
    app_label, codename = permission.split(".")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )
    request.user = django_user_model.objects.get(pk=user.pk)  # permissions are cached per user
    assert item.is_shown(request)
