"""Starting, answering, submitting and grading attempts. Every write to an attempt is here."""

from __future__ import annotations

import datetime
import enum
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from exams import selectors
from exams.answer_writes import store_answer, store_choice_answer_for_learner, store_scores
from exams.answers import BLANK_MAX_LENGTH, ESSAY_MAX_LENGTH
from exams.exceptions import AnswerError, AttemptStartError, BlueprintError
from exams.grading import attempt_percent, question_score
from exams.models import Attempt, AttemptQuestion, AttemptStatus, Exam
from exams.papers import (
    draw_paper,
    first_page_keep,
    paper_json,
    paper_questions_insert,
    paper_take,
)
from exams.selectors import GRACE, is_overdue, past_grace
from exams.signals import exam_passed, quiz_passed
from lms.models import Auxiliary
from lms.prepared import PreparedQuery

logger = logging.getLogger(__name__)


class SaveOutcome(enum.Enum):
    SAVED = "saved"
    # The server already holds a newer (or the same) write for this question.
    STALE = "stale"
    # The attempt is finished or its time (plus grace) has run out: nothing was saved.
    CLOSED = "closed"


def attempt_start(*, auxiliary: Auxiliary, exam: Exam, now: datetime.datetime | None = None):
    """Start an attempt, or return the one already open (a double click starts nothing new).

    The paper drawn ahead for the person (exams.papers) is taken when there is one; otherwise
    the paper is drawn now. An open attempt whose time ran out is finalised first, and stays
    finalised when the start is then refused (the retake wait, say).
    """
    return _attempt_start(exam=exam, now=now, auxiliary_id=auxiliary.pk)


def attempt_start_for_learner(*, user, exam: Exam, now: datetime.datetime | None = None):
    """attempt_start for the signed-in learner ``user``, whose own record is found and locked
    in one read; Auxiliary.DoesNotExist when they have none."""
    return _attempt_start(exam=exam, now=now, user_id=user.pk)


def _attempt_start(*, exam: Exam, now: datetime.datetime | None, **person) -> Attempt:
    now = now or timezone.now()
    try:
        attempt, blockers = _attempt_start_locked(exam=exam, now=now, **person)
        if blockers is None:
            # Closed as a hand-in closes it, in its own transaction (the attempt's row, then
            # the person's); then the start again, which finds it closed. (Should a proctor
            # have extended it meanwhile, the second start returns it open.)
            attempt_expire_if_due(attempt=attempt, now=now)
            attempt, blockers = _attempt_start_locked(exam=exam, now=now, **person)
    except IntegrityError:
        # Only reachable where the row lock is not honoured: someone else's start won (the
        # one open attempt per person), and this one rolled back whole.
        attempt = _open_attempt_of(**person)
        if attempt is None:
            raise
        return attempt
    if blockers:
        raise AttemptStartError(blockers)
    return attempt


def _open_attempt_of(*, auxiliary_id=None, user_id=None) -> Attempt | None:
    if user_id is not None:
        return Attempt.objects.filter(auxiliary__user_id=user_id, status=AttemptStatus.OPEN).first()
    return Attempt.objects.filter(auxiliary_id=auxiliary_id, status=AttemptStatus.OPEN).first()


@transaction.atomic
def _attempt_start_locked(
    *, exam: Exam, now: datetime.datetime, auxiliary_id=None, user_id=None
) -> tuple[Attempt | None, list[selectors.StartBlocker] | None]:
    """The learner's Auxiliary row is locked first, so two simultaneous requests run one after
    the other and the second sees the first one's attempt; the partial unique constraint on
    open attempts is the second guard. A refusal is returned, not raised.

    An open attempt whose time ran out is returned with None for blockers, for the caller to
    close and start again. Closing it here would lock the attempt after the person, the
    reverse of the order in which a hand-in or the sweep locks them (attempt_locked): the two
    deadlocked.

    A press of 开始 is the moment a cohort shares, so it is few statements: the lock, the
    attempts, the course completion, the ready paper taken, the attempt and its questions.
    """
    # With the user, whose course completion the start checks.
    locked = selectors.auxiliary_locked_for_start(auxiliary_id=auxiliary_id, user_id=user_id)
    if locked is None:
        raise Auxiliary.DoesNotExist
    current, finished = selectors.attempts_at_start(locked, exam)
    if current is not None:
        return current, (None if is_overdue(current, now) else [])
    blockers = selectors.start_blockers(auxiliary=locked, exam=exam, now=now, finished=finished)
    if blockers:
        return None, blockers
    taken = paper_take(auxiliary_id=locked.pk, exam=exam, now=now)
    if taken is not None:
        seed, paper_text, rendered = taken
    else:
        rendered = None
        try:
            seed, paper = draw_paper(exam)
        except BlueprintError as error:
            return None, [selectors.StartBlocker("bank", str(error))]
        paper_text = paper_json(paper)
    attempt = Attempt.objects.create(
        exam=exam,
        auxiliary=locked,
        user_id=locked.user_id,
        # None is open now: every earlier attempt is among the finished.
        number=len(finished) + 1,
        seed=seed,
        started_at=now,
        deadline=now + exam.time_limit,
    )
    paper_questions_insert(attempt.pk, paper_text)
    if rendered is not None:
        first_page_keep(attempt, rendered)
    return attempt, []


