from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from credentials.models import CredentialStatus, ReturnItemState
from lms.forms import ChoicePromptsMixin, only_agency_preselected
from lms.models import Agency
from lms.widgets import DateInput


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + CredentialStatus.choices, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = _("Name or credential number")


class IssueForm(forms.Form):
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty to use the contract end date."),
    )


class CredentialActionForm(forms.Form):
    ACTIONS = [
        ("suspend", _("Suspend")),
        ("reactivate", _("Lift the suspension")),
        ("revoke", _("Revoke")),
        ("reissue", _("Re-issue (lost card or renewal)")),
    ]
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    valid_until = forms.DateField(
        label=_("New credential valid until"),
        required=False,
        widget=DateInput,
        help_text=_("Only for re-issue; empty keeps the later of the old date and contract end."),
    )

    def __init__(self, *args, credential=None, **kwargs):
        super().__init__(*args, **kwargs)
        if credential is not None:
            allowed = {
                CredentialStatus.ACTIVE: {"suspend", "revoke", "reissue"},
                CredentialStatus.SUSPENDED: {"reactivate", "revoke"},
                CredentialStatus.EXPIRED: {"revoke", "reissue"},
                CredentialStatus.REVOKED: set(),
            }[credential.status]
            self.fields["action"].choices = [c for c in self.ACTIONS if c[0] in allowed]


class ReturnItemForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (ReturnItemState.RETURNED, _("Returned")),
            (ReturnItemState.WRITTEN_OFF, _("Written off")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note / reason for writing off"),
        required=False,
        widget=forms.TextInput,
    )


class CardBatchForm(ChoicePromptsMixin, forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none())
    issued_from = forms.DateField(
        label=_("Issued on or after"),
        required=False,
        widget=DateInput,
        help_text=_("Leave empty for every valid credential of the agency."),
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies
            only_agency_preselected(self.fields["agency"])


class FilingSheetForm(forms.Form):
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.none(),
        required=False,
        empty_label=_("All in my scope"),
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = agencies
