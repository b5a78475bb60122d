"""Reading question files: GIFT and Moodle XML. What both formats promise (the Chinese
fixture read exactly, categories, broken files named by line or question, the summary) is one
test parametrised over the format; what only one format has (Moodle's own GIFT fixtures,
GIFT's answer-block rules, XML's <single> flag, DTDs and the XML export) is a test of that
format, in the sections below."""

import xml.etree.ElementTree as ET

import pytest

from exams.interop import (
    ImportFormatError,
    ParsedChoice,
    ParsedQuestion,
    ParseResult,
    SkippedQuestion,
    parse_file,
)
from exams.interop.gift import parse_gift
from exams.interop.moodlexml import export_moodlexml, parse_moodlexml
from tests.exams.interop_helpers import FIXTURES, PARSERS, fixture_data, tf

CAT19 = "岗前培训/第十九条"
CAT20 = "岗前培训/第二十条"


def load(name: str) -> ParseResult:
    return parse_gift(fixture_data("gift", name))


def quiz(*questions: str) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "\n".join(questions) + "\n</quiz>\n"


def xml_truefalse(name: str, text: str) -> str:
    return (
        f'<question type="truefalse"><name><text>{name}</text></name><questiontext><text>{text}'
        '</text></questiontext><answer fraction="100"><text>true</text></answer>'
        '<answer fraction="0"><text>false</text></answer></question>'
    )


# ---------------------------------------------------------------------------
# Both formats
# ---------------------------------------------------------------------------

# The same multiple-answer question is in both Chinese fixtures.
PRIMARY_COLOURS = [
    ParsedChoice("红", 0.3333333),
    ParsedChoice("绿", 0.3333333),
    ParsedChoice("蓝", 0.3333333),
    ParsedChoice("黄", -1.0, "黄色不是光的三原色"),
]

ZH_GIFT = (
    "zh_questions.gift.txt",
    "imported 11, skipped 3 (description: 1, missingword: 1, numerical: 1)",
    [
        ParsedQuestion(
            name="安全帽",
            qtype="single",
            text="进入施工现场必须佩戴什么？",
            text_format="moodle",
            choices=[
                ParsedChoice("安全帽", 1.0, "正确，这是第十九条的要求。"),
                ParsedChoice("棒球帽", 0.0, "错误，棒球帽不能防护。"),
                ParsedChoice("不需要佩戴", 0.0, "错误。"),
            ],
            general_feedback="依据《岗前培训手册》第十九条。",
            category=CAT19,
            line=7,
        ),
        ParsedQuestion(
            name="消防器材",
            qtype="multiple",
            text="下列哪些属于消防器材？",
            text_format="moodle",
            choices=[
                ParsedChoice("灭火器", 0.5, "对"),
                ParsedChoice("消防栓", 0.5, "对"),
                ParsedChoice("扳手", -1.0, "扳手不是消防器材"),
                ParsedChoice("雨伞", -0.5, ""),
            ],
            category=CAT19,
            line=15,
        ),
        ParsedQuestion(
            name="三原色",
            qtype="multiple",
            text="<p>光的<b>三原色</b>是哪些？</p>",
            text_format="html",
            choices=PRIMARY_COLOURS,
            category=CAT19,
            line=23,
        ),
        ParsedQuestion(
            name="用电",
            qtype="truefalse",
            text="湿手可以触碰电源开关。",
            text_format="moodle",
            choices=tf(
                False,
                true_feedback="错了：湿手触电风险很高。",
                false_feedback="回答正确，切勿湿手操作。",
            ),
            general_feedback="安全用电常识。",
            category=CAT19,
            line=31,
        ),
        ParsedQuestion(
            name="灭火器应定期检查。",
            qtype="truefalse",
            text="灭火器应定期检查。",
            text_format="moodle",
            choices=tf(True),
            category=CAT19,
            line=34,
        ),
        ParsedQuestion(
            name="转义:示例",
            qtype="single",
            text="公式 1+1=2 中的符号 { } ~ # \\ 都需要转义。\n第二行。",
            text_format="moodle",
            choices=[ParsedChoice("理解", 1.0, "好"), ParsedChoice("不理解", 0.0)],
            category=CAT20,
            line=39,
        ),
        ParsedQuestion(
            name="Markdown题",
            qtype="single",
            text="**加粗**的文字：下列哪项是 *正确* 的？",
            text_format="markdown",
            choices=[ParsedChoice("选项一", 1.0), ParsedChoice("选项二", 0.0)],
            category=CAT20,
            line=45,
        ),
        ParsedQuestion(
            name="多行",
            qtype="single",
            text="第一行，\n第二行？",
            text_format="moodle",
            choices=[ParsedChoice("对", 1.0), ParsedChoice("错", 0.0)],
            category=CAT20,
            line=51,
        ),
        ParsedQuestion(
            name="问答",
            qtype="essay",
            text="请简述第十九条。",
            text_format="moodle",
            category=CAT20,
            line=58,
        ),
        ParsedQuestion(
            name="填空",
            qtype="shortanswer",
            text="中国的首都是",  # the "。" after the block is stray punctuation
            text_format="moodle",
            category=CAT20,
            line=60,
            blanks=[["北京", "Beijing"]],
            case_insensitive=True,
        ),
        ParsedQuestion(
            name="匹配",
            qtype="matching",
            text="请匹配。",
            text_format="moodle",
            category=CAT20,
            line=62,
            pairs=[("猫", "鱼"), ("狗", "骨头")],
        ),
    ],
    [
        SkippedQuestion("数值", "numerical", 67),
        SkippedQuestion("缺词", "missingword", 69),
        SkippedQuestion("说明：以上为附加题。", "description", 71),
    ],
)

