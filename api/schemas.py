"""What the API sends and accepts (Pydantic, through ninja): the OpenAPI document is built from
these. ID numbers leave only masked; nothing here carries a birth date, a mobile or a photo."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from lms.models import AuxiliaryStatus, HireMethod

# Database integers are 64-bit: a larger id in a path or cursor is refused before it is sent.
MAX_ID = 2**63 - 1
AGENCY_CODE = r"^[A-Z0-9]{2,20}$"

PersonStatus = Literal[tuple(AuxiliaryStatus.values)]  # type: ignore[valid-type]
CredentialStatusName = Literal["active", "suspended", "revoked", "expired"]


class RowError(Schema):
    row: int = Field(description="1 for the first row of the request")
    message: str


class Error(Schema):
    """Every refusal has this shape; ``message`` is in Chinese."""

    code: str = Field(examples=["not_found"])
    message: str
    fields: dict[str, list[str]] | None = Field(
        None, description="For 400: each rejected field (query.limit, body.rows.0.name …)"
    )
    rows: list[RowError] | None = Field(None, description="For a refused upsert: every bad row")


class Agency(Schema):
    id: int
    code: str
    name: str
    region: str
    level: str
    parent_code: str | None


class AgencyPage(Schema):
    items: list[Agency]
    next_cursor: str | None


class PersonRef(Schema):
    id: int
    name: str


class Person(Schema):
    id: int
    agency: str = Field(description="The agency's code")
    name: str
    id_number_masked: str = Field(examples=["110101********1234"])
    status: PersonStatus
    post: str
    duties: list[int] = Field(description="Art. 13 item numbers")
    duty_labels: list[str]
    work_area: str
    hire_method: str
    supervisor: PersonRef | None
    contract_start: datetime.date
    contract_end: datetime.date
    enrolled_at: datetime.datetime | None
    updated_at: datetime.datetime


class PersonPage(Schema):
    items: list[Person]
    next_cursor: str | None


class CredentialEvent(Schema):
    from_status: str
    to_status: str
    reason: str
    created_at: datetime.datetime


class Credential(Schema):
    id: int
    number: str
    person_id: int
    agency: str
    status: CredentialStatusName
    issued_on: datetime.date
    valid_until: datetime.date
    events: list[CredentialEvent] = Field(description="Newest first")


class CredentialPage(Schema):
    items: list[Credential]
    next_cursor: str | None


class ExamResult(Schema):
    id: int = Field(description="The attempt")
    person_id: int
    agency: str
    exam: str
    attempt_number: int
    attempts: int = Field(description="Finished attempts of this person at this exam")
    score: Decimal | None
    passed: bool | None
    finished_at: datetime.datetime | None


class ExamResultPage(Schema):
    items: list[ExamResult]
    next_cursor: str | None


class Cycle(Schema):
    id: int
    agency: str
    name: str
    period_start: datetime.date
    period_end: datetime.date
    due_date: datetime.date


class CyclePage(Schema):
    items: list[Cycle]
    next_cursor: str | None


class Decision(Schema):
    outcome: str
    follows_recommendation: bool
    decided_at: datetime.datetime


class AssessmentResult(Schema):
    id: int
    person_id: int
    cycle_id: int
    status: str
    total: Decimal | None
    grade: str
    recommendation: str = Field(description="renew, renew_correct, dismiss, or empty")
    reasons: list[str]
    decision: Decision | None
    submitted_at: datetime.datetime | None


class AssessmentResultPage(Schema):
    items: list[AssessmentResult]
    next_cursor: str | None


class StatusChangeIn(Schema):
    to_status: PersonStatus
    reason: str = Field(min_length=1, max_length=1000)


class RosterRow(Schema):
    """One person, with the roster import's columns. Values are checked by the import's rules,
    so the words the import file accepts (公开招聘, 高中, 2026年1月1日 …) are accepted too."""

    name: str = Field(max_length=200)
    id_number: str = Field(max_length=40)
    gender: str = Field("", max_length=10)
    birth_date: str = Field("", max_length=40)
    mobile: str = Field("", max_length=40)
    education: str = Field(max_length=40)
    education_waiver: str = Field("", max_length=40)
    education_waiver_reference: str = Field("", max_length=120)
    hire_method: str = Field(max_length=40, examples=[HireMethod.PUBLIC_RECRUITMENT.value])
    contract_start: str = Field(max_length=40, examples=["2026-01-01"])
    contract_end: str = Field(max_length=40, examples=["2028-12-31"])
    post: str = Field(max_length=200)
    duties: str | list[int] = Field("", description="Art. 13 items: [5, 6] or “5、6”")
    work_area: str = Field("", max_length=200)
    disqualification_items: str | list[int] = Field("", description="Art. 10 items, if any")
    supervisor: str = Field("", max_length=150, description="The supervisor's login name")


class RosterUpsertIn(Schema):
    agency: str = Field(
        pattern=AGENCY_CODE, examples=["CTYA"], description="Code of the agency the people join"
    )
    dry_run: bool = False
    rows: list[RosterRow] = Field(min_length=1, max_length=2000)


class UpsertedPerson(Schema):
    row: int
    action: Literal["created", "updated", "unchanged"]
    id: int | None = Field(description="None in a dry run for a person not yet created")
    id_number_masked: str
    username: str | None = Field(None, description="Created only: the new learner login")
    initial_password: str | None = Field(
        None, description="Created only: shown once, to hand over like the import's slips"
    )


class RosterUpsertOut(Schema):
    dry_run: bool
    created: int
    updated: int
    unchanged: int
    people: list[UpsertedPerson]


CredentialAction = Literal["suspend", "reactivate", "revoke"]


class CredentialActionIn(Schema):
    action: CredentialAction = Field(
        description=(
            "suspend: off duty until lifted; reactivate: lift a suspension (a credential whose "
            "validity ran out meanwhile expires instead); revoke: for good (Art. 23)"
        )
    )
    reason: str = Field(min_length=1, max_length=1000)


class CategoryHours(Schema):
    category: str = Field(examples=["法律法规"])
    hours: Decimal = Field(description="Hours counted in this category this year")
    minimum: Decimal | None = Field(description="The requirement's minimum, if it sets one")


class TrainingHours(Schema):
    person_id: int
    agency: str
    year: int
    hours: Decimal = Field(description="Hours counted this year, corrections included")
    required: Decimal = Field(description="The agency's annual requirement (0 if none)")
    missing: Decimal = Field(description="Hours still needed, counting the category minimums")
    met: bool
    categories: list[CategoryHours]


class TrainingHoursPage(Schema):
    items: list[TrainingHours]
    next_cursor: str | None


class TrainingEntry(Schema):
    id: int
    person_id: int
    agency: str
    year: int = Field(description="The year the hours count for")
    date: datetime.date
    title: str
    category: str
    hours: Decimal = Field(description="Negative for a correction that takes hours away")
    source: Literal["online", "classroom", "outside", "correction"]
    reason: str = Field(description="For a correction: why")
    corrects_id: int | None = Field(description="The entry a correction corrects")
    created_at: datetime.datetime


class TrainingEntryPage(Schema):
    items: list[TrainingEntry]
    next_cursor: str | None
