"""WeasyPrint loads where a document is made, so a web worker that never prints does not
carry it (about 25 MB and a third of a second at start, in every worker and task process)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = (
    "import sys, django; django.setup(); "
    "from django.urls import get_resolver; get_resolver().url_patterns; "
    "import lms.pdf; print('loaded at start:', 'weasyprint' in sys.modules); "
    "pdf = lms.pdf.html_to_pdf('<p>行政执法辅助人员</p>'); "
    "print('pdf:', pdf[:5].decode())"
)


def test_every_view_loads_without_weasyprint_and_a_pdf_still_renders():
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.base"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["loaded at start: False", "pdf: %PDF-"]
