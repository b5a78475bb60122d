"""Assessment rules: grade bands, weighted totals, renewal recommendations and the Art. 18 check.

This module is the one place these rules live. It is pure Python (no models, no settings) so
views, forms, reports and tests all share the same decisions:

* Art. 24 — agencies assess auxiliaries periodically; the result is the main basis for renewal,
  dismissal, rewards and sanctions (续聘、解聘、奖惩).
* Art. 27 — a violation leads to 批评教育、责令改正 or 解聘 according to its seriousness.
* Art. 19 — the auxiliary's prohibited conduct; items (6), (7), (9), (11), (12) are treated as
  severe and lead to dismissal, every other item to renewal with correction.
* Art. 18 (3)(4) — the agency may not tie pay to fines or fees collected, nor set fine or fee
  quotas, so an assessment criterion may not score either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, localcontext
from enum import StrEnum

from lms.measures import chinese_numeral, clause_text
from lms.measures import citation_label_zh as citation_label  # reasons are stored Chinese text

# --------------------------------------------------------------------------- grade bands

DEFAULT_GRADE_BANDS = [
    ("excellent", "优秀", 90),
    ("pass", "合格", 75),
    ("basic", "基本合格", 60),
    ("fail", "不合格", 0),
]


@dataclass(frozen=True)
class GradeBand:
    code: str
    label: str
    minimum: Decimal


DEFAULT_BANDS: tuple[GradeBand, ...] = tuple(
    GradeBand(code, label, Decimal(minimum)) for code, label, minimum in DEFAULT_GRADE_BANDS
)
GRADE_CODES = frozenset(code for code, _, _ in DEFAULT_GRADE_BANDS)
GRADE_LABELS = {code: label for code, label, _ in DEFAULT_GRADE_BANDS}


def _decimal(value: Decimal | str | float) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError(f"not a number: {value!r}")
    return Decimal(str(value))


def grade_for(total: Decimal, bands: Sequence[GradeBand] = DEFAULT_BANDS) -> GradeBand:
    """The highest band whose minimum is <= total (90 → 优秀, 89.99 → 合格 with the defaults).

    ValueError when no band applies (a total below the lowest minimum, or no bands).
    """
    total = _decimal(total)
    for band in sorted(bands, key=lambda b: _decimal(b.minimum), reverse=True):
        if _decimal(band.minimum) <= total:
            return band
    raise ValueError(f"no grade band covers a total of {total}")


# --------------------------------------------------------------------------- weighted total

_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class CriterionScore:
    weight: Decimal
    max_score: Decimal
    score: Decimal


def weighted_total(scores: Sequence[CriterionScore]) -> Decimal:
    """Σ weight × score / max_score, on a 0–100 scale, rounded to 2 places ROUND_HALF_UP.

    The weights must total exactly 100. ValueError when they do not, when a weight is negative,
    a maximum is not positive, or a score lies outside 0..max_score.
    """
    if not scores:
        raise ValueError("no criteria scored; weights must total 100")
    weights = Decimal(0)
    with localcontext() as ctx:
        ctx.prec = 50
        total = Decimal(0)
        for index, entry in enumerate(scores, start=1):
            weight = _decimal(entry.weight)
            maximum = _decimal(entry.max_score)
            score = _decimal(entry.score)
            if weight < 0:
                raise ValueError(f"criterion {index}: weight {weight} is negative")
            if maximum <= 0:
                raise ValueError(f"criterion {index}: max_score {maximum} must be positive")
            if not 0 <= score <= maximum:
                raise ValueError(f"criterion {index}: score {score} is outside 0..{maximum}")
            weights += weight
            total += weight * score / maximum
    if weights != _HUNDRED:
        raise ValueError(f"weights total {weights}, not 100")
    return total.quantize(_CENT, rounding=ROUND_HALF_UP)


# --------------------------------------------------------------------------- recommendation

VIOLATION_ARTICLE = 19
VIOLATION_ITEMS = range(1, 14)  # Art. 19 items （一）…（十三）
SEVERE_VIOLATION_ITEMS = frozenset({6, 7, 9, 11, 12})


class Outcome(StrEnum):
    RENEW = "renew"
    RENEW_WITH_CORRECTION = "renew_correct"
    DISMISS = "dismiss"


OUTCOME_LABELS = {
    Outcome.RENEW: "续聘",
    Outcome.RENEW_WITH_CORRECTION: "续聘并责令改正",
    Outcome.DISMISS: "不予续聘/解聘",
}


@dataclass(frozen=True)
class Reason:
    rule: str
    article: int
    item: int | None
    text: str


@dataclass(frozen=True)
class Recommendation:
    outcome: Outcome
    reasons: tuple[Reason, ...]
    commend: bool  # grade 优秀 and no Art. 19 violation → marked for commendation
    contract_decision_due: bool  # contract ends before the next cycle starts

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.outcome]


def law_words(article: int, item: int | None = None) -> str:
    """The law's words for a citation without the trailing ；or 。."""
    return clause_text(article, item).rstrip("；。;")


