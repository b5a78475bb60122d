"""Roster import (.xlsx, .csv in UTF-8 with or without BOM, or GB18030): validate every row
first, report every bad row with its number and reason, and import nothing unless all are good.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Collection, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from lms import uploads
from lms.eligibility import eligibility_reasons
from lms.exceptions import RosterFileError
from lms.idcard import (
    birth_date_from_id,
    id_number_error,
    make_id_number,
    normalise_id_number,
)
from lms.measures import clause_text, parse_chinese_numeral
from lms.models import (
    DUTY_LABELS,
    Agency,
    Auxiliary,
    AuxiliaryStatus,
    AuxiliaryStatusChange,
    Education,
    EducationWaiver,
    HireMethod,
    ImportStatus,
    Role,
    RosterImport,
    UsernameScheme,
    UserProfile,
)
from lms.services import generate_initial_password, hash_initial_password

User = get_user_model()

# Column header → field. Chinese first (what agencies use), English accepted too.
HEADERS = {
    "姓名": "name",
    "性别": "gender",
    "出生日期": "birth_date",
    "身份证号": "id_number",
    "身份证号码": "id_number",
    "手机号": "mobile",
    "手机号码": "mobile",
    "学历": "education",
    "学历放宽": "education_waiver",
    "放宽批准文号": "education_waiver_reference",
    "聘用方式": "hire_method",
    "合同开始日期": "contract_start",
    "合同结束日期": "contract_end",
    "岗位": "post",
    "职责": "duties",
    "工作区域": "work_area",
    "不得聘用情形": "disqualification_items",
    "主管执法人员": "supervisor",
}
for _field in set(HEADERS.values()):
    HEADERS[_field] = _field
REQUIRED = [
    "name",
    "id_number",
    "education",
    "hire_method",
    "contract_start",
    "contract_end",
    "post",
]
TEMPLATE_HEADERS = [
    "姓名", "性别", "出生日期", "身份证号", "手机号", "学历", "学历放宽", "放宽批准文号", "聘用方式",
    "合同开始日期", "合同结束日期", "岗位", "职责", "工作区域", "不得聘用情形", "主管执法人员",
]  # fmt: skip

EDUCATION_WORDS = {
    "小学": Education.PRIMARY,
    "初中": Education.JUNIOR_HIGH,
    "高中": Education.SENIOR_HIGH,
    "中专": Education.SENIOR_HIGH,
    "职高": Education.SENIOR_HIGH,
    "技校": Education.SENIOR_HIGH,
    "大专": Education.COLLEGE,
    "专科": Education.COLLEGE,
    "本科": Education.BACHELOR,
    "研究生": Education.POSTGRADUATE,
    "硕士": Education.POSTGRADUATE,
    "博士": Education.POSTGRADUATE,
}
HIRE_WORDS = {
    "公开招聘": HireMethod.PUBLIC_RECRUITMENT,
    "劳务派遣": HireMethod.LABOUR_DISPATCH,
    "人事代理": HireMethod.PERSONNEL_AGENCY,
    "人事代理管理": HireMethod.PERSONNEL_AGENCY,
}
WAIVER_WORDS = {
    "": EducationWaiver.NONE,
    "无": EducationWaiver.NONE,
    "边远地区": EducationWaiver.REMOTE_AREA,
    "特殊岗位": EducationWaiver.SPECIAL_POST,
}
GENDER_WORDS = {"男": "M", "女": "F", "M": "M", "F": "F"}
MAX_ROWS = 50_000
DATE_EXAMPLES = "2026-01-01、2026/1/1、2026年1月1日、20260101"
# The template's example row: marked in its name, with an ID number that passes the checksum
# but whose region code (99) belongs to no province, so it is nobody's.
EXAMPLE_MARK = "示例"
EXAMPLE_ID_NUMBER = make_id_number("990101", datetime.date(1995, 5, 20), 123)


def accepted(words) -> str:
    """The accepted words of a column, as the messages and the template list them."""
    return "、".join(word for word in words if word and not word.isascii())


@dataclass
class RowError:
    row: int
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "message": self.message}


@dataclass
class ValidationReport:
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportedLogin:
    name: str
    username: str
    password: str


# -- reading -------------------------------------------------------------------------------


def _decode_csv(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # What Excel in China saves as "CSV".
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise RosterFileError(_("The CSV file is neither UTF-8 nor GB18030 text.")) from exc


def read_rows(data: bytes, filename: str) -> list[tuple[int, dict]]:
    """(row number as the user sees it, {field: raw value}) for every non-empty row.

    The upload's bounds are checked before parsing, the header row before any other row, and
    reading stops at the first row past ``MAX_ROWS``: a hostile file costs a fraction of a
    second, not a worker."""
    name = filename.lower()
    if not name.endswith((".xlsx", ".csv")):
        raise RosterFileError(_("Upload an .xlsx or .csv file."))
    try:
        uploads.upload_check(data, filename)
    except uploads.UploadRejected as exc:
        raise RosterFileError(str(exc)) from exc
    if name.endswith(".xlsx"):
        try:
            # The header and MAX_ROWS rows; reading stops at the first row past them.
            uploads.xlsx_row_check(data, max_rows=MAX_ROWS + 1, message=_too_many_rows())
        except uploads.UploadRejected as exc:
            raise RosterFileError(str(exc)) from exc
        with _xlsx_rows(data) as table:
            return _rows_of(table)
    return _rows_of(csv.reader(io.StringIO(_decode_csv(data))))


def _rows_of(table: Iterable) -> list[tuple[int, dict]]:
    table = iter(table)
    first = next(table, None)
    if first is None:
        raise RosterFileError(_("The file is empty."))
    header = [str(cell or "").strip() for cell in first]
    fields = [HEADERS.get(h) for h in header]
    missing = [f for f in REQUIRED if f not in fields]
    if missing:
        raise RosterFileError(
            _("Missing columns: %(columns)s. Start from the template: its first row holds them.")
            % {"columns": "、".join(_label(f) for f in missing)}
        )
    rows = []
    for number, raw in enumerate(table, start=2):
        if number > MAX_ROWS + 1:
            raise RosterFileError(_too_many_rows())
        values = {f: raw[i] if i < len(raw) else None for i, f in enumerate(fields) if f}
        if all(v is None or str(v).strip() == "" for v in values.values()):
            continue
        if _is_example(values):
            continue
        rows.append((number, values))
    return rows


def _too_many_rows() -> str:
    return _("At most %(max)s rows per file (blank rows count too). Split the roster.") % {
        "max": MAX_ROWS
    }


def _is_example(values: dict) -> bool:
    """The template's example row, left in: skipped rather than imported or reported."""
    return _text(values.get("name")).startswith(EXAMPLE_MARK) and (
        normalise_id_number(_text(values.get("id_number"))) == EXAMPLE_ID_NUMBER
    )


