"""The session form, the enrolment chooser and the proctors' action forms. Rules that need the
database (who may proctor, the order of the four moments) are the services'; the views put the
services' refusals at the top of the form, which keeps what was typed."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from exams.models import Exam
from exams.selectors import pre_job_exams
from exams.sessions.services import MAX_EXTENSION_MINUTES
from lms.models import Role
from lms.permissions import managed_agencies, scope_for
from lms.widgets import DateTimeLocalInput

ISO_INPUT = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]


def _when(label, *, required=True, help_text=""):
    return forms.DateTimeField(
        label=label,
        required=required,
        input_formats=ISO_INPUT,
        widget=DateTimeLocalInput(),
        help_text=help_text,
    )


def proctor_choices(user):
    """Staff logins the user may name as proctors: the staff of the agencies they manage and of
    the agencies above (checked again by the service against the organising agency)."""
    scope = scope_for(user)
    staff = get_user_model().objects.filter(
        is_active=True, profile__role__in=[Role.SUPERVISOR, Role.AGENCY_ADMIN]
    )
    if not scope.is_provincial:
        paths = [scope.agency_path or "\0"]
        # Agencies above the user's: each prefix of its path.
        parts = (scope.agency_path or "").strip("/").split("/")
        ancestors = ["/" + "/".join(parts[:i]) + "/" for i in range(1, len(parts))]
        staff = staff.filter(profile__agency__path__startswith=paths[0]) | staff.filter(
            profile__agency__path__in=ancestors
        )
    return staff.select_related("profile__agency").order_by("profile__agency__path", "username")


class ProctorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        profile = getattr(obj, "profile", None)
        name = (profile.display_name if profile else "") or obj.get_username()
        agency = profile.agency.name if profile and profile.agency_id else ""
        return f"{name}（{agency}）" if agency else name


class SessionForm(forms.Form):
    exam = forms.ModelChoiceField(label=_("Exam"), queryset=Exam.objects.none())
    agency = forms.ModelChoiceField(label=_("Organising agency"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=120)
    online = forms.BooleanField(label=_("Online (no venue)"), required=False)
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    what_to_bring = forms.CharField(
        label=_("What to bring"),
        max_length=200,
        required=False,
        help_text=_("For example: your ID card and a charged phone."),
    )
    starts_at = _when(_("Start time"))
    check_in_at = _when(
        _("Check-in opens"), required=False, help_text=_("Empty: 30 minutes before the start.")
    )
    late_cutoff_at = _when(
        _("Late-entry cutoff"),
        required=False,
        help_text=_("Empty: 15 minutes after the start. After it the doors are closed."),
    )
    proctors = ProctorChoiceField(
        label=_("Proctors"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # A session seats the pre-job exam (Art. 20); a course quiz is taken on the phone.
        self.fields["exam"].queryset = pre_job_exams().filter(active=True).order_by("title")
        self.fields["agency"].queryset = managed_agencies(user).order_by("path")
        self.fields["proctors"].queryset = proctor_choices(user)


ENROL_MODES = [
    ("agency", _("Everyone eligible in an agency")),
    ("post", _("Everyone eligible in a post")),
    ("hand", _("By hand (ID-card numbers)")),
]


class EnrolForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("Choose candidates"), choices=ENROL_MODES, widget=forms.RadioSelect
    )
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None, required=False)
    subordinates = forms.BooleanField(
        label=_("Include its subordinate agencies"), required=False, initial=True
    )
    post = forms.CharField(label=_("Post"), max_length=60, required=False)
    id_numbers = forms.CharField(
        label=_("ID-card numbers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = managed_agencies(user).order_by("path")

    def clean(self):
        data = super().clean()
        mode = data.get("mode")
        if mode in ("agency", "post") and not data.get("agency"):
            self.add_error("agency", _("Choose the agency."))
        if mode == "post" and not (data.get("post") or "").strip():
            self.add_error("post", _("Give the post."))
        if mode == "hand":
            numbers = [n for n in (data.get("id_numbers") or "").split() if n.strip()]
            if not numbers:
                self.add_error("id_numbers", _("Give at least one ID-card number."))
            data["id_number_list"] = numbers
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class ExtendForm(ReasonForm):
    minutes = forms.IntegerField(
        label=_("Extra minutes"), min_value=1, max_value=MAX_EXTENSION_MINUTES
    )


class AccommodationForm(ReasonForm):
    minutes = forms.IntegerField(
        label=_("Extra minutes"), min_value=0, max_value=MAX_EXTENSION_MINUTES, required=False
    )
    percent = forms.IntegerField(
        label=_("Or extra time as a percentage"), min_value=0, max_value=100, required=False
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=500,
        help_text=_("The candidates are shown it on their home page."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RescheduleForm(forms.Form):
    starts_at = _when(
        _("New start time"),
        help_text=_("Check-in and the late-entry cutoff move with it."),
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=500,
        help_text=_("The candidates are shown it on their home page."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
