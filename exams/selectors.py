"""Reads of exams and attempts. Attempts are people's data: staff lists go through
``lms.permissions.scope_queryset``; a learner reaches only their own attempts."""

from __future__ import annotations

import datetime
from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from exams import courses_api
from exams.models import Attempt, AttemptQuestion, AttemptStatus, Exam, ExamPurpose, Question
from lms.measures import citation_label
from lms.models import (
    MAY_SIT_EXAM_STATUSES,
    ON_DUTY_STATUSES,
    ON_ROLL_STATUSES,
    Auxiliary,
    AuxiliaryStatus,
    Role,
)
from lms.permissions import Scope, can_learn, scope_for, scope_queryset
from lms.prepared import PreparedQuery
from lms.services import auxiliary_eligibility

# Answers that were on their way when the clock ran out still count for this long.
GRACE = datetime.timedelta(seconds=10)


@dataclass
class StartBlocker:
    code: str
    message: str
    retake_at: datetime.datetime | None = None


def pre_job_exams() -> QuerySet[Exam]:
    """The exams that gate the credential (Art. 20). A course quiz is never one of them:
    every reader of "the exam" (the home panel, the issuance gate, sessions, reports, the API)
    starts here."""
    return Exam.objects.filter(purpose=ExamPurpose.PRE_JOB)


def exam_for_course(course) -> Exam | None:
    """The pre-job exam of ``course``."""
    if course is None:
        return None
    return _with_course(pre_job_exams().filter(course=course, active=True), course)


# Every press of 开始 and every exam card reads it: compiled once per process (lms.prepared).
_CREDENTIAL_EXAM = PreparedQuery(
    lambda: (
        pre_job_exams()
        .filter(course=Subquery(courses_api.required_courses().values("pk")[:1]), active=True)
        .order_by("pk")
    )
)


# The learner's own record, read by every exam card and every press of 开始 (compiled once).
_OWN_AUXILIARY = PreparedQuery(
    lambda user_id: Auxiliary.objects.filter(user_id=user_id).order_by("pk"), "user_id"
)


def own_auxiliary(user) -> Auxiliary | None:
    """The signed-in person's own auxiliary record, or None (staff, or signed out)."""
    if not user.is_authenticated:
        return None
    return _OWN_AUXILIARY.first(user_id=user.pk)


def credential_exam() -> Exam | None:
    """The exam of the course required for the credential, in one query: every press of 开始
    reads it, and only the pages that show the course read the course."""
    return _CREDENTIAL_EXAM.first()


def course_quiz(course) -> Exam | None:
    """The active quiz of an in-service course, if it has one."""
    if course is None:
        return None
    quizzes = Exam.objects.filter(course=course, purpose=ExamPurpose.COURSE_QUIZ, active=True)
    return _with_course(quizzes, course)


def _with_course(exams: QuerySet[Exam], course) -> Exam | None:
    """The first of ``exams``, holding the course it was found by: the pages that show the exam
    show its course, and would otherwise read the page again."""
    exam = exams.order_by("pk").first()
    if exam is not None:
        exam.course = course
    return exam


def quiz_passed_attempt(*, user, course) -> Attempt | None:
    """The learner's first passed attempt at any quiz of ``course`` (one replaced by a new
    quiz still counts: the hours it released stay released)."""
    if user is None or not user.is_authenticated:
        return None
    return (
        Attempt.objects.filter(
            auxiliary__user=user,
            exam__course=course,
            exam__purpose=ExamPurpose.COURSE_QUIZ,
            passed=True,
        )
        .order_by("finished_at", "pk")
        .first()
    )


def quiz_hours_hold(user, course) -> str | None:
    """Why the course's hours wait (the ``course_hours_holds`` hook): its quiz says hours
    count only after a pass, and the learner has not passed it."""
    quiz = course_quiz(course)
    if quiz is None or not quiz.hours_need_pass:
        return None
    if quiz_passed_attempt(user=user, course=course) is not None:
        return None
    return _("The hours count once you pass the course quiz.")


def finished_attempts(*, auxiliary: Auxiliary, exam: Exam) -> QuerySet[Attempt]:
    return Attempt.objects.filter(auxiliary=auxiliary, exam=exam).exclude(status=AttemptStatus.OPEN)


