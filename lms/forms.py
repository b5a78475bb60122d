from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from lms.models import DUTY_CHOICES, Agency, Auxiliary, AuxiliaryStatus, HireMethod, Role
from lms.permissions import managed_agencies, scope_for
from lms.services import CREATABLE_ROLES, TRANSITIONS

User = get_user_model()


class DateInput(forms.DateInput):
    input_type = "date"


class RosterFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.none(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + AuxiliaryStatus.choices, required=False
    )
    hire_method = forms.ChoiceField(
        label=_("Hire method"), choices=[("", _("All"))] + HireMethod.choices, required=False
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies if agencies is not None else Agency.objects.none()
        self.fields["q"].widget.attrs["placeholder"] = _("Name, mobile, post or ID number")


class AuxiliaryForm(forms.ModelForm):
    duties = forms.TypedMultipleChoiceField(
        label=_("Duties (Art. 13)"),
        choices=DUTY_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    disqualification_items = forms.TypedMultipleChoiceField(
        label=_("Declared Art. 10 circumstances"),
        choices=[(i, f"第十条第（{'一二三四五六'[i - 1]}）项") for i in range(1, 7)],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick every circumstance the person declared. Any one makes them ineligible."),
    )

    class Meta:
        model = Auxiliary
        fields = [
            "agency", "name", "gender", "birth_date", "id_number", "mobile", "education",
            "education_waiver", "education_waiver_reference", "disqualification_items",
            "hire_method", "contract_start", "contract_end", "post", "duties", "work_area",
            "photo", "supervisor",
        ]  # fmt: skip
        widgets = {
            "birth_date": DateInput,
            "contract_start": DateInput,
            "contract_end": DateInput,
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = managed_agencies(user)
        self.fields["agency"].queryset = agencies
        self.fields["supervisor"].queryset = User.objects.filter(
            profile__role=Role.SUPERVISOR, profile__agency__in=agencies, is_active=True
        ).select_related("profile")
        self.fields["supervisor"].label_from_instance = lambda u: (
            u.profile.display_name or u.username
        )
        self.fields["photo"].help_text = _("JPEG or PNG, at most %(mb)s MB.") % {
            "mb": settings.PHOTO_MAX_BYTES // (1024 * 1024)
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("contract_start"), cleaned.get("contract_end")
        if start and end and end <= start:
            self.add_error("contract_end", _("The contract must end after it starts."))
        return cleaned


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, auxiliary: Auxiliary, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS.get(auxiliary.status, set())
        self.fields["to_status"].choices = [
            (value, label) for value, label in AuxiliaryStatus.choices if value in allowed
        ]


class RosterUploadForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none())
    file = forms.FileField(
        label=_("Roster file (.xlsx or .csv)"),
        help_text=_("CSV in UTF-8 or GB18030 (as Excel saves it) is accepted."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = managed_agencies(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Upload an .xlsx or .csv file."))
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.")
                % {"mb": settings.IMPORT_MAX_BYTES // (1024 * 1024)}
            )
        return upload


class StaffAccountForm(forms.Form):
    username = forms.RegexField(
        label=_("Username"), regex=r"^[A-Za-z0-9_.@-]{3,150}$", max_length=150
    )
    display_name = forms.CharField(label=_("Name"), max_length=60)
    email = forms.EmailField(label=_("E-mail"), required=False)
    role = forms.ChoiceField(label=_("Role"))
    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.none(), required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = CREATABLE_ROLES.get(scope_for(user).role, set())
        self.fields["role"].choices = [(v, label) for v, label in Role.choices if v in allowed]
        self.fields["agency"].queryset = managed_agencies(user)