def _labels(*articles: int) -> str:
    return "、".join(citation_label(article) for article in articles)


def _violation_reason(rule: str, item: int) -> Reason:
    text = f"{citation_label(VIOLATION_ARTICLE, item)}：{law_words(VIOLATION_ARTICLE, item)}"
    return Reason(rule, VIOLATION_ARTICLE, item, text)


def _violation_items(violation_items: Iterable[int]) -> set[int]:
    items: set[int] = set()
    for item in violation_items:
        if isinstance(item, bool) or not isinstance(item, int) or item not in VIOLATION_ITEMS:
            raise ValueError(f"not an item of Art. 19: {item!r} (expected 1..13)")
        items.add(item)
    return items


def recommend(
    *,
    grade_code: str,
    violation_items: Iterable[int],
    contract_end: date | None,
    next_cycle_start: date | None,
) -> Recommendation:
    """Recommend renewal, renewal with correction, or dismissal (Arts. 19, 24, 27).

    * DISMISS when a severe Art. 19 item (6, 7, 9, 11, 12) is recorded, or the grade is fail.
    * RENEW_WITH_CORRECTION when the grade is basic, or any other Art. 19 item is recorded.
    * RENEW otherwise.

    Every applicable finding becomes a reason, in this order: severe violations (by item), the
    grade, other violations (by item), the contract. The "renew" grade reason appears only when
    the outcome is RENEW. Duplicate items count once; an item outside 1..13 or an unknown grade
    code is a ValueError. ``commend`` is grade excellent with no Art. 19 violation recorded
    (a violation, even a minor one, is not conduct to hold up as an example). A contract ending
    before ``next_cycle_start`` sets ``contract_decision_due`` and adds a reason; it never
    changes the outcome.
    """
    if grade_code not in GRADE_CODES:
        raise ValueError(f"unknown grade code {grade_code!r}")
    items = _violation_items(violation_items)
    severe = sorted(items & SEVERE_VIOLATION_ITEMS)
    other = sorted(items - SEVERE_VIOLATION_ITEMS)

    if severe or grade_code == "fail":
        outcome = Outcome.DISMISS
    elif other or grade_code == "basic":
        outcome = Outcome.RENEW_WITH_CORRECTION
    else:
        outcome = Outcome.RENEW

    reasons = [_violation_reason("severe_violation", item) for item in severe]
    label = GRADE_LABELS[grade_code]
    if grade_code == "fail":
        reasons.append(Reason("grade_fail", 24, None, f"考核等次为{label}（{_labels(24, 27)}）"))
    elif grade_code == "basic":
        reasons.append(
            Reason("grade_basic", 27, None, f"考核等次为{label}，责令改正（{_labels(24, 27)}）")
        )
    elif outcome is Outcome.RENEW:
        reasons.append(Reason("renew", 24, None, f"考核等次为{label}（{_labels(24)}）"))
    reasons.extend(_violation_reason("violation", item) for item in other)

    due = contract_end is not None and next_cycle_start is not None
    due = due and contract_end < next_cycle_start
    if due:
        reasons.append(
            Reason(
                "contract_end",
                24,
                None,
                f"劳动合同于{contract_end.isoformat()}到期，早于下一考核周期开始"
                f"（{next_cycle_start.isoformat()}），应依据考核结果作出续聘或解聘决定"
                f"（{_labels(24)}）",
            )
        )

    return Recommendation(
        outcome=outcome,
        reasons=tuple(reasons),
        commend=grade_code == "excellent" and not items,
        contract_decision_due=due,
    )


