"""Pages of exam sessions under /exams/sessions/: the staff list, creating and confirming a
session, enrolment, the proctor's live view and actions, the report; and the candidate's waiting
room with its tiny status endpoint. Thin: rules in services.py, reads in selectors.py."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from exams.paper_display import sealed_paper
from exams.sessions import notices, report, sealing, selectors, services
from exams.sessions.exceptions import DoorClosed, EnrolmentRefused, SessionError
from exams.sessions.forms import (
    AccommodationForm,
    CancelForm,
    EnrolForm,
    ExtendForm,
    ReasonForm,
    RescheduleForm,
    SessionForm,
)
from exams.sessions.models import IntegrityKind, PaperDraw
from lms import jsonbody
from lms.downloads import as_download
from lms.jobs.views import job_status_response
from lms.permissions import (
    can_manage_people,
    get_scoped_or_404,
    learner_required,
    manager_required,
    proctor_required,
    scope_for,
)

# The waiting room spreads the cohort's first requests over this many milliseconds at most
# (one per candidate, up to the cap), so a start is a ramp and not a wall.
JITTER_MS_PER_CANDIDATE = 1
JITTER_MS_MAX = 2000
# After the sealed paper is on screen, the attempt is opened once the cohort's keys are out
# (4 ms per candidate, at most 10 s), spread over a window (15 ms per candidate, at most 30 s):
# the opening is the start's costly part, and the candidate is already reading meanwhile,
# their answers kept on the device until the attempt exists.
OPEN_AFTER_MS_PER_CANDIDATE = 4
OPEN_AFTER_MS_MAX = 10000
OPEN_SPREAD_MS_PER_CANDIDATE = 15
OPEN_SPREAD_MS_MAX = 30000
# The sealed paper is fetched within this long after arriving in the waiting room (at most,
# and never later than 20 s before the start).
SEALED_SPREAD_MS_MAX = 60000


def _messages(error: SessionError) -> list[str]:
    return [str(m) for m in error.messages]


# -- staff ------------------------------------------------------------------------------------


@proctor_required
def session_list(request):
    sessions = selectors.sessions_for(request.user).order_by("-starts_at", "-pk")[:200]
    return render(
        request,
        "exams/sessions/list.html",
        {"sessions": sessions, "can_create": can_manage_people(request.user)},
    )


@manager_required
def session_new(request):
    form = SessionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = services.session_create(
                actor=request.user,
                exam=data["exam"],
                agency=data["agency"],
                title=data["title"],
                online=data["online"],
                venue=data["venue"],
                what_to_bring=data["what_to_bring"],
                starts_at=data["starts_at"],
                check_in_at=data["check_in_at"],
                late_cutoff_at=data["late_cutoff_at"],
                proctors=data["proctors"],
            )
        except SessionError as error:
            for message in _messages(error):
                form.add_error(None, message)
        else:
            messages.success(request, _("Session created. Enrol the candidates next."))
            return redirect("exams:sessions:enrol", pk=session.pk)
    return render(request, "exams/sessions/form.html", {"form": form})


@proctor_required
def session_detail(request, pk: int, **kwargs):
    session = selectors.session_or_404(user=request.user, pk=pk)
    draw = session.draws.first()
    can_manage = services.manages_agency(request.user, session.agency)
    context = {
        "session": session,
        "candidate_count": session.candidates.count(),
        "drawn_count": session.candidates.filter(drawn_at__isnull=False).count(),
        "draw": draw,
        "proctors": session.proctors.select_related("profile"),
        "can_manage": can_manage,
        "changes": session.changes.select_related("actor__profile"),
        "can_change": can_manage and services.may_change(session),
        "cancel_form": kwargs.get("cancel_form") or CancelForm(prefix="cancel"),
        "reschedule_form": kwargs.get("reschedule_form")
        or RescheduleForm(
            prefix="move",
            initial={"starts_at": timezone.localtime(session.starts_at).strftime("%Y-%m-%dT%H:%M")},
        ),
    }
    return render(request, "exams/sessions/detail.html", context, status=kwargs.get("status", 200))


@manager_required
@require_POST
def session_cancel(request, pk: int):
    """Cancel before the start, with the reason the candidates are shown."""
    session = selectors.session_or_404(user=request.user, pk=pk)
    form = CancelForm(request.POST, prefix="cancel")
    if form.is_valid():
        try:
            services.session_cancel(
                session=session, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except SessionError as error:
            # Started meanwhile, already cancelled: the page no longer offers the form.
            for message in _messages(error):
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("The session is cancelled; its candidates see why on their home page."),
            )
        return redirect("exams:sessions:detail", pk=session.pk)
    return session_detail(request, pk, cancel_form=form, status=400)


@manager_required
@require_POST
def session_reschedule(request, pk: int):
    """Move the start before the session starts, with the reason the candidates are shown."""
    session = selectors.session_or_404(user=request.user, pk=pk)
    form = RescheduleForm(request.POST, prefix="move")
    if form.is_valid():
        try:
            services.session_reschedule(
                session=session,
                actor=request.user,
                starts_at=form.cleaned_data["starts_at"],
                reason=form.cleaned_data["reason"],
            )
        except SessionError as error:
            for message in _messages(error):
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("The session now starts at %(time)s; its candidates see the change.")
                % {"time": services.when_text(form.cleaned_data["starts_at"])},
            )
            return redirect("exams:sessions:detail", pk=session.pk)
        if not services.may_change(session):
            for message in form.non_field_errors():
                messages.error(request, message)
            return redirect("exams:sessions:detail", pk=session.pk)
    return session_detail(request, pk, reschedule_form=form, status=400)


@manager_required
def session_enrol(request, pk: int):
    session = selectors.session_or_404(user=request.user, pk=pk)
    form = EnrolForm(request.POST or None, user=request.user, initial={"mode": "agency"})
    context = {"session": session, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        people = selectors.roster_choice(
            user=request.user,
            agency=data.get("agency"),
            subordinates=data.get("subordinates", False),
            post=data.get("post", "") if data["mode"] == "post" else "",
            id_numbers=data.get("id_number_list") if data["mode"] == "hand" else None,
        )
        people = list(people)
        if data["mode"] == "hand":
            found = {a.id_number for a in people}
            missing = [n for n in data["id_number_list"] if n.strip().upper() not in found]
            for number in missing:
                form.add_error(
                    "id_numbers",
                    _("No one of your agencies has the ID-card number %(n)s.") % {"n": number},
                )
        eligible, ineligible = services.enrolment_preview(session=session, auxiliaries=people)
        context.update(eligible=eligible, ineligible=ineligible, previewed=True)
        if request.POST.get("action") == "enrol" and not form.errors:
            try:
                created = services.session_enrol(
                    session=session, actor=request.user, auxiliaries=eligible
                )
            except EnrolmentRefused as error:
                form.add_error(None, str(error.message))
                context["ineligible"] = error.ineligible
            except SessionError as error:
                for message in _messages(error):
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("%(n)d candidates enrolled; %(m)d could not be (listed with the reason).")
                    % {"n": len(created), "m": len(ineligible)},
                )
                return redirect("exams:sessions:detail", pk=session.pk)
    context["enrolled"] = session.candidates.select_related("auxiliary__agency").order_by("pk")[
        :500
    ]
    return render(request, "exams/sessions/enrol.html", context)


@manager_required
@require_POST
def session_confirm(request, pk: int):
    session = selectors.session_or_404(user=request.user, pk=pk)
    try:
        services.session_confirm(session=session, actor=request.user)
    except SessionError as error:
        for message in _messages(error):
            messages.error(request, message)
    else:
        messages.success(request, _("Confirmed. The papers are being drawn in the background."))
    return redirect("exams:sessions:detail", pk=session.pk)


@never_cache
@proctor_required
def draw_status(request, pk: int, draw: int):
    session = selectors.session_or_404(user=request.user, pk=pk)
    job = get_scoped_or_404(PaperDraw.objects.filter(session=session), pk=draw)
    return job_status_response(job)


def _live_context(request, session):
    rows = selectors.live_rows(session=session)
    return {
        "session": session,
        "rows": rows,
        "counts": selectors.state_counts(rows),
        "now": timezone.now(),
        "actions": session.actions.select_related("actor", "candidate__auxiliary")[:30],
    }


@never_cache
@proctor_required
def live(request, pk: int):
    session = selectors.session_or_404(user=request.user, pk=pk)
    return render(request, "exams/sessions/live.html", _live_context(request, session))


@never_cache
@proctor_required
def live_rows(request, pk: int):
    """The live view's body, polled by js/session_live.js."""
    session = selectors.session_or_404(user=request.user, pk=pk)
    return render(request, "exams/sessions/_live_body.html", _live_context(request, session))


