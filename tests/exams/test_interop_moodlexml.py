import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from exams.interop import (
    ImportFormatError,
    ParsedChoice,
    ParsedQuestion,
    SkippedQuestion,
    parse_file,
)
from exams.interop.moodlexml import export_moodlexml, parse_moodlexml

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "interop"
CAT19 = "岗前培训/第十九条"


def tf(correct: bool, true_feedback: str = "", false_feedback: str = "") -> list[ParsedChoice]:
    return [
        ParsedChoice("正确", 1.0 if correct else 0.0, true_feedback),
        ParsedChoice("错误", 0.0 if correct else 1.0, false_feedback),
    ]


def quiz(*questions: str) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "\n".join(questions) + "\n</quiz>\n"


def test_chinese_fixture_exact():
    result = parse_moodlexml((FIXTURES / "zh_questions.xml").read_bytes())
    assert result.summary() == (
        "imported 4, skipped 6 (cloze: 1, description: 1, essay: 1, matching: 1, "
        "numerical: 1, shortanswer: 1)"
    )
    assert result.questions == [
        ParsedQuestion(
            name="安全帽",
            qtype="single",
            text="<p>进入施工现场必须佩戴<strong>什么</strong>？</p>",
            text_format="html",
            choices=[
                ParsedChoice("<p>安全帽</p>", 1.0, "<p>正确</p>"),
                ParsedChoice("<p>棒球帽</p>", 0.0, ""),
                ParsedChoice("a &lt; b", 0.0, ""),  # plain_text answer in an html question
            ],
            general_feedback="<p>依据第十九条。</p>",
            category=CAT19,
        ),
        ParsedQuestion(
            name="三原色",
            qtype="multiple",
            text="光的三原色是哪些？",
            text_format="html",
            choices=[
                ParsedChoice("红", 0.3333333),
                ParsedChoice("绿", 0.3333333),
                ParsedChoice("蓝", 0.3333333),
                ParsedChoice("黄", -1.0, "黄色不是光的三原色"),
            ],
            category=CAT19,
        ),
        ParsedQuestion(
            name="用电",
            qtype="truefalse",
            text="湿手可以触碰电源开关。",
            text_format="moodle",
            choices=tf(False, "错了：湿手触电风险很高。", "回答正确。"),
            general_feedback="安全用电常识。",
            category=CAT19 + "/补充",  # $system$/top/ stripped as well
        ),
        ParsedQuestion(
            name="Markdown题",
            qtype="single",  # no <single>: Moodle's default is single
            text="**加粗**的文字：下列哪项 *正确*？",
            text_format="markdown",
            choices=[ParsedChoice("选项一", 1.0), ParsedChoice("选项二", -0.3333333)],
            category=CAT19 + "/补充",
        ),
    ]
    assert result.skipped == [
        SkippedQuestion("问答", "essay"),
        SkippedQuestion("填空", "shortanswer"),
        SkippedQuestion("匹配", "matching"),
        SkippedQuestion("数值", "numerical"),
        SkippedQuestion("完形", "cloze"),
        SkippedQuestion("说明", "description"),
    ]


@pytest.mark.parametrize(
    ("single", "expected"),
    [("true", "single"), ("1", "single"), ("false", "multiple"), ("0", "multiple")],
)
def test_single_flag(single, expected):
    answers = (
        '<answer fraction="100"><text>甲</text></answer>'
        '<answer fraction="0"><text>乙</text></answer>'
    )
    xml = quiz(
        f'<question type="multichoice"><name><text>q</text></name>'
        f"<questiontext><text>题</text></questiontext><single>{single}</single>{answers}"
        "</question>"
    )
    (q,) = parse_moodlexml(xml).questions
    assert q.qtype == expected
    assert q.text_format == "html"  # missing format attribute


def test_truefalse_answer_words_and_old_positional_style():
    def tf_question(first: str, second: str) -> str:
        return (
            '<question type="truefalse"><name><text>判断</text></name>'
            "<questiontext><text>题</text></questiontext>"
            f'<answer fraction="0"><text>{first}</text>'
            "<feedback><text>甲</text></feedback></answer>"
            f'<answer fraction="100"><text>{second}</text><feedback><text>乙</text></feedback>'
            "</answer></question>"
        )

    # Order in the file does not matter when the answers say which is which.
    (q,) = parse_moodlexml(quiz(tf_question("false", "TRUE"))).questions
    assert q.choices == tf(True, "乙", "甲")
    (q,) = parse_moodlexml(quiz(tf_question("正确", "错误"))).questions
    assert q.choices == tf(False, "甲", "乙")
    # Old Moodle files: unknown words, first answer is "true".
    (q,) = parse_moodlexml(quiz(tf_question("是", "否"))).questions
    assert q.choices == tf(False, "甲", "乙")


