"""API tokens (shown once, stored hashed, scoped like their creator) and the log of writes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TokenAccess(models.TextChoices):
    READ = "read", _("Read only")
    READ_WRITE = "read_write", _("Read and write")


class ApiToken(models.Model):
    """A key an agency system sends as ``Authorization: Bearer …``. It acts as the user who
    created it, with that user's scope as it is at each request (lms.permissions), never more;
    a read-only token cannot write even if its creator can."""

    name = models.CharField(_("token name"), max_length=80)
    # The first characters of the key, kept in clear so that a list of tokens can tell them
    # apart; the key itself is only stored as its SHA-256 (it is random, so no slow hash).
    prefix = models.CharField(max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    access = models.CharField(
        _("access"), max_length=12, choices=TokenAccess.choices, default=TokenAccess.READ
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="platform_api_tokens"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return self.name

    @property
    def can_write(self) -> bool:
        return self.access == TokenAccess.READ_WRITE

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and not self.is_expired


class ApiWrite(models.Model):
    """One write made through the API: which token (by name, kept if the token goes), what it
    did and to how many records."""

    token = models.ForeignKey(ApiToken, null=True, on_delete=models.SET_NULL, related_name="writes")
    token_name = models.CharField(max_length=80)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    operation = models.CharField(max_length=60)
    summary = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


class EventType(models.TextChoices):
    CREDENTIAL_ISSUED = "credential.issued", _("Credential issued")
    CREDENTIAL_REVOKED = "credential.revoked", _("Credential revoked")
    CREDENTIAL_SUSPENDED = "credential.suspended", _("Credential suspended")
    PERSON_STATUS_CHANGED = "person.status_changed", _("Person's status changed")
    ASSESSMENT_DECIDED = "assessment.decided", _("Assessment decided")
    EXAM_PASSED = "exam.passed", _("Exam passed")


class WebhookEndpoint(models.Model):
    """Where an agency's system wants events of that agency (and those under it) posted."""

    agency = models.ForeignKey("lms.Agency", on_delete=models.CASCADE, related_name="+")
    url = models.URLField(_("URL"), max_length=500)
    # Kept in clear: the platform signs every delivery with it (HMAC-SHA256).
    secret = models.CharField(max_length=64, editable=False)
    event_types = models.JSONField(_("events"), default=list)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agency__path", "pk"]

    def __str__(self) -> str:
        return self.url


class OutboxEvent(models.Model):
    """An event, written in the transaction of the change it reports, so that it exists if
    and only if the change does. ``key`` names its subject once (attempt:12), so an event is
    never written twice for one change."""

    key = models.CharField(max_length=80, unique=True)
    event_type = models.CharField(max_length=40, choices=EventType.choices)
    agency = models.ForeignKey("lms.Agency", on_delete=models.CASCADE, related_name="+")
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", pgettext_lazy("delivery", "Failed")


class Delivery(models.Model):
    """One event to one endpoint: retried with backoff until the receiver answers 2xx."""

    event = models.ForeignKey(OutboxEvent, on_delete=models.CASCADE, related_name="deliveries")
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    # When it may be sent next; a sender claims it by moving this into the future, so a
    # worker killed mid-send leaves it to be sent again when that claim runs out.
    next_attempt_at = models.DateTimeField(db_index=True)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "endpoint"], name="one_delivery_per_endpoint")
        ]