# --------------------------------------------------------------------------- notes sheet

_SEVERE_ITEMS_LABEL = (
    "第十九条第"
    + "、".join(f"（{chinese_numeral(item)}）" for item in sorted(SEVERE_VIOLATION_ITEMS))
    + "项"
)  # 第十九条第（六）、（七）、（九）、（十一）、（十二）项
_ART18_LABEL = (
    f"{citation_label(18, 3)}、第（{chinese_numeral(4)}）项"  # 第十八条第（三）项、第（四）项
)

# (rule code, description, citation) — the report's notes sheet lists these in order.
RULES_TABLE: list[tuple[str, str, str]] = [
    (
        "severe_violation",
        f"有{_SEVERE_ITEMS_LABEL}行为之一的，不予续聘/解聘",
        _labels(19, 27),
    ),
    ("grade_fail", "考核等次为不合格的，不予续聘/解聘", _labels(24, 27)),
    ("grade_basic", "考核等次为基本合格的，续聘并责令改正", _labels(24, 27)),
    ("violation", "有第十九条其他禁止行为的，续聘并责令改正", _labels(19, 27)),
    ("renew", "考核等次为合格或优秀且无第十九条禁止行为的，续聘", _labels(24)),
    ("commend", "考核等次为优秀且无第十九条禁止行为的，列为表彰对象", _labels(19, 24)),
    ("contract_end", "劳动合同在下一考核周期开始前到期的，应作出续聘或解聘决定", _labels(24)),
    ("criterion_art18", "考核标准不得与罚没款数额、收费数额或罚款、收费指标挂钩", _ART18_LABEL),
]

# --------------------------------------------------------------------------- training hours


def hours_score(*, credited: Decimal, required: Decimal, max_score: Decimal) -> Decimal:
    """The score of a training-hours criterion: full marks when the year's requirement is met
    (or none is set), otherwise in proportion to the hours that count towards it
    (``credited``: the required hours less what is still missing, so hours beyond a category's
    share do not make up its minimum), to two decimals, rounded half up."""
    if required <= 0 or credited >= required:
        return Decimal(max_score).quantize(Decimal("0.01"))
    share = max(Decimal(credited), Decimal(0)) / Decimal(required)
    return (Decimal(max_score) * share).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --------------------------------------------------------------------------- Art. 18 check

CRITERION_MEASURES = (
    "conduct", "skill", "attendance", "task", "integrity", "manner", "other", "training_hours",
)  # fmt: skip
# A criterion of this measure is not scored by the supervisor: its value is computed from the
# person's in-service training hours (Arts. 15(3), 17 feeding the Art. 24 assessment).
HOURS_MEASURE = "training_hours"
FORBIDDEN_MEASURES = frozenset({"fines_collected", "fees_collected", "fine_quota", "fee_quota"})
FORBIDDEN_MEASURE_LABELS = {
    "fines_collected": "罚没款数额",
    "fees_collected": "收费数额",
    "fine_quota": "罚款指标",
    "fee_quota": "收费指标",
}

# How the wording check decides (a heuristic; see the tests for both sides):
#
# A criterion is refused when it *measures* an amount, count, quota or rate of fines or fees.
# Mentioning fines or fees is not enough: "不得参与罚款决定", "协助宣传罚款缴纳政策" describe the
# auxiliary's conduct and are accepted. The text (name + description) is split into clauses at
# punctuation (not at 、, which joins "罚款、收费指标"), and within one clause:
#
# 1. a fine/fee word (罚款, 罚没, 罚金, 收费, 规费) followed within 3 characters by an amount or
#    quota word (数额, 金额, 额, 指标, 任务, 完成率, 完成情况, 收入, 提成, 挂钩, 计分, …) is a hit:
#    "罚款完成率", "收费指标完成情况", "罚没款数额", "按罚款金额计分";
# 2. 创收 (revenue generation) is a hit on its own;
# 3. in English, fine/fee/penalty within three words (either side) of quota/amount/collected/
#    target/rate/number/… is a hit, as is "revenue": "fine quota", "fines collected".
#
# A Chinese hit is excused only when the clause *prohibits* it — a prohibition word (不得, 严禁,
# 禁止, 不准, 不以, 不与, 不将, 不设, 不下达, 杜绝) comes before the hit — and the clause has no
# hedge or comparison that turns the prohibition into a target ("唯一", "主要", "低于", "达到",
# "%", "而", "但", …). So "不得以罚款数额作为考核依据" passes while "不以罚款数额为唯一计分依据"
# and "不得低于上年罚款指标" are refused. English hits are never excused ("not meeting the fine
# quota" would otherwise slip through).