def finished_newest_first(auxiliary: Auxiliary, exam: Exam) -> list[Attempt]:
    return list(finished_attempts(auxiliary=auxiliary, exam=exam).order_by("-finished_at"))


# A press of 开始 locks the person's record first (exams.services), found by the record or,
# for the signed-in learner, by their login; then reads their attempts. Every candidate of a
# cohort presses it together: compiled once per process.
_LOCKED_AUXILIARY = PreparedQuery(
    lambda pk: (
        Auxiliary.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(pk=pk)
        .order_by()
    ),
    "pk",
)
_LOCKED_OWN_AUXILIARY = PreparedQuery(
    lambda user_id: (
        Auxiliary.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(user_id=user_id)
        .order_by("pk")
    ),
    "user_id",
)
_START_ATTEMPTS = PreparedQuery(
    lambda auxiliary_id, exam_id: (
        Attempt.objects.filter(auxiliary_id=auxiliary_id)
        .filter(Q(status=AttemptStatus.OPEN) | Q(exam_id=exam_id))
        .order_by("-finished_at", "-pk")
    ),
    "auxiliary_id",
    "exam_id",
)


# Every hand-in, expiry and essay mark locks the attempt and its person (services.
# attempt_locked), and a cohort hands in together when its time runs out: compiled once.
_LOCKED_ATTEMPT = PreparedQuery(
    lambda pk: (
        Attempt.objects.select_for_update(of=("self", "auxiliary"))
        .select_related("exam", "auxiliary")
        .filter(pk=pk)
        .order_by()
    ),
    "pk",
)


def attempt_locked_for_grading(pk: int) -> Attempt | None:
    """The attempt with its exam and its person, the attempt's and the person's rows locked
    until the caller's transaction ends (None when there is none). Call it inside a
    transaction."""
    return _LOCKED_ATTEMPT.first(pk=pk)


def auxiliary_locked_for_start(*, auxiliary_id: int | None = None, user_id: int | None = None):
    """The person's record with its login, locked until the caller's transaction ends: by
    record, or the signed-in learner's own by their login (None when they have none). Call it
    inside a transaction."""
    if user_id is not None:
        return _LOCKED_OWN_AUXILIARY.first(user_id=user_id)
    return _LOCKED_AUXILIARY.first(pk=auxiliary_id)


def attempts_at_start(auxiliary: Auxiliary, exam: Exam) -> tuple[Attempt | None, list[Attempt]]:
    """What a start needs to know of the person's attempts, in one read: their open attempt
    (at any exam: a person sits one at a time) and their finished attempts at ``exam``,
    newest first (finished_newest_first)."""
    open_attempt, finished = None, []
    for attempt in _START_ATTEMPTS.all(auxiliary_id=auxiliary.pk, exam_id=exam.pk):
        if attempt.status == AttemptStatus.OPEN:
            open_attempt = attempt
        elif attempt.exam_id == exam.pk:
            finished.append(attempt)
    return open_attempt, finished


