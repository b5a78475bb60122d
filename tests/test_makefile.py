"""`make run`: the address on slips and QR codes follows HOST and PORT (SITE_URL given
explicitly wins). The real Makefile runs with a stand-in for the virtualenv's python that
records the SITE_URL each command is started with."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _run(tmp_path: Path, *args: str, env: dict | None = None) -> list[str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"
    fake = bin_dir / "python"
    fake.write_text(f'#!/bin/sh\necho "SITE_URL=$SITE_URL $*" >> {log}\n')
    fake.chmod(0o755)
    stamp = tmp_path / "stamp"
    stamp.touch()  # newer than requirements*.txt: nothing is installed
    environment = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "MAKEFLAGS"}}
    environment.update(env or {})
    subprocess.run(
        ["make", "-s", "run", f"BIN={bin_dir}", f"STAMP={stamp}", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        timeout=60,
        # The recipe's `kill 0` (its Ctrl-C handling) ends make's whole process group when
        # the stand-in servers exit, so the exit status says nothing; the log does.
        start_new_session=True,
    )
    return log.read_text().splitlines()


def _site_url_of(calls: list[str], command: str) -> str:
    line = next(c for c in calls if f"manage.py {command}" in c)
    return line.split(" ", 1)[0].removeprefix("SITE_URL=")


def test_make_run_points_slips_and_qr_codes_at_its_own_port(tmp_path):
    calls = _run(tmp_path, "PORT=8766")
    assert any("runserver --noreload 127.0.0.1:8766" in c for c in calls)
    for command in ("seed_demo", "runserver", "qcluster"):
        assert _site_url_of(calls, command) == "http://127.0.0.1:8766"


def test_make_run_follows_host_too(tmp_path):
    calls = _run(tmp_path, "HOST=localhost", "PORT=8767")
    assert _site_url_of(calls, "runserver") == "http://localhost:8767"


def test_an_explicit_site_url_wins(tmp_path):
    calls = _run(tmp_path, "PORT=8766", env={"SITE_URL": "https://lms.example.gov.cn"})
    assert _site_url_of(calls, "runserver") == "https://lms.example.gov.cn"
    assert _site_url_of(calls, "seed_demo") == "https://lms.example.gov.cn"


def test_the_settings_read_what_make_run_exports(tmp_path):
    """The web server started with that environment prints that address on a card."""
    code = "from django.conf import settings; print(settings.SITE_URL)"
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "lms.settings.base",
            "DEBUG": "1",
            "SITE_URL": _site_url_of(_run(tmp_path, "PORT=8766"), "runserver"),
        },
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert out.stdout.strip() == "http://127.0.0.1:8766"