ZH_MOODLEXML = (
    "zh_questions.xml",
    "imported 7, skipped 3 (cloze: 1, description: 1, numerical: 1)",
    [
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
            choices=PRIMARY_COLOURS,
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
        ParsedQuestion(
            name="问答",
            qtype="essay",
            text="请简述第十九条。",
            text_format="html",
            category=CAT19 + "/补充",
            rubric="要点：不得独立执法。",
        ),
        ParsedQuestion(
            name="填空",
            qtype="shortanswer",
            text="中国的首都是？",
            text_format="html",
            category=CAT19 + "/补充",
            blanks=[["北京", "Beijing"]],  # the 0 % answer is Moodle's wrong-answer feedback
            case_insensitive=True,
        ),
        ParsedQuestion(
            name="匹配",
            qtype="matching",
            text="请匹配。",
            text_format="html",
            category=CAT19 + "/补充",
            pairs=[("猫", "鱼"), ("狗", "骨头")],
            extra=["青草"],
        ),
    ],
    [
        SkippedQuestion("数值", "numerical"),
        SkippedQuestion("完形", "cloze"),
        SkippedQuestion("说明", "description"),
    ],
)


@pytest.mark.parametrize(
    ("fmt", "fixture", "summary", "questions", "skipped"),
    [("gift", *ZH_GIFT), ("moodlexml", *ZH_MOODLEXML)],
    ids=["gift", "moodlexml"],
)
def test_chinese_fixture_exact(fmt, fixture, summary, questions, skipped):
    result = PARSERS[fmt](fixture_data(fmt, fixture))
    assert result.summary() == summary
    assert result.questions == questions
    assert result.skipped == skipped


