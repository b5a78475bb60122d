"""Demo-data steps and logins. Each app declares its steps through the ``lms_seed_steps`` hook
and its logins through ``lms_demo_logins`` (in its wagtail_hooks.py); ``seed_demo`` runs the
steps in order and prints, in Chinese, what it does and every login it leaves behind, whichever
app created it. Every step must be idempotent: running it twice changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SeedStep:
    """``name`` identifies the step (seed_course picks steps by name); ``label`` is what
    seed_demo prints (Chinese); ``run(stdout=None)`` does the work."""

    order: int
    name: str
    label: str
    run: Callable[..., None]


@dataclass(frozen=True)
class DemoLogin:
    """A login a seed step creates with the demo password. Declared up front (not when the
    account is created) so that a second, no-op run still lists it."""

    username: str
    note: str  # what this login is for in the demo, in Chinese
    order: int
