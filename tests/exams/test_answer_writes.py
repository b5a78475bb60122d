"""The one-statement autosave stores exactly what the Python checks accept, only for the
learner's own open attempt, and never an older answer."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.utils import timezone

from exams import services
from exams.answer_writes import store_choice_answer_for_learner, store_scores
from exams.exceptions import AnswerError
from exams.models import Attempt, AttemptStatus

SEQ = itertools.count(1)


@pytest.fixture
def attempt(exam_setup):
    return services.attempt_start(auxiliary=exam_setup.org.aux_a, exam=exam_setup.exam)


def store(attempt, row, chosen, *, user=None, seq=None, now=None):
    return store_choice_answer_for_learner(
        user_id=(user or attempt.auxiliary.user).pk,
        pk=attempt.pk,
        position=row.position,
        chosen=chosen,
        seq=next(SEQ) if seq is None else seq,
        now=now or timezone.now(),
    )


def python_accepts(row, selected) -> list[str] | None:
    try:
        return services._validate_selection(row.snapshot, selected)
    except AnswerError:
        return None


def test_it_stores_a_pick_exactly_when_the_python_checks_accept_it(attempt):
    rows = list(attempt.questions.order_by("position"))
    # Every choice type and one typed question, whatever the draw gave.
    for row, qtype in zip(rows, ("single", "multiple", "truefalse", "shortanswer"), strict=True):
        row.snapshot = {**row.snapshot, "qtype": qtype, "blanks": [["甲"], ["乙"]]}
        row.save(update_fields=["snapshot"])
    for row in rows:
        keys = [choice["key"] for choice in row.snapshot["choices"]]
        for selected in ([], keys[:1], keys[1:2], keys[:2], keys, ["nope"], [keys[0], "nope"]):
            expected = python_accepts(row, selected)
            before = type(row).objects.get(pk=row.pk).selected
            stored = store(attempt, row, list(dict.fromkeys(selected)))
            after = type(row).objects.get(pk=row.pk).selected
            label = (row.snapshot["qtype"], selected)
            if expected is None or row.snapshot["qtype"] == "shortanswer":
                # A typed answer is left to the read that checks it in Python.
                assert stored is None and after == before, label
            else:
                assert stored is not None and after == expected, label


def test_it_answers_with_the_counts_and_deadline_the_page_shows(attempt):
    first, second = attempt.questions.order_by("position")[:2]
    stored = store(attempt, first, [first.snapshot["choices"][0]["key"]])
    assert (stored.others_answered, stored.total) == (0, attempt.questions.count())
    assert stored.deadline == attempt.deadline and timezone.is_aware(stored.deadline)
    stored = store(attempt, second, [second.snapshot["choices"][0]["key"]])
    assert stored.others_answered == 1


def test_someone_elses_attempt_is_never_written(attempt, org):
    row = attempt.questions.order_by("position").first()
    key = row.snapshot["choices"][0]["key"]
    for intruder in (org.learner_b, org.supervisor_a, org.admin_a, org.provincial_admin):
        assert store(attempt, row, [key], user=intruder) is None
    assert attempt.questions.get(pk=row.pk).selected == []


def test_an_older_answer_does_not_replace_a_newer_one(attempt):
    row = attempt.questions.order_by("position").first()
    keys = [choice["key"] for choice in row.snapshot["choices"]]
    assert store(attempt, row, keys[:1], seq=10) is not None
    assert store(attempt, row, keys[1:2], seq=9) is None
    assert store(attempt, row, keys[1:2], seq=10) is None
    assert attempt.questions.get(pk=row.pk).selected == keys[:1]


@pytest.mark.parametrize("closing", ["handed_in", "past_grace"])
def test_a_closed_or_overdue_attempt_takes_no_answer(attempt, closing):
    row = attempt.questions.order_by("position").first()
    key = row.snapshot["choices"][0]["key"]
    now = timezone.now()
    if closing == "handed_in":
        Attempt.objects.filter(pk=attempt.pk).update(status=AttemptStatus.SUBMITTED)
    else:
        now = attempt.deadline + services.GRACE + datetime.timedelta(seconds=1)
    assert store(attempt, row, [key], now=now) is None
    assert attempt.questions.get(pk=row.pk).selected == []


def test_scores_are_written_to_the_named_questions_only(attempt):
    rows = list(attempt.questions.order_by("position"))
    named, others = rows[:2], rows[2:]
    store_scores([row.pk for row in named], score=0.5)
    stored = dict(attempt.questions.values_list("pk", "score"))
    assert [stored[row.pk] for row in named] == [0.5, 0.5]
    assert all(stored[row.pk] is None for row in others)
    store_scores([named[0].pk], score=None)
    assert type(named[0]).objects.get(pk=named[0].pk).score is None


def _scans_of(plan: dict, table: str) -> list[dict]:
    found = [plan] if plan.get("Relation Name") == table else []
    for child in plan.get("Plans", []):
        found += _scans_of(child, table)
    return found


def test_the_autosave_finds_the_attempt_by_its_key_whatever_the_statistics_say(
    attempt, is_postgres
):
    """The planner's statistics on attempts are taken when few are open (between sittings);
    then a sitting opens a thousand. Had the autosave let PostgreSQL choose the index on
    status, each answer would walk every open attempt to find its own."""
    if not is_postgres:
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://…)")
    from django.db import connection

    from exams.answer_writes import store_choice_statement

    finished = []
    for number in range(2, 402):
        old = Attempt.objects.get(pk=attempt.pk)
        old.pk, old.number, old.status = None, number, AttemptStatus.SUBMITTED
        finished.append(old)
    Attempt.objects.bulk_create(finished)
    row = attempt.questions.order_by("position").first()
    sql, params = store_choice_statement(
        connection.alias,
        user_id=attempt.auxiliary.user_id,
        pk=attempt.pk,
        position=row.position,
        chosen=[row.snapshot["choices"][0]["key"]],
        seq=next(SEQ),
        now=timezone.now(),
    )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Attempt._meta.db_table}")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0][0]["Plan"]
    scans = _scans_of(plan, Attempt._meta.db_table)
    assert scans
    for scan in scans:
        assert scan.get("Index Name") == f"{Attempt._meta.db_table}_pkey", scan
    # And the answer is stored as before.
    assert store(attempt, row, [row.snapshot["choices"][0]["key"]]) is not None
