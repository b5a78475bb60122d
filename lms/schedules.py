"""The one way django-q2 schedules are created: each app declares ``ScheduleSpec``s through the
``lms_schedules`` hook (in its ``wagtail_hooks.py``) and ``registered_schedules_ensure`` creates them, once
per name, after every migrate and from seed_demo.

A spec runs either every N minutes or daily at a local wall-clock time. Ensuring is idempotent:
a schedule that exists keeps its next run, but its func and timing are brought in line with the
spec, so renaming a task or changing an interval reaches databases created earlier.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.module_loading import import_string
from django_q.models import Schedule

from lms import hooks


@dataclass(frozen=True)
class ScheduleSpec:
    """A named django-q2 schedule: ``func`` (dotted path) every ``minutes``, or daily at
    ``daily_at`` (local time, Asia/Shanghai in production)."""

    name: str
    func: str
    minutes: int | None = None
    daily_at: datetime.time | None = None

    def __post_init__(self) -> None:
        if (self.minutes is None) == (self.daily_at is None):
            raise ValueError(f"schedule {self.name!r}: give exactly one of minutes or daily_at")
        if self.minutes is not None and self.minutes < 1:
            raise ValueError(f"schedule {self.name!r}: minutes must be at least 1")

    def func_callable(self):
        """The task itself; raises ImportError/AttributeError on a typo in ``func``."""
        return import_string(self.func)

    def first_run(self) -> datetime.datetime:
        if self.daily_at is None:
            return timezone.now()
        today = timezone.localdate()
        at = timezone.make_aware(datetime.datetime.combine(today, self.daily_at))
        # Tomorrow when today's time has passed (or is now): a daily job never fires on migrate.
        if at <= timezone.now():
            at = timezone.make_aware(
                datetime.datetime.combine(today + datetime.timedelta(days=1), self.daily_at)
            )
        return at


def one_schedule_ensure(spec: ScheduleSpec) -> bool:
    """Create the schedule unless one of that name exists (then align func and timing).
    Returns whether it was created."""
    timing = (
        {"schedule_type": Schedule.MINUTES, "minutes": spec.minutes}
        if spec.minutes is not None
        else {"schedule_type": Schedule.DAILY, "minutes": None}
    )
    existing = Schedule.objects.filter(name=spec.name).order_by("pk").first()
    if existing is None:
        Schedule.objects.create(
            name=spec.name, func=spec.func, next_run=spec.first_run(), repeats=-1, **timing
        )
        return True
    wanted = {"func": spec.func, "repeats": -1, **timing}
    changed = {key: value for key, value in wanted.items() if getattr(existing, key) != value}
    if changed:
        if "schedule_type" in changed:
            changed["next_run"] = spec.first_run()
        Schedule.objects.filter(pk=existing.pk).update(**changed)
    return False


def schedule_specs() -> list[ScheduleSpec]:
    """Every spec the apps declare through the ``lms_schedules`` hook."""
    return hooks.schedules()


def registered_schedules_ensure() -> list[str]:
    """Ensure every declared schedule. Returns the names of those created now."""
    return [spec.name for spec in schedule_specs() if one_schedule_ensure(spec)]
