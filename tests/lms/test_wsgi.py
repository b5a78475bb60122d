"""The WSGI entry point gunicorn loads: the URLconf loaded, and the objects of start-up out of
the garbage collector's reach (a full collection over them paused a worker for 60-80 ms)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = (
    "import gc, sys; import lms.wsgi; "
    "print(gc.get_freeze_count() > 100_000, 'exams.views' in sys.modules, "
    "callable(lms.wsgi.application))"
)


def test_the_worker_starts_with_its_views_loaded_and_its_start_up_objects_frozen():
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.base", "DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True"]