@pytest.mark.parametrize(
    ("fmt", "text", "expected"),
    [
        pytest.param(
            "gift",
            "::a::甲。{T}\n\n"
            "$CATEGORY: $course$/top/培训/安全\n\n"
            "::b::乙。{T}\n\n"
            "// 只写 top 时回到默认分类\n$CATEGORY: $course$/top\n::c::丙。{T}\n",
            [("a", "导入", 1), ("b", "培训/安全", 5), ("c", "导入", 9)],
            id="gift-category-reset",
        ),
        pytest.param(
            "moodlexml",
            quiz(
                xml_truefalse("a", "甲"),
                # An old file: the category path without a <text> child.
                '<question type="category"><category>$course$/旧格式/分类</category></question>',
                xml_truefalse("b", "乙"),
            ),
            [("a", "导入", None), ("b", "旧格式/分类", None)],
            id="moodlexml-category-without-text-child",
        ),
    ],
)
def test_default_category_until_the_file_names_one(fmt, text, expected):
    result = PARSERS[fmt](text, default_category="导入")
    assert [(q.name, q.category, q.line) for q in result.questions] == expected


@pytest.mark.parametrize(
    ("fmt", "text"),
    [("gift", "a{T}"), ("moodlexml", quiz(xml_truefalse("a", "甲")))],
    ids=["gift", "moodlexml"],
)
def test_summary_without_skips(fmt, text):
    assert PARSERS[fmt](text).summary() == "imported 1, skipped 0"


# A GIFT error names its line (and the message alone is kept too); a Moodle XML error names
# the question, or the line where the XML itself is malformed.
BROKEN_FILES = [
    ("broken_unclosed_brace.gift.txt", 4, "'{' is never closed with '}'"),
    (
        "broken_unterminated_name.gift.txt",
        5,
        "question name starts with '::' but has no closing '::'",
    ),
    ("broken_bad_weight.gift.txt", 4, "answer weight %五十% is not a number"),
    ("broken_no_correct.gift.txt", 6, "multiple-answer question has no correct answer"),
    (
        "broken_weight_sum.gift.txt",
        4,
        "the positive answer weights of a multiple-answer question add up to 80%, not 100%",
    ),
    (
        "broken_two_correct.gift.txt",
        4,
        "single-choice question has 2 fully correct answers; "
        "use ~%n% weights for a multiple-answer question",
    ),
    (
        "broken_missing_blank_line.gift.txt",
        4,
        "more than one answer block; separate questions with a blank line "
        "(write \\{ \\} for literal braces)",
    ),
    (
        "broken_stray_close_brace.gift.txt",
        4,
        "'}' without an opening '{' (write \\} for a literal brace)",
    ),
    ("broken_malformed.xml", None, "line 11: malformed XML: mismatched tag (column 48)"),
    ("broken_bad_fraction.xml", None, "question '分数错误': answer fraction '百' is not a number"),
    (
        "broken_no_correct.xml",
        None,
        "question '无正确答案': single-choice question has no correct answer",
    ),
    # Unnamed, empty text: named by its position among the <question> elements.
    (
        "broken_tf_fractions.xml",
        None,
        "question '#3': true/false answers need the fractions 100 and 0",
    ),
    (
        "broken_weight_sum.xml",
        None,
        "question '权重和': the positive answer weights of a multiple-answer question "
        "add up to 80%, not 100%",
    ),
    ("broken_root.xml", None, "the root element is <questions>, expected <quiz>"),
]


@pytest.mark.parametrize(("fixture", "line", "message"), BROKEN_FILES)
def test_broken_files(fixture, line, message):
    """``line`` given: the message is the error's own and ``str()`` adds the line to it;
    otherwise ``message`` is what ``str()`` says."""
    data = (FIXTURES / fixture).read_bytes()
    with pytest.raises(ImportFormatError) as info:
        parse_file(data, fmt=None, filename=fixture)
    if line is None:
        assert str(info.value) == message
    else:
        assert info.value.line == line
        assert info.value.message == message
        assert str(info.value) == f"line {line}: {message}"


# ---------------------------------------------------------------------------
# GIFT: Moodle's own fixtures (copied unchanged)
# ---------------------------------------------------------------------------