def _validate_selection(snapshot: dict, selected) -> list[str]:
    """The answer as stored: choice keys; for 填空题 the text of each blank, for 配对题 the
    right item's key (or "") for each left item, for 简答题 one text. An answer with nothing
    filled in is stored as [] (unanswered)."""
    if not isinstance(selected, list) or not all(isinstance(key, str) for key in selected):
        raise AnswerError(_("The answer must be a list of choices."))
    qtype = snapshot["qtype"]
    if qtype in ("shortanswer", "matching", "essay"):
        return _validate_typed(snapshot, selected)
    keys = {c["key"] for c in snapshot["choices"]}
    chosen = list(dict.fromkeys(selected))
    if any(key not in keys for key in chosen):
        raise AnswerError(_("Unknown choice."))
    if snapshot["qtype"] != "multiple" and len(chosen) > 1:
        raise AnswerError(_("Choose one answer only."))
    return chosen


def _validate_typed(snapshot: dict, selected: list[str]) -> list[str]:
    qtype = snapshot["qtype"]
    if qtype == "essay":
        if len(selected) > 1:
            raise AnswerError(_("An essay answer is one text."))
        if selected and len(selected[0]) > ESSAY_MAX_LENGTH:
            raise AnswerError(
                _("The answer is longer than %(n)d characters.") % {"n": ESSAY_MAX_LENGTH}
            )
        return selected if selected and selected[0].strip() else []
    if qtype == "shortanswer":
        size = len(snapshot.get("blanks") or [])
        if len(selected) > size:
            raise AnswerError(_("More answers than blanks."))
        if any(len(text) > BLANK_MAX_LENGTH for text in selected):
            raise AnswerError(
                _("A blank takes at most %(n)d characters.") % {"n": BLANK_MAX_LENGTH}
            )
        answer = selected + [""] * (size - len(selected))
    else:
        size = len(snapshot.get("pairs") or [])
        keys = {c["key"] for c in snapshot["choices"]}
        if len(selected) > size:
            raise AnswerError(_("More answers than pairs."))
        if any(key and key not in keys for key in selected):
            raise AnswerError(_("Unknown choice."))
        answer = selected + [""] * (size - len(selected))
    return answer if any(text.strip() for text in answer) else []


@dataclass
class SaveResult:
    outcome: SaveOutcome
    attempt_id: int
    deadline: datetime.datetime
    # The attempt's answered and total question counts after this save (SAVED and STALE).
    answered: int | None = None
    total: int | None = None
    # CLOSED: how and when the attempt ended (handed in by the learner, or time ran out).
    closed_status: str | None = None
    finished_at: datetime.datetime | None = None


def _save_read(attempts: QuerySet[Attempt], pk: int, position: int, *, lock: bool) -> QuerySet:
    """One row: the attempt (with ``lock``, locked: an answer can never land after grading),
    the question at ``position`` and the answer counts. The question and counts are
    sub-queries, so only the attempt row is locked, and the scope's joins stay inside a
    sub-query too."""
    # order_by(): the models' default orderings would join the attempt again in each one.
    at_position = AttemptQuestion.objects.filter(
        attempt_id=OuterRef("pk"), position=position
    ).order_by()

    def count(questions: QuerySet) -> Subquery:
        counted = questions.order_by().values("attempt_id").annotate(n=Count("pk")).values("n")
        return Subquery(counted, output_field=IntegerField())

    questions = AttemptQuestion.objects.filter(attempt_id=OuterRef("pk"))
    rows = Attempt.objects.select_for_update() if lock else Attempt.objects.all()
    return (
        rows.filter(pk=pk, pk__in=attempts.order_by().values("pk"))
        .order_by()
        .annotate(
            question_id=Subquery(at_position.values("pk")),
            snapshot=Subquery(at_position.values("snapshot")),
            current=Subquery(at_position.values("selected")),
            others_answered=count(questions.exclude(position=position).exclude(selected=[])),
            question_count=count(questions),
        )
        .values_list(
            "status",
            "deadline",
            "question_id",
            "snapshot",
            "current",
            "others_answered",
            "question_count",
        )  # fmt: skip
    )


