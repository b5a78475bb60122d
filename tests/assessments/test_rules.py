from datetime import date
from decimal import Decimal

import pytest

from assessments.rules import (
    CRITERION_MEASURES,
    DEFAULT_BANDS,
    DEFAULT_GRADE_BANDS,
    FORBIDDEN_MEASURES,
    OUTCOME_LABELS,
    RULES_TABLE,
    SEVERE_VIOLATION_ITEMS,
    CriterionScore,
    GradeBand,
    Outcome,
    Reason,
    criterion_violates_art18,
    grade_for,
    recommend,
    weighted_total,
)
from lms.measures import citation_label, clause_text

D = Decimal
RENEW, CORRECT, DISMISS = Outcome.RENEW, Outcome.RENEW_WITH_CORRECTION, Outcome.DISMISS
END = date(2025, 12, 31)
NEXT = date(2026, 1, 1)


# ------------------------------------------------------------------ grade bands


def test_default_bands_match_the_table():
    assert [(b.code, b.label, b.minimum) for b in DEFAULT_BANDS] == [
        (code, label, D(minimum)) for code, label, minimum in DEFAULT_GRADE_BANDS
    ]


@pytest.mark.parametrize(
    ("total", "code", "label"),
    [
        ("100", "excellent", "优秀"),
        ("90", "excellent", "优秀"),
        ("90.00", "excellent", "优秀"),
        ("89.99", "pass", "合格"),
        ("75", "pass", "合格"),
        ("74.99", "basic", "基本合格"),
        ("60", "basic", "基本合格"),
        ("59.99", "fail", "不合格"),
        ("0", "fail", "不合格"),
    ],
)
def test_grade_edges(total, code, label):
    band = grade_for(D(total), DEFAULT_BANDS)
    assert (band.code, band.label) == (code, label)


def test_grade_for_takes_bands_in_any_order():
    bands = [GradeBand("low", "低", D(0)), GradeBand("high", "高", D("80.5"))]
    assert grade_for(D("80.5"), bands).code == "high"
    assert grade_for(D("80.49"), bands).code == "low"


@pytest.mark.parametrize("bands", [DEFAULT_BANDS, []])
def test_grade_for_without_a_band_is_an_error(bands):
    with pytest.raises(ValueError):
        grade_for(D("-0.01"), bands)


# ------------------------------------------------------------------ weighted total


def cs(weight, max_score, score):
    return CriterionScore(D(weight), D(max_score), D(score))


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([cs(100, 10, 10)], "100.00"),
        ([cs(60, 10, 0), cs(40, 5, 0)], "0.00"),
        ([cs(40, 10, 8), cs(30, 5, 4), cs(30, 20, 15)], "78.50"),  # 32 + 24 + 22.5
        ([cs(100, 3, 1)], "33.33"),
        ([cs(100, 3, 2)], "66.67"),
        ([cs(100, 800, 1)], "0.13"),  # 0.125 rounds half up, not to even
        ([cs(100, 800, 7)], "0.88"),  # 0.875
        ([cs(50, 3, 1), cs(50, 3, 1)], "33.33"),  # rounded once, on the sum
        ([cs("33.5", 4, 3), cs("66.5", 10, "9.5")], "88.30"),  # 25.125 + 63.175
        ([cs(0, 10, 3), cs(100, 10, 9)], "90.00"),
    ],
)
def test_weighted_total(scores, expected):
    total = weighted_total(scores)
    assert total == D(expected)
    assert str(total) == expected


@pytest.mark.parametrize(
    "scores",
    [
        [],
        [cs(99, 10, 10)],
        [cs(60, 10, 10), cs(41, 10, 10)],
        [cs(100, 10, "10.01")],
        [cs(100, 10, -1)],
        [cs(100, 0, 0)],
        [cs(-10, 10, 5), cs(110, 10, 5)],
    ],
    ids=["empty", "99", "101", "above-max", "negative", "zero-max", "negative-weight"],
)
def test_weighted_total_rejects(scores):
    with pytest.raises(ValueError):
        weighted_total(scores)


# ------------------------------------------------------------------ recommend


def sev(item):
    return ("severe_violation", 19, item)


def vio(item):
    return ("violation", 19, item)


GRADE_FAIL = ("grade_fail", 24, None)
GRADE_BASIC = ("grade_basic", 27, None)
RENEWED = ("renew", 24, None)
CONTRACT = ("contract_end", 24, None)

