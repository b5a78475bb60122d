"""Plain data types shared by the GIFT and Moodle XML importers/exporters.

Nothing here touches Django: the parsers return these objects and the caller
decides how to store them.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field

QTYPES = ("single", "multiple", "truefalse", "shortanswer", "matching", "essay")
# The types answered by picking choices; the others carry blanks, pairs or a rubric.
CHOICE_QTYPES = ("single", "multiple", "truefalse")
TEXT_FORMATS = ("html", "plain", "markdown", "moodle")

TRUE_LABEL = "正确"
FALSE_LABEL = "错误"

# Default names are cut to this many characters of the question's plain text.
DEFAULT_NAME_LENGTH = 40


@dataclass
class ParsedChoice:
    text: str
    fraction: float  # -1.0 .. 1.0 (GIFT %50% -> 0.5, "=" -> 1.0, "~" -> 0.0)
    feedback: str = ""


@dataclass
class ParsedQuestion:
    name: str
    qtype: str  # one of QTYPES
    text: str
    text_format: str = "html"  # "html" | "plain" | "markdown" | "moodle"
    choices: list[ParsedChoice] = field(default_factory=list)
    general_feedback: str = ""
    category: str = ""  # "/"-separated path, context prefixes stripped
    line: int | None = None  # GIFT: 1-based line where the question starts
    # shortanswer: the accepted answers of each blank (GIFT and Moodle XML have one blank)
    blanks: list[list[str]] = field(default_factory=list)
    case_insensitive: bool = False
    # matching: (left, right) pairs, and right items that pair with nothing
    pairs: list[tuple[str, str]] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    # essay: what the grader looks for (Moodle XML <graderinfo>)
    rubric: str = ""
    # Set by formats that name citations explicitly (Word's 依据： line); None: read them
    # from the explanation, as before
    citations: list[tuple[int, int | None]] | None = None
    difficulty: int | None = None

    @property
    def answer_spec(self) -> dict:
        """What Question.answer_spec stores for this question."""
        if self.qtype == "shortanswer":
            return {"blanks": self.blanks, "case_insensitive": self.case_insensitive}
        if self.qtype == "matching":
            spec: dict = {"pairs": [list(pair) for pair in self.pairs]}
            if self.extra:
                spec["extra"] = list(self.extra)
            return spec
        return {}


@dataclass
class SkippedQuestion:
    name: str
    qtype: str  # "essay", "matching", "numerical", "shortanswer", "description", ...
    line: int | None = None


@dataclass
class ParseResult:
    questions: list[ParsedQuestion]
    skipped: list[SkippedQuestion]

    def summary(self) -> str:
        """``"imported 5, skipped 4 (essay: 1, matching: 1, ...)"``; types sorted by name."""
        text = f"imported {len(self.questions)}, skipped {len(self.skipped)}"
        if self.skipped:
            counts = Counter(s.qtype for s in self.skipped)
            text += " (" + ", ".join(f"{k}: {counts[k]}" for k in sorted(counts)) + ")"
        return text


# ---------------------------------------------------------------------------
# Helpers shared by both formats
# ---------------------------------------------------------------------------

_TAG_RE = re.compile(r"<[^>]*>")
_WS_RE = re.compile(r"\s+")
_CONTEXT_RE = re.compile(r"^\$[A-Za-z0-9_]+\$$")  # $course$, $system$, $module$, $cat1$ ...


def plain_text(text: str) -> str:
    """Strip tags, decode entities and collapse whitespace."""
    return _WS_RE.sub(" ", html.unescape(_TAG_RE.sub(" ", text))).strip()


def default_name(text: str) -> str:
    """Name used when a question has none: the first 40 characters of its plain text."""
    return plain_text(text)[:DEFAULT_NAME_LENGTH].strip()


def normalize_category(path: str) -> str:
    """``"$course$/top/A/ B /"`` -> ``"A/B"``.

    Strips a Moodle context prefix (``$course$``, ``$system$``, ``$module$``, ...)
    and a following ``top`` segment; blank segments are dropped. (Moodle writes a
    "/" inside a category name as "//"; such names cannot be represented in a
    "/"-separated path and end up split.)
    """
    parts = [p.strip() for p in path.strip().split("/")]
    parts = [p for p in parts if p]
    if parts and _CONTEXT_RE.match(parts[0]):
        parts = parts[1:]
    if parts and parts[0] == "top":
        parts = parts[1:]
    return "/".join(parts)


def moodle_category_path(category: str) -> str:
    """Inverse of :func:`normalize_category` for export: ``"A/B"`` -> ``"$course$/top/A/B"``."""
    return "$course$/top" + (f"/{category}" if category else "")


def part_in_question_format(text: str, part_format: str, question_format: str) -> str:
    """Answer/feedback text keeps no format of its own: a plain-text part of an
    html/moodle question is HTML-escaped; anything else is kept as it is."""
    if part_format == "plain" and question_format in ("html", "moodle"):
        return html.escape(text, quote=False)
    return text


def round_fraction(value: float) -> float:
    """Fractions are kept to 7 decimals (Moodle stores percentages to 5 decimals)."""
    result = round(value, 7)
    return 0.0 if result == 0 else result  # no -0.0


def format_percent(fraction: float) -> str:
    """0.5 -> "50", 0.3333333 -> "33.33333", -1.0 -> "-100"."""
    text = f"{fraction * 100:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def checked(q: ParsedQuestion, fail=None) -> ParsedQuestion:
    """``q`` itself when :func:`check_question` finds nothing wrong. Otherwise the exception
    ``fail(problem)`` builds is raised (a parser's, naming the line or paragraph), or, for an
    export, a ValueError naming the question."""
    problem = check_question(q)
    if problem:
        raise fail(problem) if fail else ValueError(f"question '{q.name}': {problem}")
    return q


def check_question(q: ParsedQuestion) -> str | None:
    """Return why ``q`` breaks the platform's rules, or None if it is fine.

    - every choice has text, every fraction is within -1..1;
    - single: at least 2 choices and exactly one with fraction 1.0 (others may
      carry partial credit below 1.0, as Moodle allows);
    - multiple: at least 2 choices; the positive fractions add up to 100 %
      (rounded to 2 decimals, as Moodle's own multichoice form checks);
    - truefalse: exactly the two choices 正确, 错误 in that order, one 1.0, one 0.0.
    """
    if q.qtype not in QTYPES:
        return f"unknown question type {q.qtype!r}"
    if q.text_format not in TEXT_FORMATS:
        return f"unknown text format {q.text_format!r}"
    if q.qtype not in CHOICE_QTYPES:
        return _check_typed(q)
    for c in q.choices:
        if not c.text.strip():
            return "an answer has no text"
        if not -1.0 <= c.fraction <= 1.0:
            return f"answer weight {format_percent(c.fraction)}% is outside -100..100"
    if q.qtype == "truefalse":
        if [c.text for c in q.choices] != [TRUE_LABEL, FALSE_LABEL]:
            return "a true/false question needs exactly the choices 正确, 错误"
        if sorted(c.fraction for c in q.choices) != [0.0, 1.0]:
            return "a true/false question needs one correct (1.0) and one wrong (0.0) choice"
        return None
    if len(q.choices) < 2:
        return "a choice question needs at least 2 answers"
    if q.qtype == "single":
        correct = sum(1 for c in q.choices if c.fraction == 1.0)
        if correct == 0:
            return "single-choice question has no correct answer"
        if correct > 1:
            return (
                f"single-choice question has {correct} fully correct answers; "
                "use ~%n% weights for a multiple-answer question"
            )
        return None
    positive = sum(c.fraction for c in q.choices if c.fraction > 0)
    if positive == 0:
        return "multiple-answer question has no correct answer"
    if round(positive, 2) != 1.0:
        return (
            f"the positive answer weights of a multiple-answer question add up to "
            f"{format_percent(positive)}%, not 100%"
        )
    return None


def _check_typed(q: ParsedQuestion) -> str | None:
    """Fill in the blanks: every blank has an answer; matching: at least two pairs, each with
    both sides, no left item twice; essay: nothing to check."""
    if q.qtype == "shortanswer":
        if not q.blanks:
            return "a short-answer question needs at least one accepted answer"
        for number, accepted in enumerate(q.blanks, start=1):
            if not accepted or not all(a.strip() for a in accepted):
                return f"blank {number} has an empty accepted answer"
        return None
    if q.qtype == "matching":
        if len(q.pairs) < 2:
            return "a matching question needs at least 2 pairs"
        for number, (left, right) in enumerate(q.pairs, start=1):
            if not left.strip() or not right.strip():
                return f"pair {number} needs a left and a right item"
        lefts = [left for left, _right in q.pairs]
        if len(set(lefts)) != len(lefts):
            return "two pairs have the same left item"
        return None
    return None