CANDIDATE_ACTIONS = {
    "extend": (ExtendForm, lambda c, d, u: services.candidate_extend(
        candidate=c, minutes=d["minutes"], reason=d["reason"], actor=u)),
    "accommodate": (AccommodationForm, lambda c, d, u: services.candidate_accommodate(
        candidate=c, minutes=d.get("minutes") or 0, percent=d.get("percent") or 0,
        reason=d["reason"], actor=u)),
    "absent": (ReasonForm, lambda c, d, u: services.candidate_mark_absent(
        candidate=c, reason=d["reason"], actor=u)),
    "end": (ReasonForm, lambda c, d, u: services.candidate_end(
        candidate=c, reason=d["reason"], actor=u)),
}  # fmt: skip
# What the proctor is told after each action (it said only 已完成：name).
CANDIDATE_DONE = {
    "extend": lambda: _("Time extended for %(name)s."),
    "accommodate": lambda: _("Extra time set for %(name)s."),
    "absent": lambda: _("%(name)s is marked absent."),
    "end": lambda: _(
        "The exam of %(name)s is ended for misconduct and graded as it stands; "
        "they see the reason and may appeal."
    ),
}


def _form_errors(form) -> list[str]:
    return [str(e) for errors in form.errors.values() for e in errors]


@proctor_required
@require_POST
def candidate_action(request, pk: int, candidate: int, action: str):
    session = selectors.session_or_404(user=request.user, pk=pk)
    target = selectors.candidate_or_404(session=session, pk=candidate)
    if action not in CANDIDATE_ACTIONS:
        raise Http404
    form_class, act = CANDIDATE_ACTIONS[action]
    form = form_class(request.POST)
    if not form.is_valid():
        for message in _form_errors(form):
            messages.error(request, message)
    else:
        try:
            act(target, form.cleaned_data, request.user)
        except SessionError as error:
            for message in _messages(error):
                messages.error(request, message)
        else:
            messages.success(request, CANDIDATE_DONE[action]() % {"name": target.auxiliary.name})
    return redirect(reverse("exams:sessions:live", args=[session.pk]) + f"#c-{target.pk}")