def _learner_save_read(*, lock: bool) -> PreparedQuery:
    return PreparedQuery(
        lambda user_id, pk, position: _save_read(
            selectors.learner_attempts_of(user_id), pk, position, lock=lock
        ),
        "user_id",
        "pk",
        "position",
    )


# Every click in an exam autosaves, so the reads are compiled once per process (lms.prepared).
_LEARNER_SAVE_PEEK = _learner_save_read(lock=False)
_LEARNER_SAVE_READ = _learner_save_read(lock=True)
_SAVE_READ = PreparedQuery(
    lambda pk, position: _save_read(Attempt.objects.all(), pk, position, lock=True),
    "pk",
    "position",
)


def attempt_save_for_learner(
    *,
    user_id: int,
    pk: int,
    position: int,
    selected: list[str],
    seq: int,
    now: datetime.datetime | None = None,
) -> SaveResult:
    """A learner's autosave to their attempt ``pk``; someone else's attempt is
    Attempt.DoesNotExist. See _save.

    Every click autosaves, so the usual case is one statement without a transaction around
    it: a pick among a choice question's choices, which the database checks, stores only if
    the attempt is still open and in time when it runs, and counts
    (answer_writes.store_choice_answer_for_learner). A hand-in or grading holds the attempt
    row for its whole transaction, so the write waits for it and then finds the attempt
    closed: an answer still never lands after grading.

    A typed answer (blanks, pairs, essay) is checked against its question here, so it takes
    two statements: the read, and a write with the same guard. Anything else (not found,
    closed, out of time, no such question, an unknown choice, an older answer, or the
    attempt closed between the statements) is decided by the locked read in one
    transaction, which says why."""
    now = now or timezone.now()
    if isinstance(selected, list) and all(isinstance(key, str) for key in selected):
        chosen = list(dict.fromkeys(selected))
        stored = store_choice_answer_for_learner(
            user_id=user_id, pk=pk, position=position, chosen=chosen, seq=seq, now=now
        )
        if stored is not None:
            return SaveResult(
                SaveOutcome.SAVED,
                pk,
                stored.deadline,
                answered=stored.others_answered + (1 if chosen else 0),
                total=stored.total,
            )
    row = _LEARNER_SAVE_PEEK.first(user_id=user_id, pk=pk, position=position)
    if row is not None:
        status, deadline, question_id, snapshot, _current, others_answered, total = row
        if status == AttemptStatus.OPEN and not past_grace(deadline, now) and question_id:
            chosen = _validate_selection(snapshot, selected)
            if store_answer(question_id, chosen=chosen, seq=seq, now=now, open_attempt=pk):
                return SaveResult(
                    SaveOutcome.SAVED,
                    pk,
                    deadline,
                    answered=(others_answered or 0) + (1 if chosen else 0),
                    total=total or 0,
                )
    with transaction.atomic():
        row = _LEARNER_SAVE_READ.first(user_id=user_id, pk=pk, position=position)
        return _save(row, pk=pk, position=position, selected=selected, seq=seq, now=now)


@transaction.atomic
def attempt_save_answer(
    *,
    attempt: Attempt,
    position: int,
    selected: list[str],
    seq: int,
    now: datetime.datetime | None = None,
) -> SaveResult:
    """Store an answer to an attempt the caller already holds (the hand-in form)."""
    row = _SAVE_READ.first(pk=attempt.pk, position=position)
    return _save(row, pk=attempt.pk, position=position, selected=selected, seq=seq, now=now)


