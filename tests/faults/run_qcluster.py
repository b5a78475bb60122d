"""`python -m tests.faults.run_qcluster`: the qcluster command, optionally with a renewal
build that pauses for FAULT_SLOW_BUILD seconds after it has started, or a card batch that
pauses FAULT_SLOW_CARDS seconds before each card (so that the test can kill the cluster while
the job is running)."""

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
    card_delay = float(os.environ.get("FAULT_SLOW_CARDS", "0"))
    if card_delay:
        from credentials import rendering

        original_card = rendering.card_data

        def slow_card(credential):
            time.sleep(card_delay)
            return original_card(credential)

        rendering.card_data = slow_card
    from django.core.management import call_command

    call_command("qcluster")


if __name__ == "__main__":
    main()
