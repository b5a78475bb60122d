"""What the admin's answer editor for 填空题, 配对题 and 简答题 turns an editor's rows into, and
back: pure functions, no database. The result is the very ``answer_spec`` and ``rubric`` the
exam engine, the importers and the exporters already read (exams.answers, exams.interop), so
a question typed here exports and grades like an imported one.

- **Blanks** are marked in the stem. ``____`` (two or more ``_``) and an empty ``（  ）`` are
  kept as typed, since the Word format reads them as blanks; full-width ``＿＿`` and numbered
  ``[[1]]`` are easier to type on a Chinese keyboard and are written back as ``____``, which
  every format reads. Each blank has one row of accepted answers, one per line.
- **Pairs** are rows of left and right items, and right items that pair with nothing.
- **An essay's rubric** is one text for the grader; the editor writes a reference answer and
  the scoring points, kept in it under the labels 参考答案： and 评分要点：.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from exams.answers import MAX_BLANKS, MAX_PAIRS, normalise

STORED_BLANK = "____"
# The marks the Word importer reads as a blank (exams.interop.docx), and the two kept only here.
_KEPT_MARK = r"_{2,}|[（(][\s\u3000]*[）)]"
_TYPED_MARK = r"＿{2,}|\[\[\s*(?P<number>\d{1,2})\s*\]\]"
_MARK_RE = re.compile(f"{_TYPED_MARK}|{_KEPT_MARK}")
_TYPED_RE = re.compile(_TYPED_MARK)

REFERENCE_LABEL = "参考答案："
POINTS_LABEL = "评分要点："


@dataclass
class Checked:
    """What came of the editor's rows: the stored value, or the problems, by editor field."""

    value: object = None
    errors: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)


def blank_marks(text: str) -> list[int | None]:
    """The blanks the stem marks, in order: each one's ``[[n]]`` number, or None."""
    return [
        int(match.group("number")) if match.group("number") else None
        for match in _MARK_RE.finditer(text or "")
    ]


def stored_stem(text: str) -> str:
    """The stem as stored: ``＿＿`` and ``[[n]]`` become ``____``; the rest is kept."""
    return _TYPED_RE.sub(STORED_BLANK, text or "")


def _lines(text: str) -> list[str]:
    seen: list[str] = []
    for line in (text or "").splitlines():
        line = line.strip()
        if line and line not in seen:
            seen.append(line)
    return seen


def check_blanks(text: str, rows: list[str], *, case_insensitive: bool) -> Checked:
    """The answer_spec of a 填空题 from its stem and its rows (accepted answers, one a line).

    Empty rows at the end that the stem does not ask for are dropped (a page without scripts
    shows spare rows); every other row needs an answer, and the rows must be as many as the
    blanks the stem marks. A stem marking none has one blank, after it (as GIFT and Moodle
    write a short answer)."""
    result = Checked()
    marks = blank_marks(text)
    rows = list(rows)
    while len(rows) > max(len(marks), 1) and not rows[-1].strip():
        rows.pop()
    numbered = [(place, n) for place, n in enumerate(marks, start=1) if n is not None]
    for place, number in numbered:
        if number != place:
            result.add(
                "text",
                _("Blank mark [[%(number)d]] is blank %(place)d of the text: number them in order.")
                % {"number": number, "place": place},
            )
            break
    blanks: list[list[str]] = []
    for number, row in enumerate(rows, start=1):
        accepted = _lines(row)
        if not accepted:
            result.add("blanks", _("Blank %(n)d has no accepted answer.") % {"n": number})
            continue
        ignored = [a for a in accepted if not normalise(a)]
        if ignored:
            result.add(
                "blanks",
                _(
                    "Blank %(n)d: “%(answer)s” is only spaces or punctuation, which the "
                    "comparison ignores."
                )
                % {"n": number, "answer": ignored[0]},
            )
        blanks.append(accepted)
    if len(rows) > MAX_BLANKS:
        result.add("blanks", _("A question has at most %(n)d blanks.") % {"n": MAX_BLANKS})
    if not marks and len(rows) > 1:
        result.add(
            "text",
            _(
                "The text marks no blank but there are %(rows)d rows of answers: mark each "
                "blank with ____ or [[1]]."
            )
            % {"rows": len(rows)},
        )
    elif marks and len(marks) != len(rows):
        result.add(
            "text",
            _("The text marks %(marks)d blanks but there are %(rows)d rows of answers.")
            % {"marks": len(marks), "rows": len(rows)},
        )
    if not result.errors:
        result.value = {"blanks": blanks, "case_insensitive": bool(case_insensitive)}
    return result


