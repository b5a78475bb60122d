"""Demo-data steps. Each app registers its own step in AppConfig.ready(); ``seed_demo`` runs
them in order. Every step must be idempotent: running it twice changes nothing."""

from __future__ import annotations

from collections.abc import Callable

SeedStep = Callable[..., None]
_steps: list[tuple[int, str, SeedStep]] = []


def register_seed_step(order: int, name: str):
    def decorator(func: SeedStep) -> SeedStep:
        if all(existing != name for _o, existing, _f in _steps):
            _steps.append((order, name, func))
        return func

    return decorator


def seed_steps() -> list[tuple[int, str, SeedStep]]:
    return sorted(_steps, key=lambda step: step[0])
