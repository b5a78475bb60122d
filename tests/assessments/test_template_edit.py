"""The agency's criteria editor (/assessments/templates/<pk>/edit/): adding and removing
criteria, all or nothing, new versions of frozen templates, and who may edit.

The page tests post what a browser would: the form fields are read from the page itself."""

import re
import threading
import time
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction

from assessments import services
from assessments.models import AssessmentTemplate, CriterionScore, TemplateSection
from lms.models import Role
from tests import factories
from tests.assessments import factories as f

pytestmark = pytest.mark.django_db


class _FormFields(HTMLParser):
    """The name/value pairs the browser submits from #criteria-form (blank-row template and
    unticked boxes left out), plus which submit buttons there are."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, str] = {}
        self.buttons: dict[str, str] = {}
        self.in_form = self.in_template = False
        self.select = self.textarea = None
        self.first_option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "criteria-form":
            self.in_form = True
        if tag == "template":
            self.in_template = True
        if not self.in_form or self.in_template:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind == "checkbox":
                if "checked" in attrs:
                    self.fields[name] = attrs.get("value") or "on"
            elif kind != "submit":
                self.fields[name] = attrs.get("value") or ""
        elif tag == "button" and attrs.get("type") == "submit":
            self.buttons[name or ""] = attrs.get("value") or ""
        elif tag == "select":
            self.select, self.first_option = name, None
        elif tag == "option" and self.select:
            if self.first_option is None:
                self.first_option = attrs.get("value", "")
            if "selected" in attrs:
                self.fields[self.select] = attrs.get("value", "")
        elif tag == "textarea":
            self.textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template = False
        elif tag == "form":
            self.in_form = False
        elif tag == "select" and self.select:
            self.fields.setdefault(self.select, self.first_option or "")
            self.select = None
        elif tag == "textarea" and self.textarea:
            # Django starts a textarea's content with a newline, which browsers drop.
            self.fields[self.textarea] = self.fields[self.textarea].removeprefix("\n")
            self.textarea = None

    def handle_data(self, data):
        if self.textarea and self.in_form and not self.in_template:
            self.fields[self.textarea] += data


def page_form(response) -> dict[str, str]:
    parser = _FormFields()
    parser.feed(response.content.decode())
    return parser.fields


def page_buttons(response) -> dict[str, str]:
    parser = _FormFields()
    parser.feed(response.content.decode())
    return parser.buttons


def edit_url(template) -> str:
    return f"/assessments/templates/{template.pk}/edit/"


def row(data: dict, index: int, **values) -> dict:
    """Type ``values`` into row ``index`` of the form data (as a person would)."""
    for name, value in values.items():
        key = f"form-{index}-{name}"
        if name == "DELETE":
            if value:
                data[key] = "on"
            else:
                data.pop(key, None)
        else:
            data[key] = str(value)
    return data


@pytest.fixture
def copy(org):
    """County A's copy of a provincial template: 遵规守纪 (德, 60) and 任务完成 (绩, 40)."""
    return services.template_adapt(
        template=f.make_template(), agency=org.county_a, actor=org.admin_a
    )


@pytest.fixture
def admin(client, org):
    client.force_login(org.admin_a)
    return client


def names(template):
    return [c.name for c in template.criteria.order_by("sort_order", "pk")]


# ------------------------------------------------------------------ the page


def test_page_offers_a_blank_row_removal_boxes_and_an_add_button(admin, copy):
    response = admin.get(edit_url(copy))
    assert response.status_code == 200
    data = page_form(response)
    assert data["form-TOTAL_FORMS"] == "3" and data["form-INITIAL_FORMS"] == "2"
    assert (data["form-0-name"], data["form-0-section"]) == ("遵规守纪", "de")
    # The blank row is preset to the section the list ends with and the usual maximum.
    assert (data["form-2-id"], data["form-2-name"], data["form-2-section"]) == ("", "", "ji")
    assert data["form-2-max_score"] == "10"
    page = response.content.decode()
    for index in range(3):
        assert f'name="form-{index}-DELETE"' in page
    assert page_buttons(response).get("add_row") == "1"
    # The Content-Security-Policy has no 'unsafe-inline': every script is a file.
    scripts = re.findall(r"<script\b[^>]*>", page)
    assert scripts and all("src=" in tag for tag in scripts)
    assert any("js/template_edit.js" in tag for tag in scripts)


