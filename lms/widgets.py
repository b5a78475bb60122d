"""Form widgets shared by every app.

A browser's ``<input type="date">`` accepts only ``YYYY-MM-DD`` in its value attribute (and
``datetime-local`` only ``YYYY-MM-DDTHH:MM``); anything else is dropped and the field comes up
empty. Django's own DateInput renders the active language's first input format, which for
zh-hans is ``%Y/%m/%d``, so an edit form in Chinese lost every date it showed. These widgets fix
the wire format to ISO whatever the language; the browser shows the date in the user's locale.
"""

from __future__ import annotations

from django import forms

ISO_DATE = "%Y-%m-%d"
ISO_DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs=attrs, format=format or ISO_DATE)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs=attrs, format=format or ISO_DATETIME_LOCAL)
