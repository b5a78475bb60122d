"""The province-wide card design editor: colours are picked with the browser's colour picker,
and the page shows the card with the values in the form before they are saved."""

from __future__ import annotations

import pytest

from credentials.models import CredentialDesignSettings
from lms.models import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db
URL = "/admin/settings/credentials/credentialdesignsettings/"


@pytest.fixture
def editor(client):
    client.force_login(make_user(Role.PROVINCIAL_ADMIN, None, username="design", is_superuser=True))
    return client


def _edit_page(editor) -> str:
    response = editor.get(URL, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_colours_use_the_colour_picker_and_the_form_has_a_live_preview(editor):
    html = _edit_page(editor)
    for name in ("band_color", "accent_color", "text_color"):
        assert f'type="color" name="{name}"' in html
    assert "data-card-preview" in html and "js/card_design_preview.js" in html
    assert "/admin/credentials/card-preview/front.png" in html


def test_the_preview_draws_values_that_are_not_saved(editor):
    saved = CredentialDesignSettings.load().band_color
    png = editor.get("/admin/credentials/card-preview/front.png", {"band_color": "#7a5c00"})
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    default = editor.get("/admin/credentials/card-preview/front.png")
    assert png.content != default.content
    assert CredentialDesignSettings.load().band_color == saved


def test_a_picked_colour_is_stored_as_rrggbb(editor):
    design = CredentialDesignSettings.load()
    design.band_color = "#7a5c00"
    design.full_clean()
    design.save()
    assert CredentialDesignSettings.load().band_color == "#7A5C00"
