from pathlib import Path

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

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "interop"


def load(name: str) -> ParseResult:
    return parse_gift((FIXTURES / name).read_text(encoding="utf-8"))


def tf(correct: bool, true_feedback: str = "", false_feedback: str = "") -> list[ParsedChoice]:
    return [
        ParsedChoice("正确", 1.0 if correct else 0.0, true_feedback),
        ParsedChoice("错误", 0.0 if correct else 1.0, false_feedback),
    ]


# ---------------------------------------------------------------------------
# Moodle's own fixtures (copied unchanged)
# ---------------------------------------------------------------------------


def test_moodle_questions_counts():
    result = load("questions.gift.txt")
    # Moodle reports "Importing 9 questions from file": 5 imported + 4 skipped here.
    assert result.summary() == (
        "imported 5, skipped 4 (essay: 1, matching: 1, numerical: 1, shortanswer: 1)"
    )
    assert [(q.name, q.qtype, q.line) for q in result.questions] == [
        ("Q2", "single", 14),
        ("colours", "multiple", 22),
        ("Q1", "truefalse", 41),
        ("2-08 TSL", "truefalse", 46),
        ("2-08 TSL", "truefalse", 49),
    ]
    assert result.skipped == [
        SkippedQuestion("Q8", "essay", 2),
        SkippedQuestion("Moodle activities", "matching", 5),
        SkippedQuestion("Q5", "numerical", 31),
        SkippedQuestion("Shortanswer", "shortanswer", 34),
    ]


def test_moodle_questions_single_choice_with_feedback_and_part_formats():
    q = load("questions.gift.txt").questions[0]
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


def test_moodle_questions_multiple_with_negative_weights():
    q = load("questions.gift.txt").questions[1]
    assert q.qtype == "multiple"
    assert q.choices == [
        ParsedChoice("yellow", 0.5, "right; good!"),
        ParsedChoice("red", -1.0, "wrong"),
        ParsedChoice("off-beige", 0.5, "right; good!"),
        ParsedChoice("blue", -1.0, "wrong"),
    ]


def test_moodle_questions_truefalse_with_stray_quote_semicolon():
    # ::Q1:: ...{FALSE#wrong-answer feedback#right-answer feedback ####general}";
    q = load("questions.gift.txt").questions[2]
    assert q.text == "42 is the Absolute Answer to everything."  # the stray `";` is dropped
    assert q.choices == tf(
        False,
        true_feedback="42 is the Ultimate Answer.",  # learner said "true": wrong
        false_feedback="You gave the right answer.",
    )
    assert q.general_feedback == (
        "This is, of course, a Hitchiker's Guide to the Galaxy reference."
    )


def test_moodle_questions_tsl_true():
    questions = load("questions.gift.txt").questions
    assert questions[3].text == "TSL is blablabla."
    assert questions[3].choices == tf(True)
    assert questions[4].choices == tf(True)


def test_moodle_questions_in_category():
    result = load("questions_in_category.gift.txt")
    assert result.summary() == "imported 2, skipped 2 (matching: 1, shortanswer: 1)"
    assert result.skipped == [
        SkippedQuestion("Moodle activities", "matching", 5),
        SkippedQuestion("Moodle user", "shortanswer", 22),
    ]
    greeting, acronym = result.questions
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
# Own Chinese fixture
# ---------------------------------------------------------------------------

CAT19 = "岗前培训/第十九条"
CAT20 = "岗前培训/第二十条"


def test_chinese_fixture_exact():
    result = load("zh_questions.gift.txt")
    assert result.summary() == (
        "imported 8, skipped 6 (description: 1, essay: 1, matching: 1, missingword: 1, "
        "numerical: 1, shortanswer: 1)"
    )
    assert result.questions == [
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
            choices=[
                ParsedChoice("红", 0.3333333),
                ParsedChoice("绿", 0.3333333),
                ParsedChoice("蓝", 0.3333333),
                ParsedChoice("黄", -1.0, "黄色不是光的三原色"),
            ],
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
    ]
    assert result.skipped == [
        SkippedQuestion("问答", "essay", 58),
        SkippedQuestion("填空", "shortanswer", 60),
        SkippedQuestion("匹配", "matching", 62),
        SkippedQuestion("数值", "numerical", 67),
        SkippedQuestion("缺词", "missingword", 69),
        SkippedQuestion("说明：以上为附加题。", "description", 71),
    ]


