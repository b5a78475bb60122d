from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from api.addresses import address_refusal
from api.models import EventType, TokenAccess
from api.tokens import MAX_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(
        label=pgettext_lazy("api token", "Name"),
        max_length=80,
        help_text=_("Which system uses it, e.g. 人事系统同步. Every write is recorded with it."),
    )
    access = forms.ChoiceField(
        label=_("Access"), choices=TokenAccess.choices, initial=TokenAccess.READ,
        widget=forms.RadioSelect,
    )  # fmt: skip
    days = forms.IntegerField(
        label=_("Valid for (days)"), min_value=1, max_value=MAX_DAYS, initial=90
    )


class WebhookForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None, empty_label=None)
    url = forms.URLField(
        label=_("URL"), max_length=500, assume_scheme="https",
        help_text=_("Your system's address that receives the events (HTTPS)."),
    )  # fmt: skip
    event_types = forms.MultipleChoiceField(
        label=_("Events"), choices=EventType.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies

    def clean_url(self):
        url = self.cleaned_data["url"]
        refusal = address_refusal(url)
        if refusal:
            raise forms.ValidationError(refusal)
        return url
