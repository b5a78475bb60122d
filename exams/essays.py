"""Marking essay answers (简答题 / 案例分析题): the grading queue and the marks.

- One grader marks each essay answer (round 1). With the exam's ``double_grading`` a second,
  different grader marks it too (round 2), without seeing the first mark. When the two marks
  differ by more than the exam's ``grading_tolerance`` (out of 100), a third round reconciles
  them: its mark is final. Otherwise the final mark is the mean of the two.
- An attempt waits in "awaiting grading" until every essay answer has its final mark; then it
  is scored like any other, and a pass issues the credential (services.attempt_grade).
- Who grades: staff with the ``grade_exams`` capability, over the people in their scope
  (lms.permissions); someone else's answer is 404.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Abs
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext as _

from exams.exceptions import GradingError
from exams.models import Attempt, AttemptQuestion, AttemptStatus, EssayMark, MarkRound
from exams.services import attempt_grade, attempt_locked
from lms.permissions import scope_queryset


def essay_answers(*, user) -> QuerySet[AttemptQuestion]:
    """Essay answers of attempts awaiting grading, among the people ``user`` may see."""
    attempts = scope_queryset(
        user, Attempt.objects.filter(status=AttemptStatus.GRADING), auxiliary_path="auxiliary__"
    )
    return (
        AttemptQuestion.objects.filter(attempt__in=attempts, snapshot__qtype="essay", score=None)
        .select_related("attempt__exam", "attempt__auxiliary__agency")
        .order_by("attempt__finished_at", "attempt_id", "position")
    )


def next_round(answer: AttemptQuestion, marks: list[EssayMark]) -> int | None:
    """The round the answer needs next, or None when its final mark is known."""
    exam = answer.attempt.exam
    by_round = {m.round: m for m in marks}
    if MarkRound.FIRST not in by_round:
        return MarkRound.FIRST
    if not exam.double_grading:
        return None
    if MarkRound.SECOND not in by_round:
        return MarkRound.SECOND
    first, second = by_round[MarkRound.FIRST].mark, by_round[MarkRound.SECOND].mark
    if abs(first - second) > exam.grading_tolerance and MarkRound.RECONCILED not in by_round:
        return MarkRound.RECONCILED
    return None


def final_mark(answer: AttemptQuestion, marks: list[EssayMark]) -> float | None:
    """The answer's final mark out of 100, or None while a round is missing."""
    if next_round(answer, marks) is not None:
        return None
    by_round = {m.round: m.mark for m in marks}
    if MarkRound.RECONCILED in by_round:
        return float(by_round[MarkRound.RECONCILED])
    if MarkRound.SECOND in by_round:
        return (by_round[MarkRound.FIRST] + by_round[MarkRound.SECOND]) / 2
    return float(by_round[MarkRound.FIRST])


@dataclass
class QueueItem:
    answer: AttemptQuestion
    round: int
    # Round 3: the two marks being reconciled (the reconciler sees them; round 2 does not).
    earlier: list[EssayMark]


def may_mark(user, answer: AttemptQuestion, marks: list[EssayMark]) -> int | None:
    """The round ``user`` may mark now, or None: nobody marks the same answer twice in the
    independent rounds, and the reconciler is a third person."""
    round_ = next_round(answer, marks)
    if round_ is None:
        return None
    if any(m.grader_id == user.pk for m in marks):
        return None
    return round_


def _queue_round(user):
    """next_round and may_mark in SQL, per answer: the round ``user`` may mark now, or NULL.
    Keep the two in step."""
    marks = EssayMark.objects.filter(answer=OuterRef("pk"))

    def has(round_):
        return Exists(marks.filter(round=round_))

    def mark(round_):
        return Subquery(marks.filter(round=round_).values("mark")[:1])

    gap = Abs(mark(MarkRound.FIRST) - mark(MarkRound.SECOND))
    none = Value(None, output_field=IntegerField())
    return Case(
        When(Exists(marks.filter(grader=user.pk)), then=none),
        When(~has(MarkRound.FIRST), then=Value(MarkRound.FIRST)),
        When(attempt__exam__double_grading=False, then=none),
        When(~has(MarkRound.SECOND), then=Value(MarkRound.SECOND)),
        When(has(MarkRound.RECONCILED), then=none),
        When(
            GreaterThan(gap, F("attempt__exam__grading_tolerance")),
            then=Value(MarkRound.RECONCILED),
        ),
        default=none,
        output_field=IntegerField(),
    )


def queue_answers(*, user) -> QuerySet[AttemptQuestion]:
    """The essay answers waiting for ``user``'s mark, oldest hand-in first, each with the
    round as ``queue_round``. Decided in the database: a backlog is counted with one query
    and paged without loading it."""
    answers = essay_answers(user=user).annotate(queue_round=_queue_round(user))
    return answers.filter(queue_round__isnull=False)


def queue_count(*, user) -> int:
    """How many essay answers wait for ``user``'s mark, in one query."""
    answers = essay_answers(user=user).alias(queue_round=_queue_round(user))
    return answers.filter(queue_round__isnull=False).count()


def queue_items(answers: Iterable[AttemptQuestion]) -> list[QueueItem]:
    """Queue items for rows of queue_answers (one page of them: the rows to reconcile are
    bound by their ids)."""
    rows = list(answers)
    reconciling = [a.pk for a in rows if a.queue_round == MarkRound.RECONCILED]
    earlier: dict[int, list[EssayMark]] = {pk: [] for pk in reconciling}
    if reconciling:
        for m in EssayMark.objects.filter(answer_id__in=reconciling).order_by("answer", "round"):
            earlier[m.answer_id].append(m)
    return [QueueItem(a, a.queue_round, earlier.get(a.pk, [])) for a in rows]


def grading_queue(*, user) -> list[QueueItem]:
    """The whole queue, for a short one: pages use queue_answers and queue_items."""
    return queue_items(queue_answers(user=user))


@transaction.atomic
def essay_mark_record(*, user, answer_pk: int, mark: int, comment: str = "") -> EssayMark:
    """Record ``user``'s mark for an essay answer in their scope; when it is the answer's last
    missing mark the answer is scored, and when it was the attempt's last essay the attempt is
    graded (and a pass issues the credential). Raises AttemptQuestion.DoesNotExist outside
    the scope, GradingError when the user may not mark it now."""
    if not 0 <= mark <= 100:
        raise GradingError(_("A mark is between 0 and 100."))
    answer = essay_answers(user=user).get(pk=answer_pk)
    # The attempt row is the lock: two graders finishing one attempt grade it once.
    attempt = attempt_locked(answer.attempt_id)
    answer.attempt = attempt
    marks = list(answer.marks.all())
    round_ = may_mark(user, answer, marks)
    if attempt.status != AttemptStatus.GRADING or round_ is None:
        raise GradingError(_("This answer needs no mark from you now."))
    recorded = EssayMark.objects.create(
        answer=answer, round=round_, grader=user, mark=mark, comment=comment.strip()
    )
    final = final_mark(answer, [*marks, recorded])
    if final is not None:
        answer.score = round(final / 100, 7)
        answer.save(update_fields=["score"])
        rows = list(attempt.questions.all())
        if all(row.score is not None for row in rows):
            attempt_grade(attempt, rows)
    return recorded