def test_gift_moodle_questions_counts():
    result = load("questions.gift.txt")
    # Moodle reports "Importing 9 questions from file": 7 imported + 2 skipped here (the
    # short answer gives Cat 50 %, which a right-or-wrong blank cannot hold).
    assert result.summary() == ("imported 7, skipped 2 (numerical: 1, shortanswer-partial: 1)")
    assert [(q.name, q.qtype, q.line) for q in result.questions] == [
        ("Q8", "essay", 2),
        ("Moodle activities", "matching", 5),
        ("Q2", "single", 14),
        ("colours", "multiple", 22),
        ("Q1", "truefalse", 41),
        ("2-08 TSL", "truefalse", 46),
        ("2-08 TSL", "truefalse", 49),
    ]
    assert result.skipped == [
        SkippedQuestion("Q5", "numerical", 31),
        SkippedQuestion("Shortanswer", "shortanswer-partial", 34),
    ]


def test_gift_moodle_questions_single_choice_with_feedback_and_part_formats():
    q = load("questions.gift.txt").questions[2]
    assert q == ParsedQuestion(
        name="Q2",
        qtype="single",
        text="What's between orange and green in the spectrum?",
        text_format="moodle",
        choices=[
            ParsedChoice("yellow", 1.0, "right; good!"),
            # "# [html]wrong..." and "~[plain]blue": format prefixes of parts are dropped.
            ParsedChoice("red", 0.0, "wrong, it's yellow"),
            ParsedChoice("blue", 0.0, "wrong, it's yellow"),
        ],
        category="",
        line=14,
    )


def test_gift_moodle_questions_multiple_with_negative_weights():
    q = load("questions.gift.txt").questions[3]
    assert q.qtype == "multiple"
    assert q.choices == [
        ParsedChoice("yellow", 0.5, "right; good!"),
        ParsedChoice("red", -1.0, "wrong"),
        ParsedChoice("off-beige", 0.5, "right; good!"),
        ParsedChoice("blue", -1.0, "wrong"),
    ]


def test_gift_moodle_questions_truefalse_with_stray_quote_semicolon():
    # ::Q1:: ...{FALSE#wrong-answer feedback#right-answer feedback ####general}";
    q = load("questions.gift.txt").questions[4]
    assert q.text == "42 is the Absolute Answer to everything."  # the stray `";` is dropped
    assert q.choices == tf(
        False,
        true_feedback="42 is the Ultimate Answer.",  # learner said "true": wrong
        false_feedback="You gave the right answer.",
    )
    assert q.general_feedback == (
        "This is, of course, a Hitchiker's Guide to the Galaxy reference."
    )


def test_gift_moodle_questions_tsl_true():
    questions = load("questions.gift.txt").questions
    assert questions[5].text == "TSL is blablabla."
    assert questions[5].choices == tf(True)
    assert questions[6].choices == tf(True)


def test_gift_moodle_questions_in_category():
    result = load("questions_in_category.gift.txt")
    assert result.summary() == "imported 4, skipped 0"
    activities, greeting, user, acronym = result.questions
    assert (activities.qtype, activities.extra) == ("matching", ["Chat"])
    assert (user.qtype, user.blanks, user.case_insensitive) == ("shortanswer", [["Moodler"]], True)
    assert greeting.name == "Greeting"
    assert greeting.category == "Default for New Features"
    assert greeting.text_format == "html"
    assert greeting.text == (
        '<a href="http://demo.moodle.net/file.php/5/media/bonjour.mp3">'
        "Listen to this greeting:</a><br /><br />What language is being spoken?"
    )
    assert greeting.choices == [
        ParsedChoice("English", 0.0, "Sorry, listen again."),
        ParsedChoice("French", 1.0, "Yes, well done!"),
        ParsedChoice("German", 0.0, "Sorry, listen again."),
        ParsedChoice("Spanish", 0.0, "Sorry, listen again."),
    ]
    assert acronym.name == "Moodle acronym"
    assert acronym.text == (
        'Moodle is an acronym for <span style="font-style: italic;">'
        "Modular Object-Oriented Dynamic Learning Environment</span>."
    )
    assert acronym.choices == tf(True)
    assert acronym.line == 27


