"""Measuring helpers shared by the benchmarks: peak memory per phase."""

from __future__ import annotations

import resource


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
