"""Settings an operator sets in the environment reach the code that reads them."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

READ = (
    "import django; django.setup(); from courses import reading; "
    "print(reading.reading_fraction(), reading.heartbeat_seconds())"
)


def _read(**env) -> str:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.base", **env}
    for name in ("COURSES_READING_FRACTION", "COURSES_HEARTBEAT_SECONDS"):
        if name not in env:
            environment.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-c", READ], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_reading_rule_comes_from_the_environment():
    assert _read(COURSES_READING_FRACTION="0.8", COURSES_HEARTBEAT_SECONDS="30") == "0.8 30"


def test_readme_documents_them():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "| `COURSES_READING_FRACTION` | `0.5` |" in readme
    assert "| `COURSES_HEARTBEAT_SECONDS` | `15` |" in readme


DATABASE_OPTIONS = (
    "import django; django.setup(); from django.conf import settings; "
    "options = settings.DATABASES['default']['OPTIONS']; "
    "print(options.get('server_side_binding'), options.get('prepare_threshold'))"
)


def _database_options(**env) -> str:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.base"}
    environment.pop("DATABASE_PREPARED_STATEMENTS", None)
    environment.update(env, DATABASE_URL="postgres://lms@127.0.0.1:5432/lms")
    result = subprocess.run(
        [sys.executable, "-c", DATABASE_OPTIONS], cwd=ROOT, env=environment, capture_output=True,
        text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_postgresql_prepares_statements_unless_a_pooler_cannot_keep_them():
    assert _database_options() == "True 5"
    assert _database_options(DATABASE_PREPARED_STATEMENTS="0") == "True None"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "| `DATABASE_PREPARED_STATEMENTS` | `1` |" in readme
