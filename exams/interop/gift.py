"""GIFT import/export (https://docs.moodle.org/en/GIFT_format).

The parser follows Moodle's own ``qformat_gift`` closely (same question-type
detection, same escapes) and imports single choice, multiple answers, true/false,
short answer (one blank), matching and essay. Every other GIFT type (numerical,
description, missing-word choices) is reported in ``ParseResult.skipped``.

Decisions, where Moodle leaves room or where the platform differs:

* **Blocks.** Questions are separated by blank lines. Lines whose first
  non-blank characters are ``//`` are comments and are dropped, also inside a
  question. Every physical line is stripped, as Moodle does.
* **Categories.** A ``$CATEGORY: path`` line must start its block (comments may
  come first); it sets the category of the questions that follow. The path is
  absolute: ``$course$/top/A/B`` and ``A/B`` both give ``"A/B"``. ``default_category``
  is used before the first ``$CATEGORY:`` and for a path that names only the top.
* **Text formats.** ``[html]``, ``[plain]``, ``[markdown]``, ``[moodle]`` before the
  question text set ``text_format``; without a prefix the format is ``"moodle"``
  (Moodle's default for GIFT). Answers, answer feedback and general feedback
  have no format of their own in :class:`ParsedChoice`: a prefix there is
  removed, and a ``[plain]`` part in an html/moodle question is HTML-escaped.
* **True/false feedback** follows Moodle (``split_truefalse_comment``):
  ``{TRUE#A#B}`` / ``{FALSE#A#B}``: *A* is shown to a learner who answered
  wrongly, *B* to one who answered rightly. So for ``{TRUE#A#B}`` the 正确 choice
  gets *B* and 错误 gets *A*; for ``{FALSE#A#B}`` 正确 gets *A* and 错误 gets *B*.
  ``T``/``TRUE``/``F``/``FALSE`` are accepted in any letter case (Moodle wants
  upper case and would make ``{true}`` a short-answer question).
* **Text after the closing brace.** Moodle decides the type from the answer
  block alone and, if anything follows ``}``, turns the question into a
  "missing word" one by putting ``_____`` where the block was. Here:

  - if the text after ``}`` has no letter or digit (e.g. the stray ``";`` at
    the end of two questions in Moodle's own ``questions.gift.txt``, or a
    closing "." / "。"), it is treated as stray punctuation and dropped; the
    question is imported (or skipped) by its answer block just like Moodle
    counts it, only without the ``_____`` blank;
  - if it has words, a choice or true/false question is a real missing-word
    question, which the platform cannot show: it is skipped as
    ``"missingword"``; other types keep their own skip type;
  - a second ``{`` or ``}`` after the block is an error (usually two questions
    without a blank line between them).
* **Multiple choice.** As in Moodle a block containing ``~`` is multiple choice;
  it is ``"single"`` if any answer is marked ``=``, else ``"multiple"``. As in
  Moodle an unescaped ``=`` or ``~`` inside an answer starts a new answer.
  Errors (not partial imports): text before the first ``~``/``=``, an empty
  answer, a ``%weight%`` that is not a number or outside -100..100, ``=%n%``
  (``=`` already means 100 %), fewer than two answers, a single-choice block
  without exactly one 100 % answer (Moodle would accept two ``=`` answers; the
  platform's single choice has exactly one correct answer), and a
  multiple-answer block whose positive weights do not add up to 100 %.
* **Short answer** (only ``=`` answers or bare words): one blank whose accepted
  answers are the ``=`` answers, compared case-insensitively as Moodle does;
  ``%0%`` answers (wrong answers with feedback) are dropped, and a question with
  any other ``%weight%`` is skipped as ``shortanswer-partial`` (a blank is right or
  wrong here). Words after the block make a blank inside the sentence (``____``).
  **Matching** (``=`` and ``->``): ``=左 -> 右`` pairs; ``= -> 右`` is a right item
  that pairs with nothing. **Essay** (``{}``): free text, marked by staff.
* **Other types** (skipped, named like Moodle): ``numerical`` (``{#...}``),
  ``description`` (no braces), words after a choice block (``missingword``).

Any malformed question raises :class:`ImportFormatError` naming the line where
that question starts; nothing is returned for the file in that case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
    round_fraction,
)

__all__ = ["parse_gift", "export_gift"]

# Escaped characters are swapped for private-use placeholders before the
# structure is parsed and restored afterwards (Moodle's escapedchar_pre/post).
_ESCAPABLE = {
    "\\": "\ue000",
    ":": "\ue001",
    "#": "\ue002",
    "=": "\ue003",
    "{": "\ue004",
    "}": "\ue005",
    "~": "\ue006",
    "n": "\ue007",
}
_RESTORE = {ph: ("\n" if ch == "n" else ch) for ch, ph in _ESCAPABLE.items()}
_RESTORE_RE = re.compile("[" + "".join(_RESTORE) + "]")

_FORMAT_RE = re.compile(r"^\[(html|plain|markdown|moodle)\]")
_WEIGHT_RE = re.compile(r"^%([^%\s]*)%")
_NUMBER_RE = re.compile(r"^-?\d+(?:\.\d+)?$|^-?\.\d+$")
_TF_WORDS = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_CATEGORY_PREFIX = "$CATEGORY:"


def _unescape_pre(text: str) -> str:
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
            out.append(_ESCAPABLE[text[i + 1]])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _unescape_post(text: str) -> str:
    return _RESTORE_RE.sub(lambda m: _RESTORE[m.group(0)], text)


def _split_format(text: str, default: str) -> tuple[str, str]:
    m = _FORMAT_RE.match(text)
    if m:
        return m.group(1), text[m.end() :]
    return default, text


def _part_text(raw: str, qformat: str) -> str:
    """Answer / feedback text: drop a [format] prefix, unescape, trim."""
    fmt, raw = _split_format(raw.strip(), qformat)
    return part_in_question_format(_unescape_post(raw).strip(), fmt, qformat)


# ---------------------------------------------------------------------------
# Import
# ---------------------------------------------------------------------------


def parse_gift(text: str, *, default_category: str = "") -> ParseResult:
    """Parse GIFT text. Raises :class:`ImportFormatError` on the first bad question."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    items: list[ParsedQuestion | SkippedQuestion] = []
    category = default_category
    block: list[tuple[int, str]] = []

    def flush() -> None:
        nonlocal category
        content: list[tuple[int, str]] = []
        for lineno, line in block:
            if line.startswith("//"):
                continue
            if line.startswith(_CATEGORY_PREFIX):
                if content:
                    raise ImportFormatError(
                        "$CATEGORY: inside a question; put a blank line before it",
                        line=content[0][0],
                    )
                category = normalize_category(line[len(_CATEGORY_PREFIX) :]) or default_category
                continue
            content.append((lineno, line))
        block.clear()
        if not content:
            return
        items.append(
            _parse_question("\n".join(line for _, line in content), content[0][0], category)
        )

    for lineno, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if line:
            block.append((lineno, line))
        elif block:
            flush()
    if block:
        flush()
    return parse_result(items)


