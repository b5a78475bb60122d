"""Every URL the project serves, against every role, with objects that belong to someone else.

The URL resolver is walked, so a new view cannot be forgotten: a named route missing from
EXPECTED fails the test. The objects all belong to county A (its learner, supervisor, cycle,
reports …). The roles are chosen so that only county A's admin, the oversight viewer of the
city above it and the provincial admin have them in scope; the learner and the supervisor are
county B's, and so is the second agency admin.

Each route names the capability of lms.permissions it needs and whose its object is; the
expected answer per role is derived from ``CAPABILITIES``, the same table the views use, with
the policy's two rules:

  L  a visitor is sent to the login page;
  F  a logged-in role without the capability gets 403 ("your role never uses this page");
  N  a role with the capability asking for an object outside its scope gets 404 (the object is
     indistinguishable from one that does not exist);
  A  allowed: 200, a redirect that is not to the login page, or 400/405/409 for bad input;
  P  public: answered without a login (200, or 404 for something that does not exist).

So a change to the capability table changes the expected matrix, and a route that answers 403
where the rule says 404 (or the reverse) fails here.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from lms.models import Role
from lms.permissions import CAPABILITIES
from lms.permissions import Capability as C

ROLES = ("anonymous", "learner", "supervisor", "admin_a", "admin_b", "oversight", "provincial")
ROLE_OF = {
    "anonymous": None,
    "learner": Role.LEARNER,
    "supervisor": Role.SUPERVISOR,
    "admin_a": Role.AGENCY_ADMIN,
    "admin_b": Role.AGENCY_ADMIN,
    "oversight": Role.OVERSIGHT,
    "provincial": Role.PROVINCIAL_ADMIN,
}
# Who has county A's records in scope (the learner and supervisor are county B's).
COUNTY_A_SCOPE = {"admin_a", "oversight", "provincial"}

# Areas served by Wagtail's and Django's own admins: checked with sample URLs below rather than
# route by route (hundreds of routes, one permission model).
ADMIN_PREFIXES = ("admin/", "django-admin/")
# The REST API answers to tokens, not sessions: tests/api/test_authorization.py holds its
# matrix (tokens of county A and county B).
TOKEN_PREFIXES = ("api/v1/",)

# Whose the route's object is:
NONE = "none"  # no object (a list, a form): every role with the capability is allowed
COUNTY_A = "county_a"  # county A's record: in scope for COUNTY_A_SCOPE only
NOBODY = "nobody"  # someone else's own (county A's learner's attempt, a notice), or missing


@dataclass(frozen=True)
class Route:
    method: str
    url: str  # with {placeholders} filled from the objects
    need: C | None = None  # None: any logged-in user
    owner: str = NONE
    fixed: str = ""  # for pages outside the policy (public, login, logout): the letters as such

    @property
    def expect(self) -> str:
        if self.fixed:
            return self.fixed
        return "".join(expected_letter(self, role) for role in ROLES)


def expected_letter(route: Route, role: str) -> str:
    if role == "anonymous":
        return "L"
    if route.need is not None and ROLE_OF[role] not in CAPABILITIES[route.need]:
        return "F"
    if route.owner == NOBODY or (route.owner == COUNTY_A and role not in COUNTY_A_SCOPE):
        return "N"
    return "A"


def R(method, url, need=None, owner=NONE):  # a table row: short on purpose
    return Route(method, url, need, owner)


# Only these are public: login, verify, roster, healthz, static (WhiteNoise, not a route), the
# exam's service worker, plus the language switch, the large-text switch and logout that the
# login page itself needs.
EXPECTED: dict[str, Route] = {
    "healthz": Route("GET", "/healthz", fixed="PPPPPPP"),
    "login": Route("GET", "/accounts/login/", fixed="PAAAAAA"),
    # Logging out lands on the login page, whoever asks.
    "logout": Route("POST", "/accounts/logout/", fixed="LLLLLLL"),
    "set_language": Route("POST", "/i18n/setlang/", fixed="PAAAAAA"),
    # The large-text switch is on every page, the login and verify pages included.
    "text_size": Route("POST", "/accounts/text-size/", fixed="PAAAAAA"),
    # The accessibility statement is for everyone, linked from every page's footer.
    "accessibility": Route("GET", "/accessibility/", fixed="PPPPPPP"),
    "verify_lookup": Route("GET", "/verify/", fixed="PPPPPPP"),
    "verify": Route("GET", "/verify/{credential_number}/", fixed="PPPPPPP"),
    "verify_photo": Route("GET", "/verify/{credential_number}/photo.jpg", fixed="PPPPPPP"),
    "public_roster": Route("GET", "/roster/{agency_code}/", fixed="PPPPPPP"),
    "wagtailcore_login": Route("GET", "/_util/login/", fixed="PAAAAAA"),
    # A page id that does not exist: not found for everyone, visitors included.
    "wagtailcore_authenticate_with_password": Route(
        "GET", "/_util/authenticate_with_password/999999/{lesson_id}/", fixed="NNNNNNN"
    ),
    "password_change": R("GET", "/accounts/password_change/"),
    "home": R("GET", "/"),
    "wagtail_serve": R("GET", "{lesson_url}"),
    "wagtaildocs_serve": R("GET", "/documents/999999/missing.pdf", owner=NOBODY),
    "wagtaildocs_authenticate_with_password": R(
        "GET", "/documents/authenticate_with_password/999999/", owner=NOBODY
    ),
    # lms: the roster and everything about a person
    "lms:roster_list": R("GET", "/people/", C.VIEW_PEOPLE),
    "lms:auxiliary_enrol": R("GET", "/people/enrol/", C.MANAGE_PEOPLE),
    "lms:auxiliary_detail": R("GET", "/people/{aux}/", C.FOLLOW_PEOPLE, COUNTY_A),
    "lms:auxiliary_edit": R("GET", "/people/{aux}/edit/", C.MANAGE_PEOPLE, COUNTY_A),
    "lms:auxiliary_photo": R("GET", "/people/{aux}/photo/", C.FOLLOW_PEOPLE, COUNTY_A),
    "lms:auxiliary_transition": R("POST", "/people/{aux}/status/", C.MANAGE_PEOPLE, COUNTY_A),
    "lms:auxiliary_reset_password": R(
        "POST", "/people/{aux}/reset-password/", C.MANAGE_PEOPLE, COUNTY_A
    ),
    "lms:onboarding_slips": R("GET", "/people/slips/", C.MANAGE_PEOPLE),
    "lms:roster_import": R("GET", "/people/import/", C.MANAGE_PEOPLE),
    "lms:roster_import_template": R("GET", "/people/import/template.xlsx", C.VIEW_PEOPLE),
    "lms:roster_import_detail": R(
        "GET", "/people/import/{roster_import}/", C.VIEW_PEOPLE, COUNTY_A
    ),
    "lms:roster_import_confirm": R(
        "POST", "/people/import/{roster_import}/confirm/", C.MANAGE_PEOPLE, COUNTY_A
    ),
    "lms:staff_accounts": R("GET", "/people/staff/", C.MANAGE_PEOPLE),
    # courses: staff read the lessons too, without a reading record
    "courses:start": R("GET", "/learn/"),
    "courses:search": R("GET", "/learn/search/?q=签字"),
    "courses:lesson_complete": R("POST", "/learn/lessons/{lesson_id}/complete/", C.LEARN),
    "courses:lesson_reading": R("POST", "/learn/lessons/{lesson_id}/reading/", C.LEARN),
    "courses:lesson_watching": R("POST", "/learn/lessons/{lesson_id}/watching/", C.LEARN),
    # A document that is not one of the lesson's videos: not found for every member.
    "courses:lesson_video": R("GET", "/learn/lessons/{lesson_id}/video/999999/", owner=NOBODY),
    # Reading progress: supervisors see their own people (none of county A's).
    "courses:reading_table": R("GET", "/learn/reading/", C.FOLLOW_PEOPLE),
    "courses:person_reading": R("GET", "/learn/people/{aux}/reading/", C.FOLLOW_PEOPLE, COUNTY_A),
    # exams: the attempt is county A's learner's, and nobody else's
    "exams:overview": R("GET", "/exams/", C.LEARN),
    "exams:start": R("POST", "/exams/start/", C.LEARN),
    # A course's quiz: the course is nobody's; the attempt it opens is the learner's own (county
    # B's learner has not read the course, so is sent back to it with the reason).
    "exams:quiz_start": R("POST", "/exams/quizzes/{quiz_course}/start/", C.LEARN),
    # The worker that keeps an open paper on the device holds nothing of anyone's.
    "exams:service_worker": Route("GET", "/exams/sw.js", fixed="PPPPPPP"),
    "exams:attempt": R("GET", "/exams/attempts/{attempt}/", C.LEARN, NOBODY),
    "exams:save": R("POST", "/exams/attempts/{attempt}/save/", C.LEARN, NOBODY),
    "exams:submit": R("POST", "/exams/attempts/{attempt}/submit/", C.LEARN, NOBODY),
    "exams:result": R("GET", "/exams/attempts/{attempt}/result/", C.LEARN, NOBODY),
    "exams:staff_attempts": R("GET", "/exams/staff/attempts/", C.FOLLOW_PEOPLE),
    "exams:grading": R("GET", "/exams/staff/grading/", C.GRADE_EXAMS),
    "exams:grade_attempt": R("GET", "/exams/staff/grading/{attempt}/", C.GRADE_EXAMS, COUNTY_A),
    "exams:staff_attempt_detail": R(
        "GET", "/exams/staff/attempts/{attempt}/", C.FOLLOW_PEOPLE, COUNTY_A
    ),
    # exam sessions: county A's session, proctored by its admins (supervisor B is not named);
    # the waiting room is its candidate's (county A's learner) and nobody else's
    "exams:sessions:list": R("GET", "/exams/sessions/", C.PROCTOR),
    "exams:sessions:new": R("GET", "/exams/sessions/new/", C.MANAGE_PEOPLE),
    "exams:sessions:detail": R("GET", "/exams/sessions/{session}/", C.PROCTOR, COUNTY_A),
    "exams:sessions:enrol": R("GET", "/exams/sessions/{session}/enrol/", C.MANAGE_PEOPLE, COUNTY_A),
    "exams:sessions:confirm": R(
        "POST", "/exams/sessions/{session}/confirm/", C.MANAGE_PEOPLE, COUNTY_A
    ),
    "exams:sessions:cancel": R(
        "POST", "/exams/sessions/{session}/cancel/", C.MANAGE_PEOPLE, COUNTY_A
    ),
    "exams:sessions:reschedule": R(
        "POST", "/exams/sessions/{session}/reschedule/", C.MANAGE_PEOPLE, COUNTY_A
    ),
    "exams:sessions:draw_status": R(
        "GET", "/exams/sessions/{session}/draws/{session_draw}/status/", C.PROCTOR, COUNTY_A
    ),
    "exams:sessions:live": R("GET", "/exams/sessions/{session}/live/", C.PROCTOR, COUNTY_A),
    "exams:sessions:live_rows": R(
        "GET", "/exams/sessions/{session}/live/rows/", C.PROCTOR, COUNTY_A
    ),
    "exams:sessions:candidate_action": R(
        "POST",
        "/exams/sessions/{session}/candidates/{session_candidate}/extend/",
        C.PROCTOR,
        COUNTY_A,
    ),  # fmt: skip
    "exams:sessions:clock": R(
        "POST", "/exams/sessions/{session}/clock/pause/", C.PROCTOR, COUNTY_A
    ),
    "exams:sessions:report": R("GET", "/exams/sessions/{session}/report/", C.PROCTOR, COUNTY_A),
    "exams:sessions:report_xlsx": R(
        "GET", "/exams/sessions/{session}/report.xlsx", C.PROCTOR, COUNTY_A
    ),
    "exams:sessions:room": R("GET", "/exams/sessions/{session}/room/", C.LEARN, NOBODY),
    "exams:sessions:room_status": R(
        "GET", "/exams/sessions/{session}/room/status/", C.LEARN, NOBODY
    ),
    "exams:sessions:room_sealed": R(
        "GET", "/exams/sessions/{session}/room/sealed/", C.LEARN, NOBODY
    ),
    "exams:sessions:room_key": R("GET", "/exams/sessions/{session}/room/key/", C.LEARN, NOBODY),
    "exams:sessions:room_open": R("POST", "/exams/sessions/{session}/room/open/", C.LEARN, NOBODY),
    "exams:sessions:room_event": R(
        "POST", "/exams/sessions/{session}/room/event/", C.LEARN, NOBODY
    ),
    "exams:sessions:room_photo": R("GET", "/exams/sessions/{session}/room/photo/", C.LEARN, NOBODY),
    # credentials: supervisors work with people, not credential records
    "credentials:list": R("GET", "/credentials/", C.VIEW_PEOPLE),
    "credentials:mine": R("GET", "/credentials/mine/", C.LEARN),
    "credentials:awaiting": R("GET", "/credentials/awaiting/", C.MANAGE_PEOPLE),
    "credentials:detail": R("GET", "/credentials/{credential}/", C.VIEW_PEOPLE, COUNTY_A),
    "credentials:card": R("GET", "/credentials/{credential}/card.png", C.VIEW_CARDS, COUNTY_A),
    "credentials:action": R("POST", "/credentials/{credential}/action/", C.MANAGE_PEOPLE, COUNTY_A),
    "credentials:auxiliary": R("GET", "/credentials/auxiliary/{aux}/", C.VIEW_PEOPLE, COUNTY_A),
    "credentials:issue": R(
        "POST", "/credentials/auxiliary/{aux}/issue/", C.MANAGE_PEOPLE, COUNTY_A
    ),
    "credentials:checklists": R("GET", "/credentials/returns/", C.VIEW_PEOPLE),
    "credentials:checklist": R("GET", "/credentials/returns/{checklist}/", C.VIEW_PEOPLE, COUNTY_A),
    "credentials:return_item": R(
        "POST", "/credentials/returns/items/{return_item}/", C.MANAGE_PEOPLE, COUNTY_A
    ),
    # Printing cards is an agency task: oversight viewers do not see the print runs.
    "credentials:batches": R("GET", "/credentials/batches/", C.MANAGE_PEOPLE),
    "credentials:batch": R("GET", "/credentials/batches/{batch}/", C.MANAGE_PEOPLE, COUNTY_A),
    "credentials:batch_status": R(
        "GET", "/credentials/batches/{batch}/status.json", C.MANAGE_PEOPLE, COUNTY_A
    ),
    "credentials:batch_download": R(
        "GET", "/credentials/batches/{batch}/cards.zip", C.MANAGE_PEOPLE, COUNTY_A
    ),
    "credentials:filing_sheet": R("GET", "/credentials/filing-sheet/", C.VIEW_PEOPLE),
    # assessments: the assessment is county A's learner's, scored by county A's supervisor.
    # The scoring list is the supervisor's own; admins follow cycles instead.
    "assessments:my_forms": R("GET", "/assessments/score/", C.SCORE),
    "assessments:mine": R("GET", "/assessments/mine/", C.LEARN),
    "assessments:cycle_list": R("GET", "/assessments/cycles/", C.VIEW_PEOPLE),
    "assessments:cycle_open": R("GET", "/assessments/cycles/new/", C.MANAGE_PEOPLE),
    "assessments:cycle_detail": R("GET", "/assessments/cycles/{cycle}/", C.VIEW_PEOPLE, COUNTY_A),
    "assessments:template_list": R("GET", "/assessments/templates/", C.VIEW_PEOPLE),
    # The cycle's template is the province's: every agency may look at it and adapt it …
    "assessments:template_detail": R("GET", "/assessments/templates/{template}/", C.MANAGE_PEOPLE),
    # … and none edits it here (it is edited in the content admin).
    "assessments:template_edit": R(
        "GET", "/assessments/templates/{template}/edit/", C.MANAGE_PEOPLE, NOBODY
    ),
    # The notice is county A's supervisor's.
    "assessments:notice_read": R("POST", "/assessments/notices/{notice}/read/", owner=NOBODY),
    "assessments:detail": R("GET", "/assessments/{assessment}/", C.READ_ASSESSMENTS, COUNTY_A),
    "assessments:pdf": R("GET", "/assessments/{assessment}/form.pdf", C.READ_ASSESSMENTS, COUNTY_A),
    "assessments:cycle_print": R(
        "POST", "/assessments/cycles/{cycle}/print/", C.VIEW_PEOPLE, COUNTY_A
    ),
    "assessments:print_status": R(
        "GET", "/assessments/prints/{cycle_print}/status.json", C.VIEW_PEOPLE, COUNTY_A
    ),
    "assessments:print_download": R(
        "GET", "/assessments/prints/{cycle_print}/download/", C.VIEW_PEOPLE, COUNTY_A
    ),
    "assessments:score": R("GET", "/assessments/{assessment}/score/", C.SCORE, COUNTY_A),
    "assessments:draft": R("POST", "/assessments/{assessment}/draft/", C.SCORE, COUNTY_A),
    # Staff in scope get the page back with the refusal; only the auxiliary can respond.
    "assessments:respond": R(
        "POST", "/assessments/{assessment}/respond/", C.READ_ASSESSMENTS, COUNTY_A
    ),
    "assessments:uphold": R("POST", "/assessments/{assessment}/uphold/", C.MANAGE_PEOPLE, COUNTY_A),
    "assessments:amend": R("POST", "/assessments/{assessment}/amend/", C.MANAGE_PEOPLE, COUNTY_A),
    "assessments:decide": R("POST", "/assessments/{assessment}/decide/", C.MANAGE_PEOPLE, COUNTY_A),
    # reports: oversight viewers build reports for their jurisdiction, so they may retry one.
    "reports:index": R("GET", "/reports/", C.VIEW_REPORTS),
    "reports:cycle": R("GET", "/reports/cycles/{cycle}/", C.VIEW_REPORTS, COUNTY_A),
    "reports:training": R("GET", "/reports/training/", C.VIEW_REPORTS),
    # Per agency of the viewer's scope (a county admin sees one line).
    "reports:training_hours": R("GET", "/reports/training-hours/", C.VIEW_REPORTS),
    "reports:status": R("GET", "/reports/{report}/status.json", C.VIEW_REPORTS, COUNTY_A),
    "reports:download": R("GET", "/reports/{report}/download/", C.VIEW_REPORTS, COUNTY_A),
    "reports:retry": R("POST", "/reports/{report}/retry/", C.VIEW_REPORTS, COUNTY_A),
    # training: county A's ledger entry, classroom session, outside record, plan and workbook.
    # A learner's own record is /training/ (nobody else's can be asked for).
    "training:mine": R("GET", "/training/", C.LEARN),
    "training:people": R("GET", "/training/people/", C.FOLLOW_PEOPLE),
    "training:person": R("GET", "/training/people/{aux}/", C.FOLLOW_PEOPLE, COUNTY_A),
    "training:person_pdf": R(
        "GET", "/training/people/{aux}/certificate.pdf", C.FOLLOW_PEOPLE, COUNTY_A
    ),
    "training:my_pdf": R("GET", "/training/mine/record.pdf", C.LEARN),
    "training:correct": R(
        "POST", "/training/entries/{ledger_entry}/correct/", C.MANAGE_PEOPLE, COUNTY_A
    ),
    "training:sessions": R("GET", "/training/sessions/", C.VIEW_PEOPLE),
    "training:session_new": R("GET", "/training/sessions/new/", C.MANAGE_PEOPLE),
    "training:session": R("GET", "/training/sessions/{classroom}/", C.VIEW_PEOPLE, COUNTY_A),
    "training:outside": R("GET", "/training/outside/", C.VIEW_PEOPLE),
    "training:outside_new": R("GET", "/training/outside/new/", C.MANAGE_PEOPLE),
    "training:outside_decide": R(
        "POST", "/training/outside/{outside}/decide/", C.MANAGE_PEOPLE, COUNTY_A
    ),
    "training:outside_scan": R("GET", "/training/outside/{outside}/scan/", C.VIEW_PEOPLE, COUNTY_A),
    "training:plans": R("GET", "/training/plans/", C.VIEW_PEOPLE),
    "training:plan_new": R("GET", "/training/plans/new/", C.MANAGE_PEOPLE),
    "training:plan": R("GET", "/training/plans/{plan}/", C.VIEW_PEOPLE, COUNTY_A),
    "training:requirement": R("GET", "/training/requirement/", C.MANAGE_PEOPLE),
    "training:report_request": R("POST", "/training/reports/", C.VIEW_REPORTS),
    "training:report_status": R(
        "GET", "/training/reports/{hours_report}/status.json", C.VIEW_REPORTS, COUNTY_A
    ),
    "training:report_download": R(
        "GET", "/training/reports/{hours_report}/download/", C.VIEW_REPORTS, COUNTY_A
    ),
    # api: the tokens page; the token is county A's admin's.
    "api:tokens": R("GET", "/api/tokens/", C.MANAGE_PEOPLE),
    "api:token_revoke": R("POST", "/api/tokens/{api_token}/revoke/", C.MANAGE_PEOPLE, COUNTY_A),
    "api:webhooks": R("GET", "/api/webhooks/", C.MANAGE_PEOPLE),
    "api:delivery_resend": R(
        "POST", "/api/webhooks/deliveries/{delivery}/resend/", C.MANAGE_PEOPLE, COUNTY_A
    ),
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
                if route.startswith(ADMIN_PREFIXES + TOKEN_PREFIXES):
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

    from api.events import event_record
    from api.tokens import token_create
    from api.webhooks import endpoint_create
    from assessments.models import CyclePrint, Notice
    from courses.models import LessonPage
    from credentials.models import CardBatch, ReturnChecklist, ReturnItem
    from lms.jobs.models import JobStatus
    from lms.models import ImportStatus, RosterImport
    from reports.models import ReportFile
    from tests.credentials.factories import credential, ready_for_credential
    from tests.exams.test_course_quiz import make_in_service_course, make_quiz
    from tests.reports.factories import make_assessment, make_cycle

    aux = org.aux_a
    course, exam = ready_for_credential(aux)
    attempt = exam.attempts.get(auxiliary=aux)
    cred = credential(aux)
    aux.status = "credentialed"  # on duty with the credential, so the public roster lists them
    aux.save(update_fields=["status"])
    lesson = course.add_child(instance=LessonPage(title="第十九条", slug="art-19-matrix"))
    lesson.save_revision().publish()
    checklist = ReturnChecklist.objects.create(auxiliary=aux, credential=cred, reason="离职")
    item = ReturnItem.objects.create(checklist=checklist, kind="card")
    batch = CardBatch.objects.create(
        agency=org.county_a, requested_by=org.admin_a, status=JobStatus.DONE
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
    cycle_print = CyclePrint.objects.create(
        cycle=cycle, agency=org.county_a, requested_by=org.admin_a, status="done"
    )
    cycle_print.file.save("forms.pdf", ContentFile(b"%PDF-1.7"), save=True)
    api_token = token_create(actor=org.admin_a, name="甲县人事系统", access="read", days=30).token
    endpoint_create(
        actor=org.admin_a,
        agency=org.county_a,
        url="http://127.0.0.1:9/",
        event_types=["exam.passed"],
    )
    delivery = event_record(
        key="matrix", event_type="exam.passed", agency=org.county_a, payload={}
    ).deliveries.get()
    aux.photo.save("a.png", ContentFile(_png()), save=True)
    session, session_candidate, session_draw = _exam_session(org, exam, aux)
    training = _training_records(org, aux)
    quiz_course = make_in_service_course()
    make_quiz(quiz_course)
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
        "cycle_print": cycle_print.pk,
        "api_token": api_token.pk,
        "delivery": delivery.pk,
        "session": session.pk,
        "session_candidate": session_candidate.pk,
        "session_draw": session_draw.pk,
        "lesson_id": lesson.pk,
        "quiz_course": quiz_course.pk,
        "lesson_url": Page.objects.get(pk=lesson.pk).url,
        **training,
    }
    return users, values


def _training_records(org, aux) -> dict:
    """County A's training records: a ledger entry, a session, an outside record, a plan and
    an hours workbook (done)."""
    import datetime
    from decimal import Decimal

    from django.core.files.base import ContentFile

    from courses.models import TrainingCategory
    from training import services
    from training.models import HoursReport, OutsideTraining, TrainingPlan

    law = TrainingCategory.objects.get_or_create(name="法律法规")[0]
    day = datetime.date(2026, 3, 1)
    classroom = services.session_record(
        actor=org.admin_a, agency=org.county_a, attendees=[aux], date=day, topic="面授",
        category=law, hours=Decimal("2"), trainer="李",
    )  # fmt: skip
    entry = aux.ledgers.get().entries.get()
    outside = OutsideTraining(
        auxiliary=aux, date=day, title="外训", issuer="红十字会", category=law, hours=Decimal("2")
    )
    outside.scan.save("scan.pdf", ContentFile(b"%PDF"), save=True)
    plan = TrainingPlan.objects.create(
        title="甲县计划", agency=org.county_a, due_date=day, cohort="in_service"
    )
    report = HoursReport.objects.create(agency=org.county_a, year=2026, status="done")
    report.file.save("hours.xlsx", ContentFile(b"PK"), save=True)
    return {
        "ledger_entry": entry.pk,
        "classroom": classroom.pk,
        "outside": outside.pk,
        "plan": plan.pk,
        "hours_report": report.pk,
    }


def _exam_session(org, exam, aux):
    """County A's confirmed exam session an hour ahead, with county A's learner enrolled."""
    import datetime

    from django.utils import timezone

    from exams.models import ExamSession, PaperDraw, SessionCandidate

    start = timezone.now() + datetime.timedelta(hours=1)
    session = ExamSession.objects.create(
        exam=exam, agency=org.county_a, title="岗前考试场次", venue="会议室", starts_at=start,
        check_in_at=start - datetime.timedelta(minutes=30),
        late_cutoff_at=start + datetime.timedelta(minutes=15), ends_at=start + exam.time_limit,
        status="confirmed",
    )  # fmt: skip
    candidate = SessionCandidate.objects.create(session=session, auxiliary=aux)
    draw = PaperDraw.objects.create(session=session, status="done")
    return session, candidate, draw


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
    if status == 403:
        return "F"
    if status == 404:
        return "N"
    if status in (200, 301, 302, 303, 400, 405, 409):
        return "A"
    return f"?{status}"


def matches(expected: str, observed: str) -> bool:
    if expected == "P":
        return observed in {"A", "N"}
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


def test_the_docstring_table_is_the_table_the_views_use():
    """lms.permissions' docstring shows the capability table: it may not drift from the code."""
    import lms.permissions as policy

    short = {
        "learner": Role.LEARNER,
        "supervisor": Role.SUPERVISOR,
        "agency_admin": Role.AGENCY_ADMIN,
        "oversight": Role.OVERSIGHT,
        "provincial": Role.PROVINCIAL_ADMIN,
    }
    lines = policy.__doc__.splitlines()
    rules = [i for i, line in enumerate(lines) if line.startswith("=" * 17 + "  =")]
    documented: dict[str, set[str]] = {}
    for line in lines[rules[1] + 1 : rules[2]]:
        if line[:19].strip():  # a row starts; its roles may go on over the next lines
            roles = documented.setdefault(line[:19].strip(), set())
        cell = line[71:].replace("every role", " ".join(short)).replace(",", " ")
        roles |= {short[word] for word in cell.split()}
    assert documented == {str(cap): set(roles) for cap, roles in CAPABILITIES.items()}


def test_navigation_offers_only_pages_the_role_may_open(rf, world):
    """Each link in the navigation and on a person's record asks the predicate of the page's
    own decorator: a link never leads to a 403."""
    from django.urls import resolve

    from lms.hooks import nav_items, person_links
    from lms.models import Auxiliary

    users, values = world
    aux = Auxiliary.objects.get(pk=values["aux"])
    checked = 0
    for role, user in users.items():
        if user is None:
            continue
        request = rf.get("/")
        request.user = user
        links = nav_items(request) + person_links(request, aux)
        for link in links:
            capability = getattr(resolve(link.url.split("?")[0]).func, "capability", None)
            if capability is not None:
                checked += 1
                assert ROLE_OF[role] in CAPABILITIES[capability], (role, link.url)
    assert checked >= 10
