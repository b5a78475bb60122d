"""Forms for opening cycles, responding, answering objections, deciding, adapting templates and
editing their criteria."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.formsets import DELETION_FIELD_NAME
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessments import rules, selectors
from assessments.exceptions import TemplateInvalid
from assessments.models import MEASURE_CHOICES, AssessmentTemplate
from assessments.scoring import plain_number
from assessments.services.templates import CRITERION_EDITABLE
from lms.forms import ChoicePromptsMixin, only_agency_preselected
from lms.permissions import managed_agencies
from lms.widgets import DateInput


class CycleOpenForm(ChoicePromptsMixin, forms.Form):
    name = forms.CharField(label=pgettext_lazy("assessment cycle", "Name"), max_length=120)
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None)
    include_subordinates = forms.BooleanField(
        label=_("Include subordinate agencies"), required=False
    )
    template = forms.ModelChoiceField(label=_("Template"), queryset=None)
    period_start = forms.DateField(label=_("Period start"), widget=DateInput)
    period_end = forms.DateField(label=_("Period end"), widget=DateInput)
    due_date = forms.DateField(
        label=_("Scoring due by"),
        widget=DateInput,
        help_text=_("Supervisors are reminded 7 days and 1 day before."),
    )
    next_cycle_start = forms.DateField(
        label=_("Next cycle starts"),
        widget=DateInput,
        required=False,
        help_text=_(
            "Contracts ending before this date are flagged for a renewal decision. "
            "Default: the day after the period ends."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = managed_agencies(user)
        self.fields["agency"].queryset = agencies
        paths = list(agencies.values_list("path", flat=True))
        ancestor_ids = {int(pk) for path in paths for pk in path.strip("/").split("/") if pk}
        self.fields["template"].queryset = AssessmentTemplate.objects.filter(
            forms_q(ancestor_ids)
        ).order_by("agency_id", "name", "-version")
        only_agency_preselected(self.fields["agency"])

    def clean(self):
        data = super().clean()
        start, end, due = data.get("period_start"), data.get("period_end"), data.get("due_date")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end after it starts."))
        if end and due and due < end - datetime.timedelta(days=366):
            self.add_error("due_date", _("The due date is too early."))
        return data


def forms_q(ancestor_ids):
    return Q(agency__isnull=True) | Q(agency_id__in=ancestor_ids)


class RespondForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your response"),
        choices=[
            ("acknowledge", _("I acknowledge this assessment")),
            ("object", _("I object to this assessment")),
        ],
        widget=forms.RadioSelect,
    )
    statement = forms.CharField(
        label=_("Statement"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you object: what is wrong and why."),
    )

    def clean(self):
        data = super().clean()
        if data.get("choice") == "object" and not (data.get("statement") or "").strip():
            self.add_error("statement", _("Write down what you object to and why."))
        return data


class UpholdForm(forms.Form):
    note = forms.CharField(
        label=_("Reply to the objection"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The auxiliary sees this reply."),
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[(o.value, label) for o, label in rules.OUTCOME_LABELS.items()],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for departing from the recommendation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contract_end = forms.DateField(
        label=_("New contract end"),
        required=False,
        widget=DateInput,
        help_text=_("Required for renewal."),
    )
    valid_until = forms.DateField(
        label=_("Credential valid until"),
        required=False,
        widget=DateInput,
        help_text=_("Default: the new contract end."),
    )


class AdaptForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("For agency"), queryset=None)
    name = forms.CharField(label=_("Name of the copy"), max_length=120, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = managed_agencies(user)
        self.fields["agency"].queryset = agencies
        if agencies.count() == 1:
            # A county admin manages one agency: nothing to choose, so no blank to choose first.
            self.fields["agency"].empty_label = None


class CriterionEditForm(forms.Form):
    """One row of the criteria editor: an existing criterion (with its id) or a new one."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=pgettext_lazy("criterion", "Name"), max_length=120)
    section = forms.ChoiceField(label=_("Section"), choices=())
    measure = forms.ChoiceField(label=_("What it measures"), choices=[("", "—"), *MEASURE_CHOICES])
    weight = forms.DecimalField(label=_("Weight"), min_value=0, max_digits=5, decimal_places=2)
    max_score = forms.DecimalField(
        label=_("Maximum score"),
        min_value=0.01,
        max_digits=5,
        decimal_places=2,
        initial=Decimal(10),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    TYPED = ("id", "name", "description", "measure", "weight")

    def __init__(self, *args, sections=(), default_section="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = list(sections)
        self.fields["section"].initial = default_section
        for name in ("weight", "max_score"):
            self.fields[name].widget.attrs["inputmode"] = "decimal"

    def has_changed(self) -> bool:
        # A new row is blank, and left out, until something is typed into it. The section
        # and maximum it comes preset with do not count: the preset follows the template as
        # it is now, which may differ from when the page was loaded.
        return self.is_bound and any(str(self[name].data or "").strip() for name in self.TYPED)


class BaseCriterionFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields[DELETION_FIELD_NAME].label = _("Remove this criterion")

    def with_blank_row(self) -> QueryDict:
        """The submitted data with one more blank row (preset like the page's blank rows), for
        adding a row without JavaScript while keeping everything typed so far."""
        data = self.data.copy()
        index = self.total_form_count()
        data[f"{self.prefix}-TOTAL_FORMS"] = str(index + 1)
        blank = self.empty_form
        for name, field in blank.fields.items():
            value = blank.get_initial_for_field(field, name)
            if value not in (None, ""):
                data[f"{self.prefix}-{index}-{name}"] = str(value)
        return data


CriterionFormSet = forms.formset_factory(
    CriterionEditForm, formset=BaseCriterionFormSet, extra=1, can_delete=True
)


def _form_value(value):
    """40 rather than 40.00 in the form (12.5 stays 12.5)."""
    return plain_number(value) if isinstance(value, Decimal) else value


class CriteriaEditor:
    """The site's criteria editor for one template: the rows shown (the criteria, a blank row,
    and the blank that the page's script copies), what a valid post asks to change, and a
    refusal put back on the rows it concerns. The change itself is services'."""

    def __init__(self, template: AssessmentTemplate, data: QueryDict | None = None):
        criteria = list(template.criteria.order_by("sort_order", "pk"))
        sections = selectors.template_section_choices(template)
        form_kwargs = {
            "sections": sections,
            # New criteria usually continue where the list ends.
            "default_section": criteria[-1].section if criteria else sections[0][0],
        }
        self.errors: list[str] = []
        self.show_errors = True
        self.wants_save = data is not None and "add_row" not in data
        if data is None:
            initial = [
                {name: _form_value(getattr(c, name)) for name in ("id", *CRITERION_EDITABLE)}
                for c in criteria
            ]
            self.formset = CriterionFormSet(initial=initial, form_kwargs=form_kwargs)
        elif not self.wants_save:
            # Without JavaScript, "add a row" comes back here with one more blank row; what was
            # typed is not checked yet, so no errors are shown.
            posted = CriterionFormSet(data, form_kwargs=form_kwargs)
            self.formset = CriterionFormSet(posted.with_blank_row(), form_kwargs=form_kwargs)
            self.show_errors = False
        else:
            # No initial on a post: rows are matched by the ids posted, not by position.
            self.formset = CriterionFormSet(data, form_kwargs=form_kwargs)
        self._rows: list[tuple[forms.Form, dict]] = []
        self._remove: list[int] = []

    def is_valid(self) -> bool:
        """A save was asked for and every row is well formed (the template's rules are the
        service's to check)."""
        if not self.wants_save:
            return False
        if not self.formset.is_valid():
            self.errors.append(_("Please correct the marked fields."))
            self.errors.extend(self.formset.non_form_errors())
            return False
        # Blank new rows are left out; a new row marked for removal is simply dropped.
        for form in self.formset.forms:
            values = dict(form.cleaned_data)
            if not values:
                continue
            if values.pop("DELETE", False):
                if values.get("id") is not None:
                    self._remove.append(values["id"])
                continue
            self._rows.append((form, values))
        return True

    def changes(self) -> dict:
        """The keyword arguments of ``services.template_update_criteria`` for a valid post."""
        return {"criteria": [values for _form, values in self._rows], "remove": self._remove}

    def refuse(self, refusal: ValidationError) -> None:
        """Show the service's refusal: beside the rows it names, the rest above them."""
        if not isinstance(refusal, TemplateInvalid):
            self.errors.extend(refusal.messages)
            return
        if refusal.per_criterion:
            self.errors.append(_("Please correct the marked fields."))
        self.errors.extend(refusal.general)
        for index, problems in refusal.per_criterion.items():
            form = self._rows[index][0]
            for field, message in problems:
                form.add_error(field if field in form.fields else None, message)

    def context(self) -> dict:
        # After the rows, the blank one (__prefix__) that the page's script copies to add a row.
        shown = [*self.formset.forms, self.formset.empty_form]
        for form in shown:
            # A row marked for removal is not checked, so it shows no errors either.
            form.errors_shown = self.show_errors and not form["DELETE"].value()
        return {"formset": self.formset, "rows": shown, "errors": self.errors}
