"""`python -m tests.faults.run_qcluster`: the qcluster command, optionally with a renewal
build that pauses for FAULT_SLOW_BUILD seconds after it has started (so that the test can kill
the cluster while the report is running)."""

from __future__ import annotations

import os
import time

import django


def main() -> None:
    django.setup()
    delay = float(os.environ.get("FAULT_SLOW_BUILD", "0"))
    if delay:
        from reports import builders

        original = builders.build_renewal

        def slow_build(**kwargs):
            time.sleep(delay)
            return original(**kwargs)

        builders.build_renewal = slow_build  # inherited by the forked workers
    from django.core.management import call_command

    call_command("qcluster")


if __name__ == "__main__":
    main()