def _save(row, *, pk, position, selected, seq, now) -> SaveResult:
    """Store the learner's answer to one question, inside the caller's transaction with the
    attempt row locked by ``row``'s read.

    Idempotent: the write carries the client's sequence number and only replaces an answer
    with a lower one, so retries and late arrivals of older writes change nothing."""
    if row is None:
        raise Attempt.DoesNotExist
    now = now or timezone.now()
    status, deadline, question_id, snapshot, current, others_answered, total = row
    if status != AttemptStatus.OPEN or past_grace(deadline, now):
        locked = attempt_locked(pk)
        if locked.is_open:
            _finalise(locked, status=AttemptStatus.EXPIRED, now=now)
        return SaveResult(
            SaveOutcome.CLOSED,
            pk,
            deadline,
            closed_status=locked.status,
            finished_at=locked.finished_at,
        )
    if question_id is None:
        raise AnswerError(_("No such question in this attempt."))
    chosen = _validate_selection(snapshot, selected)
    updated = store_answer(question_id, chosen=chosen, seq=seq, now=now)
    final = chosen if updated else current
    return SaveResult(
        SaveOutcome.SAVED if updated else SaveOutcome.STALE,
        pk,
        deadline,
        answered=(others_answered or 0) + (1 if final else 0),
        total=total or 0,
    )


def attempt_locked(pk: int) -> Attempt:
    """The attempt row locked for grading, with its exam and its person (the person's row
    locked too, as every write that may issue a credential locks it). The exam's row is read,
    not locked: every attempt of the exam joins it, and locking it made each hand-in wait for
    the one before it to commit."""
    attempt = selectors.attempt_locked_for_grading(pk)
    if attempt is None:
        raise Attempt.DoesNotExist
    return attempt


def _finalise(
    attempt: Attempt,
    *,
    status: str,
    now: datetime.datetime,
    rows: list[AttemptQuestion] | None = None,
) -> None:
    """Grade a locked open attempt and close it; a pass is announced to the credentials app.
    An attempt with an answered essay waits for its marks (GRADING): no score, no result and
    no credential until exams.essays records the last one and calls attempt_grade. An essay
    left blank scores 0 at once: there is nothing to mark. ``rows``: the attempt's questions
    as the caller read them under the lock, when it did."""
    if rows is None:
        rows = list(attempt.questions.all())
    for row in rows:
        row.score = question_score(
            row.snapshot, row.selected, partial_credit=attempt.exam.partial_credit
        )
        if row.score is None and not row.selected:
            row.score = 0.0
    _store_scores(rows)
    attempt.finished_at = now
    if any(row.score is None for row in rows):
        attempt.status = AttemptStatus.GRADING
        attempt.save(update_fields=["status", "finished_at"])
        return
    attempt.status = status
    attempt_grade(attempt, rows)


def _store_scores(rows: list[AttemptQuestion]) -> None:
    """One UPDATE per distinct score: a paper's scores take few values (full, none, a share),
    and bulk_update's CASE over every row was half the CPU of a hand-in."""
    by_score: dict[float | None, list[int]] = {}
    for row in rows:
        by_score.setdefault(row.score, []).append(row.pk)
    for score, pks in by_score.items():
        store_scores(pks, score=score)


def handed_in_status(attempt: Attempt) -> str:
    """SUBMITTED or EXPIRED for an attempt that waited for grading: it was handed in by the
    learner when it ended before its deadline (plus grace), else the time ran out."""
    if attempt.finished_at and not past_grace(attempt.deadline, attempt.finished_at):
        return AttemptStatus.SUBMITTED
    return AttemptStatus.EXPIRED


def attempt_grade(attempt: Attempt, rows: list[AttemptQuestion]) -> None:
    """Score a locked attempt whose every question has its score, and announce a pass."""
    attempt.score = attempt_percent([row.score for row in rows])
    attempt.passed = attempt.score >= attempt.exam.pass_mark
    if attempt.status == AttemptStatus.GRADING:
        attempt.status = handed_in_status(attempt)
    # finished_at too: a hand-in closes and grades the attempt in this one write.
    attempt.save(update_fields=["score", "passed", "status", "finished_at"])
    if not attempt.passed:
        return
    if attempt.exam.is_course_quiz:
        # A quiz gates no credential: exam_passed (the credential, the exam.passed webhook)
        # is the pre-job exam's alone.
        _quiz_passed(attempt)
    else:
        exam_passed.send(sender=Attempt, attempt=attempt, auxiliary=attempt.auxiliary)


def _quiz_passed(attempt: Attempt) -> None:
    """Tell the apps that wait on the quiz (training: the hours it held back). In a savepoint,
    like the credential on an exam pass: their failure must not undo the graded pass."""
    try:
        with transaction.atomic():
            quiz_passed.send(sender=Attempt, attempt=attempt, auxiliary=attempt.auxiliary)
    except Exception:  # the pass stands; an admin can add the hours by hand
        logger.exception("After the quiz pass of attempt %s", attempt.pk)


