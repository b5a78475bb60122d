"""seed_demo's output (Chinese, every login with name and agency) and the demo learner's
waiting assessment, so that each journey can be walked from the demo."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from lms.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """One seed for the module (it takes a while); the data is removed afterwards."""
    with django_db_blocker.unblock():
        from django.db import connection, transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
        connection.close()


def test_output_is_chinese_and_lists_every_demo_login_with_name_and_agency(seeded):
    output = seeded
    for english in ("Demo data ready", "organisation", "credentials", "exam history", "course"):
        assert english not in output
    assert "演示数据已就绪" in output
    lines = output.splitlines()
    demo_users = [
        user
        for user in get_user_model().objects.select_related("profile__agency")
        if user.check_password(DEMO_PASSWORD)
    ]
    assert {"admin", "learner", "learner2", "dhadmin", "oversight"} <= {
        u.username for u in demo_users
    }
    for user in demo_users:
        line = next((ln for ln in lines if re.match(rf"\s+{user.username}\s", ln)), None)
        assert line is not None, f"{user.username} is not listed"
        assert user.profile.display_name in line
        agency = user.profile.agency.name if user.profile.agency else "全省"
        assert agency in line


def test_demo_learner_has_an_assessment_waiting_and_sees_it_first(seeded):
    from assessments import selectors
    from assessments.models import Assessment

    learner = get_user_model().objects.get(username="learner")
    waiting = [a for a in Assessment.objects.filter(auxiliary__user=learner, response="")]
    assert any(selectors.can_respond(a) for a in waiting)
    client = Client()
    assert learner.check_password(DEMO_PASSWORD)
    client.force_login(learner)
    html = client.get("/").content.decode()
    main = html[html.index("<main") :]
    first = main.index('<section class="card')
    assert main.index('<section class="card todo"') == first
    assert "确认考核结果" in main[first : main.index("</section>", first)]
