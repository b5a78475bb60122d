"""/admin/ for a signed-in user without admin access: the site's 无权访问 page, not a second
login form."""

from __future__ import annotations

import pytest

from lms.models import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["oversight", "admin_a", "supervisor_a", "learner_a"])
def test_signed_in_without_admin_access_sees_not_allowed(client, org, who):
    client.force_login(getattr(org, who))
    for path in ("/admin/", "/admin/pages/", "/admin/login/"):
        response = client.get(path)
        assert response.status_code == 403, path
        html = response.content.decode()
        assert "无权访问" in html
        assert 'name="password"' not in html  # no login form
    assert 'href="/"' in html  # the way back home


def test_signed_out_visitors_get_the_admin_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_admins_with_access_still_get_in(client):
    client.force_login(make_user(Role.PROVINCIAL_ADMIN, None, username="su", is_superuser=True))
    assert client.get("/admin/").status_code == 200
