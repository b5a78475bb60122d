import json
from io import StringIO

from django.core.management import call_command

from lms.models import Auxiliary


def test_bench_roster_import_prints_figures_and_leaves_no_data(db):
    out = StringIO()
    call_command("bench", "roster-import", "--rows", "60", "--json", stdout=out)
    figures = json.loads(out.getvalue())
    assert figures["rows"] == 60
    assert figures["total_seconds"] > 0 and figures["rows_per_second"] > 0
    assert not Auxiliary.objects.filter(name__startswith="压测").exists()
