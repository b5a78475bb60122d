"""The shipped pre-job course content (``courses.content.lessons``) is pure data: check it.

No database and no Django settings are needed. The checkers return lists of problems so that
the tests at the bottom can prove they really catch broken content.
"""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser

import pytest

from courses.content.lessons import COURSE, LESSONS
from lms.measures import (
    MEASURES_PATH,
    chinese_numeral,
    citation_exists,
    citation_key,
    citation_label,
    coverage_items,
)


# Pure data: shadow the suite-wide autouse fixtures that need settings and a database, so the
# module also runs with ``-p no:django``.
@pytest.fixture
def _media_root():
    return None


@pytest.fixture
def _reset_axes():
    return None


EXPECTED_SLUGS = [
    "status-and-accountability",
    "hiring-and-conditions",
    "art-13",
    "art-14",
    "art-15",
    "art-16",
    "art-17",
    "art-18",
    "art-19",
    "credential-and-assessment",
    "liability-and-system-rules",
]
BLOCK_KEYS = {
    "rich_text": None,  # value is an HTML string
    "article": {"article", "items", "note"},
    "scenario": {"title", "situation", "verdict", "explanation", "citations"},
    "key_points": {"heading", "points"},
    "knowledge_check": {
        "question",
        "choices",
        "feedback_correct",
        "feedback_wrong",
        "citations",
    },
}
VERDICTS = {"allowed", "forbidden", "call_officer"}
ALLOWED_TAGS = {"p", "h3", "strong", "em", "ul", "ol", "li"}
LESSON_KEYS = {"slug", "title", "summary", "minutes", "body"}


# ---------------------------------------------------------------- helpers


def lesson(slug, lessons=LESSONS):
    return next(item for item in lessons if item["slug"] == slug)


def blocks(lesson_dict, block_type):
    return [value for kind, value in lesson_dict["body"] if kind == block_type]


def all_blocks(lessons=LESSONS):
    for lesson_dict in lessons:
        for kind, value in lesson_dict["body"]:
            yield lesson_dict["slug"], kind, value


def strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from strings(value)
    elif isinstance(obj, list | tuple):
        for value in obj:
            yield from strings(value)


def cites(value):
    return {(c["article"], c["item"]) for c in value["citations"]}


def article_block_covers(value, article, item):
    if value["article"] != article:
        return False
    return value["items"] == [] if item is None else item in value["items"]


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems = []
        self.stack = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}> not allowed")
        if attrs:
            self.problems.append(f"attributes on <{tag}> not allowed")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(f"unbalanced </{tag}>")


# ---------------------------------------------------------------- checkers


def structure_problems(lessons):
    problems = []
    for lesson_dict in lessons:
        slug = lesson_dict.get("slug")
        if set(lesson_dict) != LESSON_KEYS:
            problems.append(f"{slug}: keys {sorted(lesson_dict)}")
            continue
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
            problems.append(f"{slug}: slug is not lowercase ascii")
        if not lesson_dict["title"].strip() or not lesson_dict["summary"].strip():
            problems.append(f"{slug}: empty title or summary")
        minutes = lesson_dict["minutes"]
        if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
            problems.append(f"{slug}: minutes {minutes!r}")
        for block in lesson_dict["body"]:
            if not isinstance(block, tuple) or len(block) != 2:
                problems.append(f"{slug}: block {block!r} is not a (type, value) tuple")
                continue
            kind, value = block
            if kind not in BLOCK_KEYS:
                problems.append(f"{slug}: unknown block type {kind!r}")
            elif kind == "rich_text":
                if not isinstance(value, str) or not value.strip():
                    problems.append(f"{slug}: empty rich_text")
            elif set(value) != BLOCK_KEYS[kind]:
                problems.append(f"{slug}: {kind} keys {sorted(value)}")
    slugs = [lesson_dict.get("slug") for lesson_dict in lessons]
    if len(slugs) != len(set(slugs)):
        problems.append(f"duplicate slugs in {slugs}")
    return problems


def html_problems(lessons):
    problems = []
    for slug, kind, value in all_blocks(lessons):
        if kind != "rich_text":
            continue
        parser = _TagCollector()
        parser.feed(value)
        parser.close()
        if parser.stack:
            parser.problems.append(f"unclosed {parser.stack}")
        problems.extend(f"{slug}: {problem}" for problem in parser.problems)
    return problems


