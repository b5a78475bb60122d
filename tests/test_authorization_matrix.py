"""Every URL the project serves, against every role, with objects that belong to someone else.

The URL resolver is walked, so a new view cannot be forgotten: a named route missing from
EXPECTED fails the test. The objects all belong to county A (its learner, supervisor, cycle,
reports …). The roles are chosen so that only county A's admin, the oversight viewer of the
city above it and the provincial admin have them in scope; the learner and the supervisor are
county B's, and so is the second agency admin.

Letters, one per role in ROLES order:
  A  allowed: 200, a redirect that is not to the login page, or 400/405/409 for bad input
  D  denied: 403 or 404 (404 when the object exists but is out of scope)
  L  sent to the login page
  P  public: answered without a login (200, or 404 for something that does not exist)
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

ROLES = ("anonymous", "learner", "supervisor", "admin_a", "admin_b", "oversight", "provincial")

# Areas served by Wagtail's and Django's own admins: checked with sample URLs below rather than
# route by route (hundreds of routes, one permission model).
ADMIN_PREFIXES = ("admin/", "django-admin/")


@dataclass(frozen=True)
class Route:
    method: str
    url: str  # with {placeholders} filled from the objects
    expect: str


# Only these are public: login, verify, roster, healthz, static (WhiteNoise, not a route), plus
# the language switch and logout that the login page itself needs.
EXPECTED: dict[str, Route] = {
    "healthz": Route("GET", "/healthz", "PPPPPPP"),
    "login": Route("GET", "/accounts/login/", "PAAAAAA"),
    # Logging out lands on the login page, whoever asks.
    "logout": Route("POST", "/accounts/logout/", "LLLLLLL"),
    "set_language": Route("POST", "/i18n/setlang/", "PAAAAAA"),
    "verify_lookup": Route("GET", "/verify/", "PPPPPPP"),
    "verify": Route("GET", "/verify/{credential_number}/", "PPPPPPP"),
    "verify_photo": Route("GET", "/verify/{credential_number}/photo.jpg", "PPPPPPP"),
    "public_roster": Route("GET", "/roster/{agency_code}/", "PPPPPPP"),
    "wagtailcore_login": Route("GET", "/_util/login/", "PAAAAAA"),
    "wagtailcore_authenticate_with_password": Route(
        "GET", "/_util/authenticate_with_password/999999/{lesson_id}/", "DDDDDDD"
    ),
    "password_change": Route("GET", "/accounts/password_change/", "LAAAAAA"),
    "home": Route("GET", "/", "LAAAAAA"),
    "wagtail_serve": Route("GET", "{lesson_url}", "LAAAAAA"),
    "wagtaildocs_serve": Route("GET", "/documents/999999/missing.pdf", "LDDDDDD"),
    "wagtaildocs_authenticate_with_password": Route(
        "GET", "/documents/authenticate_with_password/999999/", "LDDDDDD"
    ),
    # lms: the roster and everything about a person
    "lms:roster_list": Route("GET", "/people/", "LDDAAAA"),
    "lms:auxiliary_enrol": Route("GET", "/people/enrol/", "LDDAADA"),
    "lms:auxiliary_detail": Route("GET", "/people/{aux}/", "LDDADAA"),
    "lms:auxiliary_edit": Route("GET", "/people/{aux}/edit/", "LDDADDA"),
    "lms:auxiliary_photo": Route("GET", "/people/{aux}/photo/", "LDDADAA"),
    "lms:auxiliary_transition": Route("POST", "/people/{aux}/status/", "LDDADDA"),
    "lms:auxiliary_reset_password": Route("POST", "/people/{aux}/reset-password/", "LDDADDA"),
    "lms:onboarding_slips": Route("GET", "/people/slips/", "LDDAADA"),
    "lms:roster_import": Route("GET", "/people/import/", "LDDAADA"),
    "lms:roster_import_template": Route("GET", "/people/import/template.xlsx", "LDDAAAA"),
    "lms:roster_import_detail": Route("GET", "/people/import/{roster_import}/", "LDDADAA"),
    "lms:roster_import_confirm": Route(
        "POST", "/people/import/{roster_import}/confirm/", "LDDADDA"
    ),
    "lms:staff_accounts": Route("GET", "/people/staff/", "LDDAADA"),
    # courses
    "courses:start": Route("GET", "/learn/", "LAAAAAA"),
    "courses:search": Route("GET", "/learn/search/?q=签字", "LAAAAAA"),
    "courses:lesson_complete": Route("POST", "/learn/lessons/{lesson_id}/complete/", "LADDDDD"),
    # exams: the attempt is county A's learner's
    "exams:overview": Route("GET", "/exams/", "LADDDDD"),
    "exams:start": Route("POST", "/exams/start/", "LADDDDD"),
    "exams:attempt": Route("GET", "/exams/attempts/{attempt}/", "LDDDDDD"),
    "exams:save": Route("POST", "/exams/attempts/{attempt}/save/", "LDDDDDD"),
    "exams:submit": Route("POST", "/exams/attempts/{attempt}/submit/", "LDDDDDD"),
    "exams:result": Route("GET", "/exams/attempts/{attempt}/result/", "LDDDDDD"),
    # Supervisors see the attempts of their own auxiliaries (none of county A's here).
    "exams:staff_attempts": Route("GET", "/exams/staff/attempts/", "LDAAAAA"),
    "exams:staff_attempt_detail": Route("GET", "/exams/staff/attempts/{attempt}/", "LDDADAA"),
    # credentials
    "credentials:list": Route("GET", "/credentials/", "LDDAAAA"),
    "credentials:mine": Route("GET", "/credentials/mine/", "LADDDDD"),
    "credentials:awaiting": Route("GET", "/credentials/awaiting/", "LDDAADA"),
    "credentials:detail": Route("GET", "/credentials/{credential}/", "LDDADAA"),
    "credentials:card": Route("GET", "/credentials/{credential}/card.png", "LDDADAA"),
    "credentials:action": Route("POST", "/credentials/{credential}/action/", "LDDADDA"),
    "credentials:auxiliary": Route("GET", "/credentials/auxiliary/{aux}/", "LDDADAA"),
    "credentials:issue": Route("POST", "/credentials/auxiliary/{aux}/issue/", "LDDADDA"),
    "credentials:checklists": Route("GET", "/credentials/returns/", "LDDAAAA"),
    "credentials:checklist": Route("GET", "/credentials/returns/{checklist}/", "LDDADAA"),
    "credentials:return_item": Route(
        "POST", "/credentials/returns/items/{return_item}/", "LDDADDA"
    ),
    # Printing cards is an agency task: oversight viewers do not see the print runs.
    "credentials:batches": Route("GET", "/credentials/batches/", "LDDAADA"),
    "credentials:batch": Route("GET", "/credentials/batches/{batch}/", "LDDADDA"),
    "credentials:batch_status": Route("GET", "/credentials/batches/{batch}/status.json", "LDDADDA"),
    "credentials:batch_download": Route("GET", "/credentials/batches/{batch}/cards.zip", "LDDADDA"),
    "credentials:filing_sheet": Route("GET", "/credentials/filing-sheet/", "LDDAAAA"),
    # assessments: the assessment is county A's learner's, scored by county A's supervisor
    # The scoring list is the supervisor's own; admins follow cycles instead.
    "assessments:my_forms": Route("GET", "/assessments/score/", "LDADDDD"),
    "assessments:mine": Route("GET", "/assessments/mine/", "LADDDDD"),
    "assessments:cycle_list": Route("GET", "/assessments/cycles/", "LDDAAAA"),
    "assessments:cycle_open": Route("GET", "/assessments/cycles/new/", "LDDAADA"),
    "assessments:cycle_detail": Route("GET", "/assessments/cycles/{cycle}/", "LDDADAA"),
    "assessments:template_list": Route("GET", "/assessments/templates/", "LDDAAAA"),
    "assessments:template_detail": Route("GET", "/assessments/templates/{template}/", "LDDAADA"),
    # The template is frozen (a cycle uses it): edits make a new version elsewhere.
    "assessments:template_edit": Route("GET", "/assessments/templates/{template}/edit/", "LDDDDDD"),
    "assessments:notice_read": Route("POST", "/assessments/notices/{notice}/read/", "LDDDDDD"),
    "assessments:detail": Route("GET", "/assessments/{assessment}/", "LDDADAA"),
    "assessments:score": Route("GET", "/assessments/{assessment}/score/", "LDDDDDD"),
    "assessments:draft": Route("POST", "/assessments/{assessment}/draft/", "LDDDDDD"),
    # Staff in scope get the page back with the refusal; only the auxiliary can respond.
    "assessments:respond": Route("POST", "/assessments/{assessment}/respond/", "LDDADAA"),
    "assessments:uphold": Route("POST", "/assessments/{assessment}/uphold/", "LDDADDA"),
    "assessments:amend": Route("POST", "/assessments/{assessment}/amend/", "LDDADDA"),
    "assessments:decide": Route("POST", "/assessments/{assessment}/decide/", "LDDADDA"),
    # reports
    "reports:index": Route("GET", "/reports/", "LDDAAAA"),
    "reports:cycle": Route("GET", "/reports/cycles/{cycle}/", "LDDADAA"),
    "reports:training": Route("GET", "/reports/training/", "LDDAAAA"),
    "reports:status": Route("GET", "/reports/{report}/status.json", "LDDADAA"),
    "reports:download": Route("GET", "/reports/{report}/download/", "LDDADAA"),
    # Oversight viewers may build reports for their jurisdiction, so they may retry one.
    "reports:retry": Route("POST", "/reports/{report}/retry/", "LDDADAA"),
}


def served_routes() -> list[tuple[str, str]]:
    """(route, name) for every URL pattern outside the admin areas."""
    found = []

    def walk(patterns, prefix="", namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                if route.startswith(ADMIN_PREFIXES):
                    continue
                name = pattern.name and (
                    f"{namespace}:{pattern.name}" if namespace else pattern.name
                )
                found.append((route, name))

    walk(get_resolver().url_patterns)
    return found


def test_every_served_route_is_in_the_table():
    missing = [(route, name) for route, name in served_routes() if name not in EXPECTED]
    assert not missing, f"add these routes to EXPECTED: {missing}"
    stale = set(EXPECTED) - {name for _route, name in served_routes()}
    assert not stale, f"routes in EXPECTED that are no longer served: {stale}"


@pytest.fixture
def world(org):
    """County A's objects of every type, and one user per role."""
    from django.core.files.base import ContentFile
    from wagtail.models import Page

    from assessments.models import Notice
    from courses.models import LessonPage
    from credentials.models import CardBatch, CardBatchStatus, ReturnChecklist, ReturnItem
    from lms.models import ImportStatus, RosterImport
    from reports.models import ReportFile
    from tests.credentials.factories import credential, ready_for_credential
    from tests.reports.factories import make_assessment, make_cycle

    aux = org.aux_a
    course, exam = ready_for_credential(aux)
    attempt = exam.attempts.get(auxiliary=aux)
    cred = credential(aux)
    lesson = course.add_child(instance=LessonPage(title="第十九条", slug="art-19-matrix"))
    lesson.save_revision().publish()
    checklist = ReturnChecklist.objects.create(auxiliary=aux, credential=cred, reason="离职")
    item = ReturnItem.objects.create(checklist=checklist, kind="card")
    batch = CardBatch.objects.create(
        agency=org.county_a, requested_by=org.admin_a, status=CardBatchStatus.DONE
    )
    batch.zip_file.save("cards.zip", ContentFile(b"PK"), save=True)
    roster = RosterImport(
        agency=org.county_a, uploaded_by=org.admin_a, original_name="a.csv",
        status=ImportStatus.INVALID, row_count=1,
    )  # fmt: skip
    roster.file.save("a.csv", ContentFile("姓名\n".encode()), save=True)
    cycle = make_cycle(org.county_a)
    assessment = make_assessment(cycle, aux)
    notice = Notice.objects.create(user=org.supervisor_a, text="提醒")
    report = ReportFile.objects.create(
        kind="renewal", cycle=cycle, agency=org.county_a, requested_by=org.admin_a, status="done"
    )
    report.file.save("renewal.xlsx", ContentFile(b"PK"), save=True)
    aux.photo.save("a.png", ContentFile(_png()), save=True)
    users = {
        "anonymous": None,
        "learner": org.learner_b,
        "supervisor": org.supervisor_b,
        "admin_a": org.admin_a,
        "admin_b": org.admin_b,
        "oversight": org.oversight,
        "provincial": org.provincial_admin,
    }
    values = {
        "aux": aux.pk,
        "attempt": attempt.pk,
        "credential": cred.pk,
        "credential_number": cred.number,
        "agency_code": org.county_a.code,
        "checklist": checklist.pk,
        "return_item": item.pk,
        "batch": batch.pk,
        "roster_import": roster.pk,
        "cycle": cycle.pk,
        "assessment": assessment.pk,
        "template": cycle.template.pk,
        "notice": notice.pk,
        "report": report.pk,
        "lesson_id": lesson.pk,
        "lesson_url": Page.objects.get(pk=lesson.pk).url,
    }
    return users, values


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (30, 40), "#888").save(buffer, "PNG")
    return buffer.getvalue()


