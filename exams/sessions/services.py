"""Every write to a session: create and confirm it, enrol candidates, draw their papers, open a
paper at the start, and the proctors' actions (extend, accommodate, absent, end, pause, resume).

Opening a paper is the moment thousands of people press 开始 together, so it never draws: the
paper was drawn in the background when the session was confirmed, and opening it is one locked
read, one attempt row and one bulk insert of its questions.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from exams import selectors as exam_selectors
from exams.exceptions import BlueprintError
from exams.models import Attempt, AttemptStatus, Exam
from exams.papers import draw_paper, paper_json, paper_questions_insert
from exams.selectors import is_overdue
from exams.services import attempt_submit
from exams.sessions import selectors
from exams.sessions.exceptions import DoorClosed, EnrolmentRefused, SessionError
from exams.sessions.models import (
    CHECK_IN_BEFORE,
    LATE_ENTRY_AFTER,
    ExamSession,
    IntegrityEvent,
    IntegrityKind,
    PaperDraw,
    ProctorAction,
    ProctorActionKind,
    SessionCandidate,
    SessionChange,
    SessionChangeKind,
    SessionStatus,
)
from lms.jobs.services import job_claim, job_enqueue, job_fail, job_finish, job_progress
from lms.models import Agency, Auxiliary, Role
from lms.permissions import manages_agency, scope_for

# While a session is paused every open attempt's deadline is pushed this far out, so that no
# clock (the server's sweep included) runs out during the pause; resume sets it back exactly.
PAUSE_HOLD = datetime.timedelta(days=1)
# A proctor's extension, at most, in one action.
MAX_EXTENSION_MINUTES = 240


def _require_manager(actor, agency: Agency) -> None:
    if not manages_agency(actor, agency):
        raise SessionError(_("You do not manage this agency."))


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise SessionError(_("Give a reason: it is recorded with the action."))
    return reason


def may_proctor(user, agency: Agency) -> bool:
    """Proctors are staff of the organising agency or of an agency above it (or provincial)."""
    scope = scope_for(user)
    if scope.role in (None, Role.LEARNER, Role.OVERSIGHT):
        return False
    if scope.is_provincial:
        return True
    return bool(scope.agency_path) and (agency.path or "").startswith(scope.agency_path)


def session_times(
    *,
    exam: Exam,
    starts_at: datetime.datetime,
    check_in_at: datetime.datetime | None = None,
    late_cutoff_at: datetime.datetime | None = None,
) -> dict:
    """The four moments of a session, with the defaults; refuses an impossible order."""
    check_in_at = check_in_at or starts_at - CHECK_IN_BEFORE
    late_cutoff_at = late_cutoff_at or starts_at + LATE_ENTRY_AFTER
    ends_at = starts_at + exam.time_limit
    if check_in_at > starts_at:
        raise SessionError(_("Check-in must open before the start."))
    if late_cutoff_at < starts_at:
        raise SessionError(_("The late-entry cutoff cannot be before the start."))
    if late_cutoff_at >= ends_at:
        raise SessionError(_("The late-entry cutoff must be before the end of the exam."))
    return {
        "starts_at": starts_at,
        "check_in_at": check_in_at,
        "late_cutoff_at": late_cutoff_at,
        "ends_at": ends_at,
    }


@transaction.atomic
def session_create(
    *,
    actor,
    exam: Exam,
    agency: Agency,
    title: str,
    starts_at: datetime.datetime,
    online: bool = False,
    venue: str = "",
    what_to_bring: str = "",
    check_in_at: datetime.datetime | None = None,
    late_cutoff_at: datetime.datetime | None = None,
    proctors: Iterable = (),
    now: datetime.datetime | None = None,
) -> ExamSession:
    _require_manager(actor, agency)
    now = now or timezone.now()
    if starts_at <= now:
        raise SessionError(_("The start time must be in the future."))
    if not online and not venue.strip():
        raise SessionError(_("Give the venue, or choose online."))
    if not exam.active:
        raise SessionError(_("This exam is not open."))
    proctors = list(proctors)
    wrong = [p for p in proctors if not may_proctor(p, agency)]
    if wrong:
        raise SessionError(
            _("Proctors must be staff of the organising agency or above: %(names)s")
            % {"names": "、".join(p.get_username() for p in wrong)}
        )
    times = session_times(
        exam=exam, starts_at=starts_at, check_in_at=check_in_at, late_cutoff_at=late_cutoff_at
    )
    session = ExamSession.objects.create(
        exam=exam,
        agency=agency,
        title=title.strip(),
        online=online,
        venue="" if online else venue.strip(),
        what_to_bring=what_to_bring.strip(),
        created_by=actor,
        **times,
    )
    session.proctors.set(proctors)
    return session


@transaction.atomic
def session_confirm(*, session: ExamSession, actor) -> ExamSession:
    """Confirm the session: candidates see it, and their papers are drawn in the background."""
    _require_manager(actor, session.agency)
    locked = ExamSession.objects.select_for_update().get(pk=session.pk)
    if locked.status == SessionStatus.CONFIRMED:
        return locked
    if locked.status != SessionStatus.DRAFT:
        raise SessionError(_("A cancelled session cannot be confirmed."))
    if not locked.candidates.exists():
        raise SessionError(_("Enrol the candidates first."))
    locked.status = SessionStatus.CONFIRMED
    locked.confirmed_at = timezone.now()
    locked.save(update_fields=["status", "confirmed_at"])
    draw_request(session=locked, actor=actor)
    return locked


def when_text(value: datetime.datetime) -> str:
    """A moment as written in China: 2026年12月3日 09:00."""
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def may_change(session: ExamSession, now: datetime.datetime | None = None) -> bool:
    """Whether the session can still be cancelled or moved (the organiser's rights aside)."""
    return session.status != SessionStatus.CANCELLED and (now or timezone.now()) < session.starts_at


def _before_the_start(session: ExamSession, now: datetime.datetime, refused: str) -> None:
    if session.status == SessionStatus.CANCELLED:
        raise SessionError(_("This session is cancelled."))
    if now >= session.starts_at:
        raise SessionError(refused % {"time": when_text(session.starts_at)})


@transaction.atomic
def session_cancel(
    *, session: ExamSession, actor, reason: str, now: datetime.datetime | None = None
) -> ExamSession:
    """Cancel the session before it starts, with the reason the candidates are shown. The
    papers drawn for it are discarded (a draw still running writes none after this), and
    nobody can open one."""
    _require_manager(actor, session.agency)
    reason = _reason(reason)
    now = now or timezone.now()
    locked = ExamSession.objects.select_for_update().get(pk=session.pk)
    _before_the_start(
        locked,
        now,
        _(
            "The session started at %(time)s and can no longer be cancelled. To stop it, pause "
            "it in the live view, or end each exam there with the reason."
        ),
    )
    SessionChange.objects.create(
        session=locked, kind=SessionChangeKind.CANCEL, reason=reason,
        previous_starts_at=locked.starts_at, actor=actor,
    )  # fmt: skip
    locked.status = SessionStatus.CANCELLED
    locked.save(update_fields=["status"])
    locked.candidates.filter(attempt__isnull=True).update(paper=[], seed=None, drawn_at=None)
    return locked


@transaction.atomic
def session_reschedule(
    *,
    session: ExamSession,
    actor,
    starts_at: datetime.datetime,
    reason: str,
    now: datetime.datetime | None = None,
) -> ExamSession:
    """Move the session to a new start before it starts; check-in and the late-entry cutoff
    keep their distance from the start. The papers already drawn stay ready."""
    _require_manager(actor, session.agency)
    reason = _reason(reason)
    now = now or timezone.now()
    locked = (
        ExamSession.objects.select_for_update(of=("self",))
        .select_related("exam")
        .get(pk=session.pk)
    )
    _before_the_start(
        locked,
        now,
        _("The session started at %(time)s; it can no longer be moved to another time."),
    )
    if starts_at <= now:
        raise SessionError(_("The start time must be in the future."))
    if starts_at == locked.starts_at:
        raise SessionError(_("The new start time is the same as the current one."))
    previous = locked.starts_at
    times = session_times(
        exam=locked.exam,
        starts_at=starts_at,
        check_in_at=starts_at - (locked.starts_at - locked.check_in_at),
        late_cutoff_at=starts_at + (locked.late_cutoff_at - locked.starts_at),
    )
    for field, value in times.items():
        setattr(locked, field, value)
    locked.save(update_fields=list(times))
    SessionChange.objects.create(
        session=locked, kind=SessionChangeKind.RESCHEDULE, reason=reason,
        previous_starts_at=previous, starts_at=starts_at, actor=actor,
    )  # fmt: skip
    return locked


def draw_request(*, session: ExamSession, actor=None) -> PaperDraw:
    """Queue the drawing of every paper not yet drawn (after confirming, or a late enrolment)."""
    draw = PaperDraw.objects.create(session=session, requested_by=actor)
    job_enqueue(job=draw)
    return draw


# -- enrolment --------------------------------------------------------------------------------


def candidate_reasons(*, auxiliary: Auxiliary, session: ExamSession) -> list[str]:
    """Why the person may not sit this session; empty when they may. The on-demand exam's own
    rules (status, Arts. 9-10, course completed, attempts left, waiting period), judged at the
    session's start."""
    blockers = exam_selectors.start_blockers(
        auxiliary=auxiliary, exam=session.exam, now=session.starts_at
    )
    return [str(blocker.message) for blocker in blockers]


def enrolment_preview(
    *, session: ExamSession, auxiliaries: Iterable[Auxiliary]
) -> tuple[list[Auxiliary], list[tuple[Auxiliary, list[str]]]]:
    """(eligible, [(ineligible person, reasons)]) for the people chosen; those already enrolled
    are left out of both."""
    enrolled = set(session.candidates.values_list("auxiliary_id", flat=True))
    eligible, ineligible = [], []
    for auxiliary in auxiliaries:
        if auxiliary.pk in enrolled:
            continue
        reasons = candidate_reasons(auxiliary=auxiliary, session=session)
        if reasons:
            ineligible.append((auxiliary, reasons))
        else:
            eligible.append(auxiliary)
    return eligible, ineligible


@transaction.atomic
def session_enrol(
    *, session: ExamSession, actor, auxiliaries: Iterable[Auxiliary]
) -> list[SessionCandidate]:
    """Enrol all of ``auxiliaries`` or none: each is checked again inside the transaction, and
    one who is no longer eligible (or outside the actor's agencies) refuses the whole list."""
    _require_manager(actor, session.agency)
    locked = ExamSession.objects.select_for_update().get(pk=session.pk)
    if locked.status == SessionStatus.CANCELLED:
        raise SessionError(_("This session is cancelled."))
    if timezone.now() >= locked.late_cutoff_at:
        raise SessionError(_("The session's doors have closed; nobody can be added."))
    people = list(auxiliaries)
    if not people:
        raise SessionError(_("Nobody to enrol."))
    ineligible = []
    for auxiliary in people:
        reasons = []
        if not manages_agency(actor, auxiliary.agency):
            reasons.append(_("Not one of your agencies' people."))
        reasons += candidate_reasons(auxiliary=auxiliary, session=locked)
        if reasons:
            ineligible.append((auxiliary, reasons))
    if ineligible:
        raise EnrolmentRefused(
            _("Nobody was enrolled: %(n)d of the people chosen may not sit this session.")
            % {"n": len(ineligible)},
            ineligible,
        )
    enrolled = set(locked.candidates.values_list("auxiliary_id", flat=True))
    created = SessionCandidate.objects.bulk_create(
        SessionCandidate(session=locked, auxiliary=aux) for aux in people if aux.pk not in enrolled
    )
    if locked.status == SessionStatus.CONFIRMED and created:
        draw_request(session=locked, actor=actor)
    return created


# -- drawing ----------------------------------------------------------------------------------


def session_draw_papers(*, draw_id: int) -> PaperDraw:
    """The job: draw the paper of every candidate who has none yet, committing as it goes."""
    draw = PaperDraw.objects.select_related("session__exam").get(pk=draw_id)
    if not job_claim(job=draw):
        return draw
    session = draw.session
    exam = session.exam
    if session.status == SessionStatus.CANCELLED:
        job_progress(job=draw, done=0, total=0)
        return job_finish(job=draw)
    todo = list(
        session.candidates.filter(drawn_at__isnull=True, attempt__isnull=True).values_list(
            "pk", flat=True
        )
    )
    job_progress(job=draw, done=0, total=len(todo))
    try:
        for done, pk in enumerate(todo, start=1):
            seed, paper = draw_paper(exam)
            # Not for a session cancelled meanwhile: its papers are discarded.
            SessionCandidate.objects.filter(
                pk=pk, drawn_at__isnull=True, session__status=SessionStatus.CONFIRMED
            ).update(seed=seed, paper=paper, drawn_at=timezone.now())
            job_progress(job=draw, done=done)
    except BlueprintError as error:
        return job_fail(job=draw, error=str(error), retry=False)
    return job_finish(job=draw)


# -- the candidate's side ---------------------------------------------------------------------


def candidate_deadline(candidate: SessionCandidate, session: ExamSession) -> datetime.datetime:
    return session.ends_at + candidate.extra_time(session.exam.time_limit)


def door_state(*, candidate: SessionCandidate, session: ExamSession, now: datetime.datetime) -> str:
    """Where the candidate stands at ``now``: early / waiting / open / paused / closed_late /
    absent / cancelled / ended / in_exam / handed_in."""
    if candidate.attempt_id is not None:
        return "in_exam" if candidate.attempt.is_open else "handed_in"
    if session.status == SessionStatus.CANCELLED:
        return "cancelled"
    if candidate.absent_at is not None:
        return "absent"
    if now < session.check_in_at:
        return "early"
    if now < session.starts_at:
        return "waiting"
    if session.is_paused:
        return "paused"
    if now > session.late_cutoff_at:
        return "closed_late"
    return "open"


DOOR_MESSAGES = {
    "early": lambda s: (
        _("Check-in opens at %(time)s.")
        % {"time": timezone.localtime(s.check_in_at).strftime("%H:%M")}
    ),
    "waiting": lambda s: _("The exam has not started yet."),
    "paused": lambda s: _("The session is paused by the proctor. Please wait."),
    "closed_late": lambda s: (
        _(
            "The doors closed at %(time)s, %(minutes)d minutes after the start: late entry is no "
            "longer possible. Ask your agency about the next session."
        )
        % {
            "time": timezone.localtime(s.late_cutoff_at).strftime("%H:%M"),
            "minutes": int((s.late_cutoff_at - s.starts_at).total_seconds() // 60),
        }
    ),
    "absent": lambda s: _("The proctor has marked you absent from this session."),
    "cancelled": lambda s: cancelled_message(s),
    "not_drawn": lambda s: _("Your paper is not ready yet. Wait a moment and it will open."),
}


def cancelled_message(session: ExamSession) -> str:
    change = session.latest_change
    if change is None or not change.is_cancel:
        return _("This session is cancelled.")
    return _(
        "This session (planned for %(start)s) was cancelled on %(when)s. Reason: %(reason)s"
    ) % {
        "start": when_text(change.previous_starts_at),
        "when": when_text(change.created_at),
        "reason": change.reason,
    }


def candidate_arrive(*, candidate: SessionCandidate, now: datetime.datetime | None = None) -> None:
    """The candidate opened the waiting room (check-in): first arrival, and a sign of life."""
    now = now or timezone.now()
    SessionCandidate.objects.filter(pk=candidate.pk, arrived_at__isnull=True).update(arrived_at=now)
    candidate_seen(candidate_id=candidate.pk, now=now)


# A poll writes the candidate's last contact at most this often.
SEEN_EVERY = datetime.timedelta(seconds=15)


def candidate_seen(*, candidate_id: int, now: datetime.datetime | None = None) -> None:
    """One conditional UPDATE: a thousand polls a minute cost the database little."""
    now = now or timezone.now()
    SessionCandidate.objects.filter(pk=candidate_id).exclude(
        last_seen_at__gt=now - SEEN_EVERY
    ).update(last_seen_at=now)


def paper_refusal(
    *, candidate: SessionCandidate, session: ExamSession, now: datetime.datetime, summary=None
) -> DoorClosed | None:
    """Why the candidate may not have their paper at ``now``, or None: the door (before the
    start, paused, after the cutoff, absent, cancelled, not drawn) and the exam's attempt rules.
    Asked by the start itself and by the release of a sealed paper's key, so the two agree."""
    state = door_state(candidate=candidate, session=session, now=now)
    if state in ("early", "waiting"):
        return DoorClosed(DOOR_MESSAGES["waiting"](session), "waiting")
    if state != "open":
        return DoorClosed(DOOR_MESSAGES[state](session), state)
    if session.status != SessionStatus.CONFIRMED:
        return DoorClosed(DOOR_MESSAGES["cancelled"](session), "cancelled")
    if candidate.drawn_at is None:
        return DoorClosed(DOOR_MESSAGES["not_drawn"](session), "not_drawn")
    exam = session.exam
    if summary is None:
        summary = selectors.attempt_summary(auxiliary_id=candidate.auxiliary_id, exam_id=exam.pk)
    open_deadline, _of_exam, finished, passed, last_finished = summary
    if open_deadline is not None and open_deadline + datetime.timedelta(seconds=10) >= now:
        return DoorClosed(_("You have another exam in progress; finish it first."), "busy")
    if passed:
        return DoorClosed(_("You have already passed this exam."), "passed")
    if finished >= exam.max_attempts:
        return DoorClosed(
            _("You have used all %(n)d attempts. Ask your agency about retraining.")
            % {"n": exam.max_attempts},
            "no_attempts",
        )
    if last_finished is not None and last_finished + exam.retake_wait > now:
        return DoorClosed(_("Your waiting period after the last attempt has not ended."), "wait")
    return None


@transaction.atomic
def session_open_paper(
    *, candidate_id: int, device: str = "", now: datetime.datetime | None = None
) -> Attempt:
    """Open the candidate's pre-drawn paper as their attempt, or return the one they opened
    (a second click, a reload). Refused with DoorClosed before the start, while paused, after
    the cutoff, when absent, and when the exam's attempt rules say no."""
    now = now or timezone.now()
    candidate = (
        SessionCandidate.objects.select_related("session__exam")
        .select_for_update(of=("self",))
        .get(pk=candidate_id)
    )
    if candidate.attempt_id is not None:
        # Read apart from the locked row: when this request waited for another's lock, the
        # join above ran on a snapshot taken before that request's attempt existed.
        return Attempt.objects.get(pk=candidate.attempt_id)
    session = candidate.session
    exam = session.exam
    # The person's row, locked as the on-demand start locks it: the two never both start.
    auxiliary = Auxiliary.objects.select_for_update().get(pk=candidate.auxiliary_id)
    summary = selectors.attempt_summary(auxiliary_id=auxiliary.pk, exam_id=exam.pk)
    refusal = paper_refusal(candidate=candidate, session=session, now=now, summary=summary)
    if refusal is not None:
        raise refusal
    number = summary[1] + 1
    attempt = Attempt.objects.create(
        exam=exam,
        auxiliary=auxiliary,
        user_id=auxiliary.user_id,
        number=number,
        seed=candidate.seed,
        started_at=now,
        deadline=candidate_deadline(candidate, session),
    )
    paper_questions_insert(attempt.pk, paper_json(candidate.paper))
    candidate.attempt = attempt
    candidate.arrived_at = candidate.arrived_at or now
    candidate.last_seen_at = now
    candidate.device = device[:40]
    candidate.save(update_fields=["attempt", "arrived_at", "last_seen_at", "device"])
    return attempt


def integrity_record(
    *, candidate: SessionCandidate, kind: str, seconds: int = 0, device: str = ""
) -> IntegrityEvent | None:
    """Store what the browser reported, and keep the counters the live view shows. A report
    from another device than the one that opened the paper is a second device."""
    if kind not in IntegrityKind.values:
        raise SessionError(_("Unknown event."))
    seconds = max(0, min(int(seconds or 0), 6 * 3600))
    counters = {
        IntegrityKind.AWAY: {"away_count": F("away_count") + 1,
                             "away_seconds": F("away_seconds") + seconds},
        IntegrityKind.PASTE: {"paste_count": F("paste_count") + 1},
        IntegrityKind.SECOND_DEVICE: {"second_device_count": F("second_device_count") + 1},
    }[kind]  # fmt: skip
    SessionCandidate.objects.filter(pk=candidate.pk).update(**counters)
    return IntegrityEvent.objects.create(candidate=candidate, kind=kind, seconds=seconds)


def device_check(*, candidate: SessionCandidate, device: str) -> bool:
    """True when ``device`` is not the browser that opened the paper: the same attempt is open
    in a second browser or on another device. Recorded once per other device."""
    device = (device or "")[:40]
    if not device or not candidate.device or device == candidate.device:
        return False
    key = f"exam-session-devices:{candidate.pk}"
    known = set(cache.get(key) or ())
    if device not in known:
        known.add(device)
        cache.set(key, sorted(known), 24 * 3600)
        integrity_record(candidate=candidate, kind=IntegrityKind.SECOND_DEVICE)
    return True


# -- proctors ---------------------------------------------------------------------------------


def _action(*, session, candidate=None, kind, reason, actor, minutes=None) -> ProctorAction:
    return ProctorAction.objects.create(
        session=session, candidate=candidate, kind=kind, reason=reason, actor=actor,
        minutes=minutes,
    )  # fmt: skip


def _locked_candidate(candidate: SessionCandidate) -> SessionCandidate:
    return (
        SessionCandidate.objects.select_for_update(of=("self",))
        .select_related("session__exam")
        .get(pk=candidate.pk)
    )


def _locked_open_attempt(candidate: SessionCandidate) -> Attempt | None:
    if candidate.attempt_id is None:
        return None
    attempt = Attempt.objects.select_for_update().get(pk=candidate.attempt_id)
    return attempt if attempt.is_open else None


def _push_deadline(candidate, attempt, seconds: int) -> None:
    """Add ``seconds`` to an open attempt's clock (and to the clock held during a pause)."""
    attempt.deadline += datetime.timedelta(seconds=seconds)
    attempt.save(update_fields=["deadline"])
    if candidate.remaining_at_pause is not None:
        candidate.remaining_at_pause = max(0, candidate.remaining_at_pause + seconds)
        candidate.save(update_fields=["remaining_at_pause"])


@transaction.atomic
def candidate_extend(*, candidate: SessionCandidate, minutes: int, reason: str, actor) -> None:
    """Give one person more time, during the sitting or before it."""
    reason = _reason(reason)
    if not 1 <= int(minutes) <= MAX_EXTENSION_MINUTES:
        raise SessionError(_("Extend by 1 to %(max)d minutes.") % {"max": MAX_EXTENSION_MINUTES})
    locked = _locked_candidate(candidate)
    if locked.attempt_id is not None:
        attempt = _locked_open_attempt(locked)
        if attempt is None or is_overdue(attempt, timezone.now()):
            raise SessionError(_("This candidate has already handed in."))
        _push_deadline(locked, attempt, int(minutes) * 60)
    locked.extended_minutes = F("extended_minutes") + int(minutes)
    locked.save(update_fields=["extended_minutes"])
    _action(session=locked.session, candidate=locked, kind=ProctorActionKind.EXTEND,
            reason=reason, actor=actor, minutes=int(minutes))  # fmt: skip


@transaction.atomic
def candidate_accommodate(
    *, candidate: SessionCandidate, minutes: int = 0, percent: int = 0, reason: str, actor
) -> None:
    """Set a person's extra time (minutes or a percentage of the time limit), with a reason;
    before the session or during it (an open attempt's clock moves by the difference)."""
    reason = _reason(reason)
    minutes, percent = int(minutes or 0), int(percent or 0)
    if minutes < 0 or percent < 0 or minutes > MAX_EXTENSION_MINUTES or percent > 100:
        raise SessionError(_("Extra time is 0 to 240 minutes, or 0 to 100 percent."))
    if minutes and percent:
        raise SessionError(_("Give extra time in minutes or as a percentage, not both."))
    locked = _locked_candidate(candidate)
    limit = locked.session.exam.time_limit
    before = locked.extra_time(limit)
    locked.extra_minutes, locked.extra_percent = minutes, percent
    locked.accommodation_reason = reason
    difference = int((locked.extra_time(limit) - before).total_seconds())
    if locked.attempt_id is not None:
        attempt = _locked_open_attempt(locked)
        if attempt is None:
            raise SessionError(_("This candidate has already handed in."))
        _push_deadline(locked, attempt, difference)
    locked.save(update_fields=["extra_minutes", "extra_percent", "accommodation_reason"])
    _action(session=locked.session, candidate=locked, kind=ProctorActionKind.ACCOMMODATE,
            reason=reason, actor=actor,
            minutes=minutes or int(limit.total_seconds() * percent / 100 // 60))  # fmt: skip


@transaction.atomic
def candidate_mark_absent(*, candidate: SessionCandidate, reason: str, actor) -> None:
    reason = _reason(reason)
    locked = _locked_candidate(candidate)
    if locked.attempt_id is not None:
        raise SessionError(_("This candidate has opened the paper; they are not absent."))
    if locked.absent_at is None:
        locked.absent_at = timezone.now()
        locked.save(update_fields=["absent_at"])
    _action(session=locked.session, candidate=locked, kind=ProctorActionKind.ABSENT,
            reason=reason, actor=actor)  # fmt: skip


@transaction.atomic
def candidate_end(*, candidate: SessionCandidate, reason: str, actor) -> Attempt:
    """End one person's attempt for misconduct: handed in and graded as it stands (they may
    appeal; the reason is on the record)."""
    reason = _reason(reason)
    locked = _locked_candidate(candidate)
    attempt = _locked_open_attempt(locked)
    if attempt is None:
        raise SessionError(_("This candidate has no exam in progress."))
    if locked.remaining_at_pause is not None:
        # The held deadline would otherwise read as time still left.
        locked.remaining_at_pause = None
        locked.save(update_fields=["remaining_at_pause"])
    finished = attempt_submit(attempt=attempt)
    _action(session=locked.session, candidate=locked, kind=ProctorActionKind.END,
            reason=reason, actor=actor)  # fmt: skip
    return finished


@transaction.atomic
def session_pause(*, session: ExamSession, reason: str, actor, now=None) -> ExamSession:
    """Stop every clock: each open attempt keeps the seconds it had left."""
    reason = _reason(reason)
    now = now or timezone.now()
    locked = ExamSession.objects.select_for_update().get(pk=session.pk)
    if locked.status != SessionStatus.CONFIRMED:
        raise SessionError(_("Only a confirmed session can be paused."))
    if locked.is_paused:
        raise SessionError(_("The session is already paused."))
    if now < locked.starts_at:
        raise SessionError(_("The session has not started."))
    locked.paused_at = now
    locked.save(update_fields=["paused_at"])
    for candidate in locked.candidates.select_for_update().filter(
        attempt__status=AttemptStatus.OPEN
    ):
        attempt = Attempt.objects.select_for_update().get(pk=candidate.attempt_id)
        if not attempt.is_open:
            continue
        left = max(0, int((attempt.deadline - now).total_seconds()))
        candidate.remaining_at_pause = left
        candidate.save(update_fields=["remaining_at_pause"])
        attempt.deadline = now + datetime.timedelta(seconds=left) + PAUSE_HOLD
        attempt.save(update_fields=["deadline"])
    _action(session=locked, kind=ProctorActionKind.PAUSE, reason=reason, actor=actor)
    return locked


@transaction.atomic
def session_resume(*, session: ExamSession, reason: str, actor, now=None) -> ExamSession:
    """Start every clock again where it stopped; the session's end and cutoff move on by the
    length of the pause."""
    reason = _reason(reason)
    now = now or timezone.now()
    locked = ExamSession.objects.select_for_update().get(pk=session.pk)
    if not locked.is_paused:
        raise SessionError(_("The session is not paused."))
    paused_for = now - locked.paused_at
    locked.ends_at += paused_for
    locked.late_cutoff_at += paused_for
    locked.paused_at = None
    locked.save(update_fields=["ends_at", "late_cutoff_at", "paused_at"])
    for candidate in locked.candidates.select_for_update().filter(remaining_at_pause__isnull=False):
        attempt = Attempt.objects.select_for_update().get(pk=candidate.attempt_id)
        if attempt.is_open:
            attempt.deadline = now + datetime.timedelta(seconds=candidate.remaining_at_pause)
            attempt.save(update_fields=["deadline"])
        candidate.remaining_at_pause = None
        candidate.save(update_fields=["remaining_at_pause"])
    _action(session=locked, kind=ProctorActionKind.RESUME, reason=reason, actor=actor)
    return locked
