"""Template validation (weights, Art. 18), versions of frozen templates, agency copies, and
the provincial admin's editor in Wagtail."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from assessments import services
from assessments.defaults import default_template
from assessments.models import AssessmentTemplate
from lms.models import Role
from tests import factories
from tests.assessments import factories as f

pytestmark = pytest.mark.django_db
ADD_URL = "/admin/snippets/assessments/assessmenttemplate/add/"


def _criterion(name="出勤", measure="attendance", weight=100, description=""):
    return {
        "name": name,
        "description": description,
        "measure": measure,
        "weight": weight,
        "max_score": 10,
        "anchors": [],
    }


def test_weights_must_total_100():
    general, _ = services.template_errors(
        criteria=[_criterion(weight=60), _criterion(name="任务", measure="task", weight="39.5")]
    )
    assert len(general) == 1 and "99.5" in general[0] and "100" in general[0]
    general, per = services.template_errors(
        criteria=[_criterion(weight=60), _criterion(name="任务", measure="task", weight=40)]
    )
    assert (general, per) == ([], {})


@pytest.mark.parametrize(
    ("criterion", "field"),
    [
        (_criterion(name="罚款完成率", measure="task"), "name"),
        (_criterion(name="执法协助", measure="task", description="按罚款金额计分"), "name"),
        (_criterion(name="出勤", measure="fines_collected"), "measure"),
        (_criterion(name="出勤", measure="fee_quota"), "measure"),
    ],
)
def test_art18_refuses_criteria_that_score_fines_or_fees(criterion, field):
    _general, per = services.template_errors(criteria=[criterion])
    ((got_field, message),) = per[0]
    assert got_field == field
    assert "第十八条第（三）项" in message and "第（四）项" in message


def test_the_shipped_template_is_valid_and_complete():
    template = default_template()
    assert default_template() == template  # idempotent
    services.template_check(template=template)
    assert sum(c.weight for c in template.criteria.all()) == Decimal(100)
    assert [s.title for s in template.sections.all()] == ["德", "能", "勤", "绩", "廉"]
    measures = {c.measure for c in template.criteria.all()}
    assert {"conduct", "skill", "attendance", "task", "integrity", "manner"} <= measures
    assert all(len(c.anchors) >= 3 for c in template.criteria.all())
    assert [(b.label, b.minimum) for b in template.bands.order_by("-minimum")] == [
        ("优秀", 90),
        ("合格", 75),
        ("基本合格", 60),
        ("不合格", 0),
    ]


def test_new_version_of_a_frozen_template(org):
    template = f.make_template()
    f.credentialed(org.aux_a)
    opened = f.open_cycle(org, template=template)
    template.refresh_from_db()
    new = services.template_new_version(template=template)
    assert (new.version, new.frozen, new.previous_version) == (2, False, template)
    assert new.criteria.count() == template.criteria.count() == 2
    assert new.bands.count() == 4
    assert opened.cycle.template == template  # the cycle keeps the version it used


def test_agency_adapts_a_copy_and_edits_it(org):
    provincial = f.make_template()
    copy = services.template_adapt(template=provincial, agency=org.county_a, actor=org.admin_a)
    assert (copy.agency, copy.based_on) == (org.county_a, provincial)
    rows = [
        {
            "id": c.pk,
            "name": c.name,
            "description": "改",
            "measure": c.measure,
            "weight": Decimal(50),
            "max_score": c.max_score,
        }
        for c in copy.criteria.order_by("sort_order")
    ]
    edited = services.template_update_criteria(template=copy, actor=org.admin_a, criteria=rows)
    assert edited == copy
    assert [c.weight for c in copy.criteria.all()] == [50, 50]
    with pytest.raises(PermissionDenied):
        services.template_adapt(template=provincial, agency=org.county_b, actor=org.admin_a)


def test_editing_a_frozen_agency_copy_makes_a_new_version(org):
    copy = services.template_adapt(
        template=f.make_template(), agency=org.county_a, actor=org.admin_a
    )
    f.open_cycle(org, template=copy)
    copy.refresh_from_db()
    rows = [
        {
            "id": c.pk,
            "name": c.name + "（新）",
            "description": "",
            "measure": c.measure,
            "weight": c.weight,
            "max_score": c.max_score,
        }
        for c in copy.criteria.order_by("sort_order")
    ]
    edited = services.template_update_criteria(template=copy, actor=org.admin_a, criteria=rows)
    assert edited.pk != copy.pk and edited.version == 2
    assert all(c.name.endswith("（新）") for c in edited.criteria.all())
    assert not any(c.name.endswith("（新）") for c in copy.criteria.all())


def test_agency_edit_page_refuses_art18(client, org):
    copy = services.template_adapt(
        template=f.make_template(), agency=org.county_a, actor=org.admin_a
    )
    criteria = list(copy.criteria.order_by("sort_order"))
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2"}
    for i, c in enumerate(criteria):
        data.update(
            {
                f"form-{i}-id": c.pk,
                f"form-{i}-name": c.name,
                f"form-{i}-section": c.section,
                f"form-{i}-description": "",
                f"form-{i}-measure": c.measure,
                f"form-{i}-weight": str(c.weight),
                f"form-{i}-max_score": "10",
            }
        )
    data["form-1-description"] = "按罚款金额计分"
    client.force_login(org.admin_a)
    response = client.post(f"/assessments/templates/{copy.pk}/edit/", data)
    assert response.status_code == 200
    # The refusal itself, not the page's reminder of Art. 18.
    assert "第十八条第（三）项" in response.content.decode()
    assert not copy.criteria.filter(description__contains="罚款").exists()


# ------------------------------------------------------------------ Wagtail editor


def _admin_post(name, criteria, bands=(("excellent", "优秀", 90), ("fail", "不合格", 0))):
    data = {
        "name": name,
        "description": "",
        "agency": "",
        "sections-TOTAL_FORMS": "0",
        "sections-INITIAL_FORMS": "0",
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
        "criteria-TOTAL_FORMS": str(len(criteria)),
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "1",
        "criteria-MAX_NUM_FORMS": "1000",
        "bands-TOTAL_FORMS": str(len(bands)),
        "bands-INITIAL_FORMS": "0",
        "bands-MIN_NUM_FORMS": "1",
        "bands-MAX_NUM_FORMS": "1000",
    }
    for i, c in enumerate(criteria):
        data.update(
            {
                f"criteria-{i}-section": "ji",
                f"criteria-{i}-name": c["name"],
                f"criteria-{i}-description": c["description"],
                f"criteria-{i}-measure": c["measure"],
                f"criteria-{i}-weight": str(c["weight"]),
                f"criteria-{i}-max_score": "10",
                f"criteria-{i}-anchors": "[]",
                f"criteria-{i}-ORDER": str(i + 1),
                f"criteria-{i}-DELETE": "",
                f"criteria-{i}-id": "",
            }
        )
    for i, (code, label, minimum) in enumerate(bands):
        data.update(
            {
                f"bands-{i}-code": code,
                f"bands-{i}-label": label,
                f"bands-{i}-minimum": minimum,
                f"bands-{i}-DELETE": "",
                f"bands-{i}-id": "",
                f"bands-{i}-ORDER": str(i + 1),
            }
        )
    return data


@pytest.fixture
def provincial(org):
    user = org.provincial_admin
    user.is_staff = True
    user.is_superuser = True  # content-admin rights; the role is what the pages check
    user.save()
    return user


def test_wagtail_editor_refuses_an_art18_criterion(client, provincial):
    client.force_login(provincial)
    data = _admin_post("违规模板", [_criterion(name="罚没款数额", measure="task")])
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "第十八条第（三）项" in page
    assert not AssessmentTemplate.objects.filter(name="违规模板").exists()


def test_wagtail_editor_refuses_weights_not_totalling_100(client, provincial):
    client.force_login(provincial)
    data = _admin_post("九十", [_criterion(weight=90)])
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert not AssessmentTemplate.objects.filter(name="九十").exists()


def test_wagtail_editor_saves_a_valid_template(client, provincial):
    client.force_login(provincial)
    data = _admin_post(
        "合规模板", [_criterion(weight=70), _criterion(name="任务", measure="task", weight=30)]
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 302
    template = AssessmentTemplate.objects.get(name="合规模板")
    assert [c.name for c in template.criteria.all()] == ["出勤", "任务"]


def test_wagtail_edit_of_a_frozen_template_creates_a_new_version(client, org, provincial):
    template = f.make_template(name="冻结模板")
    f.open_cycle(org, template=template)
    first, second = template.criteria.order_by("sort_order")
    client.force_login(provincial)
    # The editor renames the first criterion, deletes the second and adds a new one.
    data = _admin_post(
        "冻结模板",
        [
            _criterion(name="守纪（修订）", measure="conduct", weight=60),
            _criterion(name="任务完成", measure="task", weight=40),
            _criterion(name="新任务", measure="task", weight=40),
        ],
    )
    data.update(
        {
            "criteria-INITIAL_FORMS": "2",
            "criteria-0-id": str(first.pk),
            "criteria-1-id": str(second.pk),
            "criteria-1-DELETE": "1",
        }
    )
    data["bands-TOTAL_FORMS"] = "0"
    data["bands-INITIAL_FORMS"] = "0"
    data["bands-MIN_NUM_FORMS"] = "0"
    for band in template.bands.all():
        i = int(data["bands-TOTAL_FORMS"])
        data.update(
            {
                f"bands-{i}-id": band.pk,
                f"bands-{i}-code": band.code,
                f"bands-{i}-label": band.label,
                f"bands-{i}-minimum": str(band.minimum),
                f"bands-{i}-DELETE": "",
            }
        )
        data["bands-TOTAL_FORMS"] = data["bands-INITIAL_FORMS"] = str(i + 1)
    response = client.post(
        f"/admin/snippets/assessments/assessmenttemplate/edit/{template.pk}/", data
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    versions = AssessmentTemplate.objects.filter(name="冻结模板").order_by("version")
    assert [v.version for v in versions] == [1, 2]
    assert [c.name for c in versions[0].criteria.all()] == ["遵规守纪", "任务完成"]
    assert sorted(c.name for c in versions[1].criteria.all()) == ["守纪（修订）", "新任务"]
    assert versions[1].bands.count() == 4 and versions[0].bands.count() == 4
    assert versions[1].previous_version == versions[0]


def test_templates_cannot_be_deleted_in_wagtail(client, provincial):
    template = f.make_template()
    client.force_login(provincial)
    response = client.post(f"/admin/snippets/assessments/assessmenttemplate/delete/{template.pk}/")
    assert response.status_code in {302, 403}
    assert AssessmentTemplate.objects.filter(pk=template.pk).exists()


def test_agency_admin_cannot_edit_provincial_template_on_the_site(client, org):
    template = f.make_template()
    client.force_login(org.admin_a)
    assert client.get(f"/assessments/templates/{template.pk}/edit/").status_code == 404
    other = factories.make_user(Role.AGENCY_ADMIN, org.county_b, username="adm_b2")
    copy = services.template_adapt(template=template, agency=org.county_a, actor=org.admin_a)
    client.force_login(other)
    assert client.get(f"/assessments/templates/{copy.pk}/").status_code == 404


def test_wagtail_editor_pages_open(client, provincial):
    template = default_template()
    client.force_login(provincial)
    assert client.get(ADD_URL).status_code == 200
    edit = client.get(f"/admin/snippets/assessments/assessmenttemplate/edit/{template.pk}/")
    assert edit.status_code == 200
    page = edit.content.decode()
    assert "遵规守纪与职业操守" in page
    assert f"assessmenttemplate/delete/{template.pk}/" not in page


def test_agency_admin_adapts_through_the_page(client, org):
    template = default_template()
    client.force_login(org.admin_a)
    assert template.name in client.get("/assessments/templates/").content.decode()
    response = client.post(
        f"/assessments/templates/{template.pk}/", {"agency": org.county_a.pk, "name": "甲县版"}
    )
    copy = AssessmentTemplate.objects.get(name="甲县版")
    assert response.status_code == 302
    assert response["Location"] == f"/assessments/templates/{copy.pk}/edit/"
    assert (copy.agency, copy.based_on) == (org.county_a, template)
    assert copy.criteria.count() == template.criteria.count()
    refused = client.post(
        f"/assessments/templates/{template.pk}/", {"agency": org.county_b.pk, "name": "乙县版"}
    )
    assert refused.status_code == 200
    assert not AssessmentTemplate.objects.filter(name="乙县版").exists()


def test_editing_criteria_of_another_template_is_refused(org):
    copy = services.template_adapt(
        template=f.make_template(), agency=org.county_a, actor=org.admin_a
    )
    stranger = f.make_template(name="别的模板").criteria.first()
    rows = [
        {
            "id": stranger.pk,
            "name": "改名",
            "description": "",
            "measure": "task",
            "weight": Decimal(100),
            "max_score": Decimal(10),
        }
    ]
    with pytest.raises(services.AssessmentError):
        services.template_update_criteria(template=copy, actor=org.admin_a, criteria=rows)
    stranger.refresh_from_db()
    assert stranger.name != "改名"


def test_a_county_admin_copies_with_their_agency_already_chosen(client, org):
    """One agency to manage: the copy form offers it, with no blank to pick first."""
    template = default_template()
    client.force_login(org.admin_a)
    page = client.get(f"/assessments/templates/{template.pk}/").content.decode()
    select = page[page.index('name="agency"') : page.index("</select>")]
    assert "---------" not in select
    assert f'value="{org.county_a.pk}"' in select
    assert f'value="{org.county_b.pk}"' not in select


def _admin_edit(template, *, description="", renames=None):
    """What the Wagtail editor posts for ``template`` as it is, with ``renames`` ({criterion:
    new name}) typed in and the description replaced."""
    data = {"name": template.name, "description": description, "agency": ""}
    relations = {
        "sections": (["code", "title", "description"], template.sections.all()),
        "criteria": (
            ["section", "name", "description", "measure", "weight", "max_score", "anchors"],
            template.criteria.all(),
        ),
        "bands": (["code", "label", "minimum"], template.bands.all()),
    }
    for prefix, (fields, rows) in relations.items():
        rows = list(rows)
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(rows)),
                f"{prefix}-INITIAL_FORMS": str(len(rows)),
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for i, obj in enumerate(rows):
            data.update({f"{prefix}-{i}-id": str(obj.pk), f"{prefix}-{i}-ORDER": str(i + 1)})
            for name in fields:
                value = getattr(obj, name)
                if name == "anchors":
                    value = json.dumps(value, ensure_ascii=False)
                data[f"{prefix}-{i}-{name}"] = str(value)
            if prefix == "criteria" and obj in (renames or {}):
                data[f"{prefix}-{i}-name"] = renames[obj]
    return data


def _edit_in_wagtail(client, template, **changes):
    return client.post(
        f"/admin/snippets/assessments/assessmenttemplate/edit/{template.pk}/",
        _admin_edit(template, **changes),
    )


def _as_scored(template):
    return (
        template.name,
        template.description,
        [(c.name, c.weight, c.max_score) for c in template.criteria.all()],
        [(b.code, b.minimum) for b in template.bands.all()],
        [s.code for s in template.sections.all()],
    )


def test_wagtail_edit_of_an_unused_template_changes_it_in_place(client, provincial):
    template = f.make_template(name="在用前模板")
    first = template.criteria.first()
    client.force_login(provincial)
    response = _edit_in_wagtail(client, template, renames={first: "遵规守纪（修订）"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AssessmentTemplate.objects.filter(name="在用前模板").count() == 1
    assert [c.name for c in template.criteria.all()] == ["遵规守纪（修订）", "任务完成"]


@pytest.mark.parametrize("flagged", [True, False], ids=["frozen", "used-by-a-cycle"])
def test_either_editor_leaves_a_template_cycles_used_as_it_was(client, org, provincial, flagged):
    """The Wagtail editor and the site's criteria editor save through one service: the version
    a cycle scored against keeps its criteria, and the edit becomes the next version. A cycle
    freezes its template; one whose flag was never set (older data) is protected all the same."""
    template = f.make_template(name="共用模板")
    f.open_cycle(org, template=template)
    if not flagged:
        AssessmentTemplate.objects.filter(pk=template.pk).update(frozen=False)
    before = _as_scored(template)
    first = template.criteria.first()
    client.force_login(provincial)
    response = _edit_in_wagtail(
        client, template, description="修订说明", renames={first: "守纪（修订）"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    template.refresh_from_db()
    assert _as_scored(template) == before
    new = AssessmentTemplate.objects.get(previous_version=template)
    assert (new.version, new.description) == (2, "修订说明")
    assert [c.name for c in new.criteria.all()] == ["守纪（修订）", "任务完成"]
    assert new.bands.count() == template.bands.count() == 4
    assert new.sections.count() == template.sections.count() == 5

    # The agency's editor on the site, on its own copy that a cycle used.
    copy = services.template_adapt(template=new, agency=org.county_a, actor=org.admin_a)
    f.open_cycle(org, template=copy)
    if not flagged:
        AssessmentTemplate.objects.filter(pk=copy.pk).update(frozen=False)
    copy.refresh_from_db()
    before = _as_scored(copy)
    rows = [{"id": c.pk, "name": c.name} for c in copy.criteria.all()]
    rows[1]["name"] = "任务完成（修订）"
    edited = services.template_update_criteria(template=copy, actor=org.admin_a, criteria=rows)
    copy.refresh_from_db()
    assert _as_scored(copy) == before
    assert edited.previous_version == copy and edited.version == 2
    assert [c.name for c in edited.criteria.all()] == ["守纪（修订）", "任务完成（修订）"]
