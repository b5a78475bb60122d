from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms import uploads
from lms.measures import articles, citation_label
from lms.models import DUTY_CHOICES, Agency, Auxiliary, AuxiliaryStatus, HireMethod, Role
from lms.permissions import managed_agencies, scope_for
from lms.punctuation import is_chinese
from lms.services import CREATABLE_ROLES, TRANSITIONS
from lms.widgets import DateInput

User = get_user_model()

# Art. 10 lists the circumstances that bar a person from being hired.
DISQUALIFICATION_ARTICLE = 10


def disqualification_choices() -> list[tuple[int, str]]:
    """Each Art. 10 item with the law's own words, so the admin ticks what the person declared
    rather than a bare item number: 第十条第（一）项　有犯罪记录或者涉嫌犯罪尚未查清的."""
    items = articles()[DISQUALIFICATION_ARTICLE].items
    gap = "\u3000" if is_chinese() else " "  # an ideographic space only between Chinese words
    return [
        (number, f"{citation_label(DISQUALIFICATION_ARTICLE, number)}{gap}{text}")
        for number, text in sorted(items.items())
    ]


# Django's blank choice; never shown as such (choice_prompts below).
DJANGO_BLANK = "---------"


def choice_prompts(form: forms.BaseForm) -> None:
    """No select shows Django's "---------": a required choice opens on 请选择…, an optional
    one on 无. (A filter's blank means every value and says 全部; filters set it themselves.)"""
    for field in form.fields.values():
        if not isinstance(field, forms.ChoiceField) or isinstance(field, forms.MultipleChoiceField):
            continue
        label = _("Choose…") if field.required else _("None")
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label == DJANGO_BLANK:
                field.empty_label = label
            continue
        choices = list(field.choices)
        if choices and choices[0][0] == "" and choices[0][1] == DJANGO_BLANK:
            field.choices = [("", label), *choices[1:]]


class ChoicePromptsMixin:
    """A form whose selects open on 请选择… / 无 instead of "---------"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choice_prompts(self)


def only_agency_preselected(field: forms.ModelChoiceField) -> None:
    """An admin who manages one agency has nothing to choose: show it chosen, without a blank."""
    agencies = list(field.queryset[:2])
    if len(agencies) == 1:
        field.empty_label = None
        field.initial = agencies[0].pk


class RosterFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=Agency.objects.none(), required=False, empty_label=_("All")
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
        # What can be searched is said under the field, not as a placeholder: a placeholder
        # vanishes on typing and was cut off on a phone in large text.
        self.fields["q"].help_text = _("Name, mobile, post or ID number")
        self.fields["q"].widget.attrs["aria-describedby"] = "id_q_hint"


class AuxiliaryForm(ChoicePromptsMixin, forms.ModelForm):
    duties = forms.TypedMultipleChoiceField(
        label=_("Duties (Art. 13)"),
        choices=DUTY_CHOICES,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    disqualification_items = forms.TypedMultipleChoiceField(
        label=_("Declared Art. 10 circumstances"),
        choices=disqualification_choices,
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
        if self.instance.pk is None:
            only_agency_preselected(self.fields["agency"])
        # 姓名, a person's name; the model's verbose name is shared with agencies' 名称.
        self.fields["name"].label = _("Full name")
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
        # Nothing chosen beforehand: the first allowed status (持证上岗 for a trainee) was
        # preselected, one press from a change the person's credential may not allow.
        self.fields["to_status"].choices = [("", _("Choose…"))] + [
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
        only_agency_preselected(self.fields["agency"])

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Upload an .xlsx or .csv file."))
        try:
            uploads.upload_size_check(upload.size)
        except uploads.UploadRejected as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload


class StaffAccountForm(ChoicePromptsMixin, forms.Form):
    username = forms.RegexField(
        label=_("Username"), regex=r"^[A-Za-z0-9_.@-]{3,150}$", max_length=150
    )
    display_name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=60)
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
        only_agency_preselected(self.fields["agency"])
