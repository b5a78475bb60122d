"""The benchmarks' CPU readings count processes that end between two readings: PostgreSQL's
backends come and go while a run is measured (a web worker reconnects after CONN_MAX_AGE)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from bench import measure

# A parent that starts one child when told, and reaps it. The child burns CPU, tells the
# parent it has (that part is what came before the first reading), waits, burns again, ends.
_FAMILY = textwrap.dedent(
    """
    import subprocess, sys, time
    child = subprocess.Popen([sys.executable, "-c", '''
    import sys, time
    def burn(seconds):
        end = time.process_time() + seconds
        while time.process_time() < end:
            pass
    burn(0.3)
    print("burnt", flush=True)
    sys.stdin.readline()
    burn(0.4)
    '''], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    child.stdout.readline()
    print(child.pid, flush=True)
    sys.stdin.readline()
    child.stdin.write("go\\n"); child.stdin.flush()
    child.wait()
    print("reaped", flush=True)
    sys.stdin.readline()
    """
)


def test_a_process_that_ends_between_readings_is_counted_for_what_it_spent_between():
    parent = subprocess.Popen(
        [sys.executable, "-c", _FAMILY], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        child = int(parent.stdout.readline())
        family = [parent.pid, child]
        before = measure.ProcessFamilyCpu.take(family)
        assert before.live[child] >= 0.29
        parent.stdin.write("go\n")
        parent.stdin.flush()
        assert parent.stdout.readline().strip() == "reaped"
        after = measure.ProcessFamilyCpu.take(family)
        assert child not in after.live
        # Reading the live processes alone, the child's 0.4 s would be lost.
        assert measure.cpu_since(before.live, after.live) < 0.1
        # Its second burn, and not its first, plus whatever the parent spent meanwhile.
        assert 0.38 <= before.spent_until(after) < 0.6
    finally:
        parent.kill()
        parent.wait()
