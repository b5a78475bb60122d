"""Grading rules, as pure functions over snapshots (no database).

- single choice / true-false: the weight of the one chosen choice (1 right, 0 wrong); choosing
  more than one scores nothing;
- multiple choice, all-or-nothing (default): 1 when the chosen set is exactly the set of
  positively weighted choices, else 0;
- multiple choice, partial credit: the sum of the chosen weights (wrong ones may be negative),
  kept within 0..1 — so ticking everything earns nothing when wrong choices weigh -0.5;
- fill in the blanks and matching: the share of blanks / pairs right (exams.answers);
- essay: None until a person has marked it (exams.essays).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from exams.answers import matching_score, shortanswer_score


def question_score(
    snapshot: dict, selected: Iterable[str], *, partial_credit: bool
) -> float | None:
    qtype = snapshot["qtype"]
    if qtype == "essay":
        return None
    if qtype == "shortanswer":
        return shortanswer_score(snapshot, list(selected))
    if qtype == "matching":
        return matching_score(snapshot, list(selected))
    weights = {c["key"]: float(c["weight"]) for c in snapshot["choices"]}
    chosen = [key for key in dict.fromkeys(selected) if key in weights]
    if not chosen:
        return 0.0
    if snapshot["qtype"] != "multiple":
        if len(chosen) != 1:
            return 0.0
        return max(0.0, min(1.0, weights[chosen[0]]))
    if partial_credit:
        return max(0.0, min(1.0, round(sum(weights[key] for key in chosen), 7)))
    right = {key for key, weight in weights.items() if weight > 0}
    return 1.0 if set(chosen) == right else 0.0


def attempt_percent(scores: Sequence[float]) -> Decimal:
    """The attempt's score out of 100, one decimal, every question weighing the same."""
    if not scores:
        return Decimal("0.0")
    value = Decimal(str(sum(scores))) * 100 / len(scores)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def correct_keys(snapshot: dict) -> list[str]:
    """The keys a fully right answer chooses (for the review after submission)."""
    if snapshot["qtype"] == "matching":
        return [pair["answer"] for pair in snapshot["pairs"]]
    if not snapshot.get("choices"):
        return []
    if snapshot["qtype"] == "multiple":
        return [c["key"] for c in snapshot["choices"] if float(c["weight"]) > 0]
    best = max(float(c["weight"]) for c in snapshot["choices"])
    return [c["key"] for c in snapshot["choices"] if float(c["weight"]) == best]