_CLAUSE_SPLIT = re.compile(r"[，,。.；;：:！!？?\n\r（）()]+")
_MONEY_ZH = r"罚没款?|罚款|罚金|收费|规费"
_AMOUNT_ZH = (
    r"数额|金额|总额|额度|额(?!外)|数量|笔数|件数|多少|指标|任务|完成率|完成情况|收缴率|"
    r"比例|排名|收入|提成|挂钩|计分|计奖|考核分"
)
_ZH_HIT = re.compile(rf"(?:{_MONEY_ZH}).{{0,3}}?(?:{_AMOUNT_ZH})|创收")
_PROHIBITION_ZH = re.compile(r"不得|严禁|禁止|不准|不以|不与|不将|不设|不下达|杜绝")
_HEDGE_ZH = re.compile(
    r"唯一|主要|为主|仅|只|单纯|而|但|却|除|低于|少于|高于|多于|超过|不足|达到|达不到|达标|"
    r"以上|以下|%|％|百分"
)
_MONEY_EN = r"fines?|fees?|penalt(?:y|ies)"
_AMOUNT_EN = (
    r"quotas?|targets?|amounts?|totals?|sums?|collected|collections?|rates?|numbers?|counts?|"
    r"volumes?|raised|issued|imposed|levied|income|revenues?"
)
_EN_HIT = re.compile(
    rf"\b(?:{_MONEY_EN})\b(?:\W+\w+){{0,2}}?\W+(?:{_AMOUNT_EN})\b"
    rf"|\b(?:{_AMOUNT_EN})\b(?:\W+\w+){{0,2}}?\W+(?:{_MONEY_EN})\b"
    r"|\brevenues?\b",
    re.IGNORECASE,
)


def _quota_phrase(text: str) -> str | None:
    """The first phrase of ``text`` that ties a score to fine/fee amounts or quotas, or None."""
    for clause in _CLAUSE_SPLIT.split(text):
        clause = clause.strip()
        if not clause:
            continue
        english = _EN_HIT.search(clause)
        if english:
            return english.group(0)
        for hit in _ZH_HIT.finditer(clause):
            prohibited = _PROHIBITION_ZH.search(clause, 0, hit.start())
            if prohibited and not _HEDGE_ZH.search(clause):
                continue
            return hit.group(0)
    return None


def _art18_message(detail: str) -> str:
    return (
        f"{detail}，违反{_ART18_LABEL}：行政执法机关不得{law_words(18, 3)}，"
        f"不得{law_words(18, 4)}。"
        "请改为考核辅助人员的履职行为、技能、考勤或任务完成质量。"
    )


def criterion_violates_art18(*, measure: str, name: str, description: str) -> str | None:
    """A Chinese message when a criterion would score fines or fees (Art. 18(3)(4)), else None.

    Refused when ``measure`` is one of FORBIDDEN_MEASURES, or when the name or description ties
    the score to an amount, quota or rate of fines or fees (see the heuristic above). ValueError
    for a measure that is neither allowed nor forbidden.
    """
    if measure in FORBIDDEN_MEASURES:
        label = FORBIDDEN_MEASURE_LABELS[measure]
        return _art18_message(f"考核内容“{label}”（{measure}）以罚款、收费的数额或指标计分")
    if measure not in CRITERION_MEASURES:
        raise ValueError(f"unknown criterion measure {measure!r}")
    phrase = _quota_phrase(f"{name}\n{description or ''}")
    if phrase is not None:
        return _art18_message(f"考核标准中的“{phrase}”将评分与罚款、收费的数额或指标挂钩")
    return None