def start_blockers(
    *,
    auxiliary: Auxiliary,
    exam: Exam,
    now: datetime.datetime | None = None,
    finished: list[Attempt] | None = None,
) -> list[StartBlocker]:
    """Why the person may not start ``exam`` now; empty when they may.

    A course quiz is training, not the Art. 20 exam: anyone on the roll may sit it once the
    lessons are read, eligibility is not its business, and a pass does not close it (a learner
    may practise again within the attempts). Each exam's attempts are its own: a quiz's never
    count against the pre-job exam's. ``finished`` is the person's finished_attempts() of the
    exam, newest first, when the caller has read them already."""
    now = now or timezone.now()
    quiz = exam.is_course_quiz
    blockers: list[StartBlocker] = []
    if auxiliary.status not in (ON_ROLL_STATUSES if quiz else MAY_SIT_EXAM_STATUSES):
        blockers.append(
            StartBlocker(
                "status",
                _("Your record is %(status)s.")
                % {"status": AuxiliaryStatus(auxiliary.status).label},
            )
        )
    if not quiz:
        for reason in auxiliary_eligibility(auxiliary):
            blockers.append(StartBlocker("ineligible", str(reason)))
    if not exam.active:
        message = _("This quiz is not open.") if quiz else _("This exam is not open.")
        blockers.append(StartBlocker("inactive", message))
    if auxiliary.user_id is None or not courses_api.course_completed_at(
        user=auxiliary.user, course=exam.course_id
    ):
        message = (
            _("Finish every lesson of the course to unlock the quiz.")
            if quiz
            else _("Finish every lesson of the course to unlock the exam.")
        )
        blockers.append(StartBlocker("course", message))
    done = finished if finished is not None else finished_newest_first(auxiliary, exam)
    if not quiz and any(a.passed for a in done):
        blockers.append(StartBlocker("passed", _("You have already passed this exam.")))
    elif any(a.awaiting_grading for a in done):
        message = (
            _("Your last attempt is being graded; wait for its result.")
            if quiz
            else _("Your last attempt is being graded; its result decides whether you sit again.")
        )
        blockers.append(StartBlocker("grading", message))
    elif len(done) >= exam.max_attempts:
        message = (
            _("You have used all %(n)d attempts at this quiz.")
            if quiz
            else _("You have used all %(n)d attempts. Ask your agency about retraining.")
        )
        blockers.append(StartBlocker("no_attempts", message % {"n": exam.max_attempts}))
    elif done and done[0].finished_at + exam.retake_wait > now:
        retake_at = done[0].finished_at + exam.retake_wait
        blockers.append(
            StartBlocker(
                "wait",
                _("You may try again from %(when)s.")
                % {"when": timezone.localtime(retake_at).strftime("%Y-%m-%d %H:%M")},
                retake_at=retake_at,
            )
        )
    return blockers


def quiz_status(*, user, course) -> dict | None:
    """The learner's position on a course's quiz, for the course page and the quiz result:
    None when the course has no active quiz. ``state`` is one of locked / available /
    in_progress / grading / passed / failed; a passed quiz may still be practised again while
    ``may_start``."""
    quiz = course_quiz(course)
    if quiz is None:
        return None
    auxiliary = own_auxiliary(user)
    status: dict = {
        "exam": quiz,
        "course": course,
        "state": "locked",
        "attempt": None,
        "passed_attempt": None,
        "attempts_used": 0,
        "attempts_left": quiz.max_attempts,
        "blockers": [],
        "may_start": False,
        "retake_at": None,
    }
    if auxiliary is None:
        return status
    now = timezone.now()
    attempts = list(Attempt.objects.filter(auxiliary=auxiliary, exam=quiz).order_by("-pk"))
    finished = [a for a in attempts if not a.is_open]
    status["attempts_used"] = len(finished)
    status["attempts_left"] = max(0, quiz.max_attempts - len(finished))
    status["passed_attempt"] = quiz_passed_attempt(user=user, course=course)
    open_attempt = next((a for a in attempts if a.is_open and not is_overdue(a, now)), None)
    if open_attempt is not None:
        status.update(state="in_progress", attempt=open_attempt)
        return status
    blockers = start_blockers(auxiliary=auxiliary, exam=quiz, now=now)
    status["blockers"] = blockers
    status["may_start"] = not blockers
    status["retake_at"] = next((b.retake_at for b in blockers if b.retake_at), None)
    last = finished[0] if finished else None
    status["attempt"] = last
    if any(a.awaiting_grading for a in finished):
        status["state"] = "grading"
    elif status["passed_attempt"] is not None:
        status["state"] = "passed"
    elif last is not None:
        status["state"] = "failed"
    elif not blockers:
        status["state"] = "available"
    return status


def quizzes_waiting(*, user) -> list[dict]:
    """Quiz statuses the learner can act on now: the course's lessons are read, the quiz holds
    back its hours, it is not passed, and it may be started or continued."""
    if not user.is_authenticated:
        return []
    quizzes = list(
        Exam.objects.filter(purpose=ExamPurpose.COURSE_QUIZ, active=True, hours_need_pass=True)
        .select_related("course")
        .order_by("pk")
    )
    if not quizzes:
        return []
    # Three queries for any number of quizzes; only a read course with its quiz not yet passed
    # (a handful at a time) costs a status of its own.
    course_ids = [quiz.course_id for quiz in quizzes]
    read = courses_api.completed_course_ids(user=user, course_ids=course_ids)
    passed = set(
        Attempt.objects.filter(
            auxiliary__user=user,
            exam__course_id__in=read,
            exam__purpose=ExamPurpose.COURSE_QUIZ,
            passed=True,
        ).values_list("exam__course_id", flat=True)
    )
    waiting = []
    for quiz in quizzes:
        if quiz.course_id not in read or quiz.course_id in passed:
            continue
        status = quiz_status(user=user, course=quiz.course)
        if status and status["passed_attempt"] is None:
            if status["may_start"] or status["state"] == "in_progress":
                waiting.append(status)
    return waiting