@proctor_required
@require_POST
def session_clock(request, pk: int, action: str):
    session = selectors.session_or_404(user=request.user, pk=pk)
    form = ReasonForm(request.POST)
    if action not in ("pause", "resume"):
        raise Http404
    if not form.is_valid():
        for message in _form_errors(form):
            messages.error(request, message)
    else:
        act = services.session_pause if action == "pause" else services.session_resume
        try:
            act(session=session, reason=form.cleaned_data["reason"], actor=request.user)
        except SessionError as error:
            for message in _messages(error):
                messages.error(request, message)
    return redirect("exams:sessions:live", pk=session.pk)


@proctor_required
def session_report(request, pk: int):
    session = selectors.session_or_404(user=request.user, pk=pk)
    return render(
        request,
        "exams/sessions/report.html",
        {"session": session, "report": report.session_report(session=session)},
    )


@proctor_required
def session_report_xlsx(request, pk: int):
    session = selectors.session_or_404(user=request.user, pk=pk)
    response = HttpResponse(
        report.session_report_xlsx(session=session),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    return as_download(
        response, f"考试场次报告-{session.title}", "exam-session-report", session.agency,
        extension="xlsx", on=timezone.localtime(session.starts_at).date(),
    )  # fmt: skip


# -- the candidate ----------------------------------------------------------------------------


def _room_payload(candidate, now) -> dict:
    session = candidate.session
    state = services.door_state(candidate=candidate, session=session, now=now)
    payload = {
        "state": state,
        "starts_in_ms": int((session.starts_at - now).total_seconds() * 1000),
        "paused": session.is_paused,
        "message": "",
    }
    if state in services.DOOR_MESSAGES:
        payload["message"] = str(services.DOOR_MESSAGES[state](session))
    attempt = candidate.attempt
    if attempt is not None:
        payload["attempt_url"] = reverse("exams:attempt", args=[attempt.pk])
        payload["result_url"] = reverse("exams:result", args=[attempt.pk])
        if candidate.remaining_at_pause is not None:
            payload["remaining"] = candidate.remaining_at_pause
        else:
            payload["remaining"] = max(0, int((attempt.deadline - now).total_seconds()))
    return payload


@never_cache
@learner_required
def room(request, pk: int):
    candidate = selectors.own_candidate_or_404(user=request.user, session_pk=pk)
    now = timezone.now()
    state = services.door_state(candidate=candidate, session=candidate.session, now=now)
    if state not in ("early", "closed_late", "absent", "cancelled"):
        services.candidate_arrive(candidate=candidate, now=now)
    notices.notices_mark_read(candidate=candidate, now=now)
    count = candidate.session.candidates.count()
    context = {
        "candidate": candidate,
        "session": candidate.session,
        "auxiliary": candidate.auxiliary,
        "payload": _room_payload(candidate, now),
        "jitter_ms": min(JITTER_MS_MAX, JITTER_MS_PER_CANDIDATE * count),
        "open_after_ms": min(OPEN_AFTER_MS_MAX, OPEN_AFTER_MS_PER_CANDIDATE * count),
        "open_spread_ms": min(OPEN_SPREAD_MS_MAX, OPEN_SPREAD_MS_PER_CANDIDATE * count),
        "sealed_spread_ms": SEALED_SPREAD_MS_MAX,
        "extra_time": candidate.extra_time(candidate.session.exam.time_limit),
    }
    return render(request, "exams/sessions/room.html", context)


@never_cache
@learner_required
def room_status(request, pk: int):
    """The waiting room's and the exam page's poll: where the session stands, the clock, the
    pause. One indexed read, and a last-contact write at most every SEEN_EVERY."""
    candidate = selectors.own_candidate_or_404(user=request.user, session_pk=pk)
    now = timezone.now()
    services.candidate_seen(candidate_id=candidate.pk, now=now)
    payload = _room_payload(candidate, now)
    device = request.GET.get("device", "")
    if candidate.attempt_id and services.device_check(candidate=candidate, device=device):
        payload["second_device"] = True
    return JsonResponse(payload)


@never_cache
@learner_required
@require_POST
def room_open(request, pk: int):
    """At the start: open the pre-drawn paper; the page then fetches it without a reload."""
    candidate = selectors.own_candidate_or_404(user=request.user, session_pk=pk)
    device = request.POST.get("device", "") or request.GET.get("device", "")
    try:
        attempt = services.session_open_paper(candidate_id=candidate.pk, device=device)
    except DoorClosed as error:
        return JsonResponse(
            {"ok": False, "code": error.code, "error": str(error.message)}, status=409
        )
    return JsonResponse(
        {
            "ok": True,
            "attempt": attempt.pk,
            "attempt_url": reverse("exams:attempt", args=[attempt.pk]),
            # What a sealed paper already on screen needs to become the exam page.
            "save_url": reverse("exams:save", args=[attempt.pk]),
            "submit_url": reverse("exams:submit", args=[attempt.pk]),
            "result_url": reverse("exams:result", args=[attempt.pk]),
            "remaining": max(0, int((attempt.deadline - timezone.now()).total_seconds())),
        }
    )


@never_cache
@learner_required
def room_sealed(request, pk: int):
    """Before the start: the candidate's paper, rendered as the exam page renders it and
    encrypted with their own key (exams/sessions/sealing.py). Nothing of it is readable until
    the key is released at the start."""
    candidate = selectors.own_candidate_or_404(user=request.user, session_pk=pk)
    session = candidate.session
    state = services.door_state(candidate=candidate, session=session, now=timezone.now())
    if state not in ("waiting", "open", "paused") or candidate.drawn_at is None:
        return JsonResponse({"ok": False, "code": state}, status=409)
    html = render_to_string(
        "exams/_paper.html",
        {
            "sealed": True,
            "exam": session.exam,
            "paper": sealed_paper(candidate.paper),
            "total": len(candidate.paper),
            "answered": 0,
            "remaining_seconds": int(session.exam.time_limit.total_seconds()),
            "max_seq": 0,
        },
        request=request,
    )
    key = sealing.paper_key(candidate=candidate, session=session)
    return JsonResponse({"ok": True, **sealing.seal(html, key)})


@never_cache
@learner_required
def room_key(request, pk: int):
    """At the start instant: the key to the sealed paper, under the same rules as opening it
    (services.paper_refusal), and the seconds left on the candidate's clock."""
    candidate = selectors.own_candidate_at_start_or_404(user=request.user, session_pk=pk)
    session = candidate.session
    now = timezone.now()
    if candidate.attempt_id is None:
        refusal = services.paper_refusal(
            candidate=candidate, session=session, now=now, summary=candidate.attempt_summary
        )
        if refusal is not None:
            return JsonResponse(
                {"ok": False, "code": refusal.code, "error": str(refusal.message)}, status=409
            )
    remaining = max(0, int((services.candidate_deadline(candidate, session) - now).total_seconds()))
    key = sealing.paper_key(candidate=candidate, session=session)
    return JsonResponse({"ok": True, "key": sealing.encode_key(key), "remaining": remaining})


@never_cache
@learner_required
@require_POST
def room_event(request, pk: int):
    """An integrity event from the candidate's browser (left the page, pasted)."""
    candidate = selectors.own_candidate_or_404(user=request.user, session_pk=pk)
    try:
        payload = jsonbody.json_object(request)
        kind = payload.get("kind")
        seconds = (
            jsonbody.integer(payload, "seconds", low=0, high=86400) if "seconds" in payload else 0
        )
    except jsonbody.BadJson as error:
        return JsonResponse({"ok": False, "error": str(error)}, status=400)
    if kind not in (IntegrityKind.AWAY, IntegrityKind.PASTE) or candidate.attempt_id is None:
        return JsonResponse({"ok": False, "error": _("Unknown event.")}, status=400)
    services.integrity_record(candidate=candidate, kind=kind, seconds=seconds)
    return JsonResponse({"ok": True})


@learner_required
def room_photo(request, pk: int):
    """The candidate's own photo, for the waiting room (their identity check)."""
    candidate = selectors.own_candidate_or_404(user=request.user, session_pk=pk)
    if not candidate.auxiliary.photo or scope_for(request.user).user_id != (
        candidate.auxiliary.user_id
    ):
        raise Http404
    return FileResponse(candidate.auxiliary.photo.open("rb"))
