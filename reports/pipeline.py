"""Overlap reading rows from the database with writing them to the workbook.

The database read stays in the calling thread (Django connections belong to their thread,
and tests run inside one transaction); the writer runs in a worker thread and takes batches
of rows from a small bounded queue. While the caller waits on the database socket (the GIL
is released), the writer keeps going, so the report costs little more than the writing.
Memory stays flat: at most ``DEPTH`` batches are in flight.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
BATCH = 500
DEPTH = 8
_END = object()


def run_pipelined(
    rows: Iterable[tuple],
    consume: Callable[[Iterator[tuple]], T],
    *,
    progress: Callable[[int], None] | None = None,
    every: int = 1000,
) -> T:
    """Return ``consume(rows)``, run in a worker thread while this thread produces ``rows``.
    ``progress(n)`` is called from this thread about every ``every`` rows the writer has
    finished (so it may touch the database)."""
    batches: queue.Queue = queue.Queue(maxsize=DEPTH)
    done = [0]
    outcome: dict = {}
    ended = threading.Event()

    def feed() -> Iterator[tuple]:
        while (batch := batches.get()) is not _END:
            yield from batch
            done[0] += len(batch)
        ended.set()

    def work() -> None:
        try:
            outcome["value"] = consume(feed())
        except BaseException as exc:  # handed to the calling thread below
            outcome["error"] = exc
            while not ended.is_set():  # drain, so the producer never blocks on a full queue
                if batches.get() is _END:
                    ended.set()

    worker = threading.Thread(target=work, name="report-writer", daemon=True)
    worker.start()
    reported = 0
    try:
        batch: list[tuple] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                batches.put(batch)
                batch = []
                if "error" in outcome:
                    break
                if progress is not None and done[0] - reported >= every:
                    reported = done[0]
                    progress(reported)
        if batch and "error" not in outcome:
            batches.put(batch)
    finally:
        batches.put(_END)
        worker.join()
        # A reader left half-way (the writer failed) must let go of its database cursor
        # before anything else uses the connection.
        close = getattr(rows, "close", None)
        if close is not None:
            close()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
