"""The answers of the question types that are not a pick among choices: 填空题 (blanks),
配对题 (pairs) and 简答/案例分析题 (essays). Pure functions, no database.

- **Blanks** are compared after normalisation: full-width characters become half-width
  (NFKC: "ＡＢＣ１２" → "ABC12", "，" → ","), whitespace and punctuation are dropped, and Latin
  letters are folded to one case when the question says so. Each blank scores on its own; the
  question scores the share of blanks right.
- **Pairs** score per pair: the share of left items matched to their right item.
- **Essays** score only once a person has marked them (exams.essays).
"""

from __future__ import annotations

import unicodedata

from django.utils.translation import gettext as _

MAX_BLANKS = 20
MAX_PAIRS = 20
# Length limits of what a learner types, per blank and per essay.
BLANK_MAX_LENGTH = 200
ESSAY_MAX_LENGTH = 20000


def normalise(text: str, *, case_insensitive: bool = False) -> str:
    """What two answers are compared by: NFKC, no whitespace, no punctuation or symbols."""
    folded = unicodedata.normalize("NFKC", text)
    kept = "".join(
        ch for ch in folded if not ch.isspace() and unicodedata.category(ch)[0] not in ("P", "S")
    )
    return kept.casefold() if case_insensitive else kept


def blank_right(typed: str, accepted: list[str], *, case_insensitive: bool) -> bool:
    answer = normalise(typed, case_insensitive=case_insensitive)
    return bool(answer) and any(
        answer == normalise(option, case_insensitive=case_insensitive) for option in accepted
    )


def shortanswer_score(snapshot: dict, typed: list[str]) -> float:
    blanks = snapshot.get("blanks") or []
    if not blanks:
        return 0.0
    case_insensitive = bool(snapshot.get("case_insensitive"))
    right = sum(
        1
        for index, accepted in enumerate(blanks)
        if index < len(typed)
        and blank_right(typed[index], accepted, case_insensitive=case_insensitive)
    )
    return round(right / len(blanks), 7)


def matching_score(snapshot: dict, chosen: list[str]) -> float:
    pairs = snapshot.get("pairs") or []
    if not pairs:
        return 0.0
    right = sum(
        1
        for index, pair in enumerate(pairs)
        if index < len(chosen) and chosen[index] == pair["answer"]
    )
    return round(right / len(pairs), 7)


def spec_problem(qtype: str, spec) -> str | None:
    """Why ``spec`` is not a valid answer_spec for ``qtype``, or None."""
    if qtype == "shortanswer":
        blanks = spec.get("blanks") if isinstance(spec, dict) else None
        if not isinstance(blanks, list) or not blanks:
            return _("A fill-in-the-blanks question needs at least one blank with its answers.")
        if len(blanks) > MAX_BLANKS:
            return _("A question has at most %(n)d blanks.") % {"n": MAX_BLANKS}
        for number, accepted in enumerate(blanks, start=1):
            if (
                not isinstance(accepted, list)
                or not accepted
                or not all(isinstance(a, str) and normalise(a) for a in accepted)
            ):
                return _("Blank %(n)d has no accepted answer.") % {"n": number}
        return None
    if qtype == "matching":
        pairs = spec.get("pairs") if isinstance(spec, dict) else None
        if not isinstance(pairs, list) or len(pairs) < 2:
            return _("A matching question needs at least two pairs.")
        if len(pairs) > MAX_PAIRS:
            return _("A question has at most %(n)d pairs.") % {"n": MAX_PAIRS}
        for number, pair in enumerate(pairs, start=1):
            if (
                not isinstance(pair, list)
                or len(pair) != 2
                or not all(isinstance(p, str) and p.strip() for p in pair)
            ):
                return _("Pair %(n)d needs a left and a right item.") % {"n": number}
        lefts = [left.strip() for left, _right in pairs]
        if len(set(lefts)) != len(lefts):
            return _("Two pairs have the same left item.")
        extra = spec.get("extra", [])
        if not isinstance(extra, list) or not all(isinstance(e, str) and e.strip() for e in extra):
            return _("The unpaired right items must be texts.")
        return None
    return None
