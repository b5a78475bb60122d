"""Forms for opening cycles, responding, answering objections, deciding and adapting templates."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.forms.formsets import DELETION_FIELD_NAME
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessments import rules
from assessments.models import MEASURE_CHOICES, AssessmentTemplate
from lms.permissions import managed_agencies

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CycleOpenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None)
    include_subordinates = forms.BooleanField(
        label=_("Include subordinate agencies"), required=False
    )
    template = forms.ModelChoiceField(label=_("Template"), queryset=None)
    period_start = forms.DateField(label=_("Period start"), widget=DATE)
    period_end = forms.DateField(label=_("Period end"), widget=DATE)
    due_date = forms.DateField(
        label=_("Scoring due by"),
        widget=DATE,
        help_text=_("Supervisors are reminded 7 days and 1 day before."),
    )
    next_cycle_start = forms.DateField(
        label=_("Next cycle starts"),
        widget=DATE,
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
        if len(paths) == 1:
            self.initial.setdefault("agency", agencies.first())

    def clean(self):
        data = super().clean()
        start, end, due = data.get("period_start"), data.get("period_end"), data.get("due_date")
        if start and end and end < start:
            self.add_error("period_end", _("The period must end after it starts."))
        if end and due and due < end - datetime.timedelta(days=366):
            self.add_error("due_date", _("The due date is too early."))
        return data


def forms_q(ancestor_ids):
    from django.db.models import Q

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
        widget=DATE,
        help_text=_("Required for renewal."),
    )
    valid_until = forms.DateField(
        label=_("Credential valid until"),
        required=False,
        widget=DATE,
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
