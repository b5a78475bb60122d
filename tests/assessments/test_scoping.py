"""Who sees what: supervisors their own auxiliaries, admins their agencies, learners themselves."""

import json

import pytest

from assessments.models import AssessmentStatus
from tests import factories
from tests.assessments import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycles(org):
    f.credentialed(org.aux_a, org.aux_b)
    a = f.open_cycle(org)
    b = f.open_cycle(org, agency=org.county_b, name="乙县考核")
    return a, b


def test_supervisor_cannot_open_another_supervisors_form(client, org, cycles):
    a, _b = cycles
    assessment = f.assessment_of(a, org.aux_a)
    other = factories.make_user("supervisor", org.county_a, username="sup_a_other")
    client.force_login(other)
    assert client.get(f"/assessments/{assessment.pk}/score/").status_code == 404
    assert client.get(f"/assessments/{assessment.pk}/").status_code == 404
    response = client.post(
        f"/assessments/{assessment.pk}/draft/", "{}", content_type="application/json"
    )
    assert response.status_code == 404
    client.force_login(org.supervisor_b)
    assert client.get(f"/assessments/{assessment.pk}/score/").status_code == 404
    assert org.aux_a.name not in client.get("/assessments/score/").content.decode()


def test_supervisor_sees_their_own_forms(client, org, cycles):
    a, _b = cycles
    client.force_login(org.supervisor_a)
    page = client.get("/assessments/score/").content.decode()
    assert org.aux_a.name in page and org.aux_b.name not in page
    assessment = f.assessment_of(a, org.aux_a)
    assert client.get(f"/assessments/{assessment.pk}/score/").status_code == 200


def test_county_admin_cannot_see_another_countys_cycle_or_assessment(client, org, cycles):
    a, b = cycles
    client.force_login(org.admin_a)
    assert client.get(f"/assessments/cycles/{b.cycle.pk}/").status_code == 404
    assessment_b = f.assessment_of(b, org.aux_b)
    assert client.get(f"/assessments/{assessment_b.pk}/").status_code == 404
    assert client.post(f"/assessments/{assessment_b.pk}/decide/", {}).status_code == 404
    assert client.get(f"/assessments/{assessment_b.pk}/amend/").status_code == 404
    listing = client.get("/assessments/cycles/").content.decode()
    assert "乙县考核" not in listing and a.cycle.name in listing


def test_city_admin_and_oversight_see_both_counties(client, org, cycles):
    _a, b = cycles
    for user in (org.city_admin, org.oversight):
        client.force_login(user)
        assert client.get(f"/assessments/cycles/{b.cycle.pk}/").status_code == 200


def test_oversight_cannot_decide_or_open(client, org, cycles):
    a, _b = cycles
    assessment = f.submit(f.assessment_of(a, org.aux_a), "8")
    client.force_login(org.oversight)
    assert client.get(f"/assessments/{assessment.pk}/").status_code == 200
    assert client.get("/assessments/cycles/new/").status_code == 403
    response = client.post(
        f"/assessments/{assessment.pk}/decide/", {"outcome": "renew", "contract_end": "2029-1-1"}
    )
    assert response.status_code == 403


def test_learner_sees_only_their_own(client, org, cycles):
    a, b = cycles
    mine = f.submit(f.assessment_of(a, org.aux_a), "8")
    theirs = f.submit(f.assessment_of(b, org.aux_b), "8")
    client.force_login(org.learner_a)
    assert client.get(f"/assessments/{mine.pk}/").status_code == 200
    assert client.get(f"/assessments/{theirs.pk}/").status_code == 404
    assert (
        client.post(f"/assessments/{theirs.pk}/respond/", {"choice": "acknowledge"}).status_code
        == 404
    )
    # Pages the role never uses are refused (403), whoever's the object; not a 404.
    assert client.get("/assessments/score/").status_code == 403
    assert client.get("/assessments/cycles/").status_code == 403


def test_learners_cannot_write_drafts(client, org, cycles):
    a, _b = cycles
    assessment = f.assessment_of(a, org.aux_a)
    client.force_login(org.learner_a)
    response = client.post(
        f"/assessments/{assessment.pk}/draft/",
        json.dumps({"days_absent": "0"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.PENDING


def test_navigation_is_role_aware(client, org):
    client.force_login(org.supervisor_a)
    assert 'href="/assessments/score/"' in client.get("/").content.decode()
    client.force_login(org.admin_a)
    assert 'href="/assessments/cycles/"' in client.get("/").content.decode()
    client.force_login(org.learner_a)
    assert 'href="/assessments/mine/"' in client.get("/").content.decode()


def test_templates_an_agency_sees_are_the_provinces_and_its_own_copies(client, org):
    from assessments.models import AssessmentTemplate
    from lms.permissions import visible_templates
    from tests.reports.factories import make_template

    province = make_template("省模板")
    copy_a = make_template("甲县模板")
    copy_a.agency = org.county_a
    copy_a.save(update_fields=["agency"])

    def visible(user):
        return set(
            visible_templates(user, AssessmentTemplate.objects.all()).values_list("pk", flat=True)
        )

    assert visible(org.admin_a) == {province.pk, copy_a.pk}
    assert visible(org.city_admin) == {province.pk, copy_a.pk}
    assert visible(org.provincial_admin) == {province.pk, copy_a.pk}
    assert visible(org.admin_b) == {province.pk}
    # Oversight reads the province's template, not an agency's working copy.
    assert visible(org.oversight) == {province.pk}
    assert visible(org.supervisor_a) == visible(org.learner_a) == set()

    client.force_login(org.admin_b)
    assert "甲县模板" not in client.get("/assessments/templates/").content.decode()
    assert client.get(f"/assessments/templates/{copy_a.pk}/").status_code == 404
    assert client.get(f"/assessments/templates/{copy_a.pk}/edit/").status_code == 404
    client.force_login(org.admin_a)
    assert client.get(f"/assessments/templates/{copy_a.pk}/").status_code == 200
    # Oversight may list templates but never opens the adapt/edit pages: 403, whoever's.
    client.force_login(org.oversight)
    assert client.get(f"/assessments/templates/{province.pk}/").status_code == 403
    assert client.get(f"/assessments/templates/{copy_a.pk}/edit/").status_code == 403
