"""Reads of sessions. Staff reach sessions through lms.permissions.scope_proctored (the
organising agency's admins and above, and the named proctors); a learner reaches only their own
candidacy, through scope_queryset."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from exams.models import Attempt, AttemptQuestion, AttemptStatus
from exams.sessions.models import (
    CandidateNotice,
    ExamSession,
    NoticeKind,
    ProctorAction,
    ProctorActionKind,
    SessionCandidate,
    SessionStatus,
)
from lms.models import Auxiliary, Role
from lms.permissions import (
    Scope,
    get_scoped_or_404,
    managed_auxiliaries,
    scope_for,
    scope_proctored,
    scope_queryset,
)
from lms.prepared import PreparedQuery

# No sign of the candidate's browser for longer than this while answering: 失联.
NO_CONTACT_AFTER = datetime.timedelta(seconds=60)

# The live view's states, in the order of the counts.
STATES = {
    "not_arrived": pgettext_lazy("exam session state", "Not arrived"),
    "waiting": pgettext_lazy("exam session state", "Waiting"),
    "answering": pgettext_lazy("exam session state", "Answering"),
    "no_contact": pgettext_lazy("exam session state", "No contact"),
    "handed_in": pgettext_lazy("exam session state", "Handed in"),
    "absent": pgettext_lazy("exam session state", "Absent"),
}


def sessions_for(user) -> QuerySet[ExamSession]:
    qs = ExamSession.objects.select_related("exam", "agency")
    return scope_proctored(user, qs)


def session_or_404(*, user, pk: int) -> ExamSession:
    return get_scoped_or_404(sessions_for(user), pk=pk)


def misconduct_end(attempt: Attempt) -> ProctorAction | None:
    """The proctor's ending of this attempt for misconduct (who, when, why), if it was ended so;
    such an attempt is handed in like any other and reads as handed in by the learner."""
    return (
        ProctorAction.objects.filter(kind=ProctorActionKind.END, candidate__attempt=attempt)
        .select_related("actor")
        .order_by("-created_at")
        .first()
    )


def candidate_or_404(*, session: ExamSession, pk: int) -> SessionCandidate:
    """A candidate of a session the caller already reached through their scope."""
    qs = session.candidates.select_related("auxiliary", "attempt")
    return get_scoped_or_404(qs, pk=pk)


def _own_candidacies(user) -> QuerySet[SessionCandidate]:
    scope = scope_for(user)
    if scope.role != Role.LEARNER:
        return SessionCandidate.objects.none()
    # A draft was never shown to the candidates, nor is it once cancelled.
    return _own_candidacies_of(scope.user_id).select_related(
        "session__exam", "auxiliary", "attempt"
    )


def own_candidate_or_404(*, user, session_pk: int) -> SessionCandidate:
    """The learner's own candidacy in a confirmed session; anyone else's is 404."""
    return get_scoped_or_404(_own_candidacies(user), session_id=session_pk)


def _own_candidacies_of(user_id: int) -> QuerySet[SessionCandidate]:
    learner = Scope(Role.LEARNER, None, user_id)
    qs = scope_queryset(learner, SessionCandidate.objects.all(), auxiliary_path="auxiliary__")
    return qs.exclude(session__status=SessionStatus.DRAFT).exclude(
        session__status=SessionStatus.CANCELLED, session__confirmed_at__isnull=True
    )


# The person's attempts as the start's rules need them (services.paper_refusal): the latest
# deadline of an open attempt (any exam), and of this exam the attempts, the finished ones,
# whether one passed and when the last finished. One definition, asked in two ways below.
SUMMARY_FIELDS = ("open_deadline", "of_exam", "finished", "passed", "last_finished")
_NO_ATTEMPTS = (None, 0, 0, 0, None)


def _summary_aggregates(exam_id) -> dict:
    of_exam = Q(exam_id=exam_id)
    finished = of_exam & ~Q(status=AttemptStatus.OPEN)
    return {
        "open_deadline": Max("deadline", filter=Q(status=AttemptStatus.OPEN)),
        "of_exam": Count("pk", filter=of_exam),
        "finished": Count("pk", filter=finished),
        "passed": Count("pk", filter=finished & Q(passed=True)),
        "last_finished": Max("finished_at", filter=finished),
    }


def _attempts_of(auxiliary_id):
    return Attempt.objects.filter(auxiliary_id=auxiliary_id).order_by().values("auxiliary_id")


# Compiled once per process (lms.prepared): a cohort asks at once.
_ATTEMPT_SUMMARY = PreparedQuery(
    lambda auxiliary_id, exam_id: (
        _attempts_of(auxiliary_id)
        .annotate(**_summary_aggregates(exam_id))
        .values_list(*SUMMARY_FIELDS)
    ),
    "auxiliary_id",
    "exam_id",
)


def attempt_summary(*, auxiliary_id: int, exam_id: int) -> tuple:
    """(latest open deadline, attempts of the exam, finished, passed, last finished)."""
    row = _ATTEMPT_SUMMARY.first(auxiliary_id=auxiliary_id, exam_id=exam_id)
    return row if row else _NO_ATTEMPTS


def _summary_subqueries() -> dict:
    """The summary as one subquery per figure of a candidacy row (none when the person has
    no attempt, read as attempt_summary reads it)."""
    aggregates = _summary_aggregates(OuterRef("session__exam_id"))
    return {
        f"summary_{name}": Subquery(
            _attempts_of(OuterRef("auxiliary_id")).annotate(value=aggregate).values("value")
        )
        for name, aggregate in aggregates.items()
    }


# The start instant's one read: a whole cohort asks for its key in the same seconds, so the
# candidacy (the same candidacies as own_candidate_or_404) and the person's attempt summary
# come in one query, compiled once per process.
_OWN_CANDIDATE_AT_START = PreparedQuery(
    lambda user_id, session_pk: (
        _own_candidacies_of(user_id)
        .select_related("session__exam")
        .filter(session_id=session_pk)
        .annotate(**_summary_subqueries())
    ),
    "user_id",
    "session_pk",
)


def own_candidate_at_start_or_404(*, user, session_pk: int) -> SessionCandidate:
    """own_candidate_or_404 with the session and exam only, for the key at the start; its
    ``attempt_summary`` is the person's, as attempt_summary() gives it."""
    scope = scope_for(user)
    if scope.role != Role.LEARNER:
        raise Http404
    candidate = _OWN_CANDIDATE_AT_START.first(user_id=scope.user_id, session_pk=session_pk)
    if candidate is None:
        raise Http404
    row = tuple(getattr(candidate, f"summary_{name}") for name in SUMMARY_FIELDS)
    candidate.attempt_summary = _NO_ATTEMPTS if row[1] is None else row
    return candidate


