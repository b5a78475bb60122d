import dataclasses

import pytest

from exams.interop import (
    ImportFormatError,
    ParsedChoice,
    ParsedQuestion,
    detect_format,
    export_gift,
    export_moodlexml,
    parse_file,
    parse_gift,
    parse_moodlexml,
)
from tests.exams.interop_helpers import EXPORTERS, PARSERS, fixture_data, tf

# Each fixture with the number of questions it imports.
GIFT_FIXTURES = [
    ("questions.gift.txt", 7),
    ("questions_in_category.gift.txt", 4),
    ("zh_questions.gift.txt", 11),
]
XML_FIXTURES = [("zh_questions.xml", 7)]


def without_line(questions: list[ParsedQuestion]) -> list[ParsedQuestion]:
    return [dataclasses.replace(q, line=None) for q in questions]


def without_rubric(questions: list[ParsedQuestion]) -> list[ParsedQuestion]:
    return [dataclasses.replace(q, rubric="") for q in questions]


# What a written file must give back: GIFT gives each question the line it starts on, which
# writing the file again moves; Moodle XML has no lines, so everything is compared.
COMPARED = {"gift": without_line, "moodlexml": list}


def tricky() -> list[ParsedQuestion]:
    """Questions whose texts collide with GIFT/XML syntax."""
    return [
        ParsedQuestion(
            name="名称 :: 含 {特殊} 字符 #1 = ~ \\",
            qtype="single",
            text="[html] 不是前缀，因为格式是 moodle；还有 \\n 字面量和\n真换行\n\n空行",
            text_format="moodle",
            choices=[
                ParsedChoice("%50% 开头的答案", 1.0, "[plain] 开头的反馈 #"),
                ParsedChoice("a -> b", 0.0, "反馈 #### 四个井号"),
                ParsedChoice("[markdown]", -0.5, ""),
            ],
            general_feedback="总体 { } 反馈",
            category="分类一",
        ),
        ParsedQuestion(
            name="",
            qtype="truefalse",
            text="",
            text_format="html",
            choices=tf(False, false_feedback="只有答对反馈"),
            general_feedback="",
            category="",
        ),
        ParsedQuestion(
            name="无题干名称",
            qtype="truefalse",
            text="//看起来像注释",
            text_format="moodle",
            choices=tf(True, true_feedback="对 # 的"),
            general_feedback="####",
            category="分类一/子类",
        ),
        ParsedQuestion(
            name="多选",
            qtype="multiple",
            text="<p>CDATA 结束符 ]]> 和 &amp;</p>",
            text_format="markdown",
            choices=[
                ParsedChoice("甲", 0.3333333),
                ParsedChoice("乙", 0.3333333),
                ParsedChoice("丙", 0.3333334),
                ParsedChoice("丁", -1.0, "错"),
            ],
            category="分类一/子类",
        ),
        ParsedQuestion(
            name="纯文本",
            qtype="single",
            text="a < b",
            text_format="plain",
            choices=[ParsedChoice("x", 0.0), ParsedChoice("y", 1.0)],
            category="",
        ),
    ]


@pytest.mark.parametrize(
    ("fmt", "fixture", "count"),
    [("gift", *case) for case in GIFT_FIXTURES] + [("moodlexml", *case) for case in XML_FIXTURES],
)
def test_roundtrip(fmt, fixture, count):
    parse, export, compared = PARSERS[fmt], EXPORTERS[fmt], COMPARED[fmt]
    first = parse(fixture_data(fmt, fixture))
    second = parse(export(first.questions))
    assert second.skipped == []
    assert compared(second.questions) == compared(first.questions)
    assert len(first.questions) == count


# Through the other format and back. GIFT has no grader information (nor has Moodle's GIFT):
# an essay's rubric stays behind, so a Moodle XML file is compared without it.
@pytest.mark.parametrize(
    ("fmt", "other", "fixture", "held_by_both"),
    [("gift", "moodlexml", fixture, list) for fixture, _count in GIFT_FIXTURES]
    + [("moodlexml", "gift", fixture, without_rubric) for fixture, _count in XML_FIXTURES],
)
def test_cross_format_and_back(fmt, other, fixture, held_by_both):
    first = held_by_both(PARSERS[fmt](fixture_data(fmt, fixture)).questions)
    via_other = PARSERS[other](EXPORTERS[other](first))
    assert COMPARED[other](via_other.questions) == COMPARED[fmt](first)
    back = PARSERS[fmt](EXPORTERS[fmt](via_other.questions))
    assert COMPARED[fmt](back.questions) == COMPARED[fmt](first)


