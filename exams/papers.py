"""Papers drawn ahead of the start.

A start that draws reads the bank and builds every question's snapshot while the person waits,
and when a cohort presses 开始 together those draws are the rush. So a paper is drawn before
the start wherever the start is known to come:
- a session's papers when the session is confirmed (exams.sessions.services);
- an on-demand paper when the person's exam card offers 开始 (``paper_prepare``), kept as a
  ReadyPaper until the start takes it (``paper_take``).

A paper is ``[[question id, snapshot], …]`` in paper order, with the seed it was drawn from.
A ready paper is the bank as it was when it was drawn, so any edit of the bank or of an exam
discards every ready paper (the receivers below), and one older than READY_PAPER_MAX_AGE is not
used: the start draws afresh. Editing through ``QuerySet.update()`` sends no signal; the age
bounds what such an edit can miss.
"""

from __future__ import annotations

import datetime
import json
import random
import secrets

from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from exams import selectors
from exams.blueprint import draw_question_ids, paper_snapshots
from exams.exceptions import BlueprintError
from exams.models import (
    AttemptQuestion,
    BlueprintRule,
    Choice,
    Exam,
    Question,
    QuestionCitation,
    ReadyPaper,
)

READY_PAPER_MAX_AGE = datetime.timedelta(hours=1)

Paper = list[list]


def draw_paper(exam: Exam) -> tuple[int, Paper]:
    """A fresh paper of ``exam``: (seed, paper). Raises BlueprintError when the bank cannot
    fill the blueprint."""
    seed = secrets.randbits(48)
    question_ids = draw_question_ids(exam, seed=seed)
    snapshots = paper_snapshots(question_ids, rng=random.Random(seed), shuffle=exam.shuffle_choices)
    return seed, [[pk, snapshot] for pk, snapshot in zip(question_ids, snapshots, strict=True)]


def paper_questions(attempt, paper: Paper) -> list[AttemptQuestion]:
    """The attempt's question rows for ``paper``, numbered from 1 (not yet saved)."""
    return [
        AttemptQuestion(attempt=attempt, position=position, question_id=pk, snapshot=snapshot)
        for position, (pk, snapshot) in enumerate(paper, start=1)
    ]


def paper_prepare(*, auxiliary_id: int, exam: Exam, now: datetime.datetime | None = None) -> None:
    """Draw the person's next paper of ``exam`` now, unless a usable one is ready. Called where
    the page offers 开始; a bank that cannot fill the blueprint draws nothing here (the start
    then says why)."""
    now = now or timezone.now()
    ready = ReadyPaper.objects.filter(
        auxiliary_id=auxiliary_id, exam=exam, drawn_at__gt=now - READY_PAPER_MAX_AGE
    )
    if ready.exists():
        return
    try:
        seed, paper = draw_paper(exam)
    except BlueprintError:
        return
    try:
        with transaction.atomic():
            ReadyPaper.objects.update_or_create(
                auxiliary_id=auxiliary_id,
                exam=exam,
                defaults={"seed": seed, "paper": paper, "drawn_at": now},
            )
    except IntegrityError:
        # Two pages of the same person drew at once: the other one's paper is ready.
        pass


def exam_status_with_paper(*, user) -> dict:
    """The learner's exam card (selectors.exam_status), with their paper drawn ahead when the
    card offers 开始: pressing it then only opens the paper."""
    status = selectors.exam_status(user=user)
    if selectors.offers_start(status):
        paper_prepare(auxiliary_id=status["auxiliary"].pk, exam=status["exam"])
    return status


def paper_take(
    *, auxiliary_id: int, exam: Exam, now: datetime.datetime
) -> tuple[int, Paper] | None:
    """Remove the person's ready paper of ``exam`` and return it (seed, paper), or None when
    there is none or it is too old. One statement; the caller holds the person's row lock."""
    table = connection.ops.quote_name(ReadyPaper._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE auxiliary_id = %s AND exam_id = %s "
            "RETURNING seed, paper, drawn_at",
            [auxiliary_id, exam.pk],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    seed, paper, drawn_at = row
    if isinstance(drawn_at, str):  # SQLite answers RETURNING with the stored text
        drawn_at = datetime.datetime.fromisoformat(drawn_at)
    if timezone.is_naive(drawn_at):
        drawn_at = timezone.make_aware(drawn_at, datetime.UTC)
    if drawn_at <= now - READY_PAPER_MAX_AGE:
        return None
    return seed, json.loads(paper) if isinstance(paper, str | bytes) else paper


def _discard_ready_papers(sender, instance, **kwargs) -> None:
    """A ready paper holds the bank and its exam's blueprint as they were drawn: after an edit
    it could hold a wrong key. The bank is shared, so a question's edit discards them all; an
    exam's edit (its rules included) only that exam's."""
    ready = ReadyPaper.objects.all()
    if sender is Exam:
        ready = ready.filter(exam_id=instance.pk)
    elif sender is BlueprintRule:
        ready = ready.filter(exam_id=instance.exam_id)
    ready.delete()


def connect_receivers() -> None:
    """Discard ready papers on any edit of the bank or of an exam (ExamsConfig.ready)."""
    for model in (Question, Choice, QuestionCitation, BlueprintRule, Exam):
        name = model.__name__
        post_save.connect(_discard_ready_papers, sender=model, dispatch_uid=f"ready-{name}-save")
        post_delete.connect(
            _discard_ready_papers, sender=model, dispatch_uid=f"ready-{name}-delete"
        )
