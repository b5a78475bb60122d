"""What training adds to the home page, the navigation, a person's record and the 待办 panel
(registered in training/wagtail_hooks.py)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.home import NavLink, Panel, TodoItem, per_request
from lms.models import IN_SERVICE_STATUSES, Auxiliary, Role
from lms.permissions import (
    can_follow_people,
    can_learn,
    can_manage_people,
    can_view_people,
    scope_for,
    scope_queryset,
)
from training import selectors
from training.hours import fmt_hours, is_behind
from training.models import OutsideStatus, OutsideTraining


def _auxiliary(request):
    user = request.user
    if not user.is_authenticated or not can_learn(user):
        return None
    auxiliary = getattr(user, "auxiliary", None)
    if auxiliary is None or auxiliary.status not in IN_SERVICE_STATUSES:
        return None  # in-service training starts once the person is taken into service
    return auxiliary


def _mine(request):
    def compute():
        auxiliary = _auxiliary(request)
        if auxiliary is None:
            return None
        year = timezone.localdate().year
        return {
            "year": year,
            "now": selectors.person_standing(auxiliary, year),
            "due": selectors.due_courses(auxiliary),
        }

    return per_request(request, "training_mine", compute)


def hours_panel(request) -> Panel | None:
    """「本年度学时 12 / 24」 and what is due next, for a learner in service."""
    mine = _mine(request)
    if mine is None:
        return None
    return Panel("training/panels/hours.html", mine, order=12)


def staff_panel(request) -> Panel | None:
    user = request.user
    if not user.is_authenticated or not can_follow_people(user):
        return None
    return Panel(
        "training/panels/staff.html",
        {"may_manage": can_manage_people(user), "may_view": can_view_people(user)},
        order=40,
    )


def _behind_in_scope(request) -> list[selectors.PersonYear]:
    """An agency admin's people behind on the year's hours (scoped through lms.permissions)."""

    def compute():
        people = scope_queryset(request.user, Auxiliary.objects.all())
        return selectors.behind(people, timezone.localdate())

    return per_request(request, "training_behind", compute)


def _hours_line(standing) -> str:
    return _("%(done)s / %(required)s hours") % {
        "done": fmt_hours(standing.done),
        "required": fmt_hours(standing.required),
    }


def hours_todos(request) -> list[TodoItem]:
    """People behind on the year's hours see it in their 待办, and so do their agency's admins
    (training.hours.is_behind: below a steady pace through the year, or short in December)."""
    today = timezone.localdate()
    year_end = datetime.date(today.year, 12, 31)
    items = []
    mine = _mine(request)
    if mine is not None and is_behind(mine["now"].standing, today):
        standing = mine["now"].standing
        items.append(
            TodoItem(
                title=_("Training hours this year: %(line)s") % {"line": _hours_line(standing)},
                detail=_("%(n)s hours still to do this year.") % {"n": fmt_hours(standing.missing)},
                url=reverse("training:mine"),
                action=_("See my hours"),
                due=year_end,
                order=31,
            )
        )
    user = request.user
    if user.is_authenticated and scope_for(user).role == Role.AGENCY_ADMIN:
        rows = _behind_in_scope(request)
        if rows:
            shown = "；".join(
                f"{row.auxiliary.name} {_hours_line(row.standing)}" for row in rows[:3]
            )
            items.append(
                TodoItem(
                    title=ngettext(
                        "%(n)d person is behind on this year's training hours",
                        "%(n)d people are behind on this year's training hours",
                        len(rows),
                    )
                    % {"n": len(rows)},
                    detail=shown + ("…" if len(rows) > 3 else ""),
                    url=reverse("training:people"),
                    action=_("See the hours"),
                    due=year_end,
                    order=46,
                )
            )
    return items


def training_todos(request) -> list[TodoItem]:
    items = hours_todos(request)
    mine = _mine(request)
    if mine is not None:
        for due in mine["due"][:3]:
            items.append(
                TodoItem(
                    title=_("Training: %(title)s") % {"title": due.course.title},
                    detail=_("Assigned in %(plan)s.") % {"plan": due.plan.title},
                    url=due.course.url,
                    action=_("Open the course"),
                    due=due.plan.due_date,
                    order=30,
                )
            )
    user = request.user
    if user.is_authenticated and can_manage_people(user):
        pending = scope_queryset(
            user, OutsideTraining.objects.filter(status=OutsideStatus.PENDING),
            auxiliary_path="auxiliary__",
        ).count()  # fmt: skip
        if pending:
            items.append(
                TodoItem(
                    title=ngettext(
                        "%(n)d outside training record awaits approval",
                        "%(n)d outside training records await approval",
                        pending,
                    )
                    % {"n": pending},
                    url=reverse("training:outside"),
                    action=_("Review"),
                    order=45,
                )
            )
    return items


def training_nav(request) -> list[NavLink]:
    user = request.user
    if can_learn(user):
        return [NavLink(_("Training hours"), reverse("training:mine"), 25)]
    if can_follow_people(user):
        return [NavLink(_("Training"), reverse("training:people"), 25)]
    return []


def training_person_link(request, auxiliary) -> NavLink | None:
    if not can_follow_people(request.user):
        return None
    return NavLink(_("Training record"), reverse("training:person", args=[auxiliary.pk]), 35)


def course_hours_note(user, course) -> str | None:
    """On a course's quiz card and quiz result (``course_hours_notes``): the hours it wrote."""
    entry = selectors.course_hours_entry(user=user, course=course)
    if entry is None:
        return None
    return _("%(hours)s hours were added to your training record on %(date)s.") % {
        "hours": fmt_hours(entry.hours),
        "date": date_format(entry.date, "DATE_FORMAT"),
    }
