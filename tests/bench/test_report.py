"""`bench report` runs end to end on a small synthetic cycle and prints its figures."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from assessments.models import Cycle

pytestmark = pytest.mark.django_db


def test_bench_report_prints_timings_memory_and_constant_reads():
    out = io.StringIO()
    call_command("bench", "report", "--rows", "30", "--json", stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["rows"] == 30 and figures["synthetic_data_created"] is True
    assert figures["report_seconds"] > 0 and figures["bare_seconds"] > 0
    assert figures["ratio_report_over_bare"] > 0 and figures["report_peak_rss_mb"] > 0
    assert figures["report_read_queries"] <= 10  # one streamed query for the rows

    again = io.StringIO()
    call_command("bench", "report", "--rows", "30", "--json", stdout=again)
    assert json.loads(again.getvalue())["synthetic_data_created"] is False  # reused
    assert Cycle.objects.filter(name__startswith="压测考核周期").count() == 1
