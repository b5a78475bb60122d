"""The statements that store a learner's answer, written once per database from the models'
metadata and the scoping helper's querysets.

Every click in an exam writes one of these, and the ORM spends more CPU building an UPDATE
than the database spends running it, so the text is built once per database and only the
values change. The fields still adapt their own values (JSON, times) for the database.

- ``store_answer`` writes an answer already validated against its question, by the
  question's row id: inside the attempt's lock (the hand-in), or guarded by the attempt's
  state (the autosave of a typed answer, after its read).
- ``store_choice_answer_for_learner`` is the usual autosave in one statement: a pick among
  the choices of a single, multiple or true/false question, checked, guarded and stored by
  the database, which also returns the counts and deadline the page shows. Anything it does
  not store (another question type, an unknown choice, an older answer, a closed attempt,
  someone else's attempt) is left to the caller's read, which says why.
- ``store_scores`` writes the grading's score to a set of the attempt's questions, inside
  the attempt's lock: a cohort hands in together when its time runs out.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from django.db import connections, router
from django.db.models import Count

from exams import selectors
from exams.models import Attempt, AttemptQuestion, AttemptStatus
from exams.models.questions import QuestionType
from exams.selectors import GRACE
from lms.prepared import PreparedQuery


def store_answer(
    question_id: int, *, chosen: list[str], seq: int, now, open_attempt: int | None = None
) -> bool:
    """AttemptQuestion.objects.filter(pk=question_id, client_seq__lt=seq).update(selected=
    chosen, client_seq=seq, answered_at=now), as one statement.

    With ``open_attempt`` (the attempt's pk, for a write outside the attempt's lock) the
    statement also requires that attempt to be open with its deadline plus grace not passed
    (see _attempt_guard)."""
    alias = router.db_for_write(AttemptQuestion)
    connection = connections[alias]
    params = [*_set_params(chosen, seq, now, connection), question_id, seq]
    guarded = open_attempt is not None
    if guarded:
        params = [open_attempt, *params, *_attempt_state_params(now, connection)]
    with connection.cursor() as cursor:
        cursor.execute(_store_answer_sql(alias, guarded=guarded), params)
        return cursor.rowcount == 1


def store_scores(question_ids: list[int], *, score: float | None) -> None:
    """AttemptQuestion.objects.filter(pk__in=question_ids).update(score=score), as one
    statement whose text is built without the ORM's compiler (about 1 ms of CPU each)."""
    if not question_ids:
        return
    alias = router.db_for_write(AttemptQuestion)
    connection = connections[alias]
    table, column = _columns(connection)
    ids = ", ".join(["%s"] * len(question_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {column['score']} = %s WHERE {column['id']} IN ({ids})",
            [score, *question_ids],
        )


@dataclass(frozen=True)
class StoredChoice:
    """What the page shows after a stored pick: the attempt's other answered questions, its
    question count and its deadline."""

    others_answered: int
    total: int
    deadline: datetime.datetime


def store_choice_answer_for_learner(
    *, user_id: int, pk: int, position: int, chosen: list[str], seq: int, now
) -> StoredChoice | None:
    """Store ``chosen`` (choice keys, without repeats) as the answer at ``position`` of attempt
    ``pk`` in one statement, if all of this holds when it runs, else store nothing and return
    None:

    - the attempt is the learner's (``user_id``), through the scoping helper's queryset;
    - it is open and its deadline plus grace has not passed (_attempt_guard: the attempt's
      row is found by its key; on PostgreSQL the check holds it FOR SHARE, so it waits for a
      hand-in, grading or a proctor's change and then sees the row as that left it; an answer
      never lands after grading);
    - the question is a single, multiple or true/false question, every key is one of its
      choices, and only a multiple-choice question takes more than one (what
      services._validate_selection checks);
    - the stored answer is older (its sequence number lower)."""
    alias = router.db_for_write(AttemptQuestion)
    connection = connections[alias]
    sql, params = store_choice_statement(
        alias, user_id=user_id, pk=pk, position=position, chosen=chosen, seq=seq, now=now
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    others, total, deadline = row
    # A sub-query's column has no declared type, so SQLite returns the stored text (or a
    # naive time); its backend's own converter makes it the aware time the ORM would return.
    convert = getattr(connection.ops, "convert_datetimefield_value", None)
    if convert is not None:
        deadline = convert(deadline, None, connection)
    return StoredChoice(others_answered=others or 0, total=total or 0, deadline=deadline)


def store_choice_statement(
    alias: str, *, user_id: int, pk: int, position: int, chosen: list[str], seq: int, now
) -> tuple[str, list]:
    """The text and values of store_choice_answer_for_learner's statement (its tests ask the
    database how it plans it)."""
    connection = connections[alias]
    fields = AttemptQuestion._meta
    owned_sql, owned_params = _LEARNER_ATTEMPT_ID.sql(using=alias, user_id=user_id, pk=pk)
    others_sql, others_params = _OTHERS_ANSWERED.sql(using=alias, pk=pk, position=position)
    total_sql, total_params = _QUESTION_COUNT.sql(using=alias, pk=pk)
    deadline_sql, deadline_params = _DEADLINE.sql(using=alias, pk=pk)
    if connection.vendor == "postgresql":
        # jsonb containment: every {"key": …} is in the question's choices.
        wanted = [{"key": key} for key in chosen]
    else:
        wanted = chosen
    params = [
        pk,
        *owned_params,
        *_set_params(chosen, seq, now, connection),
        pk,
        position,
        seq,
        *_CHOICE_TYPES,
        QuestionType.MULTIPLE.value,
        len(chosen),
        fields.get_field("selected").get_db_prep_save(wanted, connection),
        *_attempt_state_params(now, connection),
        *others_params,
        *total_params,
        *deadline_params,
    ]
    sql = _store_choice_sql(alias) % {
        "owned": owned_sql,
        "others": others_sql,
        "total": total_sql,
        "deadline": deadline_sql,
    }
    return sql, params


_CHOICE_TYPES = sorted(str(qtype) for qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE,
                       QuestionType.TRUEFALSE))  # fmt: skip

# The sub-queries of the one-statement autosave, each one queryset compiled once.
_LEARNER_ATTEMPT_ID = PreparedQuery(
    lambda user_id, pk: (
        selectors.learner_attempts_of(user_id).filter(pk=pk).order_by().values("pk")
    ),
    "user_id",
    "pk",
)


def _counted(questions) -> object:
    return questions.order_by().values("attempt_id").annotate(n=Count("pk")).values("n")


_OTHERS_ANSWERED = PreparedQuery(
    lambda pk, position: _counted(
        AttemptQuestion.objects.filter(attempt_id=pk)
        .exclude(position=position)
        .exclude(selected=[])
    ),
    "pk",
    "position",
)
_QUESTION_COUNT = PreparedQuery(
    lambda pk: _counted(AttemptQuestion.objects.filter(attempt_id=pk)), "pk"
)
_DEADLINE = PreparedQuery(
    lambda pk: Attempt.objects.filter(pk=pk).order_by().values("deadline"), "pk"
)


def _set_params(chosen: list[str], seq: int, now, connection) -> list:
    """The values of SET selected, client_seq, answered_at, as the fields adapt them."""
    meta = AttemptQuestion._meta
    return [
        meta.get_field("selected").get_db_prep_save(chosen, connection),
        seq,
        meta.get_field("answered_at").get_db_prep_save(now, connection),
    ]


def _attempt_state_params(now, connection) -> list:
    in_time_after = Attempt._meta.get_field("deadline").get_db_prep_save(now - GRACE, connection)
    return [AttemptStatus.OPEN.value, in_time_after]


def _attempt_guard(connection, *, owned: str = "") -> tuple[str, str]:
    """The attempt is open and in time: a WITH clause that reads the attempt's row by its key
    (and, with ``owned``, a query of the attempt's key, only if it is in it), and the
    condition that checks the row's state.

    The row is looked up by its key alone, and its state checked outside that lookup: the
    WITH query is MATERIALIZED so that the planner cannot move the state's test into it.
    Given ``status = 'open'`` beside ``id = …``, PostgreSQL may prefer the index on status
    (its statistics, taken when few attempts were open, promise one row) and then walk every
    open attempt to find this one: at a sitting's start that is every candidate's, on every
    autosave.

    On PostgreSQL the lookup holds the row FOR SHARE: it waits for a transaction that holds
    the row FOR UPDATE (a hand-in, grading, a proctor's change) and then reads the row as that
    transaction left it. SQLite runs one writer at a time, so its statement sees the committed
    row."""
    quote = connection.ops.quote_name
    attempts = Attempt._meta
    column = {name: quote(attempts.get_field(name).column) for name in ("id", "status",
              "deadline")}  # fmt: skip
    share = " FOR SHARE" if connection.vendor == "postgresql" else ""
    mine = f" AND {column['id']} IN ({owned})" if owned else ""
    lookup = (
        f"WITH {_GUARDED} AS MATERIALIZED (SELECT {column['status']}, {column['deadline']} "
        f"FROM {quote(attempts.db_table)} WHERE {column['id']} = %s{mine}{share}) "
    )
    state = (
        f"EXISTS (SELECT 1 FROM {_GUARDED} WHERE {column['status']} = %s "
        f"AND {column['deadline']} >= %s)"
    )
    return lookup, state


_GUARDED = "guarded_attempt"


def _columns(connection) -> tuple[str, dict[str, str]]:
    quote = connection.ops.quote_name
    meta = AttemptQuestion._meta
    names = (
        "selected", "client_seq", "answered_at", "id", "attempt", "position", "snapshot", "score",
    )  # fmt: skip
    return quote(meta.db_table), {name: quote(meta.get_field(name).column) for name in names}


@functools.cache
def _store_answer_sql(alias: str, *, guarded: bool = False) -> str:
    """The statement's text, written once per database (it depends only on the backend)."""
    connection = connections[alias]
    table, column = _columns(connection)
    sql = (
        f"UPDATE {table} SET {column['selected']} = %s, "
        f"{column['client_seq']} = %s, {column['answered_at']} = %s "
        f"WHERE {column['id']} = %s AND {column['client_seq']} < %s"
    )
    if guarded:
        lookup, state = _attempt_guard(connection)
        sql = f"{lookup}{sql} AND {state}"
    return sql


@functools.cache
def _store_choice_sql(alias: str) -> str:
    """The one-statement autosave's text, with %(…)s slots for the compiled sub-queries (whose
    text is fixed per thread and database too). Literal percent signs are doubled."""
    connection = connections[alias]
    table, column = _columns(connection)
    snapshot = column["snapshot"]
    if connection.vendor == "postgresql":
        qtype = f"({snapshot} ->> 'qtype')"
        keys_known = f"({snapshot} -> 'choices') @> %%s"
    else:
        qtype = f"json_extract({snapshot}, '$.qtype')"
        keys_known = (
            "NOT EXISTS (SELECT 1 FROM json_each(%%s) AS wanted WHERE wanted.value NOT IN "
            f"(SELECT json_extract(choice.value, '$.key') FROM json_each({snapshot}, "
            "'$.choices') AS choice))"
        )
    lookup, state = _attempt_guard(connection, owned="%(owned)s")
    types = ", ".join(["%%s"] * len(_CHOICE_TYPES))
    return (
        f"{lookup.replace('%s', '%%s')}"
        f"UPDATE {table} SET {column['selected']} = %%s, "
        f"{column['client_seq']} = %%s, {column['answered_at']} = %%s "
        f"WHERE {column['attempt']} = %%s AND {column['position']} = %%s "
        f"AND {column['client_seq']} < %%s "
        f"AND {qtype} IN ({types}) AND ({qtype} = %%s OR %%s <= 1) AND {keys_known} "
        f"AND {state.replace('%s', '%%s')} "
        "RETURNING (%(others)s), (%(total)s), (%(deadline)s)"
    )