def _parse_question(source: str, line: int, category: str) -> ParsedQuestion | SkippedQuestion:
    def fail(message: str) -> ImportFormatError:
        return ImportFormatError(message, line=line)

    text = _unescape_pre(source)

    name: str | None = None
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            raise fail("question name starts with '::' but has no closing '::'")
        name = _unescape_post(text[2:end]).strip()
        text = text[end + 2 :].strip()

    start = text.find("{")
    close = text.find("}")
    if start < 0 and close < 0:
        _, body = _split_format(text, "moodle")
        qtext = _unescape_post(body).strip()
        return SkippedQuestion(name=name or default_name(qtext), qtype="description", line=line)
    if start < 0:
        raise fail("'}' without an opening '{' (write \\} for a literal brace)")
    if close < 0:
        raise fail("'{' is never closed with '}'")
    if close < start:
        raise fail("'}' before the opening '{' (write \\} for a literal brace)")

    answer = text[start + 1 : close]
    before = text[:start].strip()
    after = text[close + 1 :].strip()
    if "{" in answer:
        raise fail("'{' inside the answer block (write \\{ for a literal brace)")
    if "{" in after or "}" in after:
        raise fail(
            "more than one answer block; separate questions with a blank line "
            "(write \\{ \\} for literal braces)"
        )

    qformat, body = _split_format(before, "moodle")
    qtext = _unescape_post(body).strip()
    trailing = _unescape_post(after)
    # See the module docstring: punctuation-only trailing text (Moodle's own
    # fixture ends two questions with `";`) is dropped; words make a missing-word question.
    missing_word = any(ch.isalnum() for ch in trailing)
    if not name:
        name = default_name(f"{qtext} _____ {trailing}" if missing_word else qtext)

    general_feedback = ""
    gf = answer.rfind("####")
    if gf >= 0:
        general_feedback = _part_text(answer[gf + 4 :], qformat)
        answer = answer[:gf]
    answer = answer.strip()

    # Question type detection, in Moodle's order.
    if answer == "":
        qtype = "essay"
    elif answer.startswith("#"):
        qtype = "numerical"
    elif "~" in answer:
        qtype = "multichoice"
    elif "=" in answer and "->" in answer:
        qtype = "matching"
    elif answer.split("#", 1)[0].strip().upper() in _TF_WORDS:
        qtype = "truefalse"
    else:
        qtype = "shortanswer"

    if qtype in ("essay", "shortanswer", "matching"):
        if missing_word and qtype != "shortanswer":
            return SkippedQuestion(name=name, qtype=qtype, line=line)
        if missing_word:
            # A blank inside the sentence, as Moodle shows it: 消防通道____堆放杂物。
            qtext = f"{qtext}{BLANK}{trailing.strip()}"
        question = _parse_typed(qtype, answer, qformat, fail)
        if question is None:
            return SkippedQuestion(name=name, qtype=PARTIAL_SHORTANSWER, line=line)
    elif qtype not in ("multichoice", "truefalse"):
        return SkippedQuestion(name=name, qtype=qtype, line=line)
    elif missing_word:
        return SkippedQuestion(name=name, qtype="missingword", line=line)
    elif qtype == "truefalse":
        bits = answer.split("#", 2)
        is_true = _TF_WORDS[bits[0].strip().upper()]
        wrong = _part_text(bits[1], qformat) if len(bits) > 1 else ""
        right = _part_text(bits[2], qformat) if len(bits) > 2 else ""
        choices = [
            ParsedChoice(TRUE_LABEL, 1.0 if is_true else 0.0, right if is_true else wrong),
            ParsedChoice(FALSE_LABEL, 0.0 if is_true else 1.0, wrong if is_true else right),
        ]
        question = ParsedQuestion(name="", qtype="truefalse", text="", choices=choices)
    else:
        choices, result_type = _parse_choices(answer, qformat, fail)
        question = ParsedQuestion(name="", qtype=result_type, text="", choices=choices)
    return finished_question(
        question,
        fail,
        name=name,
        text=qtext,
        text_format=qformat,
        general_feedback=general_feedback,
        category=category,
        line=line,
    )


