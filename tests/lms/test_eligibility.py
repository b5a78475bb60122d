import datetime

import pytest

from lms.eligibility import eligibility_reasons

ENROL = datetime.date(2026, 6, 1)


def reasons(**overrides):
    args = {
        "birth_date": datetime.date(2000, 1, 1),
        "enrol_date": ENROL,
        "education": "senior_high",
        "education_waiver_approved": False,
        "disqualification_items": [],
    }
    args.update(overrides)
    return [(r.article, r.item) for r in eligibility_reasons(**args)]


def test_an_adult_with_senior_high_school_and_no_disqualification_is_eligible():
    assert reasons() == []


@pytest.mark.parametrize(
    "birth, expected",
    [
        (datetime.date(2008, 6, 1), []),  # 18 exactly on the enrolment date
        (datetime.date(2008, 6, 2), [(9, 3)]),  # one day short
        (datetime.date(2010, 1, 1), [(9, 3)]),
    ],
)
def test_age_must_be_at_least_18_on_the_enrolment_date_art_9_3(birth, expected):
    assert reasons(birth_date=birth) == expected


@pytest.mark.parametrize(
    "education, waiver, expected",
    [
        ("senior_high", False, []),
        ("bachelor", False, []),
        ("junior_high", False, [(9, 4)]),
        ("junior_high", True, []),  # Art. 9 para 2: approved waiver
        ("primary", True, [(9, 4)]),  # no waiver below junior high
    ],
)
def test_education_art_9_4_with_waiver(education, waiver, expected):
    assert reasons(education=education, education_waiver_approved=waiver) == expected


@pytest.mark.parametrize("item", [1, 2, 3, 4, 5, 6])
def test_each_art_10_disqualification_is_a_reason_naming_its_item(item):
    result = eligibility_reasons(
        birth_date=datetime.date(2000, 1, 1),
        enrol_date=ENROL,
        education="senior_high",
        disqualification_items=[item],
    )
    assert [(r.article, r.item) for r in result] == [(10, item)]
    assert result[0].citation == f"第十条第（{'一二三四五六'[item - 1]}）项"
    assert str(result[0]).startswith(result[0].citation + "：")


def test_all_reasons_are_listed_together():
    assert reasons(
        birth_date=datetime.date(2010, 1, 1), education="junior_high", disqualification_items=[5, 1]
    ) == [(9, 3), (9, 4), (10, 1), (10, 5)]


def test_an_unknown_art_10_item_is_refused():
    with pytest.raises(ValueError):
        reasons(disqualification_items=[7])
