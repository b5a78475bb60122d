"""Learner pages (overview, attempt, result) and the staff attempt list. Thin: the rules live in
services.py and selectors.py."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_POST

from exams import courses_api, paper_display, papers, selectors, services
from exams.answers import ESSAY_MAX_LENGTH
from exams.models import Attempt, AttemptStatus, ReviewMode
from exams.sessions import selectors as session_selectors
from lms import hooks, jsonbody
from lms.models import Auxiliary
from lms.permissions import follower_required, get_scoped_or_404, learner_required


def _learner_auxiliary(request) -> Auxiliary:
    auxiliary = selectors.own_auxiliary(request.user)
    if auxiliary is None:
        raise Http404
    return auxiliary


@learner_required
def overview(request):
    auxiliary = _learner_auxiliary(request)
    # An attempt whose time ran out is finalised on the next visit, so the page shows its result.
    for attempt in auxiliary.exam_attempts.filter(status=AttemptStatus.OPEN):
        services.attempt_expire_if_due(attempt=attempt)
    status = papers.exam_status_with_paper(user=request.user)
    return render(request, "exams/overview.html", {"status": status})


@learner_required
@require_POST
def start(request):
    exam = selectors.credential_exam()
    if exam is None:
        raise Http404
    try:
        attempt = services.attempt_start_for_learner(user=request.user, exam=exam)
    except Auxiliary.DoesNotExist:
        raise Http404 from None
    except services.AttemptStartError as error:
        for blocker in error.blockers:
            messages.error(request, blocker.message)
        return redirect("exams:overview")
    return redirect("exams:attempt", pk=attempt.pk)


@learner_required
@require_POST
def quiz_start(request, course_id: int):
    """Start (or continue) the quiz of an in-service course; refusals go back to the course
    page, whose quiz card says the same reasons."""
    auxiliary = _learner_auxiliary(request)
    course = courses_api.live_course(course_id)
    quiz = selectors.course_quiz(course)
    if quiz is None:
        raise Http404
    try:
        attempt = services.attempt_start(auxiliary=auxiliary, exam=quiz)
    except services.AttemptStartError as error:
        for blocker in error.blockers:
            messages.error(request, blocker.message)
        return redirect(course.get_url(request=request) or reverse("home"))
    return redirect("exams:attempt", pk=attempt.pk)


@cache_control(no_cache=True)
def service_worker(request):
    """The worker that keeps an open paper on the device (site/templates/exams/
    service_worker.js). Served under /exams/ because a worker's scope is its own folder; public,
    as it holds nothing of anyone's."""
    context = {"scope": reverse("exams:overview"), "static_url": settings.STATIC_URL}
    return render(
        request, "exams/service_worker.js", context, content_type="text/javascript; charset=utf-8"
    )


@never_cache
@learner_required
def attempt_page(request, pk: int):
    attempt = selectors.learner_attempt_or_404(user=request.user, pk=pk)
    attempt = services.attempt_expire_if_due(attempt=attempt)
    if not attempt.is_open:
        return redirect("exams:result", pk=attempt.pk)
    context = {
        "attempt": attempt,
        "exam": attempt.exam,
        "remaining_seconds": selectors.remaining_seconds(attempt),
    }
    # The paper as rendered when it was drawn (exams.papers), while nothing is answered.
    rendered = papers.first_page(attempt.pk)
    if rendered is not None and not attempt.has_saved_answers:
        context.update(rendered=rendered, total=rendered.total, answered=0, max_seq=0)
    else:
        rows = list(attempt.questions.all())
        paper = paper_display.paper(rows)
        context.update(
            paper=paper,
            total=len(paper),
            answered=sum(1 for q in paper if q["selected"]),
            max_seq=max((row.client_seq for row in rows), default=0),
        )
    return render(request, "exams/attempt.html", context)


def _moment(when) -> str:
    """15:04 today, the date and time on another day."""
    local = timezone.localtime(when)
    if local.date() == timezone.localdate():
        return local.strftime("%H:%M")
    return date_format(local, "DATETIME_FORMAT")


def closing_message(*, status: str, finished_at, deadline, ended_by=None) -> str:
    """How a finished attempt ended, in the learner's words: ended by the proctor for
    misconduct (``ended_by``, their ProctorAction: when and why), handed in by them (when), or
    handed in by the system because the time ran out (at the deadline)."""
    if ended_by is not None:
        return _(
            "The proctor ended your exam at %(time)s for misconduct: %(reason)s. "
            "It was graded as it stood; you may appeal."
        ) % {"time": _moment(ended_by.created_at), "reason": ended_by.reason}
    if (
        status == AttemptStatus.GRADING
        and finished_at
        and not services.past_grace(deadline, finished_at)
    ):
        status = AttemptStatus.SUBMITTED
    if status == AttemptStatus.SUBMITTED:
        return _("You handed in this exam at %(time)s.") % {"time": _moment(finished_at)}
    return _("Time ran out at %(time)s and the exam was handed in automatically.") % {
        "time": _moment(min(deadline, finished_at or deadline))
    }


# AttemptQuestion.position is a small integer (ids: selectors.MAX_ID).
MAX_POSITION = 32767
MAX_CHOICES = len(paper_display.LETTERS)


def _json_error(message: str, status: int, **extra) -> JsonResponse:
    return JsonResponse({"ok": False, "error": message, **extra}, status=status)