def test_tricky_texts_survive_both_formats():
    questions = tricky()
    gift = export_gift(questions)
    assert without_line(parse_gift(gift).questions) == questions
    assert parse_moodlexml(export_moodlexml(questions)).questions == questions
    via = parse_moodlexml(export_moodlexml(parse_gift(gift).questions)).questions
    assert via == questions


def test_gift_export_guards_text_that_looks_like_syntax():
    q = ParsedQuestion(
        name="",
        qtype="truefalse",
        text="//不是注释",
        text_format="moodle",
        choices=tf(True),
    )
    gift = export_gift([q])
    assert gift == "[moodle]//不是注释{TRUE}\n"
    (back,) = parse_gift(gift).questions
    assert (back.name, back.text) == ("//不是注释", "//不是注释")


def test_gift_export_text():
    q = ParsedQuestion(
        name="判断",
        qtype="truefalse",
        text="湿手可以触碰开关。",
        text_format="moodle",
        choices=tf(False, true_feedback="答错", false_feedback="答对"),
        general_feedback="常识",
        category="岗前培训/第十九条",
    )
    m = ParsedQuestion(
        name="多选",
        qtype="multiple",
        text="<b>选</b>",
        text_format="html",
        choices=[ParsedChoice("甲", 0.5), ParsedChoice("乙", 0.5, "好"), ParsedChoice("丙", -1.0)],
        category="岗前培训/第十九条",
    )
    assert export_gift([q, m]) == (
        "$CATEGORY: $course$/top/岗前培训/第十九条\n"
        "\n"
        "// question: 判断\n"
        "::判断::湿手可以触碰开关。{FALSE#答错#答对####常识}\n"
        "\n"
        "// question: 多选\n"
        "::多选::[html]<b>选</b>{\n"
        "\t~%50%甲\n"
        "\t~%50%乙#好\n"
        "\t~%-100%丙\n"
        "}\n"
    )


# ---------------------------------------------------------------------------
# parse_file: format detection and decoding
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("q.xml", b"::a::b{T}", "moodlexml"),
        ("q.gift", b"<?xml version='1.0'?><quiz/>", "gift"),
        ("q.txt", b"\xef\xbb\xbf\n  <?xml version='1.0'?><quiz/>", "moodlexml"),
        ("", b"<quiz></quiz>", "moodlexml"),
        ("export.txt", b"::a::b{T}", "gift"),
        ("", b"[html]<p>x</p>{T}", "gift"),
    ],
)
def test_detect_format(filename, data, expected):
    assert detect_format(data, filename) == expected


def test_parse_file_decodes_utf8_with_and_without_bom():
    text = "::判断::题。{T}\n"
    for data in (text.encode("utf-8"), b"\xef\xbb\xbf" + text.encode("utf-8")):
        result = parse_file(data, fmt=None, filename="x.txt", default_category="导入")
        assert [(q.name, q.category, q.line) for q in result.questions] == [("判断", "导入", 1)]
    xml = export_moodlexml(result.questions).encode("utf-8")
    for data in (xml, b"\xef\xbb\xbf" + xml):
        assert parse_file(data, fmt="moodlexml").questions == without_line(result.questions)


def test_parse_file_rejects_non_utf8_with_line():
    data = "a{T}\n\n::判断::题。{T}\n".encode("gbk")
    with pytest.raises(ImportFormatError) as info:
        parse_file(data, fmt="gift")
    assert str(info.value) == "line 3: the file is not UTF-8 text; save it as UTF-8"


def test_parse_file_unknown_format():
    with pytest.raises(ValueError, match="unknown question format 'qti'"):
        parse_file(b"", fmt="qti")
