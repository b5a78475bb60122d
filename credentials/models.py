"""Work credentials (Art. 20), their history, the per-agency number counter, the Art. 23 return
checklist, background card batches and the province-wide card design (Art. 20 para 2, Art. 22)."""

from __future__ import annotations

import colorsys
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from credentials.cards import DEFAULT_BACK_TEXT, ROLE_WORDS, CardDesign
from lms.jobs.models import Job
from lms.models import Agency, Auxiliary, StatusEvent


class CredentialStatus(models.TextChoices):
    # A context of their own: "Suspended" of a person (暂停) reads differently on a card (已暂停).
    ACTIVE = "active", pgettext_lazy("credential status", "Valid")
    SUSPENDED = "suspended", pgettext_lazy("credential status", "Suspended")
    REVOKED = "revoked", pgettext_lazy("credential status", "Revoked")
    EXPIRED = "expired", pgettext_lazy("credential status", "Expired")


# A person holds at most one credential that is still in force (active or suspended).
CURRENT_STATUSES = (CredentialStatus.ACTIVE, CredentialStatus.SUSPENDED)


class CredentialCounter(models.Model):
    """Last sequence number handed out per agency and year. The issuing transaction locks the
    row (select_for_update), so concurrent passes get consecutive numbers without gaps."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_sequence = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="credential_counter_unique")
        ]


class RateLimitCounter(models.Model):
    """Requests one client made to one rate-limited bucket in one time window. Lives in the
    database so every server process counts into the same row (credentials.ratelimit)."""

    key = models.CharField(max_length=200)
    # Unix time at which the window closes: the row is stale after it, whatever the window's
    # length, so one sweep clears every bucket.
    window_end = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_end"], name="ratelimit_counter_unique")
        ]
        indexes = [models.Index(fields=["window_end"], name="ratelimit_counter_end")]


class Credential(models.Model):
    auxiliary = models.ForeignKey(
        Auxiliary,
        verbose_name=_("auxiliary"),
        on_delete=models.PROTECT,
        related_name="credentials",
    )
    number = models.CharField(_("credential number"), max_length=40, unique=True)
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"), db_index=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CredentialStatus.choices,
        default=CredentialStatus.ACTIVE,
        db_index=True,
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    # The 30-day expiry warning is sent once per validity period.
    expiry_warned_for = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("work credential")
        verbose_name_plural = _("work credentials")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["auxiliary"],
                condition=Q(status__in=["active", "suspended"]),
                name="one_current_credential_per_auxiliary",
            )
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_current(self) -> bool:
        return self.status in CURRENT_STATUSES


class CredentialEvent(StatusEvent):
    """Every change of a credential (issue, suspension, revocation, expiry …)."""

    subject_field = "credential"

    credential = models.ForeignKey(Credential, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=10, choices=CredentialStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=CredentialStatus.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("credential event")
        verbose_name_plural = _("credential events")


class ReturnItemKind(models.TextChoices):
    CARD = "card", _("Work credential card")
    UNIFORM = "uniform", _("Uniform")
    BADGE = "badge", _("Badge")
    EQUIPMENT = "equipment", _("Equipment")


class ReturnItemState(models.TextChoices):
    PENDING = "pending", _("Outstanding")
    RETURNED = "returned", _("Returned")
    WRITTEN_OFF = "written_off", _("Written off")


class ReturnChecklist(models.Model):
    """Art. 23: what a leaver hands back. Closes once every item is returned or written off."""

    auxiliary = models.ForeignKey(
        Auxiliary, on_delete=models.PROTECT, related_name="return_checklists"
    )
    credential = models.ForeignKey(
        Credential, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"))
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("return checklist")
        verbose_name_plural = _("return checklists")

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class ReturnItem(models.Model):
    checklist = models.ForeignKey(ReturnChecklist, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(
        pgettext_lazy("returned item", "item"), max_length=12, choices=ReturnItemKind.choices
    )
    state = models.CharField(
        _("state"), max_length=12, choices=ReturnItemState.choices, default=ReturnItemState.PENDING
    )
    note = models.TextField(_("note"), blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["checklist", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["checklist", "kind"], name="return_item_unique")
        ]


class CardBatch(Job):
    """A cohort's cards (ZIP of PNGs + printable PDF), generated in the background. Progress
    counts card sides rendered (each card twice: once for the ZIP, once for the PDF)."""

    job_task = "credentials.tasks.card_batch_build"

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    issued_from = models.DateField(_("issued on or after"), null=True, blank=True)
    zip_file = models.FileField(upload_to="cards/%Y/", blank=True)
    pdf_file = models.FileField(upload_to="cards/%Y/", blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


class ColourInput(forms.TextInput):
    """The browser's colour picker (it submits #rrggbb; clean() stores it upper-case)."""

    input_type = "color"


