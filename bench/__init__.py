"""Load and speed benchmarks behind `python manage.py bench <name> [--json]`.

Not part of the product: the app is installed only in development (DEBUG) and test settings,
and the exam benchmark's server runs with `bench.settings`, which adds the floor endpoint.
Each benchmark module offers HELP, add_arguments(parser) and run(options, stdout) -> figures.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

# Command name → module; the command lists them in this order.
BENCHMARKS = {
    "exam": "bench.exam",
    "report": "bench.report",
    "roster-import": "bench.roster",
}


def benchmark(name: str) -> ModuleType:
    return import_module(BENCHMARKS[name])
