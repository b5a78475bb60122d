"""Measuring helpers shared by the benchmarks: peak memory per phase, CPU of processes."""

from __future__ import annotations

import os
import resource
import time
from dataclasses import dataclass


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


def cpu_seconds(pids) -> float:
    """User + system CPU of these processes, from /proc (a process that has gone counts 0)."""
    return sum(cpu_by_process(pids).values())


def cpu_by_process(pids) -> dict[int, float]:
    """Each live process's user + system CPU seconds so far, from /proc."""
    return {pid: own for pid, (own, _reaped) in _cpu_and_reaped(pids).items()}


def _cpu_and_reaped(pids) -> dict[int, tuple[float, float]]:
    """Each live process's own user + system CPU seconds, and those of its children that
    ended and that it reaped (cutime + cstime in /proc/PID/stat)."""
    tick = os.sysconf("SC_CLK_TCK")
    seconds = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seconds[pid] = (
            (int(fields[11]) + int(fields[12])) / tick,
            (int(fields[13]) + int(fields[14])) / tick,
        )
    return seconds


def cpu_since(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU spent between two cpu_by_process readings by the processes alive at the second
    (one started in between counts whole; one that ended in between is not seen)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


@dataclass(frozen=True)
class ProcessFamilyCpu:
    """A reading of a set of processes that start and end (PostgreSQL's backends: a web
    worker's connection is closed after CONN_MAX_AGE and a new backend serves the next
    request): each live one's CPU, and what their parents have reaped of ended children."""

    live: dict[int, float]
    reaped: float

    @classmethod
    def take(cls, pids) -> ProcessFamilyCpu:
        readings = _cpu_and_reaped(pids)
        return cls(
            {pid: own for pid, (own, _reaped) in readings.items()},
            sum(reaped for _own, reaped in readings.values()),
        )

    def spent_until(self, later: ProcessFamilyCpu) -> float:
        """CPU spent between the two readings by every process of the family: the live ones'
        growth, plus the whole lives of the ones reaped in between, less what those had
        spent before this reading (a process that started and ended in between counts
        whole)."""
        ended_before = sum(seconds for pid, seconds in self.live.items() if pid not in later.live)
        return cpu_since(self.live, later.live) + (later.reaped - self.reaped) - ended_before


def pids_named(name: str) -> list[int]:
    """Every process whose command name is ``name`` (for example PostgreSQL's backends, when
    the database runs on this machine)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/comm") as handle:
                if handle.read().strip() == name:
                    found.append(int(entry))
        except OSError:
            continue
    return found


@dataclass(frozen=True)
class CpuSpent:
    """CPU seconds spent between two readings by the server, PostgreSQL and this process."""

    server: float
    database: float
    load_generator: float


@dataclass(frozen=True)
class CpuReading:
    """CPU so far of the server's processes, of each PostgreSQL process on this machine (none
    when the database is elsewhere) and of this process (the load generator)."""

    server: float
    database: ProcessFamilyCpu
    load_generator: float

    @classmethod
    def take(cls, server_pids) -> CpuReading:
        return cls(
            cpu_seconds(server_pids),
            ProcessFamilyCpu.take(pids_named("postgres")),
            time.process_time(),
        )

    def spent_until(self, later: CpuReading) -> CpuSpent:
        return CpuSpent(
            later.server - self.server,
            self.database.spent_until(later.database),
            later.load_generator - self.load_generator,
        )