def citation_problems(lessons):
    problems = []
    for slug, kind, value in all_blocks(lessons):
        if kind == "article":
            refs = [(value["article"], item) for item in value["items"]] or [
                (value["article"], None)
            ]
            if not value["note"].strip():
                problems.append(f"{slug}: article {value['article']} block without a note")
        elif kind in ("scenario", "knowledge_check"):
            refs = [(c["article"], c["item"]) for c in value["citations"]]
            if not refs:
                problems.append(f"{slug}: {kind} without citations")
            if any(set(c) != {"article", "item"} for c in value["citations"]):
                problems.append(f"{slug}: malformed citation in {value['citations']}")
        else:
            continue
        for article, item in refs:
            if not citation_exists(article, item):
                problems.append(f"{slug}: citation {citation_key(article, item)} does not exist")
    return problems


def coverage_problems(lessons):
    """Every coverage item: an article block and a scenario citing it, in its own lesson."""
    problems = []
    for article, item in coverage_items():
        key = citation_key(article, item)
        try:
            own = lesson(f"art-{article}", lessons)
        except StopIteration:
            problems.append(f"{key}: no lesson art-{article}")
            continue
        if not any(article_block_covers(v, article, item) for v in blocks(own, "article")):
            problems.append(f"{key}: no article block")
        if not any((article, item) in cites(v) for v in blocks(own, "scenario")):
            problems.append(f"{key}: no scenario")
    return problems


def scenario_problems(lessons):
    problems = []
    for slug, kind, value in all_blocks(lessons):
        if kind != "scenario":
            continue
        if value["verdict"] not in VERDICTS:
            problems.append(f"{slug}: verdict {value['verdict']!r} in {value['title']}")
        for field in ("title", "situation", "explanation"):
            if not value[field].strip():
                problems.append(f"{slug}: empty {field} in {value['title']}")
        explanation = value["explanation"]
        if "依据" not in explanation:
            problems.append(f"{slug}: explanation of {value['title']} names no 依据")
        for article, item in cites(value):
            if citation_label(article, item) not in explanation:
                problems.append(
                    f"{slug}: {value['title']} cites {citation_key(article, item)} "
                    "without naming it in the explanation"
                )
    return problems


def knowledge_check_problems(lessons):
    problems = []
    for slug, kind, value in all_blocks(lessons):
        if kind != "knowledge_check":
            continue
        choices = value["choices"]
        right = [c for c in choices if c["correct"] is True]
        wrong = [c for c in choices if c["correct"] is False]
        if not 3 <= len(choices) <= 4:
            problems.append(f"{slug}: {len(choices)} choices for {value['question']}")
        if len(right) != 1 or len(right) + len(wrong) != len(choices):
            problems.append(f"{slug}: need exactly one correct choice for {value['question']}")
        if not wrong:
            problems.append(f"{slug}: no wrong choice for {value['question']}")
        texts = [c["text"] for c in choices]
        if len(set(texts)) != len(texts) or not all(t.strip() for t in texts):
            problems.append(f"{slug}: empty or repeated choice for {value['question']}")
        if any(set(c) != {"text", "correct"} for c in choices):
            problems.append(f"{slug}: malformed choice for {value['question']}")
        if not value["feedback_correct"].strip() or not value["feedback_wrong"].strip():
            problems.append(f"{slug}: missing feedback for {value['question']}")
    return problems


def _law_text():
    return re.sub(r"\s", "", MEASURES_PATH.read_text(encoding="utf-8"))


def quotation_problems(lessons):
    """Anything between “ and ” is presented as the law's words, so it must be exactly that."""
    law = _law_text()
    problems = []
    for lesson_dict in lessons:
        for text in strings(lesson_dict):
            if text.count("“") != text.count("”"):
                problems.append(f"{lesson_dict['slug']}: unbalanced quotation marks in {text}")
            for quoted in re.findall(r"“([^”]*)”", text):
                if re.sub(r"\s", "", quoted) not in law:
                    problems.append(f"{lesson_dict['slug']}: “{quoted}” is not in the law")
    return problems


