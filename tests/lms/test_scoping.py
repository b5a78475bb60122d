"""Who sees what: every rule is tried from the outside, by list, detail URL and admin URL."""

import pytest
from django.test import Client

from lms.permissions import visible_auxiliaries


def names(user):
    return set(visible_auxiliaries(user).values_list("name", flat=True))


def test_scoping_helper_by_role(org):
    assert names(org.provincial_admin) == {"甲一", "乙一"}
    assert names(org.city_admin) == {"甲一", "乙一"}
    assert names(org.oversight) == {"甲一", "乙一"}
    assert names(org.admin_a) == {"甲一"}
    assert names(org.admin_b) == {"乙一"}
    assert names(org.supervisor_a) == {"甲一"}
    assert names(org.learner_a) == {"甲一"}
    assert names(org.learner_b) == {"乙一"}


def test_anonymous_sees_nothing(org):
    from django.contrib.auth.models import AnonymousUser

    assert names(AnonymousUser()) == set()


def test_county_admin_list_does_not_show_the_other_county(client: Client, org):
    client.force_login(org.admin_a)
    html = client.get("/people/").content.decode()
    assert "甲一" in html
    assert "乙一" not in html
    # Even when filtering by the other county explicitly.
    html = client.get(f"/people/?agency={org.county_b.pk}").content.decode()
    assert "乙一" not in html


@pytest.mark.parametrize("path", ["/people/{pk}/", "/people/{pk}/edit/", "/people/{pk}/photo/"])
def test_county_admin_cannot_open_the_other_countys_person_by_url(client, org, path):
    client.force_login(org.admin_a)
    assert client.get(path.format(pk=org.aux_b.pk)).status_code == 404
    assert client.get(path.format(pk=org.aux_a.pk)).status_code in {
        200,
        404 if "photo" in path else 200,
    }


def test_county_admin_cannot_change_or_reset_the_other_countys_person(client, org):
    client.force_login(org.admin_a)
    response = client.post(
        f"/people/{org.aux_b.pk}/status/", {"to_status": "departed", "reason": "x"}
    )
    assert response.status_code == 404
    assert client.post(f"/people/{org.aux_b.pk}/reset-password/").status_code == 404
    org.aux_b.refresh_from_db()
    assert org.aux_b.status == "in_training"


def test_county_admin_cannot_open_the_other_county_in_django_admin(client, org):
    org.admin_a.is_staff = True
    org.admin_a.is_superuser = False
    org.admin_a.save()
    from django.contrib.auth.models import Permission

    org.admin_a.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_auxiliary", "change_auxiliary"])
    )
    client.force_login(org.admin_a)
    listing = client.get("/django-admin/lms/auxiliary/").content.decode()
    assert "甲一" in listing and "乙一" not in listing
    assert client.get(f"/django-admin/lms/auxiliary/{org.aux_b.pk}/change/").status_code in {
        302,
        404,
    }
    assert client.get(f"/django-admin/lms/auxiliary/{org.aux_a.pk}/change/").status_code == 200


def test_oversight_reads_but_cannot_change(client, org):
    client.force_login(org.oversight)
    assert client.get(f"/people/{org.aux_a.pk}/").status_code == 200
    response = client.post(
        f"/people/{org.aux_a.pk}/status/", {"to_status": "departed", "reason": "x"}
    )
    assert response.status_code == 403
    assert client.get("/people/enrol/").status_code == 403


def test_learner_and_supervisor_cannot_open_the_roster(client, org):
    for user in (org.learner_a, org.supervisor_a):
        client.force_login(user)
        assert client.get("/people/").status_code == 403


def test_supervisor_sees_only_their_own_auxiliaries(client, org):
    client.force_login(org.supervisor_a)
    assert client.get(f"/people/{org.aux_a.pk}/").status_code == 200
    assert client.get(f"/people/{org.aux_b.pk}/").status_code == 404


def test_anonymous_is_sent_to_login(client, org):
    response = client.get("/people/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# -- the one policy: lms.permissions decides, and every rule is tried from the outside ---------


def test_a_second_supervisor_of_the_same_agency_cannot_reach_the_firsts_people(client, org):
    from tests.factories import make_user

    other = make_user("supervisor", org.county_a, username="sup_a2")
    client.force_login(other)
    for path in (f"/people/{org.aux_a.pk}/", f"/learn/people/{org.aux_a.pk}/reading/"):
        assert client.get(path).status_code == 404, path
    assert names(other) == set()


def test_staff_accounts_list_only_the_staff_of_the_admins_agencies(client, org):
    from lms.permissions import manageable_staff

    def usernames(user):
        return set(manageable_staff(user).values_list("username", flat=True))

    assert usernames(org.admin_a) == {"admin_a", "sup_a"}
    assert usernames(org.city_admin) == {
        "cityadmin", "oversight", "admin_a", "admin_b", "sup_a", "sup_b"
    }  # fmt: skip
    assert "prov" in usernames(org.provincial_admin)
    assert not {"甲一", org.learner_a.username} & usernames(org.provincial_admin)
    # Oversight only reads, and the page is a manager's.
    assert usernames(org.oversight) == set()
    client.force_login(org.admin_a)
    html = client.get("/people/staff/").content.decode()
    assert "sup_a" in html and "sup_b" not in html and "admin_b" not in html
    client.force_login(org.oversight)
    assert client.get("/people/staff/").status_code == 403


def test_a_role_without_the_capability_is_refused_with_403_an_object_out_of_scope_with_404(
    client, org
):
    # A learner on a supervisor's page and an admin on a learner's: the role never uses it.
    client.force_login(org.learner_a)
    assert client.get("/assessments/score/").status_code == 403
    assert client.get(f"/learn/people/{org.aux_a.pk}/reading/").status_code == 403
    client.force_login(org.admin_a)
    assert client.get("/exams/").status_code == 403
    assert client.get("/credentials/mine/").status_code == 403
    # The same admin asking for another county's person: as if it did not exist.
    assert client.get(f"/learn/people/{org.aux_b.pk}/reading/").status_code == 404
    assert client.get(f"/people/{org.aux_b.pk}/").status_code == 404
    assert client.get("/people/999999/").status_code == 404


def test_oversight_cannot_write_anywhere(client, org):
    client.force_login(org.oversight)
    for path in (
        f"/people/{org.aux_a.pk}/reset-password/",
        f"/credentials/auxiliary/{org.aux_a.pk}/issue/",
        "/assessments/cycles/new/",
        "/credentials/batches/",
    ):
        assert client.post(path, {"valid_until": "2030-01-01"}).status_code == 403, path
    assert not org.aux_a.credentials.exists()


def test_services_refuse_a_write_outside_the_actors_agencies(org):
    from django.core.exceptions import PermissionDenied

    from lms import services

    with pytest.raises(PermissionDenied):
        services.account_reset_password(auxiliary=org.aux_b, actor=org.admin_a)
    with pytest.raises(PermissionDenied):
        services.account_reset_password(auxiliary=org.aux_a, actor=org.oversight)
    assert services.account_reset_password(auxiliary=org.aux_a, actor=org.city_admin)
