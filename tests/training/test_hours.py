"""The hours arithmetic: category minimums, year boundaries, corrections, inheritance."""

import datetime
from decimal import Decimal as D

from training.hours import (
    Line,
    Rule,
    counting_year,
    effective_rule,
    fmt_hours,
    standing,
    year_totals,
)

LAW, SKILL = 1, 2
RULE = Rule(D("24"), {LAW: D("8")})


def test_the_last_day_of_a_year_counts_for_that_year_and_the_next_day_for_the_next():
    assert counting_year(datetime.date(2026, 12, 31)) == 2026
    assert counting_year(datetime.date(2027, 1, 1)) == 2027
    # A course may say which year it counts for (a course of December for next year's plan).
    assert counting_year(datetime.date(2026, 12, 20), 2027) == 2027


def test_twelve_of_twenty_four_hours_is_half_way():
    totals = year_totals([Line(LAW, D("8")), Line(SKILL, D("4"))])
    result = standing(totals, RULE)
    assert (result.done, result.required, result.missing, result.percent) == (
        D("12"), D("24"), D("12"), 50,
    )  # fmt: skip
    assert not result.met


def test_hours_in_other_categories_do_not_make_up_a_minimum():
    totals = year_totals([Line(LAW, D("2")), Line(SKILL, D("30"))])
    result = standing(totals, RULE)
    assert result.done == D("32")
    assert result.missing_by_category == {LAW: D("6")}
    assert result.missing == D("6") and not result.met


def test_a_correction_is_signed_and_never_takes_a_category_below_zero():
    totals = year_totals([Line(LAW, D("4")), Line(LAW, D("-1.5"))])
    assert totals.of(LAW) == D("2.5")
    overdone = year_totals([Line(LAW, D("4")), Line(LAW, D("-10")), Line(SKILL, D("3"))])
    assert overdone.of(LAW) == D("0") and overdone.total == D("3")


def test_met_when_total_and_minimums_are_reached():
    totals = year_totals([Line(LAW, D("8")), Line(SKILL, D("16"))])
    assert standing(totals, RULE).met
    assert standing(totals, RULE).percent == 100


def test_a_subordinate_agency_inherits_the_nearest_rule_unless_it_sets_its_own():
    rules = {1: Rule(D("24")), 3: Rule(D("40"))}
    assert effective_rule("/1/2/", rules).total == D("24")
    assert effective_rule("/1/3/5/", rules).total == D("40")
    assert effective_rule("/9/", rules).total == D("0")


def test_hours_are_written_as_people_write_them():
    assert fmt_hours(D("12.0")) == "12"
    assert fmt_hours(D("1.5")) == "1.5"
