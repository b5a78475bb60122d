"""The rule for "I have read this lesson", counted on the server's clock.

A learner may confirm a lesson when both hold:

- **time**: they have spent at least ``COURSES_READING_FRACTION`` (default 50 %) of the lesson's
  stated minutes on it. With JavaScript the lesson page sends small heartbeats while it is
  visible; the server credits the time between two heartbeats, capped at the heartbeat interval
  (``COURSES_HEARTBEAT_SECONDS``), so a tab left in the background, a sleeping phone or a burst
  of fake heartbeats never counts more than real time on screen. A page that never sent a
  heartbeat (no JavaScript) falls back to the server's time since the lesson was first opened;
- **end**: the end of the lesson was on screen (reported by a marker after the last block).
  Without JavaScript the confirm button, which sits below that marker, stands for it.

A lesson with uploaded videos also wants them watched (``courses.video``, the same counting).

Lessons confirmed before this rule keep their confirmation: the rule guards the button only.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from courses.video import WatchingStatus

DEFAULT_FRACTION = 0.5
DEFAULT_HEARTBEAT_SECONDS = 15


def reading_fraction() -> float:
    """Share of a lesson's stated minutes a learner must spend on it (0–1)."""
    value = float(getattr(settings, "COURSES_READING_FRACTION", DEFAULT_FRACTION))
    return min(max(value, 0.0), 1.0)


def heartbeat_seconds() -> int:
    return max(1, int(getattr(settings, "COURSES_HEARTBEAT_SECONDS", DEFAULT_HEARTBEAT_SECONDS)))


def required_seconds(estimated_minutes: int) -> int:
    return round((estimated_minutes or 0) * 60 * reading_fraction())


def minutes_up(seconds: float) -> int:
    """Minutes shown to people: rounded up, so "about 1 minute left" is never 0."""
    return math.ceil(max(seconds, 0) / 60)


@dataclass(frozen=True)
class ReadingStatus:
    stated_minutes: int
    required_seconds: int
    read_seconds: int
    end_seen: bool
    tracked_by_page: bool
    opened: bool
    # The lesson's uploaded videos (``courses.video``); None for a lesson without one.
    watching: WatchingStatus | None = None

    @property
    def remaining_seconds(self) -> int:
        return max(self.required_seconds - self.read_seconds, 0)

    @property
    def time_met(self) -> bool:
        return self.remaining_seconds == 0

    @property
    def may_complete(self) -> bool:
        return self.time_met and self.end_seen and self.watching_met

    @property
    def watching_met(self) -> bool:
        return self.watching is None or self.watching.met

    @property
    def remaining_minutes(self) -> int:
        return minutes_up(self.remaining_seconds)

    @property
    def required_minutes(self) -> int:
        return minutes_up(self.required_seconds)

    @property
    def read_minutes(self) -> int:
        """Rounded down: nobody is told more was read than was. The wall-clock fallback says
        only that the minimum has passed, not that a page left open for days was read."""
        if self.tracked_by_page:
            return self.read_seconds // 60
        return min(self.read_seconds, self.required_seconds) // 60

    @property
    def percent(self) -> int:
        return round(100 * reading_fraction())

    def as_json(self) -> dict:
        return {
            "required_seconds": self.required_seconds,
            "read_seconds": self.read_seconds,
            "remaining_seconds": self.remaining_seconds,
            "remaining_minutes": self.remaining_minutes,
            "end_seen": self.end_seen,
            "may_complete": self.may_complete,
            "watching": self.watching.as_json() if self.watching else None,
        }


def reading_status(
    *,
    estimated_minutes: int,
    reading,
    now: datetime.datetime,
    at_end: bool = False,
    watching: WatchingStatus | None = None,
) -> ReadingStatus:
    """Where a learner stands on one lesson. ``reading`` is their LessonReading or None;
    ``at_end`` says the request itself comes from the end of the lesson (its confirm button);
    ``watching`` is where they stand on its videos, if it has any."""
    required = required_seconds(estimated_minutes)
    if reading is None:
        return ReadingStatus(estimated_minutes, required, 0, False, False, False, watching)
    if reading.tracked_by_page:
        read = reading.seconds_read
        end_seen = reading.end_seen_at is not None or at_end
    else:
        read = max(int((now - reading.opened_at).total_seconds()), 0)
        end_seen = True  # the form is below the end marker: pressing it is reaching the end
    return ReadingStatus(
        estimated_minutes, required, read, end_seen, reading.tracked_by_page, True, watching
    )