@transaction.atomic
def attempt_submit(*, attempt: Attempt, now: datetime.datetime | None = None) -> Attempt:
    """Submit and grade. Idempotent: submitting a finished attempt returns it unchanged."""
    now = now or timezone.now()
    locked = attempt_locked(attempt.pk)
    if locked.is_open:
        _finalise(locked, status=_handed_in_now(locked, now), now=now)
    return locked


def _handed_in_now(attempt: Attempt, now: datetime.datetime) -> str:
    return AttemptStatus.EXPIRED if is_overdue(attempt, now) else AttemptStatus.SUBMITTED


@transaction.atomic
def attempt_hand_in(
    *, attempt: Attempt, answers: dict[int, list[str]], now: datetime.datetime | None = None
) -> tuple[Attempt, list[int]]:
    """Hand in with the answers the form carries, then submit and grade.

    The form's answers count as the newest writes, so a page that could not autosave (no
    script, the network just back) loses nothing. Returns the finished attempt and the
    positions whose answer on the form was refused because it arrived after the deadline plus
    grace and differs from the one that counted: the result page names them.

    The form carries every answer on screen, most of them autosaved already, and a cohort
    hands in together when the time runs out. So the attempt is locked and its questions read
    once, and only the answers that differ from the stored ones are written."""
    now = now or timezone.now()
    locked = attempt_locked(attempt.pk)
    if not locked.is_open or past_grace(locked.deadline, now):
        if locked.is_open:
            _finalise(locked, status=AttemptStatus.EXPIRED, now=now)
        refused = [position for position, selected in answers.items()
                   if any(value.strip() for value in selected)]  # fmt: skip
        return locked, _late_answers(locked, answers, refused)
    rows = list(locked.questions.all())
    seq = int(now.timestamp() * 1000)
    by_position = {row.position: row for row in rows}
    for position, selected in answers.items():
        row = by_position.get(position)
        if row is None:
            continue
        try:
            chosen = _validate_selection(row.snapshot, selected)
        except AnswerError:
            continue
        if chosen != row.selected and row.client_seq < seq:
            store_answer(row.pk, chosen=chosen, seq=seq, now=now)
            row.selected, row.client_seq, row.answered_at = chosen, seq, now
    _finalise(locked, status=_handed_in_now(locked, now), now=now, rows=rows)
    return locked, []


def _late_answers(attempt: Attempt, answers: dict[int, list[str]], refused: list[int]):
    """Of the ``refused`` positions, those whose answer on the form is not the one that
    counted, in order."""
    if not refused:
        return []
    counted = dict(
        attempt.questions.filter(position__in=refused).values_list("position", "selected")
    )
    return [
        position
        for position in sorted(refused)
        if _answer_key(answers[position]) != _answer_key(counted.get(position) or [])
    ]


def _answer_key(selected: list[str]) -> tuple[str, ...]:
    """An answer as compared for "the same": surrounding spaces and trailing empty fields
    do not count."""
    values = [str(value).strip() for value in selected]
    while values and not values[-1]:
        values.pop()
    return tuple(values)


def attempt_expire_if_due(*, attempt: Attempt, now: datetime.datetime | None = None) -> Attempt:
    """Finalise an attempt whose time ran out; anything else is returned as it is, without a
    transaction (every load of the exam page asks)."""
    now = now or timezone.now()
    if not attempt.is_open or not is_overdue(attempt, now):
        return attempt
    return _attempt_expire_locked(attempt, now)


@transaction.atomic
def _attempt_expire_locked(attempt: Attempt, now: datetime.datetime) -> Attempt:
    locked = attempt_locked(attempt.pk)
    if locked.is_open and is_overdue(locked, now):
        _finalise(locked, status=AttemptStatus.EXPIRED, now=now)
    return locked


def attempts_finalise_expired(*, now: datetime.datetime | None = None) -> int:
    """The scheduled sweep: finalise every attempt whose time ran out. Each in its own
    transaction, so one failure does not hold back the rest."""
    now = now or timezone.now()
    due = Attempt.objects.filter(status=AttemptStatus.OPEN, deadline__lt=now - GRACE)
    count = 0
    for attempt in due.select_related("exam", "auxiliary"):
        if not attempt_expire_if_due(attempt=attempt, now=now).is_open:
            count += 1
    return count
