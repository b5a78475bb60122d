"""The learner's exam panel and to-do on the home page and the navigation entries of exams
(registered in exams/wagtail_hooks.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from exams.essays import queue_count
from exams.papers import exam_status_with_paper
from exams.selectors import offers_start, quiz_status, quizzes_waiting
from lms import hooks
from lms.home import NavLink, Panel, TodoItem, per_request
from lms.permissions import can_follow_people, can_grade_exams, can_learn


def exam_panel(request):
    if not can_learn(request.user):
        return None
    status = _status(request)
    if status["exam"] is None or status["state"] == "on_duty":
        return None
    return Panel(template="exams/_home_panel.html", context=status, order=20)


def _status(request) -> dict:
    return per_request(request, "exam_status", lambda: exam_status_with_paper(user=request.user))


def exam_todos(request) -> list[TodoItem]:
    """The exam once it may be taken (or continued): the credential waits on it (Art. 20)."""
    if not can_learn(request.user):
        return []
    status = _status(request)
    exam = status["exam"]
    if status["state"] == "in_progress":
        return [
            TodoItem(
                title=_("Finish the exam: %(title)s") % {"title": exam.title},
                url=reverse("exams:attempt", args=[status["attempt"].pk]),
                action=_("Continue the exam"),
                due=status["attempt"].deadline,
                order=20,
            )
        ]
    if offers_start(status):
        return [
            TodoItem(
                title=_("Take the exam: %(title)s") % {"title": exam.title},
                detail=_("Pass it to receive your work credential (Art. 20)."),
                url=reverse("exams:overview"),
                action=_("Go to the exam"),
                order=20,
            )
        ]
    return []


def exam_nav(request):
    if can_learn(request.user):
        return [NavLink(_("Exam"), reverse("exams:overview"), order=30)]
    if can_follow_people(request.user):
        return [NavLink(_("Exam attempts"), reverse("exams:staff_attempts"), order=40)]
    return []


def grading_todos(request) -> list[TodoItem]:
    """Essays waiting for this grader's mark: the attempts stay 待阅卷, and the credential waits,
    until someone marks them."""
    if not can_grade_exams(request.user):
        return []
    waiting = queue_count(user=request.user)
    if not waiting:
        return []
    return [
        TodoItem(
            title=ngettext(
                "%(n)s essay answer is waiting for your mark",
                "%(n)s essay answers are waiting for your mark",
                waiting,
            )
            % {"n": waiting},
            detail=_("The candidates' results and credentials wait on the marks."),
            url=reverse("exams:grading"),
            action=_("Open the grading queue"),
            order=25,
        )
    ]


def quiz_section(request, course) -> Panel | None:
    """The course quiz's card on its course page, for learners (``lms_course_sections``)."""
    if not can_learn(request.user):
        return None
    status = quiz_status(user=request.user, course=course)
    if status is None:
        return None
    status["hours_notes"] = hooks.course_hours_notes(request.user, course)
    return Panel(template="exams/_quiz_card.html", context=status, order=10)


def quiz_todos(request) -> list[TodoItem]:
    """A read course whose hours wait on its quiz: the learner's next step is the quiz."""
    if not can_learn(request.user):
        return []
    items = []
    for status in quizzes_waiting(user=request.user):
        quiz, course = status["exam"], status["course"]
        if hooks.course_hours_notes(request.user, course):
            continue  # the hours are in already (written before the quiz held them back)
        if status["state"] == "in_progress":
            url, action = (
                reverse("exams:attempt", args=[status["attempt"].pk]),
                _("Continue the quiz"),
            )
        else:
            url, action = course.url or reverse("home"), _("Go to the quiz")
        items.append(
            TodoItem(
                title=_("Take the quiz: %(title)s") % {"title": quiz.title},
                detail=_("Hours count after you pass the quiz"),
                url=url,
                action=action,
                order=29,
            )
        )
    return items
