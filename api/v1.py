"""/api/v1/: the operations, thin over api.selectors, api.roster and the apps' services."""

from __future__ import annotations

from typing import Annotated

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Query
from ninja import Path as PathParam
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer

from api import errors, roster, schemas, selectors, webhook_schemas
from api.auth import TokenAuth, require_write
from api.pagination import DEFAULT_LIMIT, MAX_LIMIT, RFC3339, page, since
from api.parser import StorableTextParser
from api.tokens import write_record
from assessments.models import AssessmentStatus
from credentials import services as credential_services
from credentials.models import CredentialStatus
from lms import services as people_services
from lms.models import AuxiliaryStatus
from lms.permissions import get_scoped_or_404, managed_auxiliaries, scope_by_agency
from training import selectors as training_selectors

DESCRIPTION = """\
行政执法辅助人员培训考核平台的数据接口（第二十一条第二款 信息化管理）。

**认证**：每个请求带 `Authorization: Bearer <令牌>`。令牌由机关管理员在平台的“API 令牌”页面创建，
权限与创建者相同（本机关及下级机关），可设为只读或读写。

**分页**：列表按 id 升序，返回 `next_cursor`；把它作为 `cursor` 再请求下一页，直到为 null。
**增量同步**：记下开始同步的时间，下次以 `updated_since` 传入（建议提前几分钟）。

**错误**：一律为 `{"code", "message"}`，`message` 为中文；400 另有 `fields`（字段错误）或 `rows`（逐行错误）。
"""


class ChineseJSONRenderer(JSONRenderer):
    """UTF-8 as it is (姓名, not \\u59d3\\u540d): readable in logs and curl."""

    json_dumps_params = {"ensure_ascii": False}


