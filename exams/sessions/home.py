"""The learner's sessions on the home page: a panel with time, place and what to bring, and a
to-do from check-in until the paper is handed in (registered in exams/wagtail_hooks.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from exams.sessions.models import NoticeKind
from exams.sessions.selectors import cancelled_candidacies, unread_notices, upcoming_candidacies
from exams.sessions.services import cancelled_message
from lms.home import NavLink, Panel, TodoItem, per_request
from lms.permissions import can_learn, can_proctor


def _upcoming(request):
    return per_request(request, "exam_sessions", lambda: upcoming_candidacies(user=request.user))


def _cancelled(request):
    return per_request(
        request, "exam_sessions_cancelled", lambda: cancelled_candidacies(user=request.user)
    )


def session_panel(request):
    if not can_learn(request.user):
        return None
    candidacies = _upcoming(request)
    cancelled = _cancelled(request)
    if not candidacies and not cancelled:
        return None
    return Panel(
        template="exams/sessions/_home_panel.html",
        context={"candidacies": candidacies, "cancelled": cancelled, "now": timezone.now()},
        order=15,
    )


def session_todos(request) -> list[TodoItem]:
    if not can_learn(request.user):
        return []
    items = [
        TodoItem(
            title=_("Exam session cancelled: %(title)s") % {"title": candidate.session.title},
            detail=cancelled_message(candidate.session),
            url=reverse("exams:sessions:room", args=[candidate.session_id]),
            action=_("Details"),
            order=10,
        )
        for candidate in _cancelled(request)
    ]
    for notice in unread_notices(user=request.user):
        session = notice.candidate.session
        title = {
            NoticeKind.ENROLLED: _("Enrolled in an exam session: %(title)s"),
            NoticeKind.MOVED: _("Exam session moved: %(title)s"),
            NoticeKind.REMINDER: _("Exam session within 24 hours: %(title)s"),
        }[notice.kind] % {"title": session.title}
        items.append(
            TodoItem(
                title=title,
                detail=notice.text,
                url=reverse("exams:sessions:room", args=[session.pk]),
                action=_("Details"),
                due=session.starts_at,
                order=10,
            )
        )
    now = timezone.now()
    for candidate in _upcoming(request):
        session = candidate.session
        if now < session.check_in_at or candidate.absent_at is not None:
            continue
        if now > session.late_cutoff_at and candidate.attempt_id is None:
            continue
        items.append(
            TodoItem(
                title=_("Exam session: %(title)s") % {"title": session.title},
                detail=session.place,
                url=reverse("exams:sessions:room", args=[session.pk]),
                action=_("Enter the waiting room")
                if candidate.attempt_id is None
                else _("Continue the exam"),
                due=session.ends_at,
                order=10,
            )
        )
    return items


def session_nav(request):
    if can_proctor(request.user):
        return [NavLink(_("Exam sessions"), reverse("exams:sessions:list"), order=41)]
    return []