@contextmanager
def _xlsx_rows(data: bytes):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise RosterFileError(_("The file is not a readable .xlsx workbook.")) from exc
    try:
        # read_only streams the sheet: rows are parsed only as far as they are asked for.
        yield workbook.worksheets[0].iter_rows(values_only=True)
    except RosterFileError:
        raise
    except Exception as exc:  # a damaged sheet part shows only while it is read
        raise RosterFileError(_("The file is not a readable .xlsx workbook.")) from exc
    finally:
        workbook.close()


# -- validating ----------------------------------------------------------------------------

_DATE_PATTERNS = [
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]


def parse_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            return datetime.date(*(int(g) for g in match.groups()))
    raise ValueError(text)


def parse_items(value, upper: int) -> list[int]:
    """ "1,2,5", "1、2", "（一）（五）", "" → sorted item numbers within 1..upper."""
    text = str(value or "").strip()
    if not text or text in {"无", "-"}:
        return []
    items: set[int] = set()
    for token in re.split(r"[\s,，、;；()（）第项]+", text):
        if not token:
            continue
        if token.isdigit():
            number = int(token)
        elif re.fullmatch(r"[一二三四五六七八九十]+", token):
            number = parse_chinese_numeral(token)
        else:
            raise ValueError(token)
        if not 1 <= number <= upper:
            raise ValueError(token)
        items.add(number)
    return sorted(items)


