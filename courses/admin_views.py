"""The legal coverage table inside the Wagtail admin (same data as ``legal_coverage``)."""

from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse

from courses.coverage import ARTICLES_NEEDING_A_QUESTION, MIN_QUESTIONS, coverage_table


def legal_coverage(request):
    # Any admin user may read it: it shows course content, not people's data.
    table = coverage_table()
    try:
        # The question bank's list, filtered by a cited article (when the exams app is on).
        questions_url = reverse("wagtailsnippets_exams_question:list")
    except NoReverseMatch:
        questions_url = ""
    articles = [
        {
            "row": row,
            "gaps": table.article_gaps(row),
            "needs_question": row.article in ARTICLES_NEEDING_A_QUESTION,
        }
        for row in table.articles
    ]
    items = [{"row": row, "gaps": table.item_gaps(row)} for row in table.rows]
    return TemplateResponse(
        request,
        "courses/admin/legal_coverage.html",
        {
            "table": table,
            "problems": table.problems(for_people=True),
            "articles": articles,
            "items": items,
            "questions_url": questions_url,
            "min_questions": MIN_QUESTIONS,
            "article_gap_count": sum(1 for a in articles if a["gaps"]),
            "item_gap_count": sum(1 for i in items if i["gaps"]),
        },
    )
