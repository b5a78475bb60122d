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


def _person_event(aux, *, key: str, event_type: str, **details) -> None:
    """Every event is about one person: it goes to their agency's endpoints (and those above)
    and its payload names them first."""
    event_record(
        key=key,
        event_type=event_type,
        agency=aux.agency,
        payload={"person": {"id": aux.pk, "agency": aux.agency.code, "name": aux.name}, **details},
    )


@receiver(auxiliary_status_changed, dispatch_uid="api-person-status")
def on_status_changed(sender, auxiliary, change, **kwargs):
    _person_event(
        auxiliary,
        key=f"status_change:{change.pk}",
        event_type=EventType.PERSON_STATUS_CHANGED,
        from_status=change.from_status,
        to_status=change.to_status,
        reason=change.reason,
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
    _person_event(
        credential.auxiliary,
        key=f"credential_event:{instance.pk}",
        event_type=event_type,
        credential={
            "id": credential.pk,
            "number": credential.number,
            "status": credential.status,
            "valid_until": credential.valid_until.isoformat(),
        },
        reason=instance.reason,
    )


@receiver(exam_passed, dispatch_uid="api-exam-passed")
def on_exam_passed(sender, attempt, auxiliary, **kwargs):
    _person_event(
        auxiliary,
        key=f"exam_passed:{attempt.pk}",
        event_type=EventType.EXAM_PASSED,
        exam=attempt.exam.title,
        attempt=attempt.pk,
        score=str(attempt.score) if attempt.score is not None else None,
    )


@receiver(post_save, sender=Decision, dispatch_uid="api-assessment-decided")
def on_decision(sender, instance, created, **kwargs):
    if not created:
        return
    assessment = instance.assessment
    _person_event(
        assessment.auxiliary,
        key=f"decision:{instance.pk}",
        event_type=EventType.ASSESSMENT_DECIDED,
        assessment=assessment.pk,
        cycle=assessment.cycle_id,
        outcome=instance.outcome,
        follows_recommendation=instance.follows_recommendation,
    )
