"""The exam benchmark's split of the autosaves at the first hand-in: the figure that says
whether the autosave's tail comes from the hand-ins, which the floor's run does not have."""

from __future__ import annotations

from bench.exam import Stats


def _stats(rows: list[tuple[str, float, float]]) -> Stats:
    """(kind, sent at, latency) → Stats, as _request records them (at completion)."""
    stats = Stats()
    for kind, sent, took in rows:
        stats.latencies.setdefault(kind, []).append(took)
        stats.finished.setdefault(kind, []).append(sent + took)
    return stats


def test_autosaves_are_split_by_when_they_were_sent_not_when_they_finished():
    stats = _stats(
        [
            ("autosave", 0.0, 0.01),
            ("autosave", 9.0, 2.0),  # sent before the hand-in, finished long after it
            ("submit", 10.0, 0.05),
            ("autosave", 10.0, 0.5),  # sent the instant the first hand-in was
            ("submit", 11.0, 0.05),
            ("autosave", 12.0, 0.3),
        ]
    )
    before, after = stats.split_at_first("autosave", "submit")
    assert before == [0.01, 2.0]
    assert after == [0.5, 0.3]


def test_without_hand_ins_every_autosave_is_before():
    stats = _stats([("autosave", 0.0, 0.01), ("autosave", 1.0, 0.02)])
    assert stats.split_at_first("autosave", "submit") == ([0.01, 0.02], [])


def test_the_trace_gives_send_times_from_the_first_autosave_and_latencies():
    stats = _stats([("autosave", 5.0, 0.5), ("autosave", 6.0, 0.01), ("submit", 8.0, 0.02)])
    assert stats.trace(("autosave", "submit"), since="autosave") == {
        "autosave": [[0.0, 0.5], [1.0, 0.01]],
        "submit": [[3.0, 0.02]],
        # The first autosave's send time on the monotonic clock, to line up with /proc samples.
        "autosave_started_monotonic": 5.0,
    }