@cache
def duty_phrases() -> tuple[tuple[str, int], ...]:
    """Every way a duty is shown to people, longest first: the label in Chinese and English
    (the roster and the filing sheet show these) and the law's own text of the Art. 13 item.

    Worked out once per process: the labels and the catalogues are fixed while it runs, and
    switching language for every label of every row was most of a roster's validation time."""
    phrases: dict[str, int] = {}
    for number, label in DUTY_LABELS.items():
        for language in ("zh-hans", "en"):
            with translation.override(language):
                phrases[str(label)] = number
        phrases[clause_text(13, number).rstrip("；;。 ")] = number
    return tuple(sorted(phrases.items(), key=lambda item: -len(item[0])))


def parse_duties(value) -> list[int]:
    """Art. 13 items by number (1–9, 一–九) or by their text as displayed, mixed freely:
    "5、6", "报告违法信息、提醒劝导" (what the public roster shows) both give [5, 6]."""
    text = str(value or "").strip()
    # Labels hold separators themselves ("咨询接待、材料收转、信息录入"): replace whole
    # phrases by their numbers before splitting.
    for phrase, number in duty_phrases():
        if phrase and phrase in text:
            text = text.replace(phrase, f",{number},")
    return parse_items(text, 9)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def validate_rows(
    rows: Iterable[tuple[int, dict]],
    *,
    agency: Agency,
    today: datetime.date | None = None,
    updating: Collection[str] = (),
) -> ValidationReport:
    """Check every row. ``updating``: ID numbers of people the caller updates rather than
    creates (the API's upsert), so that their being registered, and their login, are no
    conflict."""
    today = today or timezone.localdate()
    report = ValidationReport()
    seen_ids: dict[str, int] = {}
    seen_mobiles: dict[str, int] = {}
    cleaned_rows: list[tuple[int, dict]] = []
    for number, values in rows:
        problems: list[str] = []
        cleaned: dict = {"row": number}
        for required in REQUIRED:
            if not _text(values.get(required)):
                problems.append(_("%(column)s is required") % {"column": _label(required)})
        id_number = normalise_id_number(_text(values.get("id_number")))
        if id_number:
            error = id_number_error(id_number)
            if error:
                problems.append(error)
            elif id_number in seen_ids:
                problems.append(
                    _("ID number duplicates row %(row)s of this file")
                    % {"row": seen_ids[id_number]}
                )
            else:
                seen_ids[id_number] = number
        cleaned["id_number"] = id_number
        cleaned["name"] = _text(values.get("name"))[:60]
        gender = _text(values.get("gender"))
        if gender and gender not in GENDER_WORDS:
            problems.append(
                _("Gender “%(value)s” is not accepted: write 男 or 女, or leave it empty")
                % {"value": gender[:40]}
            )
        cleaned["gender"] = GENDER_WORDS.get(gender) or (
            # An invalid number (reported above) may have anything in its sequence digit.
            ("M" if int(id_number[16]) % 2 else "F")
            if len(id_number) == 18 and id_number[16] in "0123456789"
            else "M"
        )
        birth_from_id = birth_date_from_id(id_number) if len(id_number) == 18 else None
        birth_raw = values.get("birth_date")
        if _text(birth_raw):
            try:
                cleaned["birth_date"] = parse_date(birth_raw)
                if birth_from_id and cleaned["birth_date"] != birth_from_id:
                    problems.append(
                        _(
                            "Birth date does not match the ID number, which says %(date)s: "
                            "correct either, or leave the birth date empty"
                        )
                        % {"date": birth_from_id.isoformat()}
                    )
            except ValueError:
                problems.append(_date_message("birth_date", birth_raw))
        else:
            cleaned["birth_date"] = birth_from_id
        mobile = _text(values.get("mobile"))
        if mobile and not re.fullmatch(r"1[3-9]\d{9}", mobile):
            problems.append(
                _("Mobile number “%(value)s” is not accepted: 11 digits starting with 13–19")
                % {"value": mobile[:40]}
            )
        elif mobile and mobile in seen_mobiles:
            problems.append(
                _("Mobile number duplicates row %(row)s of this file")
                % {"row": seen_mobiles[mobile]}
            )
        elif mobile:
            seen_mobiles[mobile] = number
        if agency.username_scheme == UsernameScheme.MOBILE and not mobile:
            problems.append(_("This agency uses mobile numbers as usernames: mobile is required"))
        cleaned["mobile"] = mobile
        education = _text(values.get("education"))
        cleaned["education"] = EDUCATION_WORDS.get(education) or (
            education if education in Education.values else None
        )
        if education and not cleaned["education"]:
            problems.append(
                _("Unknown education level “%(value)s”: write one of %(accepted)s")
                % {"value": education[:40], "accepted": accepted(EDUCATION_WORDS)}
            )
        waiver = _text(values.get("education_waiver"))
        if waiver not in WAIVER_WORDS:
            problems.append(
                _(
                    "Education waiver “%(value)s” is not accepted: write 边远地区 or 特殊岗位, "
                    "or leave it empty (无) when there is none"
                )
                % {"value": waiver[:40]}
            )
        cleaned["education_waiver"] = WAIVER_WORDS.get(waiver, "")
        cleaned["education_waiver_reference"] = _text(values.get("education_waiver_reference"))
        hire = _text(values.get("hire_method"))
        cleaned["hire_method"] = HIRE_WORDS.get(hire) or (
            hire if hire in HireMethod.values else None
        )
        if hire and not cleaned["hire_method"]:
            problems.append(_("Hire method must be 公开招聘, 劳务派遣 or 人事代理 (Art. 8)"))
        for date_field in ("contract_start", "contract_end"):
            raw = values.get(date_field)
            if _text(raw):
                try:
                    cleaned[date_field] = parse_date(raw)
                except ValueError:
                    problems.append(_date_message(date_field, raw))
        if (
            cleaned.get("contract_start")
            and cleaned.get("contract_end")
            and cleaned["contract_end"] <= cleaned["contract_start"]
        ):
            problems.append(_("The contract must end after it starts"))
        cleaned["post"] = _text(values.get("post"))[:60]
        cleaned["work_area"] = _text(values.get("work_area"))[:120]
        try:
            cleaned["duties"] = parse_duties(values.get("duties"))
        except ValueError:
            problems.append(
                _(
                    "Duties “%(value)s” are not recognised: write Art. 13 item numbers 1–9 or "
                    "the duties as shown (%(names)s), separated by 、 or commas"
                )
                % {"value": _text(values.get("duties"))[:60], "names": duty_names()}
            )
        try:
            cleaned["disqualification_items"] = parse_items(values.get("disqualification_items"), 6)
        except ValueError:
            problems.append(
                _(
                    "Art. 10 circumstances “%(value)s” are not recognised: write item numbers "
                    "1–6 separated by 、 or commas, or leave it empty (无) when none applies"
                )
                % {"value": _text(values.get("disqualification_items"))[:60]}
            )
        cleaned["supervisor"] = _text(values.get("supervisor"))
        if not problems and cleaned.get("birth_date") and cleaned.get("education"):
            reasons = eligibility_reasons(
                birth_date=cleaned["birth_date"],
                enrol_date=today,
                education=cleaned["education"],
                education_waiver_approved=bool(
                    cleaned["education_waiver"] and cleaned["education_waiver_reference"]
                ),
                disqualification_items=cleaned.get("disqualification_items", []),
            )
            problems.extend(_("Not eligible: %(reason)s") % {"reason": r} for r in reasons)
        if problems:
            report.errors.append(RowError(number, "；".join(problems)))
        else:
            cleaned_rows.append((number, cleaned))
    _check_database_conflicts(cleaned_rows, report, agency, updating=frozenset(updating))
    report.errors.sort(key=lambda e: e.row)
    report.rows = [cleaned for _n, cleaned in cleaned_rows]
    return report


