"""The question form of the Wagtail admin: rows for the blanks of a 填空题, a table of pairs for
a 配对题, a reference answer and scoring points for a 简答题, instead of typing answer_spec as
JSON. exams.answer_editor turns the rows into what is stored; this form only carries them.

Rows come back as typed when something is wrong, each problem on its field and all of them at
the top of the page (Wagtail lists every error there once the form has a non-field error)."""

from __future__ import annotations

import re

from django import forms
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from exams.answer_editor import (
    check_blanks,
    check_pairs,
    rubric_compose,
    rubric_split,
    spec_rows,
    stored_stem,
)

EDITOR_MEDIA = forms.Media(js=["js/question_editor.js"], css={"all": ["css/question_editor.css"]})
# Rows a page without scripts offers beyond the stored ones (the script hides empty spares).
SPARE_ROWS = 2
# What a row may hold: far above any real answer, so that a pasted book is refused early.
ROW_MAX_LENGTH = 2000


class _RowsWidget(forms.Widget):
    """Numbered rows posted as ``<name>-<n>`` (and ``<name>-<n>-left``/``-right``); the
    script adds and removes rows and numbers them again."""

    template_name = ""
    media = EDITOR_MEDIA

    def _render(self, template_name, context, renderer=None):
        # The site's templates (site/templates) are not on Django's form renderer's path.
        return render_to_string(template_name, context)

    def id_for_label(self, id_):
        return f"{id_}-0" if id_ else id_

    @staticmethod
    def _indices(data, name: str, suffix: str = "") -> list[int]:
        pattern = re.compile(rf"^{re.escape(name)}-(\d{{1,3}}){re.escape(suffix)}$")
        return sorted({int(m.group(1)) for key in data.keys() if (m := pattern.match(key))})


class BlanksWidget(_RowsWidget):
    template_name = "exams/admin/widgets/blanks.html"

    def value_from_datadict(self, data, files, name):
        return [
            str(data.get(f"{name}-{n}", ""))[:ROW_MAX_LENGTH] for n in self._indices(data, name)
        ]

    def value_omitted_from_data(self, data, files, name):
        return not self._indices(data, name)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        rows = list(value or [])
        spare = SPARE_ROWS if rows else SPARE_ROWS + 1
        context["widget"]["rows"] = [
            {"index": n, "number": n + 1, "value": row, "spare": n >= len(rows)}
            for n, row in enumerate(rows + [""] * spare)
        ]
        return context


class PairsWidget(_RowsWidget):
    template_name = "exams/admin/widgets/pairs.html"

    def value_from_datadict(self, data, files, name):
        return [
            (
                str(data.get(f"{name}-{n}-left", ""))[:ROW_MAX_LENGTH],
                str(data.get(f"{name}-{n}-right", ""))[:ROW_MAX_LENGTH],
            )
            for n in sorted(
                set(self._indices(data, name, "-left")) | set(self._indices(data, name, "-right"))
            )
        ]

    def value_omitted_from_data(self, data, files, name):
        return not self._indices(data, name, "-left")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        rows = [tuple(row) for row in value or []]
        spare = SPARE_ROWS if len(rows) >= 2 else max(SPARE_ROWS, 3 - len(rows))
        context["widget"]["rows"] = [
            {"index": n, "number": n + 1, "left": left, "right": right, "spare": n >= len(rows)}
            for n, (left, right) in enumerate(rows + [("", "")] * spare)
        ]
        return context


class RowsField(forms.Field):
    """Keeps the rows as typed; QuestionAdminForm.clean checks them against the type."""

    def to_python(self, value):
        return list(value or [])


class QuestionAdminForm(WagtailAdminModelForm):
    blanks = RowsField(
        label=_("Blanks and their accepted answers"),
        required=False,
        widget=BlanksWidget,
        help_text=_(
            "Mark each blank in the question text with ____, ＿＿ or [[1]], [[2]]…; one row per "
            "blank, each accepted answer on its own line."
        ),
    )
    case_insensitive = forms.BooleanField(
        label=_("Latin letters: ignore upper and lower case"),
        required=False,
        help_text=_(
            "Full-width and half-width characters, spaces and punctuation are always ignored "
            "when answers are compared (ＡＢＣ１ = ABC1, 第（三）项 = 第(三)项)."
        ),
    )
    pairs = RowsField(
        label=_("Pairs"),
        required=False,
        widget=PairsWidget,
        help_text=_("Each left item with the right item that goes with it; scored per pair."),
    )
    extra = forms.CharField(
        label=_("Extra right items (distractors)"),
        required=False,
        max_length=ROW_MAX_LENGTH * 5,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: right items that pair with nothing, one per line."),
    )
    reference_answer = forms.CharField(
        label=_("Reference answer"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    scoring_points = forms.CharField(
        label=_("Scoring points"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What a full answer contains, one point per line, with its marks if any."),
    )

    EDITOR_FIELDS = {
        "shortanswer": ("blanks", "case_insensitive"),
        "matching": ("pairs", "extra"),
        "essay": ("reference_answer", "scoring_points"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        blanks, case_insensitive, pairs, extra = spec_rows(self.instance.answer_spec)
        reference, points = rubric_split(self.instance.rubric)
        for name, value in (
            ("blanks", blanks),
            ("case_insensitive", case_insensitive),
            ("pairs", pairs),
            ("extra", extra),
            ("reference_answer", reference),
            ("scoring_points", points),
        ):
            if name in self.fields:
                self.fields[name].initial = value
        self.answers_invalid = False

    def clean(self):
        cleaned = super().clean()
        qtype = cleaned.get("qtype")
        text = cleaned.get("text")
        if qtype == "shortanswer" and "blanks" in self.fields:
            checked = check_blanks(
                text or "",
                cleaned.get("blanks") or [],
                case_insensitive=cleaned.get("case_insensitive"),
            )
            if text is not None and not checked.errors:
                cleaned["text"] = stored_stem(text)
            self._take(checked, spec=True)
        elif qtype == "matching" and "pairs" in self.fields:
            self._take(
                check_pairs(cleaned.get("pairs") or [], cleaned.get("extra") or ""), spec=True
            )
        elif qtype == "essay" and "reference_answer" in self.fields:
            reference = cleaned.get("reference_answer") or ""
            points = cleaned.get("scoring_points") or ""
            if not reference.strip() and not points.strip():
                self.add_error(
                    "scoring_points",
                    _("Give the grader a reference answer or scoring points."),
                )
                self.answers_invalid = True
            else:
                self.instance.rubric = rubric_compose(reference, points)
        if self.answers_invalid:
            # A non-field error makes Wagtail list every error at the top of the page.
            self.add_error(None, _("The answers of this question need fixing (marked below)."))
        return cleaned

    def _take(self, checked, *, spec: bool) -> None:
        for name, messages in checked.errors.items():
            for message in messages:
                if name == "text" and "text" not in self.errors:
                    self.add_error("text", message)
                elif name != "text":
                    self.add_error(name, message)
        if checked.errors:
            self.answers_invalid = True
        elif spec:
            self.instance.answer_spec = checked.value

    def _update_errors(self, errors):
        # Question.clean checks answer_spec again; when the rows were wrong the old spec is
        # still on the instance and its complaint is already said, on the rows.
        error_dict = getattr(errors, "error_dict", None)
        if error_dict and "answer_spec" in error_dict:
            messages = error_dict.pop("answer_spec")
            if not self.answers_invalid:
                self.add_error(None, messages)
            if not error_dict:
                return
        super()._update_errors(errors)