def classify(response) -> str:
    status = response.status_code
    location = response.get("Location", "")
    if status in (301, 302) and "/accounts/login/" in location:
        return "L"
    if status in (403, 404):
        return "D"
    if status in (200, 301, 302, 303, 400, 405, 409):
        return "A"
    return f"?{status}"


def matches(expected: str, observed: str) -> bool:
    if expected == "P":
        return observed in {"A", "D"} and observed != "L"
    return expected == observed


def test_every_route_against_every_role(client, world):
    from axes.utils import reset

    users, values = world
    # A crash is a finding like any other: collect it instead of stopping at the first.
    client.raise_request_exception = False
    failures = []
    for name, route in EXPECTED.items():
        url = route.url.format(**values)
        for role, expected in zip(ROLES, route.expect, strict=True):
            client.logout()
            reset()
            if users[role] is not None:
                client.force_login(users[role])
            response = client.generic(route.method, url)
            observed = classify(response)
            if not matches(expected, observed):
                failures.append(
                    f"{name} {route.method} {url} as {role}: expected {expected}, got {observed}"
                )
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/pages/",
        "/admin/snippets/",
        "/django-admin/",
        "/django-admin/lms/auxiliary/",
    ],
)
def test_the_admin_areas_refuse_everyone_but_staff(client, world, url):
    users, _values = world
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    for role in ("learner", "supervisor", "admin_a", "oversight"):
        client.force_login(users[role])
        response = client.get(url)
        assert response.status_code in (302, 403), (role, url, response.status_code)
        client.logout()


def test_public_pages_show_no_private_fields(client, world):
    users, values = world
    from lms.models import Auxiliary

    aux = Auxiliary.objects.get(pk=values["aux"])
    for url in (f"/verify/{values['credential_number']}/", f"/roster/{values['agency_code']}/"):
        html = client.get(url).content.decode()
        assert aux.name in html
        birth = f"{aux.birth_date.year}年{aux.birth_date.month}月{aux.birth_date.day}日"
        for private in (aux.id_number, aux.masked_id_number, birth, aux.mobile):
            assert private not in html, (url, private)