def own_candidate_id(*, user_id: int, session_pk: int) -> int | None:
    """The tiny status endpoint's one read (id only)."""
    learner = Scope(Role.LEARNER, None, user_id)
    qs = scope_queryset(learner, SessionCandidate.objects.all(), auxiliary_path="auxiliary__")
    return qs.filter(session_id=session_pk).values_list("pk", flat=True).first()


def upcoming_candidacies(*, user, now: datetime.datetime | None = None):
    """The learner's sessions that have not ended yet, soonest first (home page)."""
    now = now or timezone.now()
    return list(
        _own_candidacies(user)
        .filter(session__status=SessionStatus.CONFIRMED, session__ends_at__gt=now)
        .filter(Q(attempt__isnull=True) | Q(attempt__status=AttemptStatus.OPEN))
        .order_by("session__starts_at")
    )


# A cancelled session stays on the candidate's home page until this long after it would
# have ended, so that someone who looks the next morning still reads why.
CANCELLED_SHOWN_FOR = datetime.timedelta(days=1)


def cancelled_candidacies(*, user, now: datetime.datetime | None = None):
    """The learner's sessions cancelled after they were told of them, until a day after the
    planned end (home page: what was cancelled, when and why)."""
    now = now or timezone.now()
    return list(
        _own_candidacies(user)
        .filter(
            session__status=SessionStatus.CANCELLED,
            session__ends_at__gt=now - CANCELLED_SHOWN_FOR,
        )
        .order_by("session__starts_at")
    )


