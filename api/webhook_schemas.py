"""The events posted to agencies' webhook endpoints, described in the OpenAPI document's
``webhooks`` section (OpenAPI 3.1), so that a receiver is built from that document alone:
each event's JSON body (as api/events.py writes it) and the headers api/delivery.py sends."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Schema

from api.models import EventType


class EventPerson(Schema):
    id: int
    agency: str = Field(description="The agency's code")
    name: str


class EventBase(Schema):
    id: int = Field(description="The delivery's id, the same on a repeat (X-LMS-Delivery)")
    type: str = Field(description="The event type (X-LMS-Event)")
    occurred_at: str = Field(description="When the change was made, RFC 3339")
    person: EventPerson


class PersonStatusChanged(EventBase):
    type: Literal["person.status_changed"]
    from_status: str
    to_status: str
    reason: str


class EventCredential(Schema):
    id: int
    number: str
    status: str
    valid_until: str = Field(description="The last day of validity, YYYY-MM-DD")


class CredentialChanged(EventBase):
    type: Literal["credential.issued", "credential.suspended", "credential.revoked"]
    credential: EventCredential
    reason: str


class ExamPassed(EventBase):
    type: Literal["exam.passed"]
    exam: str = Field(description="The pre-job exam's title")
    attempt: int
    score: str | None = Field(description="Out of 100, as a decimal string")


class AssessmentDecided(EventBase):
    type: Literal["assessment.decided"]
    assessment: int
    cycle: int
    outcome: str
    follows_recommendation: bool


BODIES = {
    EventType.PERSON_STATUS_CHANGED: PersonStatusChanged,
    EventType.CREDENTIAL_ISSUED: CredentialChanged,
    EventType.CREDENTIAL_SUSPENDED: CredentialChanged,
    EventType.CREDENTIAL_REVOKED: CredentialChanged,
    EventType.EXAM_PASSED: ExamPassed,
    EventType.ASSESSMENT_DECIDED: AssessmentDecided,
}

HEADERS = [
    ("X-LMS-Event", "The event type"),
    ("X-LMS-Delivery", "The delivery's id: the same when a delivery is sent again"),
    ("X-LMS-Timestamp", "Seconds since 1970 when this request was signed"),
    (
        "X-LMS-Signature",
        'sha256=<hex HMAC-SHA256 of "<X-LMS-Timestamp>.<raw body>" under the endpoint\'s secret>',
    ),
]

DESCRIPTION = (
    "Posted as JSON to each endpoint an agency registered for this event (its own agency's "
    "events and those of the agencies under it). Check X-LMS-Signature with the endpoint's "
    "secret over the raw body, and refuse an old X-LMS-Timestamp. Answer 2xx once stored; any "
    "other answer or none is retried with doubling pauses (30 s up to 6 h). A delivery may "
    "arrive more than once: X-LMS-Delivery tells repeats apart."
)


def webhooks_section(components: dict) -> dict:
    """The ``webhooks`` object; the bodies' schemas are added to ``components``."""
    for model in {*BODIES.values()}:
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, definition in schema.pop("$defs", {}).items():
            components.setdefault(name, definition)
        components[model.__name__] = schema
    parameters = [
        {
            "name": name,
            "in": "header",
            "required": True,
            "description": text,
            "schema": {"type": "string"},
        }
        for name, text in HEADERS
    ]
    return {
        str(event): {
            "post": {
                "summary": str(event.label),
                "description": DESCRIPTION,
                "parameters": parameters,
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": f"#/components/schemas/{model.__name__}"}
                        }
                    },
                },
                "responses": {"2XX": {"description": "Stored; not sent again"}},
            }
        }
        for event, model in BODIES.items()
    }