BLANK = "____"


def _parse_typed(qtype: str, answer: str, qformat: str, fail) -> ParsedQuestion | None:
    """Short answer ``{=北京 =Beijing}`` (one blank, Moodle's default: case-insensitive),
    matching ``{=左 -> 右 = -> 干扰项}``, essay ``{}``."""
    question = ParsedQuestion(name="", qtype=qtype, text="")
    if qtype == "essay":
        return question
    if qtype == "shortanswer":
        accepted = []
        for part in re.split(r"(?==)", answer):
            body = part[1:] if part.startswith("=") else part
            body = body.strip()
            if not body:
                continue
            weight = _WEIGHT_RE.match(body)
            if weight:
                body = body[weight.end() :]
                if weight.group(1) in ("0", "0.0"):
                    continue  # a wrong answer with feedback: nothing to accept
                if weight.group(1) not in ("100", "100.0"):
                    return None  # partial credit for an answer: skipped, see the docstring
            text = _part_text(body.partition("#")[0], qformat)
            if text:
                accepted.append(text)
        question.blanks = [accepted]
        question.case_insensitive = True
        return question
    for part in re.split(r"(?==)", answer):
        if not part.strip():
            continue
        if not part.startswith("="):
            raise fail(f"text before the first pair: {_unescape_post(part.strip())!r}")
        left, arrow, right = part[1:].partition("->")
        if not arrow:
            raise fail("each pair of a matching question needs '->'")
        left, right = _part_text(left, qformat), _part_text(right, qformat)
        if not right:
            raise fail("a pair has nothing after '->'")
        add_matching_item(question, left, right)
    return question


