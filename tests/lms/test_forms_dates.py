"""Dates in forms survive the Chinese UI: a browser keeps an ``<input type="date">`` value only
when it is ``YYYY-MM-DD`` (``datetime-local``: ``YYYY-MM-DDTHH:MM``), so every date widget must
render ISO whatever the language, or the edit forms come up with their dates blank."""

from __future__ import annotations

import datetime
import re

import pytest
from django import forms
from django.apps import apps
from django.utils import translation
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from assessments import forms as assessment_forms
from credentials import forms as credential_forms
from exams import admin_views as exam_admin_views
from lms import forms as lms_forms
from tests import factories

pytestmark = pytest.mark.django_db

DAY = datetime.date(1990, 3, 27)
MOMENT = datetime.datetime(2026, 3, 27, 9, 5)
ISO = {"date": "1990-03-27", "datetime-local": "2026-03-27T09:05"}
VALUE = re.compile(r'value="([^"]*)"')


def _project_form_classes():
    for module in (lms_forms, credential_forms, assessment_forms, exam_admin_views):
        for obj in vars(module).values():
            if (
                isinstance(obj, type)
                and issubclass(obj, forms.BaseForm)
                and obj.__module__ == module.__name__
            ):
                yield obj


def _admin_form_classes():
    """The edit forms Wagtail builds from the project's panels: pages, snippets, settings."""
    models = [m for m in apps.get_models() if issubclass(m, Page) and m is not Page]
    models += [m for m in get_snippet_models() if m.__module__.split(".")[0] != "wagtail"]
    from credentials.models import CredentialDesignSettings

    models.append(CredentialDesignSettings)
    for model in models:
        if hasattr(model, "get_edit_handler"):
            handler = model.get_edit_handler()
        else:
            from wagtail.admin.panels import ObjectList, extract_panel_definitions_from_model_class

            handler = ObjectList(extract_panel_definitions_from_model_class(model))
        yield model, handler.bind_to_model(model).get_form_class()


def _date_fields(form_class):
    for name, field in form_class.base_fields.items():
        if isinstance(field, forms.DateField | forms.DateTimeField):
            yield name, field


def _rendered_value(field, name, value) -> tuple[str, str]:
    html = field.widget.render(name, value)
    input_type = getattr(field.widget, "input_type", "")
    return input_type, VALUE.search(html).group(1)


def _assert_browser_keeps(field, name):
    value = MOMENT if isinstance(field, forms.DateTimeField) else DAY
    input_type, shown = _rendered_value(field, name, value)
    if input_type in ISO:
        assert shown == ISO[input_type], f"{name}: {input_type} input renders {shown!r}"
    else:
        # A text input (Wagtail's date picker): what it shows must come back as the same value.
        cleaned = field.clean(shown)
        if isinstance(cleaned, datetime.datetime):
            cleaned = cleaned.replace(tzinfo=None)  # rendered and read in the same time zone
        assert cleaned == value, f"{name}: {shown!r} does not read back"


def test_every_project_form_has_date_fields_to_check():
    # Guards the collection itself: if it found nothing, the test below would prove nothing.
    names = {cls.__name__ for cls in _project_form_classes() if any(_date_fields(cls))}
    assert {"AuxiliaryForm", "IssueForm", "CycleOpenForm", "DecisionForm"} <= names


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_project_date_widget_renders_iso(language):
    with translation.override(language):
        for form_class in _project_form_classes():
            for name, field in _date_fields(form_class):
                _assert_browser_keeps(field, f"{form_class.__name__}.{name}")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_wagtail_admin_forms_of_the_project_show_dates_they_accept_back(language):
    checked = 0
    with translation.override(language):
        for model, form_class in _admin_form_classes():
            for name, field in _date_fields(form_class):
                _assert_browser_keeps(field, f"{model.__name__}.{name}")
                checked += 1
    assert checked  # the pages' go-live/expiry dates at least


def test_auxiliary_edit_page_in_chinese_shows_iso_dates(client, org):
    aux = org.aux_a
    aux.birth_date = DAY
    aux.contract_start = datetime.date(2025, 1, 2)
    aux.contract_end = datetime.date(2028, 12, 31)
    aux.save()
    client.force_login(org.admin_a)
    response = client.get(f"/people/{aux.pk}/edit/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = response.content.decode()
    assert 'lang="zh-hans"' in html or "zh-hans" in html
    for name, iso in [
        ("birth_date", "1990-03-27"),
        ("contract_start", "2025-01-02"),
        ("contract_end", "2028-12-31"),
    ]:
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert 'type="date"' in tag
        assert f'value="{iso}"' in tag, tag


@pytest.mark.e2e
def test_edit_form_dates_are_kept_by_chromium_in_chinese(live_server, desktop, org):
    from tests.browser import login, screenshot

    aux = org.aux_a
    aux.birth_date = DAY
    aux.save()
    page = desktop
    page.context.set_extra_http_headers({"Accept-Language": "zh-CN,zh;q=0.9"})
    login(page, live_server.url, "admin_a", factories.PASSWORD)
    page.goto(f"{live_server.url}/people/{aux.pk}/edit/")
    assert page.locator("html").get_attribute("lang").startswith("zh")
    assert page.input_value("input[name=birth_date]") == "1990-03-27"
    assert page.input_value("input[name=contract_start]") == "2025-01-01"
    assert page.input_value("input[name=contract_end]") == "2028-12-31"
    screenshot(page, "auxiliary-edit-zh-dates")
