"""Moodle XML import/export (https://docs.moodle.org/en/Moodle_XML_format).

Imported: ``multichoice`` (``"single"`` when ``<single>`` is true or missing,
``"multiple"`` when it is ``false``/``0``/empty, as Moodle's ``trans_single``),
``truefalse``, ``shortanswer`` (one blank), ``match`` (as ``"matching"``) and ``essay``
(see ``_parse_typed``). ``<question type="category">`` sets the category of the
questions that follow (context prefix and ``top`` stripped, see
:func:`~exams.interop.types.normalize_category`; ``default_category`` applies
before the first one and to a bare ``top``). Every other question type is
skipped and counted (``multianswer`` is reported as ``"cloze"``; other Moodle type
names are kept).

Files embedded with ``<file>`` and ``@@PLUGINFILE@@`` links are not handled;
the text is imported as it is. Texts are stripped, as Moodle does.

Errors raise :class:`ImportFormatError`: malformed XML names the line reported
by the parser; a bad question names the question (its ``<name>``, or ``#n`` =
its position among the ``<question>`` elements). DTDs, entity declarations
and external references are refused (defusedxml, ``forbid_dtd=True``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from xml.etree.ElementTree import Element, ParseError
from xml.sax.saxutils import escape as _xml_escape

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from exams.exceptions import ImportFormatError

from .common import (
    PARTIAL_SHORTANSWER,
    add_matching_item,
    finished_question,
    parse_result,
    with_category_changes,
)
from .types import (
    FALSE_LABEL,
    TRUE_LABEL,
    ParsedChoice,
    ParsedQuestion,
    ParseResult,
    SkippedQuestion,
    default_name,
    format_percent,
    moodle_category_path,
    normalize_category,
    part_in_question_format,
    plain_text,
    round_fraction,
)

__all__ = ["parse_moodlexml", "export_moodlexml"]

_FROM_MOODLE_FORMAT = {
    "html": "html",
    "moodle_auto_format": "moodle",
    "plain_text": "plain",
    "markdown": "markdown",
    "wiki_like": "moodle",
}
_TO_MOODLE_FORMAT = {
    "html": "html",
    "moodle": "moodle_auto_format",
    "plain": "plain_text",
    "markdown": "markdown",
}
_SKIP_NAMES = {"match": "matching", "multianswer": "cloze"}
_TRUE_WORDS = ("true", TRUE_LABEL)
_FALSE_WORDS = ("false", FALSE_LABEL)
_INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# ---------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------


def _text(el: Element | None, path: str = "text") -> str:
    if el is None:
        return ""
    found = el.find(path)
    return (found.text or "").strip() if found is not None else ""


def _format(el: Element | None) -> str:
    # Missing or unknown formats are taken as html, like current Moodle.
    if el is None:
        return "html"
    return _FROM_MOODLE_FORMAT.get((el.get("format") or "").strip(), "html")


def _fraction(answer: Element, fail) -> float:
    raw = (answer.get("fraction") or "0").strip()
    try:
        value = float(raw)
    except ValueError:
        raise fail(f"answer fraction {raw!r} is not a number") from None
    if not math.isfinite(value):
        raise fail(f"answer fraction {raw!r} is not a number")
    return round_fraction(value / 100)


def parse_moodlexml(data: bytes | str, *, default_category: str = "") -> ParseResult:
    """Parse a Moodle XML ``<quiz>``. Raises :class:`ImportFormatError`; nothing partial."""
    if isinstance(data, str):
        data = data.lstrip("\ufeff")
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except ParseError as exc:
        line, column = exc.position
        message = re.sub(r": line \d+, column \d+$", "", str(exc))
        raise ImportFormatError(f"malformed XML: {message} (column {column})", line=line) from None
    except DefusedXmlException as exc:
        raise ImportFormatError(
            f"DTDs, entities and external references are not allowed ({type(exc).__name__})"
        ) from None
    if root.tag != "quiz":
        raise ImportFormatError(f"the root element is <{root.tag}>, expected <quiz>")

    items: list[ParsedQuestion | SkippedQuestion] = []
    category = default_category
    for index, el in enumerate(root.findall("question"), 1):
        qtype = (el.get("type") or "").strip()
        if qtype == "category":
            cat = el.find("category")
            path = _text(cat) or ((cat.text or "") if cat is not None else "")
            category = normalize_category(path) or default_category
            continue
        items.append(_parse_question(el, index, qtype, category))
    return parse_result(items)


def _parse_question(
    el: Element, index: int, qtype: str, category: str
) -> ParsedQuestion | SkippedQuestion:
    questiontext = el.find("questiontext")
    qformat = _format(questiontext)
    qtext = _text(questiontext)
    name = _text(el.find("name")) or default_name(qtext)

    def fail(message: str) -> ImportFormatError:
        return ImportFormatError(message, question=name or f"#{index}")

    if not qtype:
        raise fail("<question> has no type attribute")
    if qtype not in ("multichoice", "truefalse", "shortanswer", "match", "essay"):
        return SkippedQuestion(name=name, qtype=_SKIP_NAMES.get(qtype, qtype))

    gf_el = el.find("generalfeedback")
    general_feedback = part_in_question_format(_text(gf_el), _format(gf_el), qformat)
    if qtype in ("shortanswer", "match", "essay"):
        question = _parse_typed(el, qtype, qformat, fail)
        if question is None:
            return SkippedQuestion(name=name, qtype=PARTIAL_SHORTANSWER)
    else:
        question = _parse_choices(el, qtype, qformat, fail)
    return finished_question(
        question,
        fail,
        name=name,
        text=qtext,
        text_format=qformat,
        general_feedback=general_feedback,
        category=category,
    )


def _parse_choices(el: Element, qtype: str, qformat: str, fail) -> ParsedQuestion:
    """``truefalse`` (its two answers by their text, or else in order) and ``multichoice``;
    the answers' feedback in the question's format."""
    answers = el.findall("answer")

    def feedback_of(answer: Element) -> str:
        fb = answer.find("feedback")
        return part_in_question_format(_text(fb), _format(fb), qformat)

    if qtype == "truefalse":
        if len(answers) != 2:
            raise fail(f"a true/false question needs 2 answers, found {len(answers)}")
        by_value: dict[bool, tuple[float, str]] = {}
        for position, answer in enumerate(answers):
            word = _text(answer).lower()
            # Moodle also reads old files where the answers are just "true, false" in order.
            value = word in _TRUE_WORDS if word in _TRUE_WORDS + _FALSE_WORDS else position == 0
            if value in by_value:
                raise fail(
                    f"a true/false question has two '{'true' if value else 'false'}' answers"
                )
            by_value[value] = (_fraction(answer, fail), feedback_of(answer))
        if sorted((by_value[True][0], by_value[False][0])) != [0.0, 1.0]:
            raise fail("true/false answers need the fractions 100 and 0")
        choices = [
            ParsedChoice(TRUE_LABEL, by_value[True][0], by_value[True][1]),
            ParsedChoice(FALSE_LABEL, by_value[False][0], by_value[False][1]),
        ]
        return ParsedQuestion(name="", qtype="truefalse", text="", choices=choices)
    single_text = (el.findtext("single") or "true").strip().lower()
    result_type = "multiple" if single_text in ("false", "0", "") else "single"
    choices = []
    for answer in answers:
        text_format = _format(answer) if answer.get("format") else qformat
        choices.append(
            ParsedChoice(
                part_in_question_format(_text(answer), text_format, qformat),
                _fraction(answer, fail),
                feedback_of(answer),
            )
        )
    return ParsedQuestion(name="", qtype=result_type, text="", choices=choices)


def _parse_typed(el: Element, qtype: str, qformat: str, fail) -> ParsedQuestion | None:
    """``shortanswer``: the answers with fraction 100 are the accepted ones (0 % answers
    are Moodle's wrong answers with feedback and are dropped; a question giving an answer
    partial credit is skipped as ``shortanswer-partial``, as in GIFT),
    ``<usecase>`` 0 or missing means case-insensitive. ``match``: ``<subquestion>`` pairs,
    one with an empty text is a right item that pairs with nothing. ``essay``: the
    ``<graderinfo>`` is the rubric."""
    if qtype == "essay":
        question = ParsedQuestion(name="", qtype="essay", text="")
        question.rubric = plain_text(_text(el.find("graderinfo")))
        return question
    if qtype == "shortanswer":
        accepted = []
        for answer in el.findall("answer"):
            fraction = _fraction(answer, fail)
            if fraction == 1.0:
                accepted.append(plain_text(_text(answer)))
            elif fraction != 0.0:
                return None
        question = ParsedQuestion(name="", qtype="shortanswer", text="", blanks=[accepted])
        question.case_insensitive = (el.findtext("usecase") or "0").strip() in ("0", "")
        return question
    question = ParsedQuestion(name="", qtype="matching", text="")
    for sub in el.findall("subquestion"):
        left = plain_text(_text(sub))
        right = plain_text(_text(sub.find("answer")))
        if not right:
            raise fail("a <subquestion> has no <answer>")
        add_matching_item(question, left, right)
    return question


# ---------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------


def _clean(text: str) -> str:
    return _INVALID_XML_CHARS.sub("", text)


def _cdata(text: str) -> str:
    text = _clean(text)
    if not text:
        return "<text></text>"
    return "<text><![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]></text>"


def _plain(text: str) -> str:
    return "<text>" + _xml_escape(_clean(text)) + "</text>"


def export_moodlexml(questions: Iterable[ParsedQuestion]) -> str:
    """Write questions as a Moodle XML ``<quiz>``.

    A category pseudo-question is written whenever the category changes (so
    one per distinct category when the questions are grouped); question order
    is kept. Raises ``ValueError`` for a question that breaks
    :func:`~exams.interop.types.check_question`.
    """
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    for q, category_changed in with_category_changes(questions):
        if category_changed:
            out += [
                '  <question type="category">',
                "    <category>",
                f"      {_plain(moodle_category_path(q.category))}",
                "    </category>",
                "  </question>",
            ]
        out += _export_question(q)
    out.append("</quiz>")
    return "\n".join(out) + "\n"


def _question_head(q: ParsedQuestion, xml_type: str, fmt: str, *, penalty: str) -> list[str]:
    """The elements every Moodle question starts with: type, name, text, general feedback,
    grade, penalty (Moodle's deduction per wrong try) and visibility."""
    return [
        f'  <question type="{xml_type}">',
        "    <name>",
        f"      {_plain(q.name)}",
        "    </name>",
        f'    <questiontext format="{fmt}">',
        f"      {_cdata(q.text)}",
        "    </questiontext>",
        f'    <generalfeedback format="{fmt}">',
        f"      {_cdata(q.general_feedback)}",
        "    </generalfeedback>",
        "    <defaultgrade>1</defaultgrade>",
        f"    <penalty>{penalty}</penalty>",
        "    <hidden>0</hidden>",
    ]


def _export_question(q: ParsedQuestion) -> list[str]:
    fmt = _TO_MOODLE_FORMAT[q.text_format]
    if q.qtype in ("shortanswer", "matching", "essay"):
        return _export_typed(q, fmt)
    xml_type = "truefalse" if q.qtype == "truefalse" else "multichoice"
    lines = _question_head(q, xml_type, fmt, penalty="1" if q.qtype == "truefalse" else "0.3333333")
    if q.qtype == "truefalse":
        answers = [("true", q.choices[0]), ("false", q.choices[1])]
        answer_format = "moodle_auto_format"
    else:
        lines += [
            f"    <single>{'true' if q.qtype == 'single' else 'false'}</single>",
            "    <shuffleanswers>1</shuffleanswers>",
            "    <answernumbering>abc</answernumbering>",
        ]
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            lines.append(f'    <{tag} format="{fmt}"><text></text></{tag}>')
        answers = [(c.text, c) for c in q.choices]
        answer_format = fmt
    for text, choice in answers:
        text_xml = _plain(text) if q.qtype == "truefalse" else _cdata(text)
        lines += [
            f'    <answer fraction="{format_percent(choice.fraction)}" format="{answer_format}">',
            f"      {text_xml}",
            f'      <feedback format="{fmt}">',
            f"        {_cdata(choice.feedback)}",
            "      </feedback>",
            "    </answer>",
        ]
    lines.append("  </question>")
    return lines


def _export_typed(q: ParsedQuestion, fmt: str) -> list[str]:
    xml_type = {"shortanswer": "shortanswer", "matching": "match", "essay": "essay"}[q.qtype]
    lines = _question_head(q, xml_type, fmt, penalty="0")
    if q.qtype == "essay":
        lines += [
            "    <responseformat>plain</responseformat>",
            "    <responsefieldlines>15</responsefieldlines>",
            '    <graderinfo format="plain_text">',
            f"      {_plain(q.rubric)}",
            "    </graderinfo>",
        ]
    elif q.qtype == "shortanswer":
        if len(q.blanks) != 1:
            raise ValueError(
                f"question '{q.name}': Moodle's short answer holds one blank; "
                "export it as Word (.docx)"
            )
        lines.append(f"    <usecase>{0 if q.case_insensitive else 1}</usecase>")
        for accepted in q.blanks[0]:
            lines += [
                '    <answer fraction="100" format="plain_text">',
                f"      {_plain(accepted)}",
                "    </answer>",
            ]
    else:
        lines.append("    <shuffleanswers>1</shuffleanswers>")
        for left, right in [*q.pairs, *(("", extra) for extra in q.extra)]:
            lines += [
                '    <subquestion format="plain_text">',
                f"      {_plain(left)}",
                f"      <answer>{_plain(right)}</answer>",
                "    </subquestion>",
            ]
    lines.append("  </question>")
    return lines