# ---------------------------------------------------------------------------
# Smaller rules
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
def test_truefalse_feedback_order(block, correct, true_fb, false_fb):
    (q,) = parse_gift(f"判断。{block}").questions
    assert q.qtype == "truefalse"
    assert q.choices == tf(correct, true_fb, false_fb)


def test_default_category_and_category_reset():
    text = (
        "::a::甲。{T}\n\n"
        "$CATEGORY: $course$/top/培训/安全\n\n"
        "::b::乙。{T}\n\n"
        "// 只写 top 时回到默认分类\n$CATEGORY: $course$/top\n::c::丙。{T}\n"
    )
    result = parse_gift(text, default_category="导入")
    assert [(q.name, q.category, q.line) for q in result.questions] == [
        ("a", "导入", 1),
        ("b", "培训/安全", 5),
        ("c", "导入", 9),
    ]


def test_default_name_is_first_40_chars_of_plain_text():
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
def test_text_after_closing_brace(trailing, expected):
    result = parse_gift(f"::q::通道{{=不可以 ~可以}}{trailing}")
    imported = result.questions[0].qtype if result.questions else None
    skipped = result.skipped[0].qtype if result.skipped else None
    assert (imported, skipped) == expected
    if result.questions:
        assert result.questions[0].text == "通道"


def test_plain_part_in_html_question_is_escaped_and_unknown_prefix_kept():
    (q,) = parse_gift("::q::[html]<b>选</b>{=[plain]a<b ~[html]<i>c</i>#[plain]x&y}").questions
    assert q.choices == [ParsedChoice("a&lt;b", 1.0), ParsedChoice("<i>c</i>", 0.0, "x&amp;y")]
    (q,) = parse_gift("[注意]这不是格式前缀。{T}").questions
    assert (q.text, q.text_format) == ("[注意]这不是格式前缀。", "moodle")


def test_unknown_escape_keeps_backslash():
    (q,) = parse_gift(r"::q::C:\a\b \\n 与 \n结尾{T}").questions
    assert q.text == "C:\\a\\b \\n 与 \n结尾"


def test_crlf_bom_and_comments_inside_question():
    text = "\ufeff// 注释\r\n::q::题干\r\n// 题内注释\r\n{\r\n=甲\r\n~乙 // 不是注释\r\n}\r\n"
    (q,) = parse_gift(text).questions
    assert q.line == 2
    assert q.choices == [ParsedChoice("甲", 1.0), ParsedChoice("乙 // 不是注释", 0.0)]


def test_single_choice_may_carry_partial_credit():
    (q,) = parse_gift("::q::选。{=甲 ~%50%乙 ~%-25%丙 ~丁}").questions
    assert q.qtype == "single"
    assert [c.fraction for c in q.choices] == [1.0, 0.5, -0.25, 0.0]


def test_summary_without_skips():
    assert parse_gift("a{T}").summary() == "imported 1, skipped 0"


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "line", "message"),
    [
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
    ],
)
def test_broken_files(fixture, line, message):
    data = (FIXTURES / fixture).read_bytes()
    with pytest.raises(ImportFormatError) as info:
        parse_file(data, fmt=None, filename=fixture)
    assert info.value.line == line
    assert info.value.message == message
    assert str(info.value) == f"line {line}: {message}"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a{T}\n\nb。{=%50%甲 ~乙}",
            "'=' marks the correct answer and takes no %weight%; use ~%n%",
        ),
        ("a{T}\n\nb。{甲 =乙 ~丙}", "text before the first answer marker '~' or '=': '甲'"),
        ("a{T}\n\nb。{=甲 ~ #反馈}", "empty answer after '~'"),
        ("a{T}\n\nb。{=甲}\n", None),  # short answer: skipped, not an error
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
def test_inline_errors_name_line_3(text, message):
    if message is None:
        result = parse_gift(text)
        assert result.summary() == "imported 1, skipped 1 (shortanswer: 1)"
        return
    with pytest.raises(ImportFormatError) as info:
        parse_gift(text)
    assert str(info.value) == f"line 3: {message}"