@never_cache
@learner_required
@require_POST
def save_answer(request, pk: int):
    user_id = selectors.learner_user_id(request.user)
    if user_id is None:
        raise Http404
    # No such row; the prepared read would send the database a number too big.
    if pk > selectors.MAX_ID:
        raise Http404
    try:
        payload = jsonbody.json_object(request)
        position = jsonbody.integer(payload, "position", low=1, high=MAX_POSITION)
        seq = jsonbody.integer(payload, "seq", low=0, high=jsonbody.MAX_SAFE_INTEGER)
        # Typed answers (blanks, essays) are longer than choice keys; the service checks
        # each against its question's own limits.
        selected = jsonbody.string_list(
            payload, "selected", max_items=MAX_CHOICES, max_length=ESSAY_MAX_LENGTH, default=[]
        )
    except jsonbody.BadJson as error:
        # Someone else's attempt is not found, whatever was posted to it.
        if not selectors.learner_attempts_of(user_id).filter(pk=pk).exists():
            raise Http404 from None
        return _json_error(_("The answer could not be read: %(reason)s") % {"reason": error}, 400)
    try:
        result = services.attempt_save_for_learner(
            user_id=user_id, pk=pk, position=position, selected=selected, seq=seq
        )
    except Attempt.DoesNotExist:
        raise Http404 from None
    except services.AnswerError as error:
        return _json_error(str(error), 400)
    if result.outcome is services.SaveOutcome.CLOSED:
        ended_by = session_selectors.misconduct_end(Attempt(pk=pk))
        ended = closing_message(
            status=result.closed_status,
            finished_at=result.finished_at,
            deadline=result.deadline,
            ended_by=ended_by,
        )
        return _json_error(
            _("%(ended)s This answer was not saved.") % {"ended": ended},
            409,
            result_url=reverse("exams:result", args=[pk]),
            remaining_seconds=0,
            closed_by="proctor"
            if ended_by
            else "learner"
            if result.closed_status == AttemptStatus.SUBMITTED
            else "deadline",
            finished_at=timezone.localtime(result.finished_at).isoformat(timespec="seconds"),
        )
    return JsonResponse(
        {
            "ok": True,
            "status": result.outcome.value,
            "position": position,
            "seq": seq,
            "remaining_seconds": selectors.remaining_seconds_until(result.deadline),
            "answered": result.answered,
            "total": result.total,
        }
    )


def _form_position(key: str) -> int | None:
    """The question position in a field name "q12", or None for any other field."""
    digits = key[1:]
    if key.startswith("q") and digits.isascii() and digits.isdigit() and len(digits) <= 5:
        position = int(digits)
        return position if 1 <= position <= MAX_POSITION else None
    return None


@learner_required
@require_POST
def submit(request, pk: int):
    attempt = selectors.learner_attempt_or_404(user=request.user, pk=pk)
    answers = {}
    for key in request.POST:
        position = _form_position(key)
        if position is not None:
            answers[position] = request.POST.getlist(key)
    attempt, late = services.attempt_hand_in(attempt=attempt, answers=answers)
    if late:
        questions = pgettext("list separator", ", ").join(str(position) for position in late)
        messages.warning(
            request,
            _(
                "Your answers to questions %(questions)s reached the server after the time was "
                "up and did not count. The answers shown below are the ones that counted."
            )
            % {"questions": questions},
        )
    return redirect("exams:result", pk=attempt.pk)


def _review(attempt) -> list[dict]:
    return [paper_display.review_question(row) for row in attempt.questions.all()]


@learner_required
def result(request, pk: int):
    attempt = selectors.learner_attempt_or_404(user=request.user, pk=pk)
    attempt = services.attempt_expire_if_due(attempt=attempt)
    if attempt.is_open:
        return redirect("exams:attempt", pk=attempt.pk)
    exam = attempt.exam
    if exam.is_course_quiz:
        # A quiz's result speaks of its course (and its hours), never of the credential.
        status = selectors.quiz_status(user=request.user, course=exam.course)
        hours_notes = hooks.course_hours_notes(request.user, exam.course)
    else:
        status, hours_notes = papers.exam_status_with_paper(user=request.user), []
    review = exam.review
    context = {
        "attempt": attempt,
        "status": status,
        "hours_notes": hours_notes,
        "breakdown": selectors.attempt_breakdown(attempt) if review != ReviewMode.SCORE else [],
        "review": _review(attempt) if review == ReviewMode.ANSWERS else [],
        "closing": closing_message(
            status=attempt.status,
            finished_at=attempt.finished_at,
            deadline=attempt.deadline,
            ended_by=session_selectors.misconduct_end(attempt),
        ),
    }
    return render(request, "exams/result.html", context)


@follower_required
def staff_attempts(request):
    attempts = selectors.staff_attempts(user=request.user).order_by("-started_at", "-pk")
    page = Paginator(attempts, 50).get_page(request.GET.get("page"))
    return render(request, "exams/staff_attempts.html", {"page": page})


@follower_required
def staff_attempt_detail(request, pk: int):
    attempt = get_scoped_or_404(selectors.staff_attempts(user=request.user), pk=pk)
    context = {
        "attempt": attempt,
        "breakdown": selectors.attempt_breakdown(attempt) if not attempt.is_open else [],
        "review": _review(attempt) if not attempt.is_open else [],
        "ended_by": session_selectors.misconduct_end(attempt),
    }
    return render(request, "exams/staff_attempt_detail.html", context)
