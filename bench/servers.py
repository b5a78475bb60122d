"""Real gunicorn servers on 127.0.0.1, for `bench exam` and the fault tests (tests/faults)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 40) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    stop(process)
    raise RuntimeError("server did not start")


def start_gunicorn(
    env: dict,
    *,
    workers: int,
    port: int | None = None,
    timeout: int = 30,
    graceful_timeout: int = 3,
    backlog: int | None = None,
    ready_seconds: float = 40,
) -> tuple[subprocess.Popen, int]:
    """gunicorn serving lms.wsgi with ``env`` (DJANGO_SETTINGS_MODULE decides the settings), in
    a session of its own so that stop() ends the master and every worker."""
    port = port or free_port()
    command = [
        sys.executable, "-m", "gunicorn", "lms.wsgi",
        "--workers", str(workers),
        "--bind", f"127.0.0.1:{port}",
        "--timeout", str(timeout),
        "--graceful-timeout", str(graceful_timeout),
        "--log-level", "warning",
    ]  # fmt: skip
    if backlog:
        command += ["--backlog", str(backlog)]
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env, start_new_session=True)
    wait_for_port(port, process, ready_seconds)
    return process, port


def worker_pids(master: int) -> list[int]:
    out = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True
    )
    return [int(pid) for pid in out.stdout.split()]


def stop(process: subprocess.Popen, *, seconds: float = 10) -> None:
    """Stop a server and everything it started (its own session only)."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    try:  # children that outlived their parent
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
