"""Tests of the shipped question bank ``exams.content.questions`` — pure data, no database.

The checks are written as small ``*_problems`` functions returning a list of complaints, so the
meta-tests at the bottom can feed them deliberately broken questions and prove they can fail.
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from exams.content.questions import QUESTIONS
from lms.measures import (
    PARAGRAPH_ITEM_ARTICLES,
    chinese_numeral,
    citation_exists,
    citation_key,
    citation_label,
    coverage_items,
    parse_chinese_numeral,
)

ROOT = Path(__file__).resolve().parents[2]
QTYPES = ("single", "multiple", "truefalse")
QUESTION_KEYS = {
    "name",
    "category",
    "qtype",
    "text",
    "scenario",
    "difficulty",
    "choices",
    "explanation",
    "citations",
}
CHOICE_KEYS = {"text", "weight", "feedback"}
TRUE_LABEL, FALSE_LABEL = "正确", "错误"
WRONG_MULTIPLE_WEIGHT = -0.5
MIN_PER_ITEM = 2
# Stems that put named people in a concrete situation are flagged as scenarios, whatever the
# share comes to; the bounds only keep the bank a mix of situations and rules.
SCENARIO_SHARE = (0.25, 0.55)
MIN_TYPE_SHARE = 0.15
NAME_RE = re.compile(r"^\d+(?:\.\d+)?-[a-z]$")
# 第十九条 / 第十九条第（三）项 / 第十五条第（三）（八）（六）项 / 第十七条第二款
NUM = "[一二三四五六七八九十]+"
# Arts. 5–12 and 25–31 are asked in two categories of their own rather than one per article.
GROUP_CATEGORIES = {
    **dict.fromkeys(range(5, 13), "岗前培训/聘用与管理"),
    **dict.fromkeys(range(25, 32), "岗前培训/责任追究"),
}
REFERENCE_RE = re.compile(rf"第({NUM})条(?:第((?:（{NUM}）)+)项|第({NUM})款)?")


def _citations(question: dict) -> list[tuple[int, int | None]]:
    return [(c["article"], c["item"]) for c in question["citations"]]


def _covered(questions: list[dict]) -> Counter:
    return Counter(cite for q in questions for cite in set(_citations(q)))


# --------------------------------------------------------------------------- checkers


def shape_problems(q: dict) -> list[str]:
    problems = []
    if set(q) != QUESTION_KEYS:
        problems.append(f"keys {sorted(set(q) ^ QUESTION_KEYS)} missing or unexpected")
        return problems
    if q["qtype"] not in QTYPES:
        problems.append(f"qtype {q['qtype']!r}")
    if not isinstance(q["scenario"], bool):
        problems.append("scenario is not a bool")
    if q["difficulty"] not in (1, 2, 3) or isinstance(q["difficulty"], bool):
        problems.append(f"difficulty {q['difficulty']!r}")
    if not NAME_RE.match(q["name"]):
        problems.append(f"name {q['name']!r} is not <citation key>-<letter>")
    for key in ("text", "explanation", "category"):
        if not isinstance(q[key], str) or not q[key].strip():
            problems.append(f"empty {key}")
    for choice in q["choices"]:
        if set(choice) != CHOICE_KEYS:
            problems.append(f"choice keys {sorted(choice)}")
        elif not isinstance(choice["text"], str) or not choice["text"].strip():
            problems.append("empty choice text")
        elif not isinstance(choice["feedback"], str):
            problems.append("feedback is not a str")
    texts = [c.get("text") for c in q["choices"]]
    if len(set(texts)) != len(texts):
        problems.append("duplicate choice texts")
    return problems


def weight_problems(q: dict) -> list[str]:
    weights = [c["weight"] for c in q["choices"]]
    if not all(isinstance(w, float) for w in weights):
        return [f"weights must be floats: {weights}"]
    if q["qtype"] == "single":
        if len(weights) != 4:
            return [f"single needs 4 choices, has {len(weights)}"]
        if sorted(weights) != [0.0, 0.0, 0.0, 1.0]:
            return [f"single needs one 1.0 and three 0.0: {weights}"]
    elif q["qtype"] == "multiple":
        if not 4 <= len(weights) <= 5:
            return [f"multiple needs 4-5 choices, has {len(weights)}"]
        right = [w for w in weights if w > 0]
        wrong = [w for w in weights if w <= 0]
        problems = []
        if not 2 <= len(right) <= 4:
            problems.append(f"multiple needs 2-4 correct choices, has {len(right)}")
        if abs(sum(right) - 1.0) > 0.001:
            problems.append(f"correct weights sum to {sum(right)}")
        if any(w != WRONG_MULTIPLE_WEIGHT for w in wrong):
            problems.append(f"wrong choices must weigh {WRONG_MULTIPLE_WEIGHT}: {wrong}")
        if sum(weights) > 0.001:
            problems.append(f"ticking every choice would still earn {sum(weights):.2f}")
        return problems
    elif q["qtype"] == "truefalse":
        texts = [c["text"] for c in q["choices"]]
        if texts != [TRUE_LABEL, FALSE_LABEL]:
            return [f"truefalse choices must be [{TRUE_LABEL}, {FALSE_LABEL}]: {texts}"]
        if sorted(weights) != [0.0, 1.0]:
            return [f"truefalse needs one 1.0 and one 0.0: {weights}"]
    return []


def citation_problems(q: dict) -> list[str]:
    cites = _citations(q)
    if not cites:
        return ["no citations"]
    problems = [f"citation {c} does not exist" for c in cites if not citation_exists(*c)]
    if len(set(cites)) != len(cites):
        problems.append("duplicate citations")
    if problems:
        return problems
    article, item = cites[0]
    if cites[0] not in coverage_items() and article not in GROUP_CATEGORIES:
        problems.append(f"first citation {cites[0]} is not a coverage item of Arts. 13-19")
    if not q["name"].startswith(citation_key(article, item) + "-"):
        problems.append(f"name {q['name']!r} does not start with {citation_key(article, item)}-")
    expected = GROUP_CATEGORIES.get(article, f"岗前培训/第{chinese_numeral(article)}条")
    if q["category"] != expected:
        problems.append(f"category {q['category']!r} does not match article {article}")
    label = citation_label(article, item)
    if label not in q["explanation"]:
        problems.append(f"explanation does not cite {label}")
    if not q["explanation"].endswith("）"):
        problems.append("explanation does not end with the （依据…） citation")
    return problems


def reference_problems(q: dict) -> list[str]:
    """Every 第X条第（Y）项 written anywhere in the question must exist in the measures."""
    strings = [q["text"], q["explanation"]]
    strings += [c["text"] for c in q["choices"]] + [c["feedback"] for c in q["choices"]]
    problems = []
    for string in strings:
        for match in REFERENCE_RE.finditer(string):
            if _other_law(string[: match.start()]):
                continue
            article = parse_chinese_numeral(match.group(1))
            refs: list[int | None] = [None]
            if match.group(2):
                refs = [parse_chinese_numeral(n) for n in re.findall(NUM, match.group(2))]
            elif match.group(3) and article in PARAGRAPH_ITEM_ARTICLES:
                refs = [parse_chinese_numeral(match.group(3))]
            for item in refs:
                if not citation_exists(article, item):
                    problems.append(f"{match.group(0)} does not exist in the measures")
    return problems


def _other_law(before: str) -> bool:
    """True when a 第X条 belongs to another law named just before it (劳动合同法第五十八条,
    《民法典》第一千零三十四条), not to the measures (本办法第十四条)."""
    before = before.rstrip()
    if before.endswith("办法"):
        return False
    return before.endswith(("法", "》", "条例", "民法典"))


def coverage_gaps(questions: list[dict]) -> dict[str, int]:
    covered = _covered(questions)
    return {
        citation_key(*item): covered[item]
        for item in coverage_items()
        if covered[item] < MIN_PER_ITEM
    }


def all_problems(q: dict) -> list[str]:
    problems = shape_problems(q)
    if problems:
        return problems
    return weight_problems(q) + citation_problems(q) + reference_problems(q)


# --------------------------------------------------------------------------- the bank


def test_bank_is_a_nonempty_list_of_dicts():
    assert isinstance(QUESTIONS, list)
    assert len(QUESTIONS) >= MIN_PER_ITEM * len(coverage_items())
    assert all(isinstance(q, dict) for q in QUESTIONS)


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.get("name", "?"))
def test_question_is_valid(question):
    assert all_problems(question) == []


def test_names_are_unique():
    counts = Counter(q["name"] for q in QUESTIONS)
    assert [name for name, n in counts.items() if n > 1] == []


def test_question_texts_are_unique():
    counts = Counter(re.sub(r"\s+", "", q["text"]) for q in QUESTIONS)
    assert [text for text, n in counts.items() if n > 1] == []


def test_every_coverage_item_is_covered_at_least_twice():
    assert len(coverage_items()) == 45
    assert coverage_gaps(QUESTIONS) == {}


def test_the_articles_that_bind_or_protect_the_auxiliary_have_a_question():
    from courses.coverage import ARTICLES_NEEDING_A_QUESTION

    asked = {article for q in QUESTIONS for article, _item in _citations(q)}
    assert [a for a in ARTICLES_NEEDING_A_QUESTION if a not in asked] == []


def test_the_second_question_of_an_item_asks_something_else():
    """The items whose two questions once tested one point each have a question on another
    aspect now, and the parts no question touched are asked."""
    by_name = {q["name"]: q for q in QUESTIONS}
    assert "专门资质" in by_name["13.9-b"]["text"]
    assert "仲裁" in by_name["15.8-b"]["text"]
    assert "休假" in by_name["15.5-b"]["text"]
    assert "放弃" in by_name["15.9-b"]["text"]
    assert "仪容仪表" in by_name["16.5-c"]["text"] and by_name["16.5-c"]["scenario"]
    assert "强制拆除" in by_name["19.4-c"]["text"]
    assert "表示表示" in by_name["19.9-c"]["text"] and by_name["19.9-c"]["scenario"]
    assert {"行政征收", "行政确认"} <= set(re.findall("行政..", by_name["19.2-d"]["explanation"]))


def test_corrections_name_the_law_that_decides_them():
    by_name = {q["name"]: q["explanation"] for q in QUESTIONS}
    assert "劳动合同法第五十八条" in by_name["15.8-a"] and "劳动争议调解仲裁法" in by_name["15.8-a"]
    assert "不需要另经批准" not in by_name["15.4-b"] and "职工带薪年休假条例" in by_name["15.4-b"]
    assert "口头通知" not in by_name["15.7-a"] and "不是用人单位" in by_name["15.7-a"]
    for name in ("16.3-a", "19.7-b"):
        assert "第一千零三十四条" in by_name[name] and "需要保密的信息" in by_name[name]
    assert "电梯" not in by_name["18.5-a"]
    assert "超载" not in next(q["text"] for q in QUESTIONS if q["name"] == "14-b")
    feedback = [c["feedback"] for q in QUESTIONS if q["name"] == "17.2-d" for c in q["choices"]]
    assert not any("第十八条第（四）项" in f for f in feedback)


def test_scenario_share():
    share = sum(q["scenario"] for q in QUESTIONS) / len(QUESTIONS)
    low, high = SCENARIO_SHARE
    assert low <= share <= high, f"scenario share {share:.2f}"


@pytest.mark.parametrize("qtype", QTYPES)
def test_each_type_has_a_fair_share(qtype):
    share = sum(q["qtype"] == qtype for q in QUESTIONS) / len(QUESTIONS)
    assert share >= MIN_TYPE_SHARE, f"{qtype} share {share:.2f}"


def test_single_is_the_most_common_type():
    counts = Counter(q["qtype"] for q in QUESTIONS)
    assert counts.most_common(1)[0][0] == "single"


def test_truefalse_answers_are_not_all_one_way():
    answers = Counter(
        q["choices"][0]["weight"] == 1.0 for q in QUESTIONS if q["qtype"] == "truefalse"
    )
    total = sum(answers.values())
    assert min(answers[True], answers[False]) / total >= 0.25, answers


def test_single_correct_answer_position_is_spread():
    positions = Counter(
        [c["weight"] for c in q["choices"]].index(1.0) for q in QUESTIONS if q["qtype"] == "single"
    )
    total = sum(positions.values())
    assert set(positions) == {0, 1, 2, 3}
    assert max(positions.values()) / total <= 0.4, positions


def test_every_difficulty_is_used():
    assert {q["difficulty"] for q in QUESTIONS} == {1, 2, 3}


# --------------------------------------------------------------------------- the checks can fail


def _sample(qtype: str) -> dict:
    return copy.deepcopy(next(q for q in QUESTIONS if q["qtype"] == qtype))


def _broken_questions() -> list[tuple[str, dict]]:
    cases = []

    q = _sample("single")
    q["choices"][0]["weight"] = q["choices"][1]["weight"] = 1.0
    cases.append(("single with two correct", q))

    q = _sample("single")
    q["choices"].pop()
    cases.append(("single with three choices", q))

    q = _sample("multiple")
    for choice in q["choices"]:
        if choice["weight"] < 0:
            choice["weight"] = 0.0
    cases.append(("multiple without negative weights", q))

    q = _sample("multiple")
    next(c for c in q["choices"] if c["weight"] > 0)["weight"] = 0.1
    cases.append(("multiple not summing to 1", q))

    q = _sample("multiple")
    for choice in q["choices"]:
        choice["weight"] = -0.5
    q["choices"][0]["weight"] = 1.0
    cases.append(("multiple with one correct", q))

    q = _sample("truefalse")
    q["choices"].reverse()
    cases.append(("truefalse in the wrong order", q))

    q = _sample("truefalse")
    q["choices"][0]["weight"] = q["choices"][1]["weight"] = 1.0
    cases.append(("truefalse both true", q))

    q = _sample("single")
    q["qtype"] = "essay"
    cases.append(("unknown qtype", q))

    q = _sample("single")
    q["citations"] = [{"article": 19, "item": 14}]
    cases.append(("citation that does not exist", q))

    q = _sample("single")
    q["explanation"] = q["explanation"].replace(citation_label(*_citations(q)[0]), "")
    cases.append(("explanation without its citation", q))

    q = _sample("single")
    q["explanation"] += "另见第十九条第（十四）项。"
    cases.append(("reference to a missing item", q))

    q = _sample("single")
    del q["scenario"]
    cases.append(("missing key", q))

    q = _sample("single")
    q["name"] = "19.3 a"
    cases.append(("bad name", q))
    return cases


@pytest.mark.parametrize("case", _broken_questions(), ids=lambda case: case[0])
def test_checks_reject_broken_questions(case):
    _, question = case
    assert all_problems(question) != []


def test_coverage_check_notices_a_missing_item():
    without = [q for q in QUESTIONS if (19, 13) not in _citations(q)]
    assert coverage_gaps(without) == {"19.13": 0}


# --------------------------------------------------------------------------- lint


def _ruff() -> str | None:
    local = Path(sys.executable).with_name("ruff")
    return str(local) if local.exists() else shutil.which("ruff")


def test_ruff_is_clean():
    # pyproject.toml ignores E501 project-wide; these data files promise lines <= 100 anyway.
    ruff = _ruff()
    if ruff is None:
        pytest.skip("ruff is not installed")
    result = subprocess.run(
        [
            ruff,
            "check",
            "exams/content",
            "tests/exams/test_question_content.py",
            "--line-length",
            "100",
            "--extend-select",
            "E501",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
