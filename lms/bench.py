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
    """Peak resident set size of this process, in MB: since the last reset of the peak
    (reset_peak_rss) where Linux's VmHWM is available. getrusage's maxrss is
    no substitute there: it also keeps the peak recorded whenever a thread exits, so a phase
    after a bigger one could report the bigger one's peak."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reset_peak_rss() -> bool:
    """Reset this process's peak RSS (Linux ≥ 4.0), so each phase reports its own peak."""
    try:
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")
    except OSError:
        return False
    return True
