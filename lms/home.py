"""What the role-aware home page and the navigation are made of: panels, links and to-dos.
Apps contribute them through the ``lms_home_panels``, ``lms_nav_items``, ``lms_person_links``
and ``lms_todos`` hooks (see lms/hooks.py), so lms does not import the apps built on top of
it. Things waiting on the user are shown together, first, in one 待办 panel."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from lms import hooks


@dataclass
class Panel:
    template: str
    context: dict
    order: int = 50


@dataclass
class NavLink:
    label: str
    url: str
    order: int = 50


@dataclass
class TodoItem:
    """Something waiting on the signed-in person, for the 待办 panel at the top of their home.
    ``due`` is when it must be done by (a date or an aware datetime), if there is a limit."""

    title: str
    url: str
    action: str
    detail: str = ""
    due: datetime.date | datetime.datetime | None = None
    order: int = 50

    def sort_key(self) -> tuple:
        """Nearest due day first, items without one after them; then by order."""
        due = self.due
        if isinstance(due, datetime.datetime):
            due = timezone.localtime(due).date()
        return (due is None, due or datetime.date.max, self.order)


def days_left(due: datetime.date | datetime.datetime, *, today: datetime.date | None = None):
    """Whole calendar days from today to the due day (0 = due today, negative = overdue)."""
    if isinstance(due, datetime.datetime):
        due = timezone.localtime(due).date()
    return (due - (today or timezone.localdate())).days


def per_request(request, key: str, compute: Callable[[], object]):
    """Compute once per request what a panel and a to-do both need (exam status, outline)."""
    cache = request.__dict__.setdefault("_home_cache", {})
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def todo_panel(request) -> Panel | None:
    """The 待办 panel: every app's to-dos in one list, first on the page."""
    items = hooks.todos(request)
    if not items:
        return None
    rows = [
        {"item": item, "days_left": None if item.due is None else days_left(item.due)}
        for item in items
    ]
    return Panel("lms/panels/todo.html", {"rows": rows}, order=0)