# ---------------------------------------------------------------- the course


def test_course_metadata():
    assert COURSE["slug"] == "pre-job"
    assert COURSE["title"] == "行政执法辅助人员岗前培训"
    assert isinstance(COURSE["summary"], str) and COURSE["summary"].strip()
    assert set(COURSE) == {"slug", "title", "summary", "minutes"}
    assert COURSE["minutes"] == sum(item["minutes"] for item in LESSONS)


def test_lessons_come_in_the_required_order():
    # Opening (Arts. 1–4), one lesson per Art. 13–19, closing (Arts. 20–24, 27).
    assert [item["slug"] for item in LESSONS] == EXPECTED_SLUGS


def test_each_article_lesson_is_titled_and_anchored_on_its_article():
    for number in range(13, 20):
        own = lesson(f"art-{number}")
        assert own["title"].startswith(f"第{chinese_numeral(number)}条　"), own["title"]
        assert {v["article"] for v in blocks(own, "article")} == {number}, own["slug"]


def test_opening_and_closing_lessons_show_their_articles():
    opening = {v["article"] for v in blocks(LESSONS[0], "article")}
    closing = {v["article"] for v in blocks(lesson("credential-and-assessment"), "article")}
    hiring = {v["article"] for v in blocks(lesson("hiring-and-conditions"), "article")}
    liability = {v["article"] for v in blocks(lesson("liability-and-system-rules"), "article")}
    assert {1, 3, 4} <= opening
    assert {20, 21, 22, 23, 24, 27} <= closing
    assert set(range(5, 13)) <= hiring
    assert set(range(25, 32)) <= liability


def test_every_article_one_to_thirty_one_is_quoted_in_a_lesson():
    quoted = {v["article"] for _slug, kind, v in all_blocks() if kind == "article"}
    assert [a for a in range(1, 32) if a not in quoted] == []


def test_lesson_corrections_are_in_the_content():
    text = {item["slug"]: "".join(strings(item)) for item in LESSONS}
    assert "调休" not in text["art-15"] or "第四十四条" in text["art-15"]
    assert "百分之三百" in text["art-15"] and "百分之三百" in text["art-16"]
    assert "比如调查取证" not in text["art-14"]
    assert "协助取证" in text["art-14"]
    assert "当事人不能找你个人算账" not in text["status-and-accountability"]
    assert "第二十七条" in text["status-and-accountability"]
    assert "国家赔偿法第十六条" in text["credential-and-assessment"]
    assert "第四十六条第（五）项" in text["credential-and-assessment"]
    assert "第十四条" in text["credential-and-assessment"]
    for slug in ("status-and-accountability", "art-19"):
        assert "构成违反治安管理行为" in text[slug]
    assert "马拉松" not in text["art-13"] and "森林防火" in text["art-13"]
    assert "第十八条第（五）项" in blocks(lesson("art-13"), "article")[-1]["note"]
    month = next(v for v in blocks(lesson("art-18"), "scenario") if "三千元" in v["situation"])
    assert "直接下达" in month["explanation"]
    assert (
        "擅自离职" in text["hiring-and-conditions"]
        and "同级人民政府批准" in text["hiring-and-conditions"]
    )


def test_lessons_and_blocks_have_the_exact_shape():
    assert structure_problems(LESSONS) == []


def test_rich_text_uses_only_the_allowed_tags():
    assert html_problems(LESSONS) == []


def test_every_citation_exists():
    assert citation_problems(LESSONS) == []


def test_every_coverage_item_has_an_article_block_and_a_scenario_in_its_lesson():
    assert len(coverage_items()) == 45
    assert coverage_problems(LESSONS) == []


def test_scenarios_have_valid_verdicts_and_name_their_grounds():
    assert scenario_problems(LESSONS) == []
    verdicts = [v["verdict"] for _, kind, v in all_blocks() if kind == "scenario"]
    assert set(verdicts) == VERDICTS
    assert verdicts.count("call_officer") >= 3


def test_knowledge_checks_have_one_right_answer_among_three_or_four():
    assert knowledge_check_problems(LESSONS) == []