def duty_names() -> str:
    return "、".join(f"{n} {label}" for n, label in DUTY_LABELS.items())


def _date_message(field_name: str, raw) -> str:
    return _("%(column)s “%(value)s” is not a date: write it as %(examples)s") % {
        "column": _label(field_name),
        "value": _text(raw)[:40],
        "examples": DATE_EXAMPLES,
    }


def _label(field_name: str) -> str:
    for header, value in HEADERS.items():
        if value == field_name and not header.isascii():
            return header
    return field_name


def _chunks(values: list, size: int = 900):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _check_database_conflicts(
    rows, report: ValidationReport, agency: Agency, *, updating: frozenset[str] = frozenset()
) -> None:
    ids = [cleaned["id_number"] for _n, cleaned in rows]
    existing_ids: set[str] = set()
    for chunk in _chunks(ids):
        existing_ids.update(
            Auxiliary.objects.filter(id_number__in=chunk).values_list("id_number", flat=True)
        )
    usernames = [_username_for(cleaned, agency) for _n, cleaned in rows]
    taken: set[str] = set()
    for chunk in _chunks(usernames):
        taken.update(User.objects.filter(username__in=chunk).values_list("username", flat=True))
    supervisors = {cleaned["supervisor"] for _n, cleaned in rows if cleaned["supervisor"]}
    known_supervisors = dict(
        User.objects.filter(
            username__in=supervisors,
            profile__role=Role.SUPERVISOR,
            profile__agency__path__startswith=agency.path,
        ).values_list("username", "pk")
    )
    kept = []
    for (number, cleaned), username in zip(rows, usernames, strict=True):
        problems = []
        known = cleaned["id_number"] in updating
        if cleaned["id_number"] in existing_ids and not known:
            problems.append(_("ID number is already registered"))
        if username in taken and not known:
            problems.append(_("Username %(username)s is already taken") % {"username": username})
        if cleaned["supervisor"] and cleaned["supervisor"] not in known_supervisors:
            problems.append(
                _(
                    "Supervisor %(username)s is not a supervisor of this agency: write the "
                    "login name of one of its supervisors, or leave it empty"
                )
                % {"username": cleaned["supervisor"][:40]}
            )
        cleaned["supervisor_id"] = known_supervisors.get(cleaned["supervisor"])
        if problems:
            report.errors.append(RowError(number, "；".join(problems)))
        else:
            kept.append((number, cleaned))
    rows[:] = kept