def exam_passed_attempt(*, auxiliary: Auxiliary) -> Attempt | None:
    """The latest passed attempt at the credential exam."""
    exam = credential_exam()
    if exam is None:
        return None
    return (
        Attempt.objects.filter(auxiliary=auxiliary, exam=exam, passed=True)
        .order_by("-finished_at")
        .first()
    )


def exam_status(*, user) -> dict:
    """The learner's position on the credential exam, for the dashboard:
    ``state`` is one of unavailable / locked / available / in_progress / grading / passed /
    failed / on_duty (credentialed with no attempt here)."""
    auxiliary = own_auxiliary(user)
    exam = credential_exam()
    status: dict = {
        "state": "unavailable",
        "exam": exam,
        "attempt": None,
        "retake_at": None,
        "auxiliary": auxiliary,
    }
    if auxiliary is None or exam is None:
        return status
    now = timezone.now()
    attempts = list(Attempt.objects.filter(auxiliary=auxiliary, exam=exam).order_by("-pk"))
    status["attempts_used"] = sum(1 for a in attempts if a.status != AttemptStatus.OPEN)
    status["attempts_left"] = max(0, exam.max_attempts - status["attempts_used"])
    open_attempt = next((a for a in attempts if a.is_open), None)
    if open_attempt is not None:
        if not is_overdue(open_attempt, now):
            status.update(state="in_progress", attempt=open_attempt)
            status["remaining_seconds"] = remaining_seconds(open_attempt, now)
            return status
    passed = next((a for a in attempts if a.passed), None)
    if passed is not None:
        status.update(state="passed", attempt=passed)
        return status
    grading = next((a for a in attempts if a.awaiting_grading), None)
    if grading is not None:
        status.update(state="grading", attempt=grading)
        return status
    if auxiliary.status in ON_DUTY_STATUSES and not attempts:
        # Credentialed without an exam here (before the platform, or by the agency's own
        # exam): the pre-job exam is behind them, not something waiting on them.
        status["state"] = "on_duty"
        return status
    blockers = start_blockers(auxiliary=auxiliary, exam=exam, now=now)
    status["blockers"] = blockers
    last = next((a for a in attempts if not a.is_open), None) or open_attempt
    status["attempt"] = last
    if not blockers:
        status["state"] = "failed" if last else "available"
        return status
    codes = {b.code for b in blockers}
    if last is not None and codes & {"wait", "no_attempts"}:
        status["state"] = "failed"
        status["retake_at"] = next((b.retake_at for b in blockers if b.retake_at), None)
    else:
        status["state"] = "locked"
    return status


def offers_start(status: dict) -> bool:
    """The exam card (exam_status) shows 开始: a first attempt or another one, with nothing in
    the way."""
    return status["state"] in ("available", "failed") and not status.get("blockers")


def is_overdue(attempt: Attempt, now: datetime.datetime) -> bool:
    return past_grace(attempt.deadline, now)


def past_grace(deadline: datetime.datetime, now: datetime.datetime) -> bool:
    """The time (plus the grace for answers on their way) ran out."""
    return now > deadline + GRACE


def remaining_seconds(attempt: Attempt, now: datetime.datetime | None = None) -> int:
    return remaining_seconds_until(attempt.deadline, now)


def remaining_seconds_until(deadline: datetime.datetime, now: datetime.datetime | None = None):
    now = now or timezone.now()
    return max(0, int((deadline - now).total_seconds()))


def learner_user_id(user) -> int | None:
    """The user's id if they are a learner (the one role that sits exams), else None."""
    return scope_for(user).user_id if can_learn(user) else None