def _parse_choices(answer: str, qformat: str, fail) -> tuple[list[ParsedChoice], str]:
    parts = re.split(r"(?=[~=])", answer)
    head = parts.pop(0).strip()
    if head:
        raise fail(f"text before the first answer marker '~' or '=': {_unescape_post(head)!r}")
    single = False
    choices = []
    for part in parts:
        marker, body = part[0], part[1:].strip()
        weight = _WEIGHT_RE.match(body)
        if marker == "=":
            single = True
            if weight:
                raise fail("'=' marks the correct answer and takes no %weight%; use ~%n%")
            fraction = 1.0
        elif weight:
            if not _NUMBER_RE.match(weight.group(1)):
                raise fail(f"answer weight %{_unescape_post(weight.group(1))}% is not a number")
            fraction = round_fraction(float(weight.group(1)) / 100)
            body = body[weight.end() :]
        else:
            fraction = 0.0
        text, _, feedback = body.partition("#")
        choice = ParsedChoice(_part_text(text, qformat), fraction, _part_text(feedback, qformat))
        if not choice.text:
            raise fail(f"empty answer after '{marker}'")
        choices.append(choice)
    return choices, ("single" if single else "multiple")


# ---------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------

_ESCAPE_TABLE = str.maketrans(
    {
        "\\": "\\\\",
        ":": "\\:",
        "#": "\\#",
        "=": "\\=",
        "~": "\\~",
        "{": "\\{",
        "}": "\\}",
        "\n": "\\n",
        "\r": "",
    }
)


def _escape(text: str) -> str:
    return text.translate(_ESCAPE_TABLE)


def _export_part(text: str, qformat: str) -> str:
    # An explicit prefix (the question's own format, so nothing is converted on
    # import) keeps a text starting with "[html]" or "%50%" from being misread.
    prefix = f"[{qformat}]" if text.startswith(("[", "%")) else ""
    return prefix + _escape(text)


def export_gift(questions: Iterable[ParsedQuestion]) -> str:
    """Write questions as GIFT. A ``$CATEGORY:`` line is written whenever the category changes.

    Raises ``ValueError`` for a question that breaks the rules of
    :func:`~exams.interop.types.check_question`.
    """
    out: list[str] = []
    for q, category_changed in with_category_changes(questions):
        if category_changed:
            out.append(f"$CATEGORY: {moodle_category_path(q.category)}\n")
        out.append(_export_question(q))
    return "\n".join(out)


def _export_question(q: ParsedQuestion) -> str:
    fmt = q.text_format
    comment_name = " ".join(q.name.split())
    head = f"// question: {comment_name}\n" if comment_name else ""
    if q.name:
        head += f"::{_escape(q.name)}::"
    needs_prefix = (
        fmt != "moodle"
        or q.text.startswith("[")
        or (not q.name and q.text.lstrip().startswith(("//", "$")))
    )
    head += (f"[{fmt}]" if needs_prefix else "") + _escape(q.text)
    general = f"####{_export_part(q.general_feedback, fmt)}" if q.general_feedback else ""

    if q.qtype == "essay":
        return f"{head}{{{general}}}\n"
    if q.qtype == "shortanswer":
        if len(q.blanks) != 1:
            raise ValueError(
                f"question '{q.name}': GIFT holds one blank; export it as Word (.docx)"
            )
        answers = " ".join(f"={_export_part(a, fmt)}" for a in q.blanks[0])
        return f"{head}{{{answers}{general}}}\n"
    if q.qtype == "matching":
        lines = [head + "{"]
        for left, right in q.pairs:
            lines.append(f"\t={_export_part(left, fmt)} -> {_export_part(right, fmt)}")
        for right in q.extra:
            lines.append(f"\t= -> {_export_part(right, fmt)}")
        if general:
            lines.append(f"\t{general}")
        lines.append("}")
        return "\n".join(lines) + "\n"
    if q.qtype == "truefalse":
        true_choice, false_choice = q.choices
        is_true = true_choice.fraction == 1.0
        right = (true_choice if is_true else false_choice).feedback
        wrong = (false_choice if is_true else true_choice).feedback
        block = "TRUE" if is_true else "FALSE"
        if wrong or right:
            block += "#" + _export_part(wrong, fmt)
        if right:
            block += "#" + _export_part(right, fmt)
        return f"{head}{{{block}{general}}}\n"

    lines = [head + "{"]
    for c in q.choices:
        if q.qtype == "single" and c.fraction == 1.0:
            marker = "="
        elif c.fraction == 0:
            marker = "~"
        else:
            marker = f"~%{format_percent(c.fraction)}%"
        feedback = f"#{_export_part(c.feedback, fmt)}" if c.feedback else ""
        lines.append(f"\t{marker}{_export_part(c.text, fmt)}{feedback}")
    if general:
        lines.append(f"\t{general}")
    lines.append("}")
    return "\n".join(lines) + "\n"