# ---------------------------------------------------------------------------
# GIFT: smaller rules
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("block", "correct", "true_fb", "false_fb"),
    [
        ("{T}", True, "", ""),
        ("{TRUE}", True, "", ""),
        ("{F}", False, "", ""),
        ("{FALSE}", False, "", ""),
        ("{true}", True, "", ""),
        # TRUE: first # = shown to a wrong ("false") answer, second # = right ("true") answer.
        ("{TRUE#答错了#答对了}", True, "答对了", "答错了"),
        ("{FALSE#答错了#答对了}", False, "答错了", "答对了"),
        ("{T#只有答错反馈}", True, "", "只有答错反馈"),
        ("{F##只有答对反馈}", False, "", "只有答对反馈"),
    ],
)
def test_gift_truefalse_feedback_order(block, correct, true_fb, false_fb):
    (q,) = parse_gift(f"判断。{block}").questions
    assert q.qtype == "truefalse"
    assert q.choices == tf(correct, true_fb, false_fb)


def test_gift_default_name_is_first_40_chars_of_plain_text():
    text = "[html]<p>" + "很长的题目" * 10 + "</p>{T}"
    (q,) = parse_gift(text).questions
    assert q.name == ("很长的题目" * 8)
    assert len(q.name) == 40


@pytest.mark.parametrize(
    ("trailing", "expected"),
    [
        ('";', ("single", None)),
        ("。", ("single", None)),
        ("?!", ("single", None)),
        ("堆放杂物。", (None, "missingword")),
        ("to download", (None, "missingword")),
    ],
)
def test_gift_text_after_closing_brace(trailing, expected):
    result = parse_gift(f"::q::通道{{=不可以 ~可以}}{trailing}")
    imported = result.questions[0].qtype if result.questions else None
    skipped = result.skipped[0].qtype if result.skipped else None
    assert (imported, skipped) == expected
    if result.questions:
        assert result.questions[0].text == "通道"


def test_gift_plain_part_in_html_question_is_escaped_and_unknown_prefix_kept():
    (q,) = parse_gift("::q::[html]<b>选</b>{=[plain]a<b ~[html]<i>c</i>#[plain]x&y}").questions
    assert q.choices == [ParsedChoice("a&lt;b", 1.0), ParsedChoice("<i>c</i>", 0.0, "x&amp;y")]
    (q,) = parse_gift("[注意]这不是格式前缀。{T}").questions
    assert (q.text, q.text_format) == ("[注意]这不是格式前缀。", "moodle")


def test_gift_unknown_escape_keeps_backslash():
    (q,) = parse_gift(r"::q::C:\a\b \\n 与 \n结尾{T}").questions
    assert q.text == "C:\\a\\b \\n 与 \n结尾"


def test_gift_crlf_bom_and_comments_inside_question():
    text = "\ufeff// 注释\r\n::q::题干\r\n// 题内注释\r\n{\r\n=甲\r\n~乙 // 不是注释\r\n}\r\n"
    (q,) = parse_gift(text).questions
    assert q.line == 2
    assert q.choices == [ParsedChoice("甲", 1.0), ParsedChoice("乙 // 不是注释", 0.0)]


