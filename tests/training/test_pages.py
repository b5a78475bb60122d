"""The training pages as their users meet them: scoping that tries to break it, the classroom
import all or nothing, outside training approval, plans by cohort, query counts."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from lms.models import AuxiliaryStatus
from tests.factories import make_learner
from tests.training.factories import category, give_hours, in_service_course
from training import selectors, services
from training.models import ClassroomSession, Cohort, LedgerEntry, OutsideStatus, OutsideTraining

pytestmark = pytest.mark.django_db
YEAR = datetime.date.today().year


def _sheet(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(["姓名", "身份证号"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("签到表.xlsx", buffer.getvalue())


def _session_post(**extra):
    return {
        "date": f"{YEAR}-04-02", "topic": "文明执法", "category": category("业务技能").pk,
        "hours": "3", "trainer": "李老师", **extra,
    }  # fmt: skip


def test_an_admin_records_a_session_from_a_sign_in_sheet_and_each_attendee_gets_the_hours(
    client, org
):
    second = make_learner(org.county_a, name="甲二")
    client.force_login(org.admin_a)
    sheet = _sheet([["甲一", org.aux_a.id_number], ["甲二", second.id_number]])
    response = client.post("/training/sessions/new/", _session_post(sign_in_sheet=sheet))
    assert response.status_code == 302
    session = ClassroomSession.objects.get()
    assert set(session.attendees.all()) == {org.aux_a, second}
    for person in (org.aux_a, second):
        assert selectors.person_standing(person, YEAR).totals.total == Decimal("3")
    page = client.get(f"/training/people/{second.pk}/").content.decode()
    assert "文明执法" in page


def test_a_sign_in_sheet_with_one_bad_row_imports_nothing_and_names_the_row(client, org):
    client.force_login(org.admin_a)
    sheet = _sheet([["甲一", org.aux_a.id_number], ["乙一", org.aux_b.id_number]])
    response = client.post("/training/sessions/new/", _session_post(sign_in_sheet=sheet))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-row="3"' in html and "乙一" in html
    assert not ClassroomSession.objects.exists() and not LedgerEntry.objects.exists()
    # What was typed stays in the form.
    assert 'value="文明执法"' in html


def test_a_file_that_is_not_a_workbook_is_refused_with_a_message(client, org):
    client.force_login(org.admin_a)
    junk = SimpleUploadedFile("签到表.xlsx", b"PK\x03\x04 not a zip")
    response = client.post("/training/sessions/new/", _session_post(sign_in_sheet=junk))
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    assert not ClassroomSession.objects.exists()


def test_another_agencys_person_cannot_be_picked_as_attendee(client, org):
    client.force_login(org.admin_a)
    response = client.post("/training/sessions/new/", _session_post(attendees=[org.aux_b.pk]))
    assert response.status_code == 200
    assert not LedgerEntry.objects.exists()


def test_another_agencys_records_are_not_found(client, org):
    entry = give_hours(org.aux_b, 2)
    session = services.session_record(
        actor=org.admin_b, agency=org.county_b, attendees=[org.aux_b],
        date=datetime.date(YEAR, 2, 1), topic="乙县培训", category=category(), hours=Decimal("2"),
        trainer="王",
    )  # fmt: skip
    client.force_login(org.admin_a)
    assert client.get(f"/training/people/{org.aux_b.pk}/").status_code == 404
    assert client.get(f"/training/sessions/{session.pk}/").status_code == 404
    response = client.post(
        f"/training/entries/{entry.pk}/correct/", {"hours_delta": "-2", "reason": "试图篡改"}
    )
    assert response.status_code == 404
    assert LedgerEntry.objects.count() == 2  # no correction was written
    assert "乙一" not in client.get("/training/people/").content.decode()
    # A supervisor sees their own people only.
    client.force_login(org.supervisor_a)
    assert client.get(f"/training/people/{org.aux_b.pk}/").status_code == 404
    assert "甲一" in client.get("/training/people/").content.decode()


def test_outside_training_counts_only_once_approved(client, org):
    client.force_login(org.admin_a)
    scan = SimpleUploadedFile("证书.pdf", b"%PDF-1.4 scan")
    response = client.post(
        "/training/outside/new/",
        {
            "auxiliary": org.aux_a.pk, "date": f"{YEAR}-05-01", "title": "急救培训",
            "issuer": "红十字会", "category": category("安全与应急").pk, "hours": "8", "scan": scan,
        },
    )  # fmt: skip
    assert response.status_code == 302
    record = OutsideTraining.objects.get()
    assert record.status == OutsideStatus.PENDING
    assert selectors.person_standing(org.aux_a, YEAR).totals.total == 0
    # Another county's admin may not decide it.
    client.force_login(org.admin_b)
    assert (
        client.post(f"/training/outside/{record.pk}/decide/", {"decision": "approve"}).status_code
        == 404
    )
    client.force_login(org.admin_a)
    client.post(f"/training/outside/{record.pk}/decide/", {"decision": "approve"})
    record.refresh_from_db()
    assert record.status == OutsideStatus.APPROVED
    assert selectors.person_standing(org.aux_a, YEAR).totals.total == Decimal("8")
    # Approving twice writes nothing more.
    client.post(f"/training/outside/{record.pk}/decide/", {"decision": "approve"})
    assert LedgerEntry.objects.count() == 1


def test_a_rejection_needs_a_note(client, org):
    record = services.outside_submit(
        actor=org.admin_a, auxiliary=org.aux_a, date=datetime.date(YEAR, 5, 1), title="x",
        issuer="y", category=category(), hours=Decimal("2"),
        scan=SimpleUploadedFile("a.pdf", b"%PDF"),
    )  # fmt: skip
    client.force_login(org.admin_a)
    client.post(f"/training/outside/{record.pk}/decide/", {"decision": "reject"})
    record.refresh_from_db()
    assert record.status == OutsideStatus.PENDING


@pytest.mark.parametrize("cohort", [Cohort.IN_SERVICE, Cohort.POST, Cohort.AGENCY, Cohort.PICKED])
def test_a_plan_reaches_its_cohort_and_no_one_else(org, cohort):
    course = in_service_course()
    org.aux_a.status = AuxiliaryStatus.CREDENTIALED
    org.aux_a.save()
    other_post = make_learner(org.county_a, name="甲三", post="巡查岗", status="credentialed")
    fields = {"post": org.aux_a.post} if cohort == Cohort.POST else {}
    if cohort == Cohort.AGENCY:
        fields["cohort_agency"] = org.county_a
    people = [org.aux_a] if cohort == Cohort.PICKED else []
    services.plan_create(
        actor=org.city_admin, agency=org.city, courses=[course], people=people, cohort=cohort,
        title="计划", due_date=datetime.date(YEAR, 12, 1), **fields,
    )  # fmt: skip
    assert [d.course for d in selectors.due_courses(org.aux_a)] == [course]
    reached_other = bool(selectors.due_courses(other_post))
    assert reached_other == (cohort in (Cohort.IN_SERVICE, Cohort.AGENCY))
    # County B's learner is in the city too, with the same post, but in pre-job training and
    # not in county A: only the rule by post reaches them.
    assert bool(selectors.due_courses(org.aux_b)) == (cohort == Cohort.POST)


def test_the_learners_home_shows_this_years_hours_and_what_is_due(client, org):
    org.aux_a.status = AuxiliaryStatus.CREDENTIALED
    org.aux_a.save()
    services.requirement_set(
        actor=org.provincial_admin, agency=org.province, total_hours=Decimal("24"),
        minimums={category(): Decimal("8")},
    )  # fmt: skip
    course = in_service_course()
    services.plan_create(
        actor=org.admin_a, agency=org.county_a, courses=[course], cohort=Cohort.IN_SERVICE,
        title="甲县计划", due_date=datetime.date(YEAR, 12, 1),
    )  # fmt: skip
    give_hours(org.aux_a, 12, day=datetime.date(YEAR, 2, 1))
    client.force_login(org.learner_a)
    html = client.get("/").content.decode()
    assert 'data-role="hours-done">12<' in html and 'data-role="hours-required">24<' in html
    assert course.title in html


def test_query_count_of_the_people_table_does_not_grow_with_people(client, org):
    def count():
        client.force_login(org.admin_a)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/training/people/").status_code == 200
        return len(queries)

    give_hours(org.aux_a, 2)
    count()  # the first request of a login loads its session and caches
    few = count()
    for n in range(6):
        give_hours(make_learner(org.county_a, name=f"甲{n + 10}"), 3)
    assert count() == few


def test_the_province_records_one_session_for_people_of_two_counties(client, org):
    client.force_login(org.provincial_admin)
    response = client.post(
        "/training/sessions/new/", _session_post(attendees=[org.aux_a.pk, org.aux_b.pk])
    )
    assert response.status_code == 302
    session = ClassroomSession.objects.get()
    assert session.agency == org.province
    assert LedgerEntry.objects.count() == 2
