"""The named hooks of lms/hooks.py: each returns what the apps register in their
wagtail_hooks.py, and the home page shows each role its panels and navigation in order."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from wagtail import hooks as wagtail_hooks

from lms import hooks
from lms.seeding import SeedStep

pytestmark = pytest.mark.django_db


class _Page(HTMLParser):
    """The main navigation's link texts and the home page's panel headings, in page order."""

    def __init__(self):
        super().__init__()
        self.nav: list[str] = []
        self.headings: list[str] = []
        self._in_nav = self._in_link = self._in_h2 = False
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and "main-nav" in (attrs.get("class") or ""):
            self._in_nav = True
        elif tag == "a" and self._in_nav:
            self._in_link, self._text = True, ""
        elif tag == "h2":
            self._in_h2, self._text = True, ""
        elif tag == "span" and self._in_h2:
            self._in_h2 = "counter"  # the count badge after a heading is not its name

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_nav = False
        elif tag == "a" and self._in_link:
            self.nav.append(self._text.strip())
            self._in_link = False
        elif tag == "h2" and self._in_h2:
            self.headings.append(self._text.strip())
            self._in_h2 = False

    def handle_data(self, data):
        if self._in_link or self._in_h2 is True:
            self._text += data


def _home(user) -> _Page:
    client = Client()
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    page = _Page()
    page.feed(response.content.decode())
    return page


STAFF_NAV = ["首页", "人员名册", "课程", "在岗培训", "考试记录", "工作证", "考核周期", "报表"]
# Those who may change records also manage the API's tokens and webhooks.
API_NAV = ["API 令牌", "事件推送"]
# Admins (not oversight viewers, who read only) organise and proctor exam sessions.
MANAGER_NAV = [*STAFF_NAV[:-1], "考试场次", STAFF_NAV[-1], *API_NAV]
STAFF_PANELS = ["数据概览", "工作证", "在岗培训", "我管辖范围内的人员"]


@pytest.mark.parametrize(
    "who, nav, headings",
    [
        ("provincial_admin", MANAGER_NAV, STAFF_PANELS),
        ("oversight", STAFF_NAV, STAFF_PANELS),
        ("admin_a", MANAGER_NAV, STAFF_PANELS),
        (
            "supervisor_a",
            ["首页", "课程", "在岗培训", "考试记录", "考核评分", "考试场次"],
            ["待评分的考核", "在岗培训", "我管理的辅助人员"],
        ),
        (
            "learner_a",
            ["首页", "课程", "培训学时", "考试", "我的工作证", "我的考核"],
            ["我的工作证"],
        ),
    ],
)
def test_each_role_sees_its_navigation_and_panels_in_order(org, who, nav, headings):
    page = _home(getattr(org, who))
    assert page.nav == nav
    assert page.headings == headings


def test_a_learner_in_training_sees_the_to_do_first_then_course_exam_and_credential(org):
    from tests.exams import factories as f

    course = f.make_course()
    f.make_bank()
    f.make_exam(course)
    f.complete_course(org.learner_a, course)
    page = _home(org.learner_a)
    # 待办 (order 0), the course (10), then the exam and the credential (both 20: app order).
    assert page.headings == ["待办", "我的课程", "岗前考试", "我的工作证"]


def test_a_persons_record_links_to_their_reading_then_their_credentials(org):
    client = Client()
    client.force_login(org.admin_a)
    html = client.get(f"/people/{org.aux_a.pk}/").content.decode()
    actions = html[html.index('<div class="actions">') :].split("</div>", 1)[0]
    labels = re.findall(r'<a class="button" href="[^"]+">([^<]+)</a>', actions)
    assert labels[:2] == ["阅读进度", "工作证"]


def test_each_named_hook_returns_what_the_apps_register():
    from reports.schedules import REQUEUE_SCHEDULE_NAME

    assert [(step.order, step.name) for step in hooks.seed_steps()] == [
        (5, "platform set-up"),
        (10, "organisation"),
        (20, "course"),
        (30, "question bank and exam"),
        (40, "credentials"),
        (45, "exam history"),
        (46, "exam session"),
        (48, "training"),
        (49, "course quiz"),
        (50, "assessment template and cycle"),
    ]
    assert all(step.label and callable(step.run) for step in hooks.seed_steps())
    assert sorted(spec.name for spec in hooks.schedules()) == sorted(
        [
            "api: outbox purge",
            "api: webhook deliveries",
            "assessments: reminders",
            "credentials: expire and warn",
            "exams: finalise expired attempts",
            "exams: session notices",
            "reports: remove old files",
            "training: hours reminders",
            REQUEUE_SCHEDULE_NAME,
        ]
    )
    permissions = hooks.editor_permissions()
    assert set(permissions) == {"exams", "credentials", "assessments", "courses"}
    assert "change_trainingcategory" in permissions["courses"]
    assert "add_question" in permissions["exams"]
    assert permissions["credentials"] == ["change_credentialdesignsettings"]
    assert list(hooks.coverage_sources()) == ["questions"]
    logins = [login.username for login in hooks.demo_logins()]
    assert logins[0] == "admin"
    assert {"province", "dhadmin", "sup_dh", "learner", "learner2", "aux_dh1"} <= set(logins)
    assert len(logins) == len(set(logins))


def test_a_seed_step_registered_twice_runs_once():
    again = SeedStep(99, "course", "再来一次", lambda stdout=None: None)
    with wagtail_hooks.register_temporarily("lms_seed_steps", lambda: [again]):
        steps = [step for step in hooks.seed_steps() if step.name == "course"]
    assert [(step.order, step.label) for step in steps] == [(20, "岗前培训课程")]


def test_signed_out_visitors_get_no_app_navigation_or_to_dos(client):
    request = client.get("/accounts/login/").wsgi_request
    assert hooks.nav_items(request) == [] and hooks.todos(request) == []
