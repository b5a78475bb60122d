"""Webhook endpoints: registered by an agency's admins, seen by the admins of that agency and
those above it (lms.permissions.scope_by_agency)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from api.addresses import address_refusal
from api.delivery import new_secret
from api.models import Delivery, WebhookEndpoint
from lms.permissions import manages_agency, scope_by_agency


def visible_endpoints(user):
    return scope_by_agency(user, WebhookEndpoint.objects.select_related("agency"), writable=True)


def visible_deliveries(user):
    return scope_by_agency(
        user,
        Delivery.objects.select_related("event", "endpoint__agency"),
        field="endpoint__agency",
        writable=True,
    )


@transaction.atomic
def endpoint_create(*, actor, agency, url: str, event_types: list[str]) -> WebhookEndpoint:
    if not manages_agency(actor, agency):
        raise PermissionDenied(_("You cannot manage people of this agency."))
    refusal = address_refusal(url)
    if refusal:
        raise ValidationError(refusal)
    return WebhookEndpoint.objects.create(
        agency=agency,
        url=url,
        secret=new_secret(),
        event_types=sorted(event_types),
        created_by=actor,
    )