def test_adding_a_criterion_saves_it_in_the_chosen_section(admin, copy):
    data = page_form(admin.get(edit_url(copy)))
    row(data, 0, weight=50)
    row(data, 1, weight=30)
    row(
        data,
        2,
        name="出勤情况",
        section="qin",
        measure="attendance",
        weight=20,
        max_score=5,
        description="按考勤记录",
    )
    response = admin.post(edit_url(copy), data)
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/templates/{copy.pk}/"
    assert names(copy) == ["遵规守纪", "任务完成", "出勤情况"]
    added = copy.criteria.get(name="出勤情况")
    assert (added.section, added.measure, added.weight, added.max_score) == (
        "qin",
        "attendance",
        Decimal(20),
        Decimal(5),
    )
    assert added.description == "按考勤记录"
    # Tap-to-fill levels on the scoring form, scaled to its maximum of 5.
    assert [(a["min"], a["max"]) for a in added.anchors] == [
        (4.5, 5), (3.5, 4.49), (3, 3.49), (0, 2.99)
    ]  # fmt: skip
    assert [c.weight for c in copy.criteria.order_by("sort_order")] == [50, 30, 20]
    services.template_check(template=copy)  # a cycle can open with it
    # The detail page lists it in its section: 勤 comes before 绩, though it was added last.
    detail = admin.get(response["Location"]).content.decode()
    assert detail.index("遵规守纪") < detail.index("出勤情况") < detail.index("任务完成")


def test_removing_a_criterion(admin, copy):
    data = page_form(admin.get(edit_url(copy)))
    row(data, 0, weight=100)
    row(data, 1, DELETE=True)
    response = admin.post(edit_url(copy), data)
    assert response.status_code == 302
    assert names(copy) == ["遵规守纪"]
    assert copy.criteria.get().weight == 100


