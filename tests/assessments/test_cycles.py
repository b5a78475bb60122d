"""Opening a cycle: who gets an assessment, who lacks a supervisor, the template freezes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from assessments import services
from assessments.models import Assessment, AssessmentStatus
from lms.models import AgencyLevel, AuxiliaryStatus
from tests import factories
from tests.assessments import factories as f

pytestmark = pytest.mark.django_db


def test_one_pending_assessment_per_credentialed_auxiliary(org):
    f.credentialed(org.aux_a)
    second = factories.make_learner(org.county_a, supervisor=org.supervisor_a)
    nobody = factories.AuxiliaryFactory(agency=org.county_a, supervisor=None)
    in_training = factories.AuxiliaryFactory(agency=org.county_a, supervisor=org.supervisor_a)
    factories.AuxiliaryFactory(
        agency=org.county_a, supervisor=org.supervisor_a, status=AuxiliaryStatus.DISMISSED
    )
    f.credentialed(second, nobody)
    f.credentialed(org.aux_b)  # another county: not in this cycle

    opened = f.open_cycle(org)

    assert opened.created == 3
    assessments = Assessment.objects.filter(cycle=opened.cycle)
    assert {a.auxiliary for a in assessments} == {org.aux_a, second, nobody}
    assert in_training not in {a.auxiliary for a in assessments}
    assert all(a.status == AssessmentStatus.PENDING for a in assessments)
    assert assessments.get(auxiliary=org.aux_a).supervisor == org.supervisor_a
    assert opened.without_supervisor == [nobody]


def test_subordinate_agencies_are_included_on_request(org):
    f.credentialed(org.aux_a, org.aux_b)
    township = factories.AgencyFactory(parent=org.county_a, level=AgencyLevel.TOWNSHIP)
    deep = factories.AuxiliaryFactory(agency=township, supervisor=org.supervisor_a)
    f.credentialed(deep)
    only_city = f.open_cycle(org, agency=org.city, actor=org.city_admin, name="市局")
    assert only_city.created == 0
    everyone = f.open_cycle(
        org, agency=org.city, actor=org.city_admin, include_subordinates=True, name="全市"
    )
    assert everyone.created == 3
    assert {a.auxiliary for a in everyone.cycle.assessments.all()} == {
        org.aux_a,
        org.aux_b,
        deep,
    }


def test_opening_freezes_the_template(org):
    template = f.make_template()
    assert not template.frozen
    f.open_cycle(org, template=template)
    template.refresh_from_db()
    assert template.frozen


def test_an_admin_cannot_open_a_cycle_for_another_county(org):
    with pytest.raises(PermissionDenied):
        f.open_cycle(org, agency=org.county_b, actor=org.admin_a)
    with pytest.raises(PermissionDenied):
        f.open_cycle(org, agency=org.county_a, actor=org.supervisor_a)


def test_a_template_whose_weights_do_not_total_100_cannot_be_used(org):
    template = f.make_template([("de", "守纪", "conduct", 50, 10), ("ji", "任务", "task", 40, 10)])
    with pytest.raises(services.AssessmentError) as caught:
        f.open_cycle(org, template=template)
    assert "100" in " ".join(caught.value.messages)


def test_another_agencys_template_cannot_be_used(org):
    template = f.make_template(agency=org.county_b)
    with pytest.raises(services.AssessmentError):
        f.open_cycle(org, template=template)


def test_open_page_creates_the_cycle_and_lists_people_without_a_supervisor(client, org):
    f.credentialed(org.aux_a)
    nobody = factories.AuxiliaryFactory(agency=org.county_a, supervisor=None, name="无主管")
    f.credentialed(nobody)
    template = f.make_template()
    client.force_login(org.admin_a)
    response = client.post(
        "/assessments/cycles/new/",
        {
            "name": "2026上半年",
            "agency": org.county_a.pk,
            "template": template.pk,
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
            "due_date": "2026-07-15",
        },
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "2026上半年" in page
    assert "0 / 2" in page
    assert "无主管" in page
    assert f"/people/{nobody.pk}/edit/" in page


def test_open_page_refuses_a_period_ending_before_it_starts(client, org):
    client.force_login(org.admin_a)
    response = client.post(
        "/assessments/cycles/new/",
        {
            "name": "错",
            "agency": org.county_a.pk,
            "template": f.make_template().pk,
            "period_start": "2026-06-30",
            "period_end": "2026-01-01",
            "due_date": "2026-07-15",
        },
    )
    assert response.status_code == 200
    assert "错" in response.content.decode()  # the form keeps its values
    assert not org.county_a.cycles.exists()


def test_dashboard_shows_progress_per_supervisor(client, org, django_assert_max_num_queries):
    second_sup = factories.make_user("supervisor", org.county_a, username="sup_a2")
    people = [
        factories.AuxiliaryFactory(agency=org.county_a, supervisor=org.supervisor_a)
        for _ in range(3)
    ]
    people += [
        factories.AuxiliaryFactory(agency=org.county_a, supervisor=second_sup) for _ in range(2)
    ]
    f.credentialed(*people)
    opened = f.open_cycle(org)
    for aux in people[:2]:
        f.submit(f.assessment_of(opened, aux), "8")
    client.force_login(org.admin_a)
    with django_assert_max_num_queries(12):
        response = client.get(f"/assessments/cycles/{opened.cycle.pk}/")
    page = response.content.decode()
    assert "2 / 5" in page
    assert "2 / 3" in page and "0 / 2" in page
    assert "sup_a2" in page


def test_cycle_list_query_count_does_not_grow(client, org, django_assert_max_num_queries):
    for n in range(4):
        f.open_cycle(org, name=f"周期{n}", due_date=datetime.date(2026, 7, 1 + n))
    client.force_login(org.admin_a)
    with django_assert_max_num_queries(8):
        response = client.get("/assessments/cycles/")
    assert response.content.decode().count("周期") >= 4


@pytest.mark.parametrize("change", ["revoke", "suspend", "expire"])
def test_a_person_without_a_valid_credential_is_left_out_of_a_new_cycle(org, change):
    """Art. 20: only a person holding a valid credential works, and so is assessed (Art. 24)."""
    from credentials import services as credentials
    from tests.credentials.factories import credential

    f.credentialed(org.aux_a)
    held = credential(org.aux_a)
    if change == "expire":
        held.valid_until = datetime.date.today() - datetime.timedelta(days=1)
        held.save(update_fields=["valid_until"])
        credentials.credentials_expire()
    else:
        getattr(credentials, f"credential_{change}")(
            credential=held, actor=org.admin_a, reason="违纪"
        )
    opened = f.open_cycle(org)
    assert opened.created == 0
    assert not Assessment.objects.filter(cycle=opened.cycle, auxiliary=org.aux_a).exists()