def test_every_lesson_has_key_points_and_a_knowledge_check():
    for item in LESSONS:
        points = blocks(item, "key_points")
        assert points, item["slug"]
        assert all(p["heading"].strip() and p["points"] for p in points), item["slug"]
        assert all(all(s.strip() for s in p["points"]) for p in points), item["slug"]
        assert blocks(item, "knowledge_check"), item["slug"]


def test_art_19_has_the_signing_for_the_officer_scenario():
    matches = [
        v
        for v in blocks(lesson("art-19"), "scenario")
        if "签字" in v["situation"] and (19, 3) in cites(v)
    ]
    assert matches
    assert all(v["verdict"] == "forbidden" for v in matches)


def test_art_13_has_the_photograph_and_report_scenario():
    matches = [
        v
        for v in blocks(lesson("art-13"), "scenario")
        if "拍" in v["situation"] and "报告" in v["situation"] and (13, 5) in cites(v)
    ]
    assert matches
    assert all(v["verdict"] == "allowed" for v in matches)


def test_calling_the_officer_when_a_penalty_is_wanted_on_the_spot():
    matches = [
        v
        for _, kind, v in all_blocks()
        if kind == "scenario" and "罚" in v["situation"] and (14, None) in cites(v)
    ]
    assert any(v["verdict"] == "call_officer" for v in matches)


@pytest.mark.parametrize("slug", ["art-18", "art-19"])
def test_fines_are_mentioned_in_the_art_18_and_19_lessons(slug):
    # Site search relies on finding these lessons by 罚款.
    assert any("罚款" in text for text in strings(lesson(slug)))


def test_consequences_arts_26_and_27_are_explained():
    text = "".join(strings(LESSONS))
    assert "第二十六条" in text and "追偿" in text
    assert "第二十七条" in text
    for word in ("批评教育", "责令改正", "解聘"):
        assert word in text


def test_quotations_are_the_laws_exact_words():
    assert quotation_problems(LESSONS) == []


# ---------------------------------------------------------------- the checkers catch mistakes


def _broken():
    return copy.deepcopy(LESSONS)


def test_checker_catches_a_missing_scenario_for_a_coverage_item():
    broken = _broken()
    art19 = lesson("art-19", broken)
    art19["body"] = [
        (kind, value)
        for kind, value in art19["body"]
        if not (kind == "scenario" and (19, 3) in cites(value))
    ]
    assert "19.3: no scenario" in coverage_problems(broken)


def test_checker_catches_a_missing_article_block():
    broken = _broken()
    art14 = lesson("art-14", broken)
    art14["body"] = [(k, v) for k, v in art14["body"] if k != "article"]
    assert "14: no article block" in coverage_problems(broken)


def test_checker_catches_a_citation_that_does_not_exist():
    broken = _broken()
    scenario = blocks(lesson("art-13", broken), "scenario")[0]
    scenario["citations"].append({"article": 13, "item": 10})
    assert any("13.10 does not exist" in p for p in citation_problems(broken))


def test_checker_catches_bad_verdicts_and_unnamed_grounds():
    broken = _broken()
    scenario = blocks(lesson("art-16", broken), "scenario")[0]
    scenario["verdict"] = "maybe"
    scenario["citations"].append({"article": 19, "item": 12})
    problems = scenario_problems(broken)
    assert any("verdict 'maybe'" in p for p in problems)
    assert any("cites 19.12 without naming it" in p for p in problems)


def test_checker_catches_a_check_with_two_right_answers():
    broken = _broken()
    check = blocks(lesson("art-15", broken), "knowledge_check")[0]
    for choice in check["choices"]:
        choice["correct"] = True
    assert knowledge_check_problems(broken)


def test_checker_catches_an_invented_quotation_and_a_foreign_tag():
    broken = _broken()
    broken[0]["body"].append(("rich_text", "<p>办法规定“辅助人员可以独立罚款”。</p><br>"))
    assert quotation_problems(broken)
    assert any("<br>" in p for p in html_problems(broken))


def test_checker_catches_an_unknown_block_type_and_duplicate_slug():
    broken = _broken()
    broken[1]["body"].append(("video", {"url": "x"}))
    broken[2]["slug"] = broken[1]["slug"]
    problems = structure_problems(broken)
    assert any("unknown block type 'video'" in p for p in problems)
    assert any("duplicate slugs" in p for p in problems)
