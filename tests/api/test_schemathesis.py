"""schemathesis against a live server over every operation of /api/v1/openapi.json, with a
read-write token of county A: no input gives a 500, every answer matches the document
(status codes, bodies, content types), and requests without a token are refused.

One check is left out: ``positive_data_acceptance`` expects every request the schema allows
to succeed, but the schema cannot say everything the rules do (an ID number's checksum, the
status transitions, eligibility); those requests get the documented 400 answer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.api.conftest import make_token

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


@pytest.mark.skipif(not SCHEMATHESIS.exists(), reason="schemathesis is not installed")
def test_every_operation_against_its_schema(live_server, settings, tmp_path, org):
    from tests.credentials.factories import credential, ready_for_credential
    from tests.reports.factories import make_assessment, make_cycle

    settings.API_RATE_LIMIT = 1_000_000
    for aux in (org.aux_a, org.aux_b):
        ready_for_credential(aux)
        credential(aux)
        make_assessment(make_cycle(aux.agency), aux)
    key = make_token(org.admin_a).key
    result = subprocess.run(
        [
            str(SCHEMATHESIS), "run", f"{live_server.url}/api/v1/openapi.json",
            "--header", f"Authorization: Bearer {key}",
            "--checks", "all", "--exclude-checks", "positive_data_acceptance",
            "--max-examples", os.environ.get("API_SCHEMATHESIS_EXAMPLES", "15"),
            "--phases", "examples,coverage,fuzzing",
            "--seed", "20261203", "--request-timeout", "20",
            "--generation-database", "none", "--no-color",
        ],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
    assert "13/13" in result.stdout  # every operation was selected and tested