def test_gift_single_choice_may_carry_partial_credit():
    (q,) = parse_gift("::q::选。{=甲 ~%50%乙 ~%-25%丙 ~丁}").questions
    assert q.qtype == "single"
    assert [c.fraction for c in q.choices] == [1.0, 0.5, -0.25, 0.0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a{T}\n\nb。{=%50%甲 ~乙}",
            "'=' marks the correct answer and takes no %weight%; use ~%n%",
        ),
        ("a{T}\n\nb。{甲 =乙 ~丙}", "text before the first answer marker '~' or '=': '甲'"),
        ("a{T}\n\nb。{=甲 ~ #反馈}", "empty answer after '~'"),
        ("a{T}\n\nb。{=甲}\n", None),  # a short answer, not an error
        ("a{T}\n\nb。{~%150%甲 ~乙}", "answer weight 150% is outside -100..100"),
        ("a{T}\n\nb。{=甲 ~乙 {丙}", "'{' inside the answer block (write \\{ for a literal brace)"),
        (
            "a{T}\n\nb。{=甲\n$CATEGORY: x\n~乙}",
            "$CATEGORY: inside a question; put a blank line before it",
        ),
        ("a{T}\n\nb。{=甲 ~}", "empty answer after '~'"),
        ("a{T}\n\nb。} 再 {=甲 ~乙}", "'}' before the opening '{' (write \\} for a literal brace)"),
        ("a{T}\n\nb。{=唯一 }", None),
        ("a{T}\n\nb。{~%100%唯一}", "a choice question needs at least 2 answers"),
    ],
)
def test_gift_inline_errors_name_line_3(text, message):
    if message is None:
        result = parse_gift(text)
        assert result.summary() == "imported 2, skipped 0"
        assert result.questions[1].qtype == "shortanswer"
        return
    with pytest.raises(ImportFormatError) as info:
        parse_gift(text)
    assert str(info.value) == f"line 3: {message}"


# ---------------------------------------------------------------------------
# Moodle XML: reading
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("single", "expected"),
    [("true", "single"), ("1", "single"), ("false", "multiple"), ("0", "multiple")],
)
def test_moodlexml_single_flag(single, expected):
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


def test_moodlexml_truefalse_answer_words_and_old_positional_style():
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


def test_moodlexml_malformed_xml_error_carries_line_number():
    with pytest.raises(ImportFormatError) as info:
        parse_moodlexml((FIXTURES / "broken_malformed.xml").read_text(encoding="utf-8"))
    assert info.value.line == 11
    assert info.value.question is None


@pytest.mark.parametrize("fixture", ["billion_laughs.xml", "external_entity.xml"])
@pytest.mark.parametrize("as_text", [False, True])
def test_moodlexml_dtd_and_entities_rejected(fixture, as_text):
    data = (FIXTURES / fixture).read_bytes()
    with pytest.raises(ImportFormatError) as info:
        parse_moodlexml(data.decode("utf-8") if as_text else data)
    assert str(info.value) == (
        "DTDs, entities and external references are not allowed (DTDForbidden)"
    )


def test_moodlexml_entity_declared_without_doctype_use_is_still_rejected():
    xml = '<?xml version="1.0"?>\n<!DOCTYPE quiz SYSTEM "http://example.invalid/q.dtd">\n<quiz/>'
    with pytest.raises(ImportFormatError, match="DTDForbidden"):
        parse_file(xml.encode(), fmt="xml")


# ---------------------------------------------------------------------------
# Moodle XML: export
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


def test_moodlexml_export_structure():
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


def test_moodlexml_export_rejects_invalid_question():
    bad = ParsedQuestion(
        name="坏",
        qtype="single",
        text="x",
        choices=[ParsedChoice("a", 0.0), ParsedChoice("b", 0.0)],
    )
    with pytest.raises(ValueError, match="question '坏': single-choice question has no correct"):
        export_moodlexml([bad])


def test_moodlexml_export_drops_characters_xml_cannot_hold():
    q = ParsedQuestion(
        name="控制\x01字符",
        qtype="truefalse",
        text="a\x0bb",
        choices=tf(True),
    )
    (back,) = parse_moodlexml(export_moodlexml([q])).questions
    assert (back.name, back.text) == ("控制字符", "ab")
