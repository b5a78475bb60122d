"""Learner pages (overview, attempt, result) and the staff attempt list. Thin: the rules live in
services.py and selectors.py."""

from __future__ import annotations

import json
import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from exams import selectors, services
from exams.grading import correct_keys
from exams.models import Attempt, AttemptStatus, ReviewMode
from lms.models import Auxiliary, Role
from lms.permissions import get_scoped_or_404, scope_for


def attempt_viewer_required(view):
    """Staff viewers and supervisors; what each sees is decided by lms.permissions."""

    @login_required
    def wrapper(request, *args, **kwargs):
        scope = scope_for(request.user)
        if not (scope.is_staff_viewer or scope.role == Role.SUPERVISOR):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    return wrapper


def _learner_auxiliary(request) -> Auxiliary:
    if selectors.learner_user_id(request.user) is None:
        raise Http404
    auxiliary = Auxiliary.objects.filter(user=request.user).first()
    if auxiliary is None:
        raise Http404
    return auxiliary


def display_text(snapshot_text: str, text_format: str) -> str:
    """Imported HTML is shown as text: question text never carries markup into the page."""
    return strip_tags(snapshot_text) if text_format == "html" else snapshot_text


@login_required
def overview(request):
    auxiliary = _learner_auxiliary(request)
    # An attempt whose time ran out is finalised on the next visit, so the page shows its result.
    for attempt in auxiliary.exam_attempts.filter(status=AttemptStatus.OPEN):
        services.attempt_expire_if_due(attempt=attempt)
    status = selectors.exam_status(user=request.user)
    return render(request, "exams/overview.html", {"status": status})


@login_required
@require_POST
def start(request):
    auxiliary = _learner_auxiliary(request)
    exam = selectors.credential_exam()
    if exam is None:
        raise Http404
    try:
        attempt = services.attempt_start(auxiliary=auxiliary, exam=exam)
    except services.AttemptStartError as error:
        for blocker in error.blockers:
            messages.error(request, blocker.message)
        return redirect("exams:overview")
    return redirect("exams:attempt", pk=attempt.pk)


LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _paper(rows) -> list[dict]:
    """The questions as the learner sees them: no weights, feedback or explanations."""
    return [
        {
            "position": row.position,
            "qtype": row.snapshot["qtype"],
            "text": display_text(row.snapshot["text"], row.snapshot.get("text_format", "plain")),
            "choices": [
                {
                    "key": c["key"],
                    "text": display_text(c["text"], "html"),
                    "letter": "" if row.snapshot["qtype"] == "truefalse" else LETTERS[i],
                }
                for i, c in enumerate(row.snapshot["choices"])
            ],
            "selected": row.selected,
        }
        for row in rows
    ]


@never_cache
@login_required
def attempt_page(request, pk: int):
    attempt = selectors.learner_attempt_or_404(user=request.user, pk=pk)
    attempt = services.attempt_expire_if_due(attempt=attempt)
    if not attempt.is_open:
        return redirect("exams:result", pk=attempt.pk)
    rows = list(attempt.questions.all())
    paper = _paper(rows)
    context = {
        "attempt": attempt,
        "paper": paper,
        "answered": sum(1 for q in paper if q["selected"]),
        "remaining_seconds": selectors.remaining_seconds(attempt),
        "max_seq": max((row.client_seq for row in rows), default=0),
    }
    return render(request, "exams/attempt.html", context)


def _json_error(message: str, status: int, **extra) -> JsonResponse:
    return JsonResponse({"ok": False, "error": message, **extra}, status=status)


@never_cache
@login_required
@require_POST
def save_answer(request, pk: int):
    user_id = selectors.learner_user_id(request.user)
    if user_id is None:
        raise Http404
    try:
        payload = json.loads(request.body or b"{}")
        position = int(payload["position"])
        seq = int(payload["seq"])
        selected = payload.get("selected", [])
    except (ValueError, KeyError, TypeError):
        # Someone else's attempt is not found, whatever was posted to it.
        if not selectors.learner_attempts_of(user_id).filter(pk=pk).exists():
            raise Http404 from None
        return _json_error(_("The answer could not be read."), 400)
    try:
        result = services.attempt_save_for_learner(
            user_id=user_id, pk=pk, position=position, selected=selected, seq=seq
        )
    except Attempt.DoesNotExist:
        raise Http404 from None
    except services.AnswerError as error:
        return _json_error(str(error), 400)
    if result.outcome is services.SaveOutcome.CLOSED:
        return _json_error(
            _("Time is up: the exam has been handed in and this answer was not saved."),
            409,
            result_url=reverse("exams:result", args=[pk]),
            remaining_seconds=0,
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


@login_required
@require_POST
def submit(request, pk: int):
    attempt = selectors.learner_attempt_or_404(user=request.user, pk=pk)
    # The form carries the answers on screen too, so a page that could not autosave (no
    # script, network just back) loses nothing; they count as the newest writes.
    seq = int(time.time() * 1000)
    for key in request.POST:
        if key.startswith("q") and key[1:].isdigit():
            try:
                services.attempt_save_answer(
                    attempt=attempt,
                    position=int(key[1:]),
                    selected=request.POST.getlist(key),
                    seq=seq,
                )
            except services.AnswerError:
                continue
    services.attempt_submit(attempt=attempt)
    return redirect("exams:result", pk=attempt.pk)


def _review(attempt) -> list[dict]:
    rows = []
    for row in attempt.questions.all():
        right = set(correct_keys(row.snapshot))
        rows.append(
            {
                "position": row.position,
                "text": display_text(row.snapshot["text"], row.snapshot.get("text_format", "")),
                "score": row.score,
                "explanation": row.snapshot.get("explanation", ""),
                "choices": [
                    {
                        "letter": "" if row.snapshot["qtype"] == "truefalse" else LETTERS[i],
                        "text": display_text(c["text"], "html"),
                        "correct": c["key"] in right,
                        "chosen": c["key"] in row.selected,
                    }
                    for i, c in enumerate(row.snapshot["choices"])
                ],
            }
        )
    return rows


@login_required
def result(request, pk: int):
    attempt = selectors.learner_attempt_or_404(user=request.user, pk=pk)
    attempt = services.attempt_expire_if_due(attempt=attempt)
    if attempt.is_open:
        return redirect("exams:attempt", pk=attempt.pk)
    status = selectors.exam_status(user=request.user)
    review = attempt.exam.review
    context = {
        "attempt": attempt,
        "status": status,
        "breakdown": selectors.attempt_breakdown(attempt) if review != ReviewMode.SCORE else [],
        "review": _review(attempt) if review == ReviewMode.ANSWERS else [],
    }
    return render(request, "exams/result.html", context)


@attempt_viewer_required
def staff_attempts(request):
    attempts = selectors.staff_attempts(user=request.user).order_by("-started_at", "-pk")
    page = Paginator(attempts, 50).get_page(request.GET.get("page"))
    return render(request, "exams/staff_attempts.html", {"page": page})


@attempt_viewer_required
def staff_attempt_detail(request, pk: int):
    attempt = get_scoped_or_404(selectors.staff_attempts(user=request.user), pk=pk)
    context = {
        "attempt": attempt,
        "breakdown": selectors.attempt_breakdown(attempt) if not attempt.is_open else [],
        "review": _review(attempt) if not attempt.is_open else [],
    }
    return render(request, "exams/staff_attempt_detail.html", context)
