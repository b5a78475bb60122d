"""The roster upsert: the import's rules (lms.roster_import) over JSON rows, all or nothing,
idempotent by ID number. A row whose ID number is already on the agency's roster updates that
person; any other row enrols a new one, exactly as an imported file row would."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from api.errors import ApiError
from api.tokens import write_record
from lms.idcard import mask_id_number, normalise_id_number
from lms.models import Agency, Auxiliary
from lms.permissions import managed_agencies, managed_auxiliaries
from lms.roster_import import roster_import_rows, validate_rows

# What an upsert may change on a person already on the roster. Their status, login and
# agency change only through their own services (transitions, transfers), never here.
UPDATABLE = (
    "name",
    "gender",
    "education",
    "education_waiver",
    "education_waiver_reference",
    "disqualification_items",
    "hire_method",
    "contract_start",
    "contract_end",
    "post",
    "duties",
    "work_area",
    "mobile",
)


@dataclass
class UpsertResult:
    dry_run: bool
    people: list[dict] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for person in self.people if person["action"] == action)


def _as_import_values(row: dict) -> dict:
    """The API's row as the import reads a file's row (lists of items as "1、2")."""
    values = dict(row)
    for name in ("duties", "disqualification_items"):
        if isinstance(values.get(name), list):
            values[name] = "、".join(str(item) for item in values[name])
    return values


def _changes(person: Auxiliary, cleaned: dict) -> list[str]:
    changed = [name for name in UPDATABLE if getattr(person, name) != cleaned[name]]
    if person.supervisor_id != cleaned.get("supervisor_id"):
        changed.append("supervisor")
    return changed


@transaction.atomic
def roster_upsert(*, token, agency_code: str, rows: list[dict], dry_run: bool) -> UpsertResult:
    actor = token.created_by
    agency = managed_agencies(actor).filter(code=agency_code).first()
    if agency is None:
        # Not theirs, or no such agency: the same answer (as a page's 404).
        raise ApiError(404, "not_found", _("No agency with this code is yours to manage."))
    numbered = [(number, _as_import_values(row)) for number, row in enumerate(rows, start=1)]
    ids = {normalise_id_number(str(values.get("id_number") or "")) for _n, values in numbered}
    existing = {
        person.id_number: person
        for person in managed_auxiliaries(actor)
        .select_for_update(of=("self",))
        .filter(agency=agency, id_number__in=ids)
    }
    report = validate_rows(numbered, agency=agency, updating=set(existing))
    if not report.ok:
        raise ApiError(
            400,
            "invalid_rows",
            _("No row was saved: correct the rows listed and send them all again."),
            rows=[error.as_dict() for error in report.errors],
        )
    result = UpsertResult(dry_run=dry_run)
    to_create, to_update = [], []
    for cleaned in report.rows:
        person = existing.get(cleaned["id_number"])
        entry = {"row": cleaned["row"], "id_number_masked": mask_id_number(cleaned["id_number"])}
        if person is None:
            to_create.append((entry, cleaned))
            entry.update(action="created", id=None)
        else:
            changed = _changes(person, cleaned)
            entry.update(action="updated" if changed else "unchanged", id=person.pk)
            if changed:
                to_update.append((person, cleaned, changed))
        result.people.append(entry)
    if dry_run:
        return result
    _apply(agency=agency, actor=actor, to_create=to_create, to_update=to_update)
    if to_create or to_update:
        write_record(
            token=token,
            operation="roster_upsert",
            summary=_("%(agency)s: %(created)s enrolled, %(updated)s updated")
            % {"agency": agency.code, "created": len(to_create), "updated": len(to_update)},
        )
    return result


def _apply(*, agency: Agency, actor, to_create: list, to_update: list) -> None:
    if to_create:
        logins = roster_import_rows(
            rows=[cleaned for _entry, cleaned in to_create], agency=agency, actor=actor
        )
        created = dict(
            Auxiliary.objects.filter(
                id_number__in=[cleaned["id_number"] for _e, cleaned in to_create]
            ).values_list("id_number", "pk")
        )
        for (entry, cleaned), login in zip(to_create, logins, strict=True):
            entry.update(
                id=created[cleaned["id_number"]],
                username=login.username,
                initial_password=login.password,
            )
    for person, cleaned, _changed in to_update:
        for name in UPDATABLE:
            setattr(person, name, cleaned[name])
        person.supervisor_id = cleaned.get("supervisor_id")
        person.save()