def _username_for(cleaned: dict, agency: Agency) -> str:
    if agency.username_scheme == UsernameScheme.ID_NUMBER or not cleaned["mobile"]:
        return cleaned["id_number"]
    return cleaned["mobile"]


# -- importing -----------------------------------------------------------------------------


@transaction.atomic
def roster_import_rows(*, rows: list[dict], agency: Agency, actor) -> list[ImportedLogin]:
    """Create auxiliaries (in training) and their learner logins in bulk. All or nothing."""
    now = timezone.now()
    logins: list[ImportedLogin] = []
    users = []
    for cleaned in rows:
        username = _username_for(cleaned, agency)
        password = generate_initial_password()
        logins.append(ImportedLogin(cleaned["name"], username, password))
        users.append(
            User(
                username=username,
                first_name=cleaned["name"][:150],
                password=hash_initial_password(password),
                date_joined=now,
            )
        )
    User.objects.bulk_create(users, batch_size=1000)
    # bulk_create sets primary keys on PostgreSQL and SQLite alike; re-read to be certain.
    user_ids = dict(
        User.objects.filter(username__in=[u.username for u in users]).values_list("username", "pk")
    )
    UserProfile.objects.bulk_create(
        [
            UserProfile(
                user_id=user_ids[login.username],
                role=Role.LEARNER,
                agency=agency,
                display_name=login.name,
                must_change_password=True,
            )
            for login in logins
        ],
        batch_size=1000,
    )
    auxiliaries = [
        Auxiliary(
            user_id=user_ids[login.username],
            agency=agency,
            name=cleaned["name"],
            gender=cleaned["gender"],
            birth_date=cleaned["birth_date"],
            id_number=cleaned["id_number"],
            mobile=cleaned["mobile"],
            education=cleaned["education"],
            education_waiver=cleaned["education_waiver"],
            education_waiver_reference=cleaned["education_waiver_reference"],
            disqualification_items=cleaned["disqualification_items"],
            hire_method=cleaned["hire_method"],
            contract_start=cleaned["contract_start"],
            contract_end=cleaned["contract_end"],
            post=cleaned["post"],
            duties=cleaned["duties"],
            work_area=cleaned["work_area"],
            supervisor_id=cleaned.get("supervisor_id"),
            status=AuxiliaryStatus.IN_TRAINING,
            enrolled_at=now,
        )
        for cleaned, login in zip(rows, logins, strict=True)
    ]
    Auxiliary.objects.bulk_create(auxiliaries, batch_size=1000)
    aux_ids = Auxiliary.objects.filter(
        id_number__in=[cleaned["id_number"] for cleaned in rows]
    ).values_list("pk", flat=True)
    AuxiliaryStatusChange.objects.bulk_create(
        [
            AuxiliaryStatusChange(
                auxiliary_id=pk,
                from_status=AuxiliaryStatus.CANDIDATE,
                to_status=AuxiliaryStatus.IN_TRAINING,
                actor=actor,
                reason=_("Enrolled by roster import"),
            )
            for pk in aux_ids
        ],
        batch_size=1000,
    )
    return logins


