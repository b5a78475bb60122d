"""The training documents as PDF (lms.pdf): a person's 培训档案 (every year's hours, entry by entry)
and the 学时证明 (hours certificate) for one year, with the agency's seal block."""

from __future__ import annotations

from django.utils import timezone

from lms.models import Auxiliary
from lms.pdf import render_pdf
from training import selectors


def record_pdf(auxiliary: Auxiliary) -> bytes:
    """The 培训档案: this year's standing by category and every year's entries."""
    year = timezone.localdate().year
    return render_pdf(
        "training/pdf/record.html",
        {
            "auxiliary": auxiliary,
            "year": year,
            "now": selectors.person_standing(auxiliary, year),
            "records": selectors.archive(auxiliary),
            "categories": selectors.categories(),
            "printed_on": timezone.localdate(),
        },
    )


def certificate_pdf(auxiliary: Auxiliary, year: int) -> bytes:
    """The 学时证明: the hours of ``year`` in all and by category, against the requirement."""
    person = selectors.person_standing(auxiliary, year)
    categories = selectors.categories()
    return render_pdf(
        "training/pdf/certificate.html",
        {
            "auxiliary": auxiliary,
            "year": year,
            "now": person,
            "by_category": [
                (c, person.totals.of(c.pk)) for c in categories if person.totals.of(c.pk)
            ],
            "issued_on": timezone.localdate(),
        },
    )
