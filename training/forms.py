"""Forms of the training pages. Choices come from the user's scope (lms.permissions)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage, TrainingCategory
from lms.exceptions import UploadRejected
from lms.models import ON_ROLL_STATUSES
from lms.permissions import managed_agencies, managed_auxiliaries
from lms.uploads import upload_size_check
from lms.widgets import DateInput
from training.exceptions import SignInSheetError
from training.models import ClassroomSession, Cohort, OutsideTraining
from training.signin import read_sign_in_sheet

SCAN_MAX_BYTES = 5 * 1024 * 1024


def _people(user):
    return managed_auxiliaries(user).filter(status__in=ON_ROLL_STATUSES).select_related("agency")


def _own_agency(user, agencies):
    """The agency the user acts for, as the form's first guess (the top of their tree)."""
    return agencies.order_by("path").first()


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.agency.name} · {obj.post}）"


class CorrectionForm(forms.Form):
    hours_delta = forms.DecimalField(
        label=_("Change in hours"), max_digits=5, decimal_places=1,
        help_text=_("Negative to take hours away, e.g. -1.5."),
    )  # fmt: skip
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def clean_hours_delta(self):
        value = self.cleaned_data["hours_delta"]
        if value == 0:
            raise ValidationError(_("A correction changes the hours."))
        return value


class SessionForm(forms.ModelForm):
    attendees = PersonChoiceField(
        label=_("Attendees"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    sign_in_sheet = forms.FileField(
        label=_("Or a sign-in sheet (xlsx)"), required=False,
        help_text=_("Columns 姓名 and 身份证号; every row must be one of your people."),
    )  # fmt: skip

    class Meta:
        model = ClassroomSession
        fields = ["date", "topic", "category", "hours", "trainer"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["attendees"].queryset = _people(user)
        self.row_errors = []

    def clean_sign_in_sheet(self):
        upload = self.cleaned_data.get("sign_in_sheet")
        if not upload:
            return []
        try:
            upload_size_check(upload.size)
            people = {p.id_number.upper(): p for p in _people(self.user)}
            return read_sign_in_sheet(upload.read(), upload.name, people)
        except UploadRejected as exc:
            raise ValidationError(str(exc)) from exc
        except SignInSheetError as exc:
            self.row_errors = exc.rows
            raise ValidationError(exc.messages) from exc

    def clean(self):
        cleaned = super().clean()
        picked = list(cleaned.get("attendees") or [])
        sheet = cleaned.get("sign_in_sheet") or []
        if "sign_in_sheet" in self.errors:
            return cleaned
        everyone = {p.pk: p for p in picked + list(sheet)}
        if not everyone:
            raise ValidationError(_("Pick the attendees or upload a sign-in sheet."))
        cleaned["everyone"] = list(everyone.values())
        return cleaned


class OutsideForm(forms.ModelForm):
    auxiliary = forms.ModelChoiceField(label=_("Auxiliary"), queryset=None)

    class Meta:
        model = OutsideTraining
        fields = ["auxiliary", "date", "title", "issuer", "category", "hours", "scan"]
        widgets = {"date": DateInput()}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["auxiliary"].queryset = _people(user)

    def clean_scan(self):
        scan = self.cleaned_data["scan"]
        try:
            upload_size_check(scan.size, max_bytes=SCAN_MAX_BYTES)
        except UploadRejected as exc:
            raise ValidationError(str(exc)) from exc
        return scan


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    note = forms.CharField(label=_("Note"), required=False)


def in_service_courses():
    return (
        CoursePage.objects.live()
        .filter(required_for_credential=False, training_hours__isnull=False)
        .order_by("path")
    )


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    agency = forms.ModelChoiceField(label=_("Assigned by"), queryset=None)
    courses = forms.ModelMultipleChoiceField(
        label=_("Courses"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())
    cohort = forms.ChoiceField(label=_("Cohort"), choices=Cohort.choices, widget=forms.RadioSelect)
    post = forms.CharField(label=_("Post"), required=False, help_text=_("For a cohort by post."))
    cohort_agency = forms.ModelChoiceField(
        label=_("Cohort agency"), queryset=None, required=False,
        help_text=_("For a cohort by agency: that agency and those under it."),
    )  # fmt: skip
    people = PersonChoiceField(
        label=_("People"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("For a hand-picked cohort."),
    )  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = managed_agencies(user)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].initial = _own_agency(user, agencies)
        self.fields["cohort"].initial = Cohort.IN_SERVICE
        self.fields["cohort_agency"].queryset = agencies
        self.fields["courses"].queryset = in_service_courses()
        self.fields["people"].queryset = _people(user)

    def clean(self):
        cleaned = super().clean()
        cohort = cleaned.get("cohort")
        if cohort == Cohort.POST and not cleaned.get("post", "").strip():
            self.add_error("post", _("Name the post."))
        if cohort == Cohort.AGENCY and not cleaned.get("cohort_agency"):
            self.add_error("cohort_agency", _("Pick the agency."))
        if cohort == Cohort.PICKED and not cleaned.get("people"):
            self.add_error("people", _("Pick at least one person."))
        return cleaned


class RequirementForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None)
    total_hours = forms.DecimalField(
        label=_("Hours a year"), min_value=Decimal("0"), max_digits=5, decimal_places=1
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = managed_agencies(user)
        self.fields["agency"].queryset = agencies
        self.fields["agency"].initial = _own_agency(user, agencies)
        self.categories = list(TrainingCategory.objects.all())
        for category in self.categories:
            self.fields[f"minimum_{category.pk}"] = forms.DecimalField(
                label=_("Of which at least, in %(category)s") % {"category": category.name},
                min_value=Decimal("0"), max_digits=5, decimal_places=1, required=False,
            )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        minimums = {c: cleaned.get(f"minimum_{c.pk}") or Decimal("0") for c in self.categories}
        total = cleaned.get("total_hours")
        if total is not None and sum(minimums.values()) > total:
            raise ValidationError(_("The category minimums add up to more than the hours a year."))
        cleaned["minimums"] = minimums
        return cleaned
