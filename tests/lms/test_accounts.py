import datetime

import pytest
from django.core.management import call_command

from lms.models import Auxiliary, Role, UserProfile


def enrol_data(org, **overrides):
    from lms.idcard import make_id_number

    data = {
        "agency": org.county_a.pk,
        "name": "新学员",
        "gender": "F",
        "birth_date": "1999-03-04",
        "id_number": make_id_number("440304", datetime.date(1999, 3, 4), 321),
        "mobile": "13612345678",
        "education": "senior_high",
        "hire_method": "public",
        "contract_start": "2026-01-01",
        "contract_end": "2029-12-31",
        "post": "窗口服务辅助岗",
        "duties": ["1", "2"],
        "work_area": "一片区",
    }
    data.update(overrides)
    return data


def test_enrolment_creates_a_learner_login_whose_password_is_shown_once(client, org):
    client.force_login(org.admin_a)
    response = client.post("/people/enrol/", enrol_data(org), follow=True)
    html = response.content.decode()
    aux = Auxiliary.objects.get(name="新学员")
    assert aux.status == "in_training"
    assert aux.user.username == "13612345678"
    assert aux.user.profile.must_change_password
    assert "13612345678" in html and "slip__password" in html
    assert "slip__password" not in client.get("/people/slips/").content.decode()


def test_an_ineligible_person_is_not_enrolled_and_the_form_keeps_the_input(client, org):
    client.force_login(org.admin_a)
    response = client.post(
        "/people/enrol/", enrol_data(org, education="junior_high", disqualification_items=["2"])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "第九条第（四）项" in html and "第十条第（二）项" in html
    assert 'value="新学员"' in html  # what was typed is kept
    assert not Auxiliary.objects.filter(name="新学员").exists()


def test_first_login_must_change_the_generated_password(client, org):
    client.force_login(org.admin_a)
    client.post("/people/enrol/", enrol_data(org))
    aux = Auxiliary.objects.get(name="新学员")
    client.logout()
    client.force_login(aux.user)
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/password_change/" in response["Location"]


def test_real_login_with_the_slip_password_then_change_it(client, org):
    client.force_login(org.admin_a)
    html = client.post("/people/enrol/", enrol_data(org), follow=True).content.decode()
    password = html.split('slip__password">')[1].split("<")[0].strip()
    client.logout()
    response = client.post(
        "/accounts/login/", {"username": "13612345678", "password": password}, follow=True
    )
    assert "修改密码" in response.content.decode()
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": password,
            "new_password1": "Lantern42river",
            "new_password2": "Lantern42river",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert not UserProfile.objects.get(user__username="13612345678").must_change_password
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("password", ["5201314abc", "12345678901", "abcdefghij", "13612345678"])
def test_password_validators_refuse_weak_chinese_patterns(client, org, password):
    client.force_login(org.learner_a)
    response = client.post(
        "/accounts/password_change/",
        {"old_password": "Testpass123", "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200
    assert "form-errors" in response.content.decode() or "error" in response.content.decode()
    org.learner_a.refresh_from_db()
    assert org.learner_a.check_password("Testpass123")


def test_admin_resets_only_their_own_peoples_passwords(client, org):
    client.force_login(org.admin_a)
    html = client.post(f"/people/{org.aux_a.pk}/reset-password/", follow=True).content.decode()
    assert "slip__password" in html
    org.learner_a.refresh_from_db()
    assert not org.learner_a.check_password("Testpass123")
    assert client.post(f"/people/{org.aux_b.pk}/reset-password/").status_code == 404


def test_staff_accounts_are_created_by_the_level_above(client, org):
    client.force_login(org.admin_a)
    response = client.post(
        "/people/staff/",
        {
            "username": "newsup",
            "display_name": "新主管",
            "role": Role.SUPERVISOR,
            "agency": org.county_a.pk,
        },
    )
    assert response.status_code == 302
    assert UserProfile.objects.get(user__username="newsup").role == Role.SUPERVISOR
    # A county admin cannot create another admin for their own county.
    response = client.post(
        "/people/staff/",
        {
            "username": "newadm",
            "display_name": "x",
            "role": Role.AGENCY_ADMIN,
            "agency": org.county_a.pk,
        },
    )
    assert not UserProfile.objects.filter(user__username="newadm").exists()
    # Nor anything in the other county.
    client.post(
        "/people/staff/",
        {
            "username": "othersup",
            "display_name": "x",
            "role": Role.SUPERVISOR,
            "agency": org.county_b.pk,
        },
    )
    assert not UserProfile.objects.filter(user__username="othersup").exists()


def test_login_throttling_locks_after_repeated_failures(client, org):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "admin_a", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "admin_a", "password": "Testpass123"})
    assert response.status_code in {403, 429}
    assert "登录失败次数过多" in response.content.decode()


def test_healthz_reports_database_and_queue(client, db):
    response = client.get("/healthz")
    data = response.json()
    assert response.status_code == 200
    assert data["database"]["ok"] is True
    assert data["queue"]["ok"] is True and data["queue"]["broker"] == "orm"
    assert data["queue"]["oldest_unclaimed_seconds"] == 0


def test_healthz_reports_a_queue_that_nobody_works_on(client, db):
    import datetime

    from django.utils import timezone
    from django_q.models import OrmQ

    OrmQ.objects.create(key="lms", payload="x", lock=timezone.now() - datetime.timedelta(minutes=5))
    data = client.get("/healthz").json()
    assert data["queue"]["ok"] is False
    assert data["queue"]["oldest_unclaimed_seconds"] >= 300
    assert data["status"] == "degraded"


def test_seed_demo_is_idempotent(db):
    from django.contrib.auth import get_user_model

    from lms.models import Agency, AuxiliaryStatusChange

    call_command("seed_demo")

    def counts():
        return (
            Agency.objects.count(),
            get_user_model().objects.count(),
            Auxiliary.objects.count(),
            AuxiliaryStatusChange.objects.count(),
            sorted(Auxiliary.objects.values_list("status", flat=True)),
        )

    first = counts()
    call_command("seed_demo")
    assert counts() == first
    assert first[0] == 4 and first[2] == 30
    roles = set(UserProfile.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
