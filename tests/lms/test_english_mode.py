"""English pages (the language switch at the foot of every page): citations read "Art. 19(3)",
dates read one way (ISO), and no full-width punctuation sits between English words. Chinese
pages stay as they were."""

import datetime
import re

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

from lms.eligibility import eligibility_reasons
from lms.forms import disqualification_choices
from lms.measures import citation_label
from tests.assessments import factories as f

FULL_WIDTH = re.compile(r"[：，（）；]")


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.parametrize(
    ("article", "item", "zh", "en"),
    [
        (19, 3, "第十九条第（三）项", "Art. 19(3)"),
        (17, 2, "第十七条第二款", "Art. 17 para. 2"),
        (14, None, "第十四条", "Art. 14"),
    ],
)
def test_citation_labels_follow_the_language(article, item, zh, en):
    with translation.override("en"):
        assert citation_label(article, item) == en
    with translation.override("zh-hans"):
        assert citation_label(article, item) == zh


@pytest.mark.parametrize(
    "fmt", ["DATE_FORMAT", "SHORT_DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATETIME_FORMAT"]
)
def test_english_dates_are_iso_and_chinese_dates_unchanged(fmt):
    moment = datetime.datetime(2026, 12, 3, 15, 4)
    with translation.override("en"):
        assert date_format(moment, fmt).startswith("2026-12-03")
    with translation.override("zh-hans"):
        assert date_format(moment, fmt).startswith("2026年12月3日")


def test_template_punctuation_follows_the_language():
    template = Template(
        "{% load lms_tags %}{{ label }}{% colon %}{{ value }} "
        "{% filter parens %}w 20{% endfilter %} {{ items|enumeration }}"
    )
    context = {"label": "Reason", "value": "x", "items": ["a", "b"]}
    with translation.override("en"):
        assert template.render(Context(context)) == "Reason: x (w 20) a, b"
    with translation.override("zh-hans"):
        assert template.render(Context(context)) == "Reason：x （w 20） a、b"


def test_ineligibility_reasons_and_enrolment_choices_in_english():
    with translation.override("en"):
        (reason,) = eligibility_reasons(
            birth_date=datetime.date(2010, 1, 1),
            enrol_date=datetime.date(2026, 12, 3),
            education="senior_high",
        )
        assert str(reason).startswith("Art. 9(3): ")
        assert disqualification_choices()[0][1].startswith("Art. 10(1) ")


@pytest.fixture
def submitted(org):
    f.credentialed(org.aux_a)
    assessment = f.assessment_of(f.open_cycle(org), org.aux_a)
    return f.submit(assessment, "8", violations=[(4, "2026-03-01", "自行下达责令改正")])


@pytest.mark.django_db
def test_assessment_page_in_english(client, org, submitted):
    client.force_login(org.admin_a)
    page = english(client).get(f"/assessments/{submitted.pk}/").content.decode()
    assert "Art. 19(4)" in page
    assert "2026-03-01" in page  # the violation's date
    assert "2026-01-01 – 2026-06-30" in page  # the cycle's period
    assert "Recommendation: " in page
    english_text = re.findall(r"[A-Za-z][A-Za-z ]*[：，（）；]", page)
    assert english_text == []


@pytest.mark.django_db
def test_assessment_page_in_chinese_is_unchanged(client, org, submitted):
    client.force_login(org.admin_a)
    page = client.get(f"/assessments/{submitted.pk}/").content.decode()
    assert "第十九条第（四）项" in page
    assert "2026年3月1日" in page
    assert "2026年1月1日 – 2026年6月30日" in page
    assert "Art. 19" not in page


@pytest.mark.django_db
def test_reasons_are_stored_in_chinese_whoever_submits(org):
    """Reasons are stored text: an assessment submitted from an English page keeps the law's
    Chinese labels, and is shown as stored."""
    f.credentialed(org.aux_a)
    assessment = f.assessment_of(f.open_cycle(org), org.aux_a)
    with translation.override("en"):
        done = f.submit(assessment, "8", violations=[(4, "2026-03-01", "自行下达责令改正")])
    texts = " ".join(r["text"] for r in done.reasons)
    assert "第十九条第（四）项" in texts and "Art." not in texts