# grade, violations, contract_end, next_cycle_start → outcome, reasons, commend, decision due
TABLE = [
    # grade alone
    ("excellent", [], None, None, RENEW, [RENEWED], True, False),
    ("pass", [], None, None, RENEW, [RENEWED], False, False),
    ("basic", [], None, None, CORRECT, [GRADE_BASIC], False, False),
    ("fail", [], None, None, DISMISS, [GRADE_FAIL], False, False),
    # each severe item alone dismisses
    *[("pass", [i], None, None, DISMISS, [sev(i)], False, False) for i in (6, 7, 9, 11, 12)],
    # each other item alone → renew with correction
    *[
        ("pass", [i], None, None, CORRECT, [vio(i)], False, False)
        for i in (1, 2, 3, 4, 5, 8, 10, 13)
    ],
    # combinations
    ("excellent", [9], None, None, DISMISS, [sev(9)], False, False),
    ("excellent", [5], None, None, CORRECT, [vio(5)], False, False),  # no commendation
    ("basic", [3], None, None, CORRECT, [GRADE_BASIC, vio(3)], False, False),
    ("fail", [9], None, None, DISMISS, [sev(9), GRADE_FAIL], False, False),
    ("fail", [2], None, None, DISMISS, [GRADE_FAIL, vio(2)], False, False),
    ("basic", [12, 6], None, None, DISMISS, [sev(6), sev(12), GRADE_BASIC], False, False),
    ("pass", [10, 7, 3, 7, 10], None, None, DISMISS, [sev(7), vio(3), vio(10)], False, False),
    (
        "fail",
        [12, 9, 8, 1, 9],
        None,
        None,
        DISMISS,
        [sev(9), sev(12), GRADE_FAIL, vio(1), vio(8)],
        False,
        False,
    ),
    ("excellent", [13, 13], None, None, CORRECT, [vio(13)], False, False),
    # contract ending before the next cycle never changes the outcome
    ("excellent", [], END, NEXT, RENEW, [RENEWED, CONTRACT], True, True),
    ("pass", [], END, NEXT, RENEW, [RENEWED, CONTRACT], False, True),
    ("basic", [4], END, NEXT, CORRECT, [GRADE_BASIC, vio(4), CONTRACT], False, True),
    ("fail", [], END, NEXT, DISMISS, [GRADE_FAIL, CONTRACT], False, True),
    ("pass", [9], END, NEXT, DISMISS, [sev(9), CONTRACT], False, True),
    ("excellent", [11, 8], END, NEXT, DISMISS, [sev(11), vio(8), CONTRACT], False, True),
    # not due: same day, later, or a date missing
    ("pass", [], NEXT, NEXT, RENEW, [RENEWED], False, False),
    ("pass", [], date(2026, 6, 30), NEXT, RENEW, [RENEWED], False, False),
    ("pass", [], END, None, RENEW, [RENEWED], False, False),
    ("pass", [], None, NEXT, RENEW, [RENEWED], False, False),
]


@pytest.mark.parametrize(
    ("grade", "items", "end", "start", "outcome", "reasons", "commend", "due"), TABLE
)
def test_recommend_table(grade, items, end, start, outcome, reasons, commend, due):
    result = recommend(
        grade_code=grade, violation_items=items, contract_end=end, next_cycle_start=start
    )
    assert result.outcome is outcome
    assert [(r.rule, r.article, r.item) for r in result.reasons] == reasons
    assert result.commend is commend
    assert result.contract_decision_due is due
    assert result.outcome_label == OUTCOME_LABELS[outcome]


def test_every_art19_item_is_covered_by_the_table():
    covered = {i for row in TABLE for i in row[1]}
    assert covered == set(range(1, 14))


def test_violation_reason_quotes_the_law():
    result = recommend(
        grade_code="pass", violation_items=[9], contract_end=None, next_cycle_start=None
    )
    assert result.reasons == (
        Reason("severe_violation", 19, 9, "第十九条第（九）项：索取或者收受贿赂"),
    )


@pytest.mark.parametrize("item", range(1, 14))
def test_every_violation_reason_text(item):
    result = recommend(
        grade_code="pass", violation_items=[item], contract_end=None, next_cycle_start=None
    )
    (reason,) = result.reasons
    words = clause_text(19, item).rstrip("；。")
    assert reason.text == f"{citation_label(19, item)}：{words}"
    assert not reason.text.endswith(("；", "。"))
    assert reason.rule == ("severe_violation" if item in SEVERE_VIOLATION_ITEMS else "violation")


@pytest.mark.parametrize(
    ("grade", "text"),
    [
        ("fail", "考核等次为不合格（第二十四条、第二十七条）"),
        ("basic", "考核等次为基本合格，责令改正（第二十四条、第二十七条）"),
        ("pass", "考核等次为合格（第二十四条）"),
        ("excellent", "考核等次为优秀（第二十四条）"),
    ],
)
def test_grade_reason_text(grade, text):
    result = recommend(
        grade_code=grade, violation_items=(), contract_end=None, next_cycle_start=None
    )
    assert result.reasons[0].text == text


def test_contract_reason_text():
    result = recommend(
        grade_code="pass", violation_items=[], contract_end=END, next_cycle_start=NEXT
    )
    text = result.reasons[-1].text
    assert "2025-12-31" in text and "2026-01-01" in text and "第二十四条" in text


def test_violation_items_may_be_any_iterable():
    result = recommend(
        grade_code="pass",
        violation_items=(i for i in [8, 8, 2]),
        contract_end=None,
        next_cycle_start=None,
    )
    assert [r.item for r in result.reasons] == [2, 8]


