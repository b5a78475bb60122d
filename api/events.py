"""The outbox: events for agencies' systems, written by receivers inside the transaction of
the change (a status change, a credential's event, a passed exam, a decision)."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from api.delivery import deliveries_enqueue
from api.models import Delivery, EventType, OutboxEvent, WebhookEndpoint
from assessments.models import Decision
from credentials.models import CredentialEvent, CredentialStatus
from exams.signals import exam_passed
from lms.services import auxiliary_status_changed

CREDENTIAL_EVENTS = {
    CredentialStatus.REVOKED: EventType.CREDENTIAL_REVOKED,
    CredentialStatus.SUSPENDED: EventType.CREDENTIAL_SUSPENDED,
}


def event_record(*, key: str, event_type: str, agency, payload: dict) -> OutboxEvent | None:
    """Write the event and a delivery per endpoint that wants it (the agency's own and those
    of the agencies above it); then ask a worker to send them once the change commits."""
    event, created = OutboxEvent.objects.get_or_create(
        key=key,
        defaults={
            "event_type": event_type,
            "agency": agency,
            "payload": {"type": event_type, "occurred_at": timezone.now().isoformat(), **payload},
        },
    )
    if not created:
        return None
    ancestors = [int(pk) for pk in agency.path.strip("/").split("/") if pk]
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(active=True, agency_id__in=ancestors)
        if event_type in endpoint.event_types
    ]
    now = timezone.now()
    Delivery.objects.bulk_create(
        [Delivery(event=event, endpoint=e, next_attempt_at=now) for e in endpoints]
    )
    if endpoints:
        transaction.on_commit(deliveries_enqueue)
    return event


def _person(aux) -> dict:
    return {"id": aux.pk, "agency": aux.agency.code, "name": aux.name}


@receiver(auxiliary_status_changed, dispatch_uid="api-person-status")
def on_status_changed(sender, auxiliary, change, **kwargs):
    event_record(
        key=f"status_change:{change.pk}",
        event_type=EventType.PERSON_STATUS_CHANGED,
        agency=auxiliary.agency,
        payload={
            "person": _person(auxiliary),
            "from_status": change.from_status,
            "to_status": change.to_status,
            "reason": change.reason,
        },
    )


@receiver(post_save, sender=CredentialEvent, dispatch_uid="api-credential-event")
def on_credential_event(sender, instance, created, **kwargs):
    if not created:
        return
    if instance.to_status == CredentialStatus.ACTIVE and not instance.from_status:
        event_type = EventType.CREDENTIAL_ISSUED
    else:
        event_type = CREDENTIAL_EVENTS.get(instance.to_status)
    if event_type is None:
        return
    credential = instance.credential
    aux = credential.auxiliary
    event_record(
        key=f"credential_event:{instance.pk}",
        event_type=event_type,
        agency=aux.agency,
        payload={
            "person": _person(aux),
            "credential": {
                "id": credential.pk,
                "number": credential.number,
                "status": credential.status,
                "valid_until": credential.valid_until.isoformat(),
            },
            "reason": instance.reason,
        },
    )


@receiver(exam_passed, dispatch_uid="api-exam-passed")
def on_exam_passed(sender, attempt, auxiliary, **kwargs):
    aux, instance = auxiliary, attempt
    event_record(
        key=f"exam_passed:{instance.pk}",
        event_type=EventType.EXAM_PASSED,
        agency=aux.agency,
        payload={
            "person": _person(aux),
            "exam": instance.exam.title,
            "attempt": instance.pk,
            "score": str(instance.score) if instance.score is not None else None,
        },
    )


@receiver(post_save, sender=Decision, dispatch_uid="api-assessment-decided")
def on_decision(sender, instance, created, **kwargs):
    if not created:
        return
    assessment = instance.assessment
    aux = assessment.auxiliary
    event_record(
        key=f"decision:{instance.pk}",
        event_type=EventType.ASSESSMENT_DECIDED,
        agency=aux.agency,
        payload={
            "person": _person(aux),
            "assessment": assessment.pk,
            "cycle": assessment.cycle_id,
            "outcome": instance.outcome,
            "follows_recommendation": instance.follows_recommendation,
        },
    )