def test_category_without_text_child_and_default_category():
    xml = quiz(
        '<question type="truefalse"><name><text>a</text></name><questiontext><text>甲</text>'
        '</questiontext><answer fraction="100"><text>true</text></answer>'
        '<answer fraction="0"><text>false</text></answer></question>',
        '<question type="category"><category>$course$/旧格式/分类</category></question>',
        '<question type="truefalse"><name><text>b</text></name><questiontext><text>乙</text>'
        '</questiontext><answer fraction="100"><text>true</text></answer>'
        '<answer fraction="0"><text>false</text></answer></question>',
    )
    result = parse_moodlexml(xml, default_category="导入")
    assert [(q.name, q.category) for q in result.questions] == [
        ("a", "导入"),
        ("b", "旧格式/分类"),
    ]


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("broken_malformed.xml", "line 11: malformed XML: mismatched tag (column 48)"),
        ("broken_bad_fraction.xml", "question '分数错误': answer fraction '百' is not a number"),
        (
            "broken_no_correct.xml",
            "question '无正确答案': single-choice question has no correct answer",
        ),
        # Unnamed, empty text: named by its position among the <question> elements.
        (
            "broken_tf_fractions.xml",
            "question '#3': true/false answers need the fractions 100 and 0",
        ),
        (
            "broken_weight_sum.xml",
            "question '权重和': the positive answer weights of a multiple-answer question "
            "add up to 80%, not 100%",
        ),
        ("broken_root.xml", "the root element is <questions>, expected <quiz>"),
    ],
)
def test_broken_files(fixture, expected):
    data = (FIXTURES / fixture).read_bytes()
    with pytest.raises(ImportFormatError) as info:
        parse_file(data, fmt=None, filename=fixture)
    assert str(info.value) == expected


def test_malformed_xml_error_carries_line_number():
    with pytest.raises(ImportFormatError) as info:
        parse_moodlexml((FIXTURES / "broken_malformed.xml").read_text(encoding="utf-8"))
    assert info.value.line == 11
    assert info.value.question is None


@pytest.mark.parametrize("fixture", ["billion_laughs.xml", "external_entity.xml"])
@pytest.mark.parametrize("as_text", [False, True])
def test_dtd_and_entities_rejected(fixture, as_text):
    data = (FIXTURES / fixture).read_bytes()
    with pytest.raises(ImportFormatError) as info:
        parse_moodlexml(data.decode("utf-8") if as_text else data)
    assert str(info.value) == (
        "DTDs, entities and external references are not allowed (DTDForbidden)"
    )


def test_entity_declared_without_doctype_use_is_still_rejected():
    xml = '<?xml version="1.0"?>\n<!DOCTYPE quiz SYSTEM "http://example.invalid/q.dtd">\n<quiz/>'
    with pytest.raises(ImportFormatError, match="DTDForbidden"):
        parse_file(xml.encode(), fmt="xml")


# ---------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------


def _sample() -> list[ParsedQuestion]:
    return [
        ParsedQuestion(
            name="三原色 & <b>",
            qtype="multiple",
            text="<p>哪些？ ]]> 结束</p>",
            text_format="html",
            choices=[
                ParsedChoice("红", 0.3333333, "对"),
                ParsedChoice("绿", 0.3333333),
                ParsedChoice("蓝", 0.3333334),
                ParsedChoice("黄", -1.0),
            ],
            general_feedback="总体反馈",
            category="岗前培训/第十九条",
        ),
        ParsedQuestion(
            name="判断",
            qtype="truefalse",
            text="湿手可以触碰开关。",
            text_format="moodle",
            choices=tf(False, "错", "对"),
            category="岗前培训/第十九条",
        ),
        ParsedQuestion(
            name="单选",
            qtype="single",
            text="选。",
            text_format="plain",
            choices=[ParsedChoice("甲", 1.0), ParsedChoice("乙", 0.0)],
            category="岗前培训/第二十条",
        ),
    ]


def test_export_structure():
    xml = export_moodlexml(_sample())
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n')
    assert "<![CDATA[<p>哪些？ ]]]]><![CDATA[> 结束</p>]]>" in xml
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.tag == "quiz"
    assert [
        (q.get("type"), q.findtext("name/text") or q.findtext("category/text")) for q in root
    ] == [
        ("category", "$course$/top/岗前培训/第十九条"),
        ("multichoice", "三原色 & <b>"),
        ("truefalse", "判断"),
        ("category", "$course$/top/岗前培训/第二十条"),
        ("multichoice", "单选"),
    ]
    multi, tfq, single = (q for q in root if q.get("type") != "category")
    assert multi.findtext("questiontext/text") == "<p>哪些？ ]]> 结束</p>"
    assert multi.find("questiontext").get("format") == "html"
    assert multi.findtext("single") == "false"
    assert multi.findtext("shuffleanswers") == "1"
    assert multi.findtext("answernumbering") == "abc"
    assert [a.get("fraction") for a in multi.findall("answer")] == [
        "33.33333",
        "33.33333",
        "33.33334",
        "-100",
    ]
    assert multi.findtext("answer/feedback/text") == "对"
    assert multi.findtext("generalfeedback/text") == "总体反馈"
    assert [
        (a.findtext("text"), a.get("fraction"), a.findtext("feedback/text"))
        for a in tfq.findall("answer")
    ] == [("true", "0", "错"), ("false", "100", "对")]
    assert tfq.find("questiontext").get("format") == "moodle_auto_format"
    assert single.findtext("single") == "true"
    assert single.find("questiontext").get("format") == "plain_text"


def test_export_rejects_invalid_question():
    bad = ParsedQuestion(
        name="坏",
        qtype="single",
        text="x",
        choices=[ParsedChoice("a", 0.0), ParsedChoice("b", 0.0)],
    )
    with pytest.raises(ValueError, match="question '坏': single-choice question has no correct"):
        export_moodlexml([bad])


def test_export_drops_characters_xml_cannot_hold():
    q = ParsedQuestion(
        name="控制\x01字符",
        qtype="truefalse",
        text="a\x0bb",
        choices=tf(True),
    )
    (back,) = parse_moodlexml(export_moodlexml([q])).questions
    assert (back.name, back.text) == ("控制字符", "ab")
