"""The enrolment form and the filter forms as an agency admin reads them in Chinese."""

from __future__ import annotations

import re

import pytest

from lms.measures import clause_text

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def _select(html: str, name: str) -> str:
    return re.search(rf'<select[^>]*name="{name}"[^>]*>.*?</select>', html, re.S).group(0)


def test_person_is_named_with_xingming(client, org):
    client.force_login(org.admin_a)
    html = client.get("/people/enrol/", **ZH).content.decode()
    label = re.search(r'<label for="id_name">(.*?)<', html).group(1)
    assert label.strip() == "姓名"


def test_art_10_declarations_show_the_law_words_of_each_item(client, org):
    client.force_login(org.admin_a)
    html = client.get("/people/enrol/", **ZH).content.decode()
    for item in range(1, 7):
        words = clause_text(10, item)
        assert words in html, words
    assert "有犯罪记录或者涉嫌犯罪尚未查清的" in html


def test_admin_of_one_agency_gets_it_preselected(client, org):
    client.force_login(org.admin_a)
    html = client.get("/people/enrol/", **ZH).content.decode()
    select = _select(html, "agency")
    assert "---------" not in select
    options = re.findall(r"<option[^>]*>", select)
    assert len(options) == 1
    assert "selected" in options[0] and f'value="{org.county_a.pk}"' in options[0]


def test_admin_of_several_agencies_still_chooses(client, org):
    client.force_login(org.city_admin)
    html = client.get("/people/enrol/", **ZH).content.decode()
    select = _select(html, "agency")
    assert re.findall(r"<option[^>]*selected[^>]*>", select) == ['<option value="" selected>']
    assert len(re.findall(r"<option", select)) == 1 + 3  # blank + city and its two counties


def test_one_agency_admin_can_enrol_without_touching_the_agency(client, org):
    client.force_login(org.admin_a)
    form = client.get("/people/enrol/", **ZH).context["form"]
    assert form["agency"].value() == org.county_a.pk


def test_roster_filter_empty_choices_read_quanbu(client, org):
    client.force_login(org.city_admin)
    html = client.get("/people/", **ZH).content.decode()
    assert "---------" not in html
    for name in ("agency", "status", "hire_method"):
        first = re.search(r"<option[^>]*>([^<]*)</option>", _select(html, name)).group(1)
        assert first == "全部", (name, first)


def test_question_bank_filters_in_wagtail_read_quanbu(client, org):
    org.provincial_admin.is_superuser = True
    org.provincial_admin.save()
    client.force_login(org.provincial_admin)
    response = client.get("/admin/snippets/exams/question/", **ZH)
    assert response.status_code == 200
    html = response.content.decode()
    assert "---------" not in html
    assert "未知" not in html  # the default boolean select's "either"