def learner_attempts(*, user) -> QuerySet[Attempt]:
    """A learner's own attempts; nobody else's, staff included (they use staff pages)."""
    user_id = learner_user_id(user)
    return Attempt.objects.none() if user_id is None else learner_attempts_of(user_id)


def learner_attempts_of(user_id: int) -> QuerySet[Attempt]:
    """The attempts of the learner whose login is ``user_id``, through the scoping helper.
    Built from the id alone so that the autosave can compile it once (lms.prepared)."""
    scope = Scope(Role.LEARNER, None, user_id)
    qs = scope_queryset(scope, Attempt.objects.all(), auxiliary_path="auxiliary__")
    return qs.filter(auxiliary__user_id=user_id)


# The exam page and the hand-in read it for every candidate of a sitting (compiled once).
# Whether any answer has been saved comes with it (every save numbers itself from 1): the
# page shows the paper rendered when it was drawn only while none has.
_saved_answers = AttemptQuestion.objects.filter(attempt=OuterRef("pk"), client_seq__gt=0)
_LEARNER_ATTEMPT = PreparedQuery(
    lambda user_id, pk: (
        learner_attempts_of(user_id)
        .select_related("exam", "auxiliary")
        .filter(pk=pk)
        .annotate(has_saved_answers=Exists(_saved_answers))
        .order_by()
    ),
    "user_id",
    "pk",
)
# Attempt ids are bigints: a larger number in a URL is no attempt, not a database error.
MAX_ID = 2**63 - 1


def learner_attempt_or_404(*, user, pk: int) -> Attempt:
    """The learner's own attempt ``pk`` with its exam and person, and ``has_saved_answers``;
    anyone else's, a staff user's or a signed-out visitor's request is 404."""
    user_id = learner_user_id(user)
    attempt = None
    if user_id is not None and 0 < pk <= MAX_ID:
        attempt = _LEARNER_ATTEMPT.first(user_id=user_id, pk=pk)
    if attempt is None:
        raise Http404
    return attempt


def staff_attempts(*, user) -> QuerySet[Attempt]:
    qs = Attempt.objects.select_related("exam", "auxiliary__agency")
    return scope_queryset(user, qs, auxiliary_path="auxiliary__")


@dataclass
class BreakdownRow:
    article: int
    label: str
    correct: float = 0.0
    total: int = 0
    items: list = field(default_factory=list)
    lessons: list = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0

    @property
    def weak(self) -> bool:
        return self.total > 0 and self.correct < self.total


def attempt_breakdown(attempt: Attempt) -> list[BreakdownRow]:
    """Per article (of each question's first citation): points scored of questions asked,
    with the lessons to reread for the items the learner got wrong."""
    rows: OrderedDict[int, BreakdownRow] = OrderedDict()

    def order(row) -> tuple[int, int]:
        article, item = row.primary_citation or (0, 0)
        return article, item or 0

    for row in sorted(attempt.questions.all(), key=order):
        citation = row.primary_citation
        article, item = citation if citation else (0, None)
        entry = rows.setdefault(
            article,
            BreakdownRow(article=article, label=citation_label(article) if article else "—"),
        )
        entry.total += 1
        entry.correct += row.score or 0
        if (row.score or 0) < 1 and article and (article, item) not in entry.items:
            entry.items.append((article, item))
    index = courses_api.lessons_by_citation() if any(e.items for e in rows.values()) else {}
    for entry in rows.values():
        seen = set()
        for article, item in entry.items:
            # Lessons citing the item, else those citing the article as a whole.
            lessons = index.get((article, item)) or index.get((article, None)) or []
            for lesson in lessons:
                if lesson.pk not in seen:
                    seen.add(lesson.pk)
                    entry.lessons.append(lesson)
    return list(rows.values())


def question_coverage() -> dict[tuple[int, int | None], list[str]]:
    """{(article, item): [question names]} over active questions, for legal_coverage."""
    coverage: dict[tuple[int, int | None], list[str]] = {}
    for question in Question.objects.filter(active=True).prefetch_related("citations"):
        for citation in question.citations.all():
            coverage.setdefault((citation.article, citation.item), []).append(question.name)
    return coverage