def test_a_bad_total_saves_nothing_and_keeps_what_was_typed(admin, copy):
    data = page_form(admin.get(edit_url(copy)))
    row(data, 0, name="遵规守纪（改）", weight=60)
    row(data, 1, DELETE=True)
    row(data, 2, name="群众满意度", section="lian", measure="manner", weight=50)
    response = admin.post(edit_url(copy), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "权重合计为 110，必须为 100。" in page
    assert "未保存任何修改。" in page
    kept = page_form(response)
    assert kept["form-0-name"] == "遵规守纪（改）"
    assert kept["form-1-DELETE"] == "on"
    assert (kept["form-2-name"], kept["form-2-section"], kept["form-2-weight"]) == (
        "群众满意度",
        "lian",
        "50",
    )
    assert names(copy) == ["遵规守纪", "任务完成"]
    assert [c.weight for c in copy.criteria.order_by("sort_order")] == [60, 40]
    # Fixing the total and saving again works from the page as it came back.
    row(kept, 2, weight=40)
    assert admin.post(edit_url(copy), kept).status_code == 302
    assert names(copy) == ["遵规守纪（改）", "群众满意度"]


def test_an_art18_criterion_added_is_refused_on_its_row(admin, copy):
    data = page_form(admin.get(edit_url(copy)))
    row(data, 0, weight=50)
    row(data, 1, weight=30)
    row(data, 2, name="罚款任务完成率", section="ji", measure="task", weight=20)
    response = admin.post(edit_url(copy), data)
    assert response.status_code == 200
    page = response.content.decode()
    # The message sits in the new row, after its name field, and the summary at the top
    # links to that field.
    assert "第十八条第（三）项" in page[page.index('name="form-2-name"') :]
    summary = page.split("data-error-summary", 1)[1].split("</div>", 1)[0]
    assert '<a href="#id_form-2-name">' in summary and "第十八条第（三）项" in summary
    assert names(copy) == ["遵规守纪", "任务完成"]
    assert [c.weight for c in copy.criteria.order_by("sort_order")] == [60, 40]


def test_add_a_row_without_javascript_keeps_what_was_typed(admin, copy):
    data = page_form(admin.get(edit_url(copy)))
    row(data, 0, name="遵规守纪（改）", weight=50)
    row(data, 2, name="出勤", section="qin", measure="attendance", weight=25)
    response = admin.post(edit_url(copy), {**data, "add_row": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "form-errors" not in page  # nothing checked yet, nothing refused
    again = page_form(response)
    assert again["form-TOTAL_FORMS"] == "4"
    assert (again["form-0-name"], again["form-0-weight"]) == ("遵规守纪（改）", "50")
    assert (again["form-2-name"], again["form-2-section"]) == ("出勤", "qin")
    assert (again["form-3-name"], again["form-3-section"], again["form-3-max_score"]) == (
        "",
        "ji",
        "10",
    )
    assert names(copy) == ["遵规守纪", "任务完成"]
    row(again, 1, weight=15)
    row(again, 3, name="文明执法", section="neng", measure="manner", weight=10)
    assert admin.post(edit_url(copy), again).status_code == 302
    assert names(copy) == ["遵规守纪（改）", "任务完成", "出勤", "文明执法"]
    assert copy.criteria.get(name="文明执法").section == "neng"


def test_blank_rows_are_ignored(admin, copy):
    data = page_form(admin.get(edit_url(copy)))
    data = page_form(admin.post(edit_url(copy), {**data, "add_row": "1"}))
    assert data["form-TOTAL_FORMS"] == "4"
    row(data, 0, name="遵规守纪（二）")
    assert admin.post(edit_url(copy), data).status_code == 302
    assert names(copy) == ["遵规守纪（二）", "任务完成"]


# ------------------------------------------------------------------ frozen templates


def test_a_frozen_template_gets_a_new_version_with_the_changes(admin, org, copy):
    f.credentialed(org.aux_a)
    opened = f.open_cycle(org, template=copy)
    f.submit(f.assessment_of(opened, org.aux_a), 8)
    copy.refresh_from_db()
    assert copy.frozen
    data = page_form(admin.get(edit_url(copy)))
    row(data, 0, DELETE=True)
    row(data, 1, name="任务完成（新）", weight=70)
    row(data, 2, name="廉洁自律", section="lian", measure="integrity", weight=30)
    response = admin.post(edit_url(copy), data)
    assert response.status_code == 302
    new = AssessmentTemplate.objects.get(previous_version=copy)
    assert response["Location"] == f"/assessments/templates/{new.pk}/"
    assert (new.version, new.frozen, new.agency) == (2, False, org.county_a)
    assert names(new) == ["任务完成（新）", "廉洁自律"]
    assert [(c.section, c.weight) for c in new.criteria.order_by("sort_order")] == [
        ("ji", 70),
        ("lian", 30),
    ]
    # The frozen version the cycle scored against is untouched, scores and all.
    copy.refresh_from_db()
    assert names(copy) == ["遵规守纪", "任务完成"]
    assert [c.weight for c in copy.criteria.order_by("sort_order")] == [60, 40]
    assert CriterionScore.objects.filter(criterion__template=copy).count() == 2
    opened.cycle.refresh_from_db()
    assert opened.cycle.template == copy


def test_a_refused_edit_of_a_frozen_template_makes_no_version(admin, org, copy):
    f.open_cycle(org, template=copy)
    data = page_form(admin.get(edit_url(copy)))
    row(data, 0, DELETE=True)  # leaves 40
    response = admin.post(edit_url(copy), data)
    assert response.status_code == 200
    assert "权重合计为 40" in response.content.decode()
    assert not AssessmentTemplate.objects.filter(previous_version=copy).exists()
    assert names(copy) == ["遵规守纪", "任务完成"]


# ------------------------------------------------------------------ who, and which ids


def test_an_admin_of_another_agency_cannot_post_the_edit(client, org, copy):
    client.force_login(org.admin_a)
    data = page_form(client.get(edit_url(copy)))
    row(data, 0, weight=100)
    row(data, 1, DELETE=True)
    client.force_login(org.admin_b)
    assert client.post(edit_url(copy), data).status_code == 404
    assert client.get(edit_url(copy)).status_code == 404
    assert names(copy) == ["遵规守纪", "任务完成"]


def test_a_provincial_template_cannot_be_edited_on_the_site(admin, org):
    provincial = f.make_template()
    assert admin.post(edit_url(provincial), {"form-TOTAL_FORMS": "0"}).status_code == 404
    with pytest.raises(PermissionDenied):
        services.template_update_criteria(
            template=provincial, actor=org.provincial_admin, criteria=[]
        )


def test_an_unknown_criterion_id_is_refused(admin, org, copy):
    stranger = f.make_template(name="别的模板").criteria.first()
    data = page_form(admin.get(edit_url(copy)))
    row(data, 0, weight=100)
    row(data, 1, DELETE=True)
    row(data, 2, id=stranger.pk, name="改名", section="de", measure="task", weight=0)
    response = admin.post(edit_url(copy), data)
    assert response.status_code == 200
    assert "考核项目已被他人修改，请刷新页面。" in response.content.decode()
    stranger.refresh_from_db()
    assert stranger.name != "改名"
    assert names(copy) == ["遵规守纪", "任务完成"]
    # Removing someone else's criterion is refused the same way.
    with pytest.raises(services.AssessmentError):
        services.template_update_criteria(
            template=copy, actor=org.admin_a, criteria=[], remove=[stranger.pk]
        )
    assert AssessmentTemplate.objects.get(name="别的模板").criteria.count() == 2


def test_a_criterion_removed_meanwhile_stops_a_stale_page(client, org, copy):
    """Two admins open the page; the first removes 任务完成, the second then edits it."""
    client.force_login(org.admin_a)
    stale = page_form(client.get(edit_url(copy)))
    first = dict(stale)
    row(first, 0, weight=100)
    row(first, 1, DELETE=True)
    assert client.post(edit_url(copy), first).status_code == 302
    row(stale, 1, name="任务完成（改）")
    response = client.post(edit_url(copy), stale)
    assert response.status_code == 200
    assert "考核项目已被他人修改，请刷新页面。" in response.content.decode()
    assert names(copy) == ["遵规守纪"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_admins_saving_at_once_cannot_leave_a_broken_template(org):
    """Each edit alone is fine (A 50→75 and drop B, or A 50→75 and drop C); applied both
    together they would leave A alone at 75. The second has to see the first."""
    template = services.template_adapt(
        template=f.make_template(
            [
                ("de", "A", "conduct", 50, 10),
                ("ji", "B", "task", 25, 10),
                ("qin", "C", "attendance", 25, 10),
            ]
        ),
        agency=org.county_a,
        actor=org.admin_a,
    )
    a, b, c = template.criteria.order_by("sort_order")
    second_admin = factories.make_user(Role.AGENCY_ADMIN, org.county_a, username="admin_a2")
    outcome = []

    def second():
        try:
            services.template_update_criteria(
                template=template,
                actor=second_admin,
                criteria=[{"id": a.pk, "weight": 75}, {"id": b.pk}],
                remove=[c.pk],
            )
            outcome.append("saved")
        except services.AssessmentError as error:
            outcome.append(error.messages[0])
        finally:
            connection.close()

    with transaction.atomic():
        services.template_update_criteria(
            template=template,
            actor=org.admin_a,
            criteria=[{"id": a.pk, "weight": 75}, {"id": c.pk}],
            remove=[b.pk],
        )
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.5)  # the second save is under way before the first commits
    thread.join()
    assert outcome == ["考核项目已被他人修改，请刷新页面。"]
    assert [(x.name, x.weight) for x in template.criteria.order_by("sort_order")] == [
        ("A", 75),
        ("C", 25),
    ]


# ------------------------------------------------------------------ the service


def test_a_new_criterion_goes_in_one_of_the_templates_sections(org, copy):
    TemplateSection.objects.filter(template=copy, code="qin").delete()
    existing = [
        {"id": c.pk, "weight": w}
        for c, w in zip(copy.criteria.order_by("sort_order"), (50, 30), strict=True)
    ]
    new = {"name": "出勤", "measure": "attendance", "weight": 20, "max_score": 10}
    with pytest.raises(services.TemplateInvalid) as refused:
        services.template_update_criteria(
            template=copy, actor=org.admin_a, criteria=[*existing, {**new, "section": "qin"}]
        )
    assert [field for field, _m in refused.value.per_criterion[2]] == ["section"]
    assert copy.criteria.count() == 2
    services.template_update_criteria(
        template=copy, actor=org.admin_a, criteria=[*existing, {**new, "section": "neng"}]
    )
    assert [(c.section, c.weight) for c in copy.criteria.order_by("sort_order")] == [
        ("de", 50),
        ("ji", 30),
        ("neng", 20),
    ]


def test_removing_every_criterion_is_refused(org, copy):
    with pytest.raises(services.TemplateInvalid) as refused:
        services.template_update_criteria(
            template=copy,
            actor=org.admin_a,
            criteria=[],
            remove=list(copy.criteria.values_list("pk", flat=True)),
        )
    assert refused.value.general == ["请至少添加一个考核项目。"]
    assert copy.criteria.count() == 2


# ------------------------------------------------------------------ on a phone, with the script


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_script_adds_rows_and_totals_the_weights(live_server, phone, org):
    from tests.browser import login, screenshot
    from tests.factories import PASSWORD

    copy = services.template_adapt(
        template=f.make_template(), agency=org.county_a, actor=org.admin_a
    )
    page = phone
    blocked = []
    page.on("console", lambda m: "Content Security Policy" in m.text and blocked.append(m.text))
    login(page, live_server.url, org.admin_a.username, PASSWORD)
    page.goto(f"{live_server.url}{edit_url(copy)}")
    total = page.locator("#weights-total")
    assert total.text_content() == "100"
    page.fill("#id_form-0-weight", "50")
    assert total.text_content() == "90"  # 50 + 40, and the blank row counts nothing
    # "Add" works without a round trip: the page stays, one more row, TOTAL_FORMS follows.
    page.click("#add-criterion")
    assert page.locator("#criteria-rows fieldset").count() == 4
    assert page.input_value("#id_form-TOTAL_FORMS") == "4"
    assert page.input_value("#id_form-0-weight") == "50"
    assert page.input_value("#id_form-3-section") == "ji"
    page.fill("#id_form-3-name", "文明执法")
    page.select_option("#id_form-3-section", "neng")
    page.select_option("#id_form-3-measure", "manner")
    page.fill("#id_form-3-weight", "10")
    page.check("#id_form-1-DELETE")  # 任务完成 goes
    assert total.text_content() == "60"
    page.fill("#id_form-0-weight", "90")
    assert total.text_content() == "100"
    # Nothing sticks out sideways on a 390 px screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("button.button--primary[type=submit]")
    page.wait_for_url(f"**/assessments/templates/{copy.pk}/")
    assert names(copy) == ["遵规守纪", "文明执法"]
    assert copy.criteria.get(name="文明执法").section == "neng"
    assert not blocked
    page.goto(f"{live_server.url}{edit_url(copy)}")
    screenshot(page, "template-edit-phone")
