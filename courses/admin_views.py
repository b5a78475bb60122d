"""The legal coverage table inside the Wagtail admin (same data as ``legal_coverage``)."""

from django.template.response import TemplateResponse

from courses.coverage import coverage_table


def legal_coverage(request):
    # Any admin user may read it: it shows course content, not people's data.
    table = coverage_table()
    return TemplateResponse(
        request,
        "courses/admin/legal_coverage.html",
        {"table": table, "problems": table.problems()},
    )
