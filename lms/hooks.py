"""The extension points between apps: named Wagtail hooks, and one helper per hook to read them.

A lower app never imports a higher one (lms ← courses ← exams ← credentials ← assessments ←
reports). Instead each app registers functions in its own ``<app>/wagtail_hooks.py``, either
its modules' functions (``hooks.register("lms_nav_items", home.nav_links)``) or small
declarations (``@hooks.register("lms_schedules")``), and the lower app asks the helpers
below. So everything an app adds to the others is in that one file.

| hook name | each function is called | and returns |
| --- | --- | --- |
| `lms_home_panels` | `fn(request)` | a `lms.home.Panel` or None; the home page shows them by `Panel.order` |
| `lms_nav_items` | `fn(request)` | a list of `lms.home.NavLink` for the main navigation (signed-in users only), by order |
| `lms_person_links` | `fn(request, auxiliary)` | a `NavLink` or None: links on a person's record page (credential, reading …), by order |
| `lms_todos` | `fn(request)` | a list of `lms.home.TodoItem`, shown together in the 待办 panel, nearest deadline first |
| `lms_seed_steps` | `fn()` | a list of `lms.seeding.SeedStep`; seed_demo runs them by order; each is idempotent |
| `lms_demo_logins` | `fn()` | a list of `lms.seeding.DemoLogin`, the logins seed_demo prints at the end |
| `lms_schedules` | `fn()` | a list of `lms.schedules.ScheduleSpec`, created after migrate and by seed_demo |
| `lms_editor_permissions` | `fn()` | `{app_label: [codename, …]}` granted to Wagtail's "Editors" group (provincial admins) after migrate and by seed_demo |
| `courses_coverage_sources` | `fn()` | `{column name: source}`; `source()` maps (article, item) → labels of what cites it, a column of `legal_coverage` |
| `exam_pass_outcome` | `fn(request, attempt)` | HTML or None: what followed a pass, on the exam result page (read by `exams/templatetags/exam_outcome.py`) |
| `lms_course_sections` | `fn(request, course)` | a `lms.home.Panel` or None: a card on a course page under its head (a course quiz …), by order |
| `course_hours_holds` | `fn(user, course)` | a reason (str) or None: why the course's in-service hours do not count yet for this learner (the quiz is not passed) |
| `course_hours_notes` | `fn(user, course)` | a line (str) or None: what became of the course's hours for this learner (landed, or waiting on the quiz) |

``order`` values are small ints (0 first); equal orders keep the apps' INSTALLED_APPS order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from wagtail import hooks as wagtail_hooks

if TYPE_CHECKING:
    from lms.home import NavLink, Panel, TodoItem
    from lms.schedules import ScheduleSpec
    from lms.seeding import DemoLogin, SeedStep

HOME_PANELS = "lms_home_panels"
NAV_ITEMS = "lms_nav_items"
PERSON_LINKS = "lms_person_links"
TODOS = "lms_todos"
SEED_STEPS = "lms_seed_steps"
DEMO_LOGINS = "lms_demo_logins"
SCHEDULES = "lms_schedules"
EDITOR_PERMISSIONS = "lms_editor_permissions"
COVERAGE_SOURCES = "courses_coverage_sources"
COURSE_SECTIONS = "lms_course_sections"
COURSE_HOURS_HOLDS = "course_hours_holds"
COURSE_HOURS_NOTES = "course_hours_notes"


def _signed_in(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)


def _each(name: str, *args) -> list:
    """Every non-empty answer of the hook's functions, in registration order."""
    return [answer for fn in wagtail_hooks.get_hooks(name) if (answer := fn(*args))]


def _flat(name: str, *args) -> list:
    return [item for answer in _each(name, *args) for item in answer]


def home_panels(request) -> list[Panel]:
    return sorted(_each(HOME_PANELS, request), key=lambda panel: panel.order)


def nav_items(request) -> list[NavLink]:
    if not _signed_in(request):
        return []
    return sorted(_flat(NAV_ITEMS, request), key=lambda link: link.order)


def person_links(request, auxiliary) -> list[NavLink]:
    return sorted(_each(PERSON_LINKS, request, auxiliary), key=lambda link: link.order)


def todos(request) -> list[TodoItem]:
    """Nearest deadline first; items without one after them, by order."""
    if not _signed_in(request):
        return []
    return sorted(_flat(TODOS, request), key=lambda item: item.sort_key())


def seed_steps() -> list[SeedStep]:
    """By order; a name registered twice runs once (the first registration wins)."""
    steps: dict[str, SeedStep] = {}
    for step in _flat(SEED_STEPS):
        steps.setdefault(step.name, step)
    return sorted(steps.values(), key=lambda step: step.order)


def demo_logins() -> list[DemoLogin]:
    logins = {login.username: login for login in _flat(DEMO_LOGINS)}
    return sorted(logins.values(), key=lambda login: (login.order, login.username))


def schedules() -> list[ScheduleSpec]:
    return _flat(SCHEDULES)


def editor_permissions() -> dict[str, list[str]]:
    granted: dict[str, list[str]] = {}
    for answer in _each(EDITOR_PERMISSIONS):
        for app_label, codenames in answer.items():
            granted.setdefault(app_label, []).extend(codenames)
    return granted


def coverage_sources() -> dict[str, Callable[[], dict]]:
    """Later registrations replace earlier ones of the same name (tests swap the bank)."""
    sources: dict[str, Callable[[], dict]] = {}
    for answer in _each(COVERAGE_SOURCES):
        sources.update(answer)
    return sources


def course_sections(request, course) -> list[Panel]:
    return sorted(_each(COURSE_SECTIONS, request, course), key=lambda panel: panel.order)


def course_hours_holds(user, course) -> list[str]:
    """Why the course's hours do not count yet for ``user``; empty: they count."""
    return [str(reason) for reason in _each(COURSE_HOURS_HOLDS, user, course)]


def course_hours_notes(user, course) -> list[str]:
    return [str(note) for note in _each(COURSE_HOURS_NOTES, user, course)]