_colour_regex = re.compile(r"^#[0-9A-Fa-f]{6}$")
_colour = RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("Use a #RRGGBB colour, e.g. #0F766E."))
_DEFAULT = CardDesign()


@register_setting(icon="image")
class CredentialDesignSettings(BaseGenericSetting):
    """The one province-wide card design (Art. 20 para 2), visibly unlike an officer's 执法证
    (Art. 22). Only provincial admins (and superusers) hold the permission to edit it."""

    issuer_name = models.CharField(_("issuer name"), max_length=60, default=_DEFAULT.issuer_name)
    title = models.CharField(_("card title"), max_length=30, default=_DEFAULT.title)
    band_color = models.CharField(
        _("band colour"),
        max_length=7,
        default=_DEFAULT.band_color,
        validators=[_colour],
        help_text=_("Keep it clearly different from the red/blue of officers' credentials."),
    )
    accent_color = models.CharField(
        _("accent colour"), max_length=7, default=_DEFAULT.accent_color, validators=[_colour]
    )
    text_color = models.CharField(
        _("text colour"), max_length=7, default=_DEFAULT.text_color, validators=[_colour]
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    back_text = models.TextField(_("back-side text"), default=DEFAULT_BACK_TEXT)

    panels = [
        HelpPanel(
            content=_(
                "Changes apply to every card printed or shown from now on. "
                '<a href="/admin/credentials/card-preview/" target="_blank">'
                "Preview the card with the saved settings</a>."
            )
        ),
        # The card as it would look with the values in the form, before saving: updated by
        # js/card_design_preview.js as the fields change.
        HelpPanel(template="credentials/admin/design_live_preview.html"),
        FieldPanel("issuer_name"),
        FieldPanel("title"),
        FieldPanel("band_color", widget=ColourInput),
        FieldPanel("accent_color", widget=ColourInput),
        FieldPanel("text_color", widget=ColourInput),
        FieldPanel("logo"),
        FieldPanel("back_text"),
    ]

    class Meta:
        verbose_name = _("credential card design")

    def clean(self) -> None:
        errors = {}
        for name in ("band_color", "accent_color", "text_color"):
            setattr(self, name, (getattr(self, name) or "").upper())
        if ROLE_WORDS not in (self.title or "") and "辅助人员" not in (self.title or ""):
            errors["title"] = _(
                "The title must say 辅助人员 so the card cannot pass for an officer's "
                "enforcement credential (Art. 22)."
            )
        if _colour_regex.match(self.band_color or "") and looks_like_officer_colour(
            self.band_color
        ):
            errors["band_color"] = _(
                "Red and blue bands are the colours of officers' enforcement credentials; "
                "choose another colour (Art. 22)."
            )
        if errors:
            raise ValidationError(errors)


def looks_like_officer_colour(hex_color: str) -> bool:
    """A saturated red or blue, the colours of officers' 执法证 (Art. 22)."""
    r, g, b = (int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, saturation, value = colorsys.rgb_to_hsv(r, g, b)
    degrees = hue * 360
    if saturation < 0.35 or value < 0.25:
        return False  # greys, near-black: not a colour anyone reads as red or blue
    return degrees < 15 or degrees > 340 or 200 <= degrees <= 250