def unread_notices(*, user, now: datetime.datetime | None = None) -> list[CandidateNotice]:
    """The learner's latest unread notice of each session still ahead of its check-in, about
    its current start (a cancellation has its own to-do; check-in opens the waiting room's)."""
    now = now or timezone.now()
    notices = (
        CandidateNotice.objects.filter(
            candidate__in=_own_candidacies(user),
            read_at__isnull=True,
            candidate__session__status=SessionStatus.CONFIRMED,
            candidate__session__check_in_at__gt=now,
            starts_at=F("candidate__session__starts_at"),
        )
        .exclude(kind=NoticeKind.CANCELLED)
        .select_related("candidate__session")
        .order_by("candidate__session__starts_at", "-created_at", "-pk")
    )
    latest = {}
    for notice in notices:
        latest.setdefault(notice.candidate_id, notice)
    return list(latest.values())


def roster_choice(
    *,
    user,
    agency=None,
    subordinates: bool = True,
    post: str = "",
    id_numbers: list[str] | None = None,
) -> QuerySet[Auxiliary]:
    """The people the admin picked: everyone in an agency (or its subordinates), by post, or
    by hand (ID-card numbers); only among those the admin manages."""
    qs = managed_auxiliaries(user).select_related("agency", "user").order_by("agency__path", "pk")
    if id_numbers is not None:
        return qs.filter(id_number__in=[n.strip().upper() for n in id_numbers if n.strip()])
    if agency is not None:
        qs = (
            qs.filter(agency__path__startswith=agency.path)
            if subordinates
            else qs.filter(agency=agency)
        )
    if post:
        qs = qs.filter(post=post.strip())
    return qs


@dataclass
class LiveRow:
    candidate: SessionCandidate
    state: str
    answered: int = 0
    total: int = 0
    last_save: datetime.datetime | None = None
    deadline: datetime.datetime | None = None

    @property
    def state_label(self) -> str:
        return str(STATES[self.state])


def session_attempt_ids(session: ExamSession) -> QuerySet:
    """The attempts opened in ``session``, as a subquery: a list of their ids would bind one
    parameter per candidate, and PostgreSQL with server-side binding takes at most 65,535."""
    return session.candidates.filter(attempt__isnull=False).values("attempt_id")


def live_rows(*, session: ExamSession, now: datetime.datetime | None = None) -> list[LiveRow]:
    """Every candidate's state for the proctor, in three queries whatever the cohort's size."""
    now = now or timezone.now()
    candidates = list(
        session.candidates.select_related("auxiliary__agency", "attempt").order_by(
            "auxiliary__agency__path", "auxiliary__name", "pk"
        )
    )
    progress = {
        row["attempt_id"]: row
        for row in AttemptQuestion.objects.filter(attempt_id__in=session_attempt_ids(session))
        .order_by()
        .values("attempt_id")
        .annotate(
            total=Count("pk"),
            answered=Count("pk", filter=~Q(selected=[])),
            last_save=Max("answered_at"),
        )
    }
    rows = []
    for candidate in candidates:
        row = LiveRow(candidate=candidate, state=_state(candidate, now))
        if candidate.attempt_id:
            counts = progress.get(candidate.attempt_id, {})
            row.answered = counts.get("answered", 0)
            row.total = counts.get("total", 0)
            row.last_save = counts.get("last_save")
            row.deadline = candidate.attempt.deadline
        rows.append(row)
    return rows


def _state(candidate: SessionCandidate, now: datetime.datetime) -> str:
    attempt: Attempt | None = candidate.attempt
    if attempt is not None:
        if not attempt.is_open:
            return "handed_in"
        seen = candidate.last_seen_at
        if seen is None or now - seen > NO_CONTACT_AFTER:
            return "no_contact"
        return "answering"
    if candidate.absent_at is not None:
        return "absent"
    if candidate.arrived_at is not None:
        return "waiting"
    return "not_arrived"


def state_counts(rows: list[LiveRow]) -> list[tuple[str, str, int]]:
    counts = Counter(row.state for row in rows)
    return [(code, str(label), counts.get(code, 0)) for code, label in STATES.items()]