class PlatformAPI(NinjaAPI):
    """The platform's API; its OpenAPI document also describes the events it posts."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        schema["webhooks"] = webhook_schemas.webhooks_section(components)
        return schema


api = PlatformAPI(
    title="行政执法辅助人员平台 API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=TokenAuth(),
    renderer=ChineseJSONRenderer(),
    parser=StorableTextParser(),
    docs=Swagger(settings={"persistAuthorization": False, "tryItOutEnabled": False}),
)
errors.install(api)

ERRORS = dict.fromkeys(errors.ERROR_CODES, schemas.Error)
Limit = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page")
Cursor = Query(None, max_length=200, description="next_cursor of the previous page")
AgencyCode = Query(None, pattern=schemas.AGENCY_CODE, description="This agency and those under it")
# A string checked against RFC 3339 rather than Pydantic's datetime, which would also take
# "0.5" (seconds since 1970) for a time.
Rfc3339 = Annotated[str, Field(pattern=RFC3339, json_schema_extra={"format": "date-time"})]
UpdatedSince = Query(
    None, description="Only records changed at or after this time, e.g. 2026-12-03T08:00:00+08:00"
)
Id = PathParam(..., ge=1, le=schemas.MAX_ID, description="The record's id, as the lists give it")
PersonStatusFilter = Query(None, description="Only people with this status")
CredentialStatusFilter = Query(None, description="Only credentials with this status")
PassedFilter = Query(None, description="true: only passes; false: only fails")
AssessmentStatusFilter = Query(None, description="Only assessments at this stage")


def _person(aux) -> dict:
    supervisor = aux.supervisor
    return {
        "id": aux.pk,
        "agency": aux.agency.code,
        "name": aux.name,
        "id_number_masked": aux.masked_id_number,
        "status": aux.status,
        "post": aux.post,
        "duties": aux.duties or [],
        "duty_labels": aux.duty_labels,
        "work_area": aux.work_area,
        "hire_method": aux.hire_method,
        "supervisor": (
            {"id": supervisor.pk, "name": _user_name(supervisor)} if supervisor else None
        ),
        "contract_start": aux.contract_start,
        "contract_end": aux.contract_end,
        "enrolled_at": aux.enrolled_at,
        "updated_at": aux.updated_at,
    }


def _user_name(user) -> str:
    profile = getattr(user, "profile", None)
    return (profile.display_name if profile else "") or user.get_full_name() or user.username


def _credential(cred) -> dict:
    return {
        "id": cred.pk,
        "number": cred.number,
        "person_id": cred.auxiliary_id,
        "agency": cred.auxiliary.agency.code,
        "status": cred.status,
        "issued_on": cred.issued_on,
        "valid_until": cred.valid_until,
        "events": [
            {
                "from_status": e.from_status,
                "to_status": e.to_status,
                "reason": e.reason,
                "created_at": e.created_at,
            }
            for e in cred.events.all()
        ],
    }


def _page_answer(queryset, serialize, *, cursor: str | None, limit: int) -> dict:
    """A list operation's answer (every *Page schema): one page, each object as `serialize`
    shows it, and the cursor of the next page."""
    items, next_cursor = page(queryset, cursor=cursor, limit=limit)
    return {"items": [serialize(item) for item in items], "next_cursor": next_cursor}


def _token_reason(request, reason: str) -> str:
    """A reason given through the API, as the history keeps it: with the token that sent it."""
    return _("%(reason)s (API token “%(token)s”)") % {
        "reason": reason.strip(),
        "token": request.auth.name,
    }


# -- agencies --------------------------------------------------------------------------------


@api.get(
    "/agencies", response={200: schemas.AgencyPage, **ERRORS}, tags=["agencies"],
    summary="Agencies in the token's scope",
    description=(
        "The token's own agency and every agency under it (the province's: all), with each "
        "one's code, the code used by the agency filter of the other lists."
    ),
)  # fmt: skip
def list_agencies(request, cursor: str | None = Cursor, limit: int = Limit):
    return _page_answer(selectors.agencies(request.user), _agency, cursor=cursor, limit=limit)


def _agency(a) -> dict:
    return {
        "id": a.pk, "code": a.code, "name": a.name, "region": a.region, "level": a.level,
        "parent_code": a.parent.code if a.parent_id else None,
    }  # fmt: skip


# -- people ----------------------------------------------------------------------------------


@api.get(
    "/people", response={200: schemas.PersonPage, **ERRORS}, tags=["people"],
    summary="People (auxiliaries), ID numbers masked",
    description=(
        "Everyone on the rosters in the token's scope, in every status, with post, duties, work "
        "area, supervisor and contract dates. ID numbers are always masked. updated_since "
        "returns the people whose record changed since then (a status change included)."
    ),
)  # fmt: skip
def list_people(
    request,
    agency: str | None = AgencyCode,
    status: schemas.PersonStatus | None = PersonStatusFilter,
    updated_since: Rfc3339 | None = UpdatedSince,
    cursor: str | None = Cursor,
    limit: int = Limit,
):
    qs = selectors.people(
        request.user, agency=agency, status=status, updated_since=since(updated_since)
    )
    return _page_answer(qs, _person, cursor=cursor, limit=limit)


@api.get(
    "/people/{person_id}", response={200: schemas.Person, **ERRORS}, tags=["people"],
    summary="One person",
    description="404 for a person outside the token's scope, as if there were none.",
)  # fmt: skip
def get_person(request, person_id: int = Id):
    return _person(get_scoped_or_404(selectors.people(request.user), pk=person_id))


@api.post(
    "/people/{person_id}/status", response={200: schemas.Person, **ERRORS}, tags=["people"],
    summary="Change a person's status (with a reason), as on their record page",
    description=(
        "Read-write tokens only. The same transitions as the record page: one the status "
        "table does not allow is 400 and changes nothing. The reason is kept in the person's "
        "history with the token's name, and the person.status_changed event goes out."
    ),
)  # fmt: skip
def change_status(request, payload: schemas.StatusChangeIn, person_id: int = Id):
    require_write(request)
    aux = get_scoped_or_404(managed_auxiliaries(request.user), pk=person_id)
    with transaction.atomic():
        people_services.auxiliary_transition(
            auxiliary=aux,
            to_status=payload.to_status,
            actor=request.user,
            reason=_token_reason(request, payload.reason),
        )
        write_record(
            token=request.auth,
            operation="person_status",
            summary=_("Person %(id)s: status %(status)s")
            % {"id": aux.pk, "status": AuxiliaryStatus(payload.to_status).label},
        )
    return _person(selectors.people(request.user).get(pk=aux.pk))


@api.post(
    "/roster/upsert", response={200: schemas.RosterUpsertOut, **ERRORS}, tags=["people"],
    summary="Enrol or update people by ID number, with the roster import's rules",
    description=(
        "All or nothing: every row is checked first; one bad row and nothing is saved, the "
        "400 answer lists every bad row. A row whose ID number is already on the agency's "
        "roster updates that person; sending the same rows again changes nothing. With "
        "dry_run the rows are checked and the answer says what would happen."
    ),
)  # fmt: skip
def roster_upsert(request, payload: schemas.RosterUpsertIn):
    require_write(request)
    result = roster.roster_upsert(
        token=request.auth,
        agency_code=payload.agency,
        rows=[row.dict() for row in payload.rows],
        dry_run=payload.dry_run,
    )
    return {
        "dry_run": result.dry_run,
        "created": result.count("created"),
        "updated": result.count("updated"),
        "unchanged": result.count("unchanged"),
        "people": result.people,
    }


# -- credentials -----------------------------------------------------------------------------


@api.get(
    "/credentials", response={200: schemas.CredentialPage, **ERRORS}, tags=["credentials"],
    summary="Work credentials with their events",
    description=(
        "The credentials of the people in the token's scope: number, status, validity and "
        "their events. updated_since returns those issued, or with an event, since then."
    ),
)  # fmt: skip
def list_credentials(
    request,
    agency: str | None = AgencyCode,
    status: schemas.CredentialStatusName | None = CredentialStatusFilter,
    updated_since: Rfc3339 | None = UpdatedSince,
    cursor: str | None = Cursor,
    limit: int = Limit,
):
    qs = selectors.credentials(
        request.user, agency=agency, status=status, updated_since=since(updated_since)
    )
    return _page_answer(qs, _credential, cursor=cursor, limit=limit)


@api.get(
    "/credentials/{credential_id}", response={200: schemas.Credential, **ERRORS},
    tags=["credentials"], summary="One work credential",
    description="404 for a credential outside the token's scope, as if there were none.",
)  # fmt: skip
def get_credential(request, credential_id: int = Id):
    return _credential(get_scoped_or_404(selectors.credentials(request.user), pk=credential_id))


@api.post(
    "/credentials/{credential_id}/status", response={200: schemas.Credential, **ERRORS},
    tags=["credentials"],
    summary="Suspend, reactivate or revoke a work credential (with a reason), as on its page",
    description=(
        "The same rules as the credential's page: a reason is required; only an active "
        "credential can be suspended, only a suspended one reactivated; revocation is final. "
        "The holder's status follows (Art. 20: no valid credential, not on duty) and the "
        "credential.suspended / credential.revoked events are sent. A refused change is a 400 "
        "with code refused."
    ),
)  # fmt: skip
def change_credential_status(request, payload: schemas.CredentialActionIn, credential_id: int = Id):
    require_write(request)
    credential = get_scoped_or_404(selectors.credentials(request.user), pk=credential_id)
    service = {
        "suspend": credential_services.credential_suspend,
        "reactivate": credential_services.credential_reactivate,
        "revoke": credential_services.credential_revoke,
    }[payload.action]
    try:
        with transaction.atomic():
            changed = service(
                credential=credential,
                actor=request.user,
                reason=_token_reason(request, payload.reason),
            )
            write_record(
                token=request.auth,
                operation="credential_status",
                summary=_("Credential %(number)s: status %(status)s")
                % {"number": changed.number, "status": CredentialStatus(changed.status).label},
            )
    except credential_services.CredentialRefused as refused:
        raise errors.ApiError(400, "refused", " ".join(refused.reasons)) from None
    return _credential(selectors.credentials(request.user).get(pk=credential.pk))


# -- training hours --------------------------------------------------------------------------


def _year_query(description: str):
    """A calendar year query parameter: every year filter accepts the same range."""
    return Query(None, ge=2000, le=2100, description=description)


Year = _year_query("The calendar year; this year if not given")


@api.get(
    "/training-hours", response={200: schemas.TrainingHoursPage, **ERRORS}, tags=["training"],
    summary="Each person's training hours of a year against the agency's requirement",
    description=(
        "One item per person in the token's scope: hours counted in the year (corrections "
        "included), by category, against the annual requirement of the person's agency (or "
        "the nearest agency above that sets one) and its category minimums."
    ),
)  # fmt: skip
def list_training_hours(
    request,
    year: int | None = Year,
    agency: str | None = AgencyCode,
    status: schemas.PersonStatus | None = PersonStatusFilter,
    cursor: str | None = Cursor,
    limit: int = Limit,
):
    year = year or timezone.localdate().year
    qs = selectors.training_people(request.user, agency=agency, status=status)
    items, next_cursor = page(qs, cursor=cursor, limit=limit)
    names = {c.pk: c.name for c in training_selectors.categories()}
    return {
        "items": [
            _training_hours(row, names, year) for row in selectors.training_standings(items, year)
        ],
        "next_cursor": next_cursor,
    }


def _training_hours(row, names: dict[int, str], year: int) -> dict:
    totals, rule, result = row.totals, row.rule, row.standing
    shown = set(totals.by_category) | set(rule.minimums)
    return {
        "person_id": row.auxiliary.pk,
        "agency": row.auxiliary.agency.code,
        "year": year,
        "hours": totals.total,
        "required": result.required,
        "missing": result.missing,
        "met": result.met,
        "categories": [
            {"category": name, "hours": totals.of(cat), "minimum": rule.minimums.get(cat)}
            for cat, name in names.items()
            if cat in shown
        ],
    }


@api.get(
    "/training-entries", response={200: schemas.TrainingEntryPage, **ERRORS},
    tags=["training"], summary="Training ledger entries (online, classroom, outside, corrections)",
    description=(
        "Entries are never changed or deleted: a correction is a new entry with a reason and "
        "signed hours. Sync incrementally with updated_since (the entry's creation time)."
    ),
)  # fmt: skip
def list_training_entries(
    request,
    agency: str | None = AgencyCode,
    person_id: int | None = Query(
        None, ge=1, le=schemas.MAX_ID, description="Only this person's entries"
    ),
    year: int | None = _year_query("Only entries counted in this year's ledger"),
    updated_since: Rfc3339 | None = UpdatedSince,
    cursor: str | None = Cursor,
    limit: int = Limit,
):
    qs = selectors.training_entries(
        request.user,
        agency=agency,
        person_id=person_id,
        year=year,
        updated_since=since(updated_since),
    )
    return _page_answer(qs, _training_entry, cursor=cursor, limit=limit)


def _training_entry(e) -> dict:
    return {
        "id": e.pk, "person_id": e.ledger.auxiliary_id,
        "agency": e.ledger.auxiliary.agency.code, "year": e.ledger.year,
        "date": e.date, "title": e.title, "category": e.category.name,
        "hours": e.hours, "source": e.source, "reason": e.reason,
        "corrects_id": e.corrects_id, "created_at": e.created_at,
    }  # fmt: skip


# -- exams and assessments -------------------------------------------------------------------


@api.get(
    "/exam-results", response={200: schemas.ExamResultPage, **ERRORS}, tags=["results"],
    summary="Each person's latest finished exam attempt",
    description=(
        "The pre-job exam that gates the work credential (Art. 20): for each person in scope "
        "the latest handed-in or timed-out attempt, its score and pass, and how many attempts "
        "they finished. Course quizzes are not listed. updated_since returns attempts finished "
        "since then."
    ),
)  # fmt: skip
def list_exam_results(
    request,
    agency: str | None = AgencyCode,
    passed: bool | None = PassedFilter,
    updated_since: Rfc3339 | None = UpdatedSince,
    cursor: str | None = Cursor,
    limit: int = Limit,
):
    qs = selectors.exam_results(
        request.user, agency=agency, passed=passed, updated_since=since(updated_since)
    )
    return _page_answer(qs, _exam_result, cursor=cursor, limit=limit)


def _exam_result(a) -> dict:
    return {
        "id": a.pk, "person_id": a.auxiliary_id, "agency": a.auxiliary.agency.code,
        "exam": a.exam.title, "attempt_number": a.number, "attempts": a.finished_count,
        "score": a.score, "passed": a.passed, "finished_at": a.finished_at,
    }  # fmt: skip


@api.get(
    "/cycles", response={200: schemas.CyclePage, **ERRORS}, tags=["results"],
    summary="Assessment cycles",
    description=(
        "The periodic assessment cycles (Art. 24) of the agencies in scope: period and due "
        "date. Their results are under /cycles/{cycle_id}/assessments."
    ),
)  # fmt: skip
def list_cycles(
    request, agency: str | None = AgencyCode, cursor: str | None = Cursor, limit: int = Limit
):
    qs = selectors.cycles(request.user, agency=agency)
    return _page_answer(qs, _cycle, cursor=cursor, limit=limit)


def _cycle(c) -> dict:
    return {
        "id": c.pk, "agency": c.agency.code, "name": c.name,
        "period_start": c.period_start, "period_end": c.period_end,
        "due_date": c.due_date,
    }  # fmt: skip


AssessmentStatusName = schemas.Literal[tuple(AssessmentStatus.values)]  # type: ignore[valid-type]


@api.get(
    "/cycles/{cycle_id}/assessments", response={200: schemas.AssessmentResultPage, **ERRORS},
    tags=["results"], summary="Assessment results of one cycle",
    description=(
        "Each assessment of the cycle for the people in scope: total, grade, recommendation "
        "and, once decided, the decision. 404 for a cycle outside the token's scope."
    ),
)  # fmt: skip
def list_cycle_assessments(
    request,
    cycle_id: int = Id,
    status: AssessmentStatusName | None = AssessmentStatusFilter,
    cursor: str | None = Cursor,
    limit: int = Limit,
):
    cycle = get_scoped_or_404(scope_by_agency(request.user, selectors.Cycle.objects), pk=cycle_id)
    qs = selectors.cycle_assessments(request.user, cycle=cycle, status=status)
    return _page_answer(qs, _assessment, cursor=cursor, limit=limit)


def _assessment(a) -> dict:
    decision = getattr(a, "decision", None)
    return {
        "id": a.pk,
        "person_id": a.auxiliary_id,
        "cycle_id": a.cycle_id,
        "status": a.status,
        "total": a.total,
        "grade": a.grade_label,
        "recommendation": a.outcome,
        "reasons": [r.get("text", "") if isinstance(r, dict) else str(r) for r in a.reasons or []],
        "decision": (
            {
                "outcome": decision.outcome,
                "follows_recommendation": decision.follows_recommendation,
                "decided_at": decision.decided_at,
            }
            if decision
            else None
        ),
        "submitted_at": a.submitted_at,
    }