@pytest.mark.parametrize("bad", [0, 14, -1, "9", 9.0, True, None])
def test_item_outside_art19_is_an_error(bad):
    with pytest.raises(ValueError):
        recommend(
            grade_code="pass", violation_items=[3, bad], contract_end=None, next_cycle_start=None
        )


@pytest.mark.parametrize("grade", ["", "优秀", "good", "FAIL"])
def test_unknown_grade_is_an_error(grade):
    with pytest.raises(ValueError):
        recommend(grade_code=grade, violation_items=[], contract_end=None, next_cycle_start=None)


def test_outcome_values_and_labels():
    assert [o.value for o in Outcome] == ["renew", "renew_correct", "dismiss"]
    assert OUTCOME_LABELS == {
        Outcome.RENEW: "续聘",
        Outcome.RENEW_WITH_CORRECTION: "续聘并责令改正",
        Outcome.DISMISS: "不予续聘/解聘",
    }
    assert SEVERE_VIOLATION_ITEMS == frozenset({6, 7, 9, 11, 12})


def test_rules_table_covers_every_reason_rule():
    codes = [code for code, _, _ in RULES_TABLE]
    assert len(codes) == len(set(codes))
    reason_rules = {r[0] for row in TABLE for r in row[5]}
    assert reason_rules <= set(codes)
    for _code, description, citation in RULES_TABLE:
        assert description and citation.startswith("第")
    rows = {code: (description, citation) for code, description, citation in RULES_TABLE}
    assert rows["severe_violation"][0].startswith("有第十九条第（六）、（七）、（九）、（十一）")
    assert rows["criterion_art18"][1] == "第十八条第（三）项、第（四）项"


# ------------------------------------------------------------------ Art. 18 check

REFUSED_WORDING = [
    ("罚款完成率", ""),
    ("收费指标完成情况", ""),
    ("罚没款数额", "按月统计"),
    ("执法辅助绩效", "按罚款金额计分"),
    ("Fine quota", ""),
    ("Enforcement support", "Scored by fines collected each month"),
    ("Monthly output", "number of penalties issued"),
    ("创收贡献", ""),
    ("执法协助", "本月完成罚款任务情况"),
    ("罚款收缴金额排名", ""),
    ("工作实绩", "奖金与罚没款挂钩"),
    ("廉洁", "不得参与罚款决定；按罚款金额计分"),  # one clause is enough
    ("考核依据", "不以罚款数额为唯一计分依据"),  # a hedged prohibition is a target
    ("收费工作", "收费数额不得低于上年"),
    ("执法协助", "不得低于上年罚款指标的80%"),
]

ACCEPTED_WORDING = [
    ("廉洁自律", "不得参与罚款决定"),
    ("宣传工作", "协助宣传罚款缴纳政策"),
    ("规范履职", "引导当事人通过银行缴纳罚款，不经手现金"),
    ("窗口服务", "收费窗口文明服务、态度规范"),
    ("文书送达", "罚款决定书送达及时规范"),
    ("考核依据", "不得以罚款数额作为考核依据"),  # restating the prohibition is not a measure
    ("依法辅助", "严禁下达罚款、收费指标"),
    ("Public guidance", "Explains fee payment procedures to the public"),
    ("Integrity", "Never takes part in fine decisions"),
    ("出勤率", "按月出勤天数计分"),
    ("任务完成", "按时完成交办的巡查任务"),
]


@pytest.mark.parametrize(("name", "description"), REFUSED_WORDING)
def test_art18_refuses_scoring_fines_or_fees(name, description):
    message = criterion_violates_art18(measure="task", name=name, description=description)
    assert message is not None
    assert "第十八条第（三）项" in message and "第（四）项" in message
    assert "罚没款数额、收费数额挂钩" in message  # quotes the law, without its trailing ；


@pytest.mark.parametrize(("name", "description"), ACCEPTED_WORDING)
def test_art18_accepts_legitimate_wording(name, description):
    assert criterion_violates_art18(measure="conduct", name=name, description=description) is None


@pytest.mark.parametrize("measure", sorted(FORBIDDEN_MEASURES))
def test_art18_refuses_forbidden_measures_whatever_the_wording(measure):
    message = criterion_violates_art18(measure=measure, name="出勤", description="")
    assert message is not None and "第十八条第（三）项" in message and measure in message


@pytest.mark.parametrize("measure", CRITERION_MEASURES)
def test_art18_accepts_every_allowed_measure(measure):
    assert criterion_violates_art18(measure=measure, name="文明执法", description="") is None


def test_art18_quotes_the_offending_phrase():
    message = criterion_violates_art18(measure="task", name="收费指标完成情况", description="")
    assert "“收费指标”" in message


def test_art18_unknown_measure_is_an_error():
    with pytest.raises(ValueError):
        criterion_violates_art18(measure="speed", name="x", description="")


@pytest.mark.parametrize("item", range(1, 14))
def test_any_recorded_violation_withholds_commendation(item):
    result = recommend(
        grade_code="excellent", violation_items=[item], contract_end=None, next_cycle_start=None
    )
    assert result.commend is False
    clean = recommend(
        grade_code="excellent", violation_items=[], contract_end=None, next_cycle_start=None
    )
    assert clean.commend is True