def check_pairs(rows: list[tuple[str, str]], extra_text: str) -> Checked:
    """The answer_spec of a 配对题 from its rows (left, right) and its unpaired right items.
    Rows left empty on both sides are dropped."""
    result = Checked()
    pairs: list[list[str]] = []
    lefts: dict[str, int] = {}
    for number, (left, right) in enumerate(
        [(left.strip(), right.strip()) for left, right in rows if left.strip() or right.strip()],
        start=1,
    ):
        if not left or not right:
            result.add("pairs", _("Pair %(n)d needs a left and a right item.") % {"n": number})
        elif left in lefts:
            result.add(
                "pairs",
                _("Pair %(n)d has the same left item as pair %(m)d: “%(left)s”.")
                % {"n": number, "m": lefts[left], "left": left},
            )
        else:
            lefts[left] = number
        pairs.append([left, right])
    if len(pairs) < 2:
        result.add("pairs", _("A matching question needs at least two pairs."))
    if len(pairs) > MAX_PAIRS:
        result.add("pairs", _("A question has at most %(n)d pairs.") % {"n": MAX_PAIRS})
    extra = _lines(extra_text)
    rights = {right for _left, right in pairs}
    for item in extra:
        if item in rights:
            result.add(
                "extra",
                _("“%(item)s” is the right item of a pair; an extra item pairs with nothing.")
                % {"item": item},
            )
    if not result.errors:
        spec: dict = {"pairs": pairs}
        if extra:
            spec["extra"] = extra
        result.value = spec
    return result


def rubric_compose(reference: str, points: str) -> str:
    """The rubric the grader reads. A reference answer alone is kept as it is, so a rubric
    imported from Moodle XML or Word is saved back unchanged."""
    reference = (reference or "").strip()
    points = (points or "").strip()
    if reference and points:
        return f"{REFERENCE_LABEL}\n{reference}\n\n{POINTS_LABEL}\n{points}"
    if points:
        return f"{POINTS_LABEL}\n{points}"
    return reference


def rubric_split(rubric: str) -> tuple[str, str]:
    """(reference answer, scoring points) of a stored rubric; the inverse of rubric_compose."""
    rubric = (rubric or "").strip()
    if rubric.startswith(POINTS_LABEL):
        return "", rubric[len(POINTS_LABEL) :].strip()
    if rubric.startswith(REFERENCE_LABEL):
        head, sep, tail = rubric[len(REFERENCE_LABEL) :].partition(f"\n{POINTS_LABEL}")
        if sep:
            return head.strip(), tail.strip()
    return rubric, ""


def spec_rows(spec) -> tuple[list[str], bool, list[tuple[str, str]], str]:
    """What the editor shows of a stored answer_spec: blank rows, case, pairs, extra items."""
    spec = spec if isinstance(spec, dict) else {}
    blanks = [
        "\n".join(str(a) for a in accepted)
        for accepted in spec.get("blanks") or []
        if isinstance(accepted, list)
    ]
    pairs = [
        (str(pair[0]), str(pair[1]))
        for pair in spec.get("pairs") or []
        if isinstance(pair, list | tuple) and len(pair) == 2
    ]
    extra = "\n".join(str(e) for e in spec.get("extra") or [] if isinstance(e, str))
    return blanks, bool(spec.get("case_insensitive")), pairs, extra
