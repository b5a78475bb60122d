"""The supervisor's scoring pages: autosave, saving without the script, submit and lock."""

import json

import pytest

from assessments.models import AssessmentStatus
from tests import factories
from tests.assessments import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(org):
    f.credentialed(org.aux_a)
    return f.assessment_of(f.open_cycle(org), org.aux_a)


@pytest.fixture
def sup(client, org):
    client.force_login(org.supervisor_a)
    return client


def test_form_shows_criteria_with_anchors_and_law_words(sup, assessment):
    page = sup.get(f"/assessments/{assessment.pk}/score/").content.decode()
    assert "遵规守纪" in page and "任务完成" in page
    assert 'class="anchor"' in page
    assert "第十九条第（九）项 索取或者收受贿赂" in page
    assert 'src="/static/js/assessments.js"' in page
    assert "<script>" not in page


def test_autosave_is_idempotent(sup, assessment):
    url = f"/assessments/{assessment.pk}/draft/"
    body = json.dumps({"days_absent": "1", "late_arrivals": "2"})
    first = sup.post(url, body, content_type="application/json")
    second = sup.post(url, body, content_type="application/json")
    assert first.status_code == second.status_code == 200
    assert "saved_at" in second.json()
    assessment.refresh_from_db()
    assert assessment.draft == {"days_absent": "1", "late_arrivals": "2"}
    assert assessment.status == AssessmentStatus.DRAFT
    page = sup.get(f"/assessments/{assessment.pk}/score/").content.decode()
    assert 'value="1"' in page and 'value="2"' in page


def test_autosave_rejects_garbage(sup, assessment):
    url = f"/assessments/{assessment.pk}/draft/"
    assert sup.post(url, "not json", content_type="application/json").status_code == 400
    assert sup.post(url, "[1, 2]", content_type="application/json").status_code == 400


def test_save_draft_without_the_script(sup, assessment):
    data = {"days_absent": "3", "save": "1"}
    response = sup.post(f"/assessments/{assessment.pk}/score/", data)
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.draft["days_absent"] == "3"


def test_submit_with_errors_keeps_the_values(sup, assessment):
    data = f.form_data(assessment, "8")
    criterion = assessment.cycle.template.criteria.first()
    data[f"score_{criterion.pk}"] = "12"
    data["submit"] = "1"
    data["violation_item_0"] = "9"
    data["violation_date_0"] = "2026-03-03"
    data["violation_description_0"] = "收受购物卡一张"
    response = sup.post(f"/assessments/{assessment.pk}/score/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="12"' in page and "收受购物卡一张" in page
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT


def test_submit_then_locked(sup, assessment):
    data = f.form_data(assessment, "8")
    data["submit"] = "1"
    response = sup.post(f"/assessments/{assessment.pk}/score/", data)
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    # the form is gone; the draft endpoint refuses
    assert sup.get(f"/assessments/{assessment.pk}/score/").status_code == 302
    refused = sup.post(
        f"/assessments/{assessment.pk}/draft/", "{}", content_type="application/json"
    )
    assert refused.status_code == 409
    data[next(k for k in data if k.startswith("score_"))] = "1"
    sup.post(f"/assessments/{assessment.pk}/score/", data)
    assessment.refresh_from_db()
    assert str(assessment.total) == "80.00"


def test_query_counts_do_not_grow_with_people(sup, org, django_assert_max_num_queries):
    people = [
        factories.AuxiliaryFactory(agency=org.county_a, supervisor=org.supervisor_a)
        for _ in range(6)
    ]
    f.credentialed(*people)
    opened = f.open_cycle(org)
    for aux in people[:3]:
        f.submit(f.assessment_of(opened, aux), "8", violations=[(2, "2026-02-02", "x")])
    with django_assert_max_num_queries(8):
        page = sup.get("/assessments/score/")
    assert page.content.decode().count('/score/"') >= 3
    done = f.assessment_of(opened, people[0])
    with django_assert_max_num_queries(14):
        assert sup.get(f"/assessments/{done.pk}/").status_code == 200
    pending = f.assessment_of(opened, people[4])
    with django_assert_max_num_queries(12):
        assert sup.get(f"/assessments/{pending.pk}/score/").status_code == 200


def test_supervisor_home_lists_the_forms_to_score(client, org):
    from tests.assessments.factories import credentialed, open_cycle

    credentialed(org.aux_a, org.aux_b)
    open_cycle(org)
    client.force_login(org.supervisor_a)
    html = client.get("/").content.decode()
    assert "待评分的考核" in html and org.aux_a.name in html
    client.force_login(org.supervisor_b)
    assert org.aux_a.name not in client.get("/").content.decode()
