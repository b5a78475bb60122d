"""Benchmarks that live in the product: `python manage.py bench <name> [--json]`.

Each app registers its benchmarks in AppConfig.ready() with ``register_bench``. A benchmark
returns a dict of measured figures; the command prints them (or JSON with --json).
"""

from __future__ import annotations

import resource
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Benchmark:
    name: str
    help: str
    add_arguments: Callable  # (parser) -> None
    run: Callable  # (options: dict, stdout) -> dict


_benchmarks: dict[str, Benchmark] = {}


def register_bench(name: str, *, help: str, add_arguments: Callable, run: Callable) -> None:
    _benchmarks[name] = Benchmark(name, help, add_arguments, run)


def benchmarks() -> dict[str, Benchmark]:
    return dict(sorted(_benchmarks.items()))


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