# -- the upload-then-confirm flow of the admin pages ---------------------------------------


def roster_upload_check(*, agency: Agency, upload, actor):
    """Store an uploaded file with its validation report (RosterFileError if unreadable)."""
    rows = read_rows(upload.read(), upload.name)
    report = validate_rows(rows, agency=agency)
    record = RosterImport(
        agency=agency,
        uploaded_by=actor,
        original_name=upload.name[:200],
        status=ImportStatus.VALID if report.ok else ImportStatus.INVALID,
        row_count=len(rows),
        errors=[error.as_dict() for error in report.errors],
    )
    upload.seek(0)
    record.file.save(upload.name, upload, save=False)
    record.save()
    return record


@transaction.atomic
def roster_upload_commit(*, record_id: int, actor) -> list[ImportedLogin] | None:
    """Import a checked file once. The record is locked, so a double click imports nothing
    twice; the rows are validated again because the database may have changed since the
    upload. None when the file is not (or no longer) importable; its errors are then stored."""
    record = RosterImport.objects.select_for_update().select_related("agency").get(pk=record_id)
    if record.status != ImportStatus.VALID:
        return None
    with record.file.open("rb") as handle:
        rows = read_rows(handle.read(), record.original_name)
    report = validate_rows(rows, agency=record.agency)
    if not report.ok:
        record.status = ImportStatus.INVALID
        record.errors = [error.as_dict() for error in report.errors]
        record.save(update_fields=["status", "errors"])
        return None
    logins = roster_import_rows(rows=report.rows, agency=record.agency, actor=actor)
    record.status = ImportStatus.IMPORTED
    record.imported_at = timezone.now()
    record.save(update_fields=["status", "imported_at"])
    return logins
