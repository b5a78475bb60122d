"""Grading tables for every question type and mode (pure functions over snapshots)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from exams.grading import attempt_percent, correct_keys, question_score


def snap(qtype, *weights):
    return {
        "qtype": qtype,
        "choices": [{"key": k, "weight": w} for k, w in zip("abcde", weights, strict=False)],
    }


SINGLE = snap("single", 0.0, 1.0, 0.0, 0.0)
TRUEFALSE = snap("truefalse", 0.0, 1.0)  # 正确 wrong, 错误 right
# Two right (0.5 each), two wrong (-0.5 each), as the shipped bank weighs them.
MULTI = snap("multiple", 0.5, 0.5, -0.5, -0.5)
MULTI3 = snap("multiple", 1 / 3, 1 / 3, 1 / 3, -1.0)


@pytest.mark.parametrize(
    "snapshot, selected, partial, expected",
    [
        (SINGLE, ["b"], False, 1.0),
        (SINGLE, ["a"], False, 0.0),
        (SINGLE, [], False, 0.0),
        (SINGLE, ["a", "b"], False, 0.0),  # two ticks on a single choice never score
        (SINGLE, ["b", "b"], False, 1.0),  # a repeated key is one answer
        (SINGLE, ["zz"], False, 0.0),
        (TRUEFALSE, ["b"], False, 1.0),
        (TRUEFALSE, ["a"], False, 0.0),
        (TRUEFALSE, [], True, 0.0),
        # multiple, all-or-nothing
        (MULTI, ["a", "b"], False, 1.0),
        (MULTI, ["b", "a"], False, 1.0),
        (MULTI, ["a"], False, 0.0),
        (MULTI, ["a", "b", "c"], False, 0.0),
        (MULTI, ["a", "b", "c", "d"], False, 0.0),
        (MULTI, [], False, 0.0),
        # multiple, partial credit
        (MULTI, ["a", "b"], True, 1.0),
        (MULTI, ["a"], True, 0.5),
        (MULTI, ["a", "c"], True, 0.0),
        (MULTI, ["a", "b", "c"], True, 0.5),
        (MULTI, ["a", "b", "c", "d"], True, 0.0),  # ticking everything earns nothing
        (MULTI, ["c", "d"], True, 0.0),  # never below zero
        (MULTI3, ["a", "b", "c"], True, 1.0),  # thirds add up to the full mark
        (MULTI3, ["a", "b"], True, pytest.approx(2 / 3)),
        (MULTI3, ["a", "b", "c"], False, 1.0),
    ],
)
def test_question_score(snapshot, selected, partial, expected):
    assert question_score(snapshot, selected, partial_credit=partial) == expected


@pytest.mark.parametrize(
    "scores, expected",
    [
        ([1, 1, 1, 1, 0], Decimal("80.0")),
        ([1] * 17 + [0] * 5, Decimal("77.3")),
        ([1, 0.5, 0], Decimal("50.0")),
        ([1, 1, 0], Decimal("66.7")),
        ([], Decimal("0.0")),
    ],
)
def test_attempt_percent(scores, expected):
    assert attempt_percent(scores) == expected


def test_correct_keys():
    assert correct_keys(SINGLE) == ["b"]
    assert correct_keys(MULTI) == ["a", "b"]
    assert correct_keys(TRUEFALSE) == ["b"]
