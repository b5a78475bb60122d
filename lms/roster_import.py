"""Roster import (.xlsx, .csv in UTF-8 with or without BOM, or GB18030): validate every row
first, report every bad row with its number and reason, and import nothing unless all are good.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.eligibility import eligibility_reasons
from lms.idcard import birth_date_from_id, id_number_error, normalise_id_number
from lms.models import (
    Agency,
    Auxiliary,
    AuxiliaryStatus,
    AuxiliaryStatusChange,
    Education,
    EducationWaiver,
    HireMethod,
    Role,
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


class RosterFileError(ValueError):
    """The file as a whole cannot be read (format, encoding, headers)."""


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
    """(row number as the user sees it, {field: raw value}) for every non-empty row."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        table = _read_xlsx(data)
    elif name.endswith(".csv"):
        table = list(csv.reader(io.StringIO(_decode_csv(data))))
    else:
        raise RosterFileError(_("Upload an .xlsx or .csv file."))
    if not table:
        raise RosterFileError(_("The file is empty."))
    header = [str(cell or "").strip() for cell in table[0]]
    fields = [HEADERS.get(h) for h in header]
    missing = [f for f in REQUIRED if f not in fields]
    if missing:
        labels = {v: k for k, v in reversed(list(HEADERS.items())) if not k.isascii()}
        raise RosterFileError(
            _("Missing columns: %(columns)s")
            % {"columns": "、".join(labels.get(f, f) for f in missing)}
        )
    rows = []
    for number, raw in enumerate(table[1:], start=2):
        values = {f: raw[i] if i < len(raw) else None for i, f in enumerate(fields) if f}
        if all(v is None or str(v).strip() == "" for v in values.values()):
            continue
        rows.append((number, values))
    if len(rows) > MAX_ROWS:
        raise RosterFileError(_("At most %(max)s rows per file.") % {"max": MAX_ROWS})
    return rows


def _read_xlsx(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise RosterFileError(_("The file is not a readable .xlsx workbook.")) from exc
    sheet = workbook.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


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
    from lms.measures import parse_chinese_numeral

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


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def validate_rows(
    rows: Iterable[tuple[int, dict]], *, agency: Agency, today: datetime.date | None = None
) -> ValidationReport:
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
            problems.append(_("Gender must be 男 or 女"))
        cleaned["gender"] = GENDER_WORDS.get(gender) or (
            ("M" if int(id_number[16]) % 2 else "F") if len(id_number) == 18 else "M"
        )
        birth_from_id = birth_date_from_id(id_number) if len(id_number) == 18 else None
        birth_raw = values.get("birth_date")
        if _text(birth_raw):
            try:
                cleaned["birth_date"] = parse_date(birth_raw)
                if birth_from_id and cleaned["birth_date"] != birth_from_id:
                    problems.append(_("Birth date does not match the ID number"))
            except ValueError:
                problems.append(_("Birth date is not a date"))
        else:
            cleaned["birth_date"] = birth_from_id
        mobile = _text(values.get("mobile"))
        if mobile and not re.fullmatch(r"1[3-9]\d{9}", mobile):
            problems.append(_("Mobile number must be 11 digits"))
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
            problems.append(_("Unknown education level “%(value)s”") % {"value": education})
        waiver = _text(values.get("education_waiver"))
        if waiver not in WAIVER_WORDS:
            problems.append(_("Education waiver must be 边远地区 or 特殊岗位"))
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
                    problems.append(_("%(column)s is not a date") % {"column": _label(date_field)})
        if (
            cleaned.get("contract_start")
            and cleaned.get("contract_end")
            and cleaned["contract_end"] <= cleaned["contract_start"]
        ):
            problems.append(_("The contract must end after it starts"))
        cleaned["post"] = _text(values.get("post"))[:60]
        cleaned["work_area"] = _text(values.get("work_area"))[:120]
        try:
            cleaned["duties"] = parse_items(values.get("duties"), 9)
        except ValueError:
            problems.append(_("Duties must be Art. 13 item numbers 1–9"))
        try:
            cleaned["disqualification_items"] = parse_items(values.get("disqualification_items"), 6)
        except ValueError:
            problems.append(_("Art. 10 circumstances must be item numbers 1–6"))
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
    _check_database_conflicts(cleaned_rows, report, agency)
    report.errors.sort(key=lambda e: e.row)
    report.rows = [cleaned for _n, cleaned in cleaned_rows]
    return report


def _label(field_name: str) -> str:
    for header, value in HEADERS.items():
        if value == field_name and not header.isascii():
            return header
    return field_name


def _chunks(values: list, size: int = 900):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _check_database_conflicts(rows, report: ValidationReport, agency: Agency) -> None:
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
        if cleaned["id_number"] in existing_ids:
            problems.append(_("ID number is already registered"))
        if username in taken:
            problems.append(_("Username %(username)s is already taken") % {"username": username})
        if cleaned["supervisor"] and cleaned["supervisor"] not in known_supervisors:
            problems.append(
                _("Supervisor %(username)s is not a supervisor of this agency")
                % {"username": cleaned["supervisor"]}
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
    from lms.models import ImportStatus, RosterImport

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
    from lms.models import ImportStatus, RosterImport

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
