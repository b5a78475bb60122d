"""The printable 个人考核登记表 (individual assessment record): one person's submitted assessment
for a cycle, with signature and seal blocks for the supervisor, the person and the agency, as a
PDF (lms.pdf). One person's form is built while the page waits; a whole cycle's forms are built
in the background (assessments.services.prints)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from assessments.models import Assessment, AssessmentStatus, CriterionScore, Violation
from assessments.rules import law_words
from lms.measures import citation_label
from lms.pdf import render_pdf, render_pdf_many

TEMPLATE = "assessments/pdf/assessment.html"


def printable(assessments: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """The submitted assessments of an (already scoped) queryset, with what the form shows."""
    return (
        assessments.filter(status=AssessmentStatus.SUBMITTED)
        .select_related(
            "cycle__template",
            "cycle__agency",
            "auxiliary__agency",
            "submitted_by__profile",
            "resolved_by__profile",
            "decision",
        )
        .prefetch_related(
            Prefetch(
                "scores",
                queryset=CriterionScore.objects.select_related("criterion").order_by(
                    "criterion__sort_order", "pk"
                ),
            ),
            Prefetch(
                "violations",
                queryset=Violation.objects.filter(withdrawn_at__isnull=True).order_by("date", "pk"),
            ),
        )
        .order_by("auxiliary__agency__path", "auxiliary__name", "pk")
    )


def _scorer(assessment: Assessment) -> str:
    user = assessment.submitted_by
    if user is None:
        return "—"
    profile = getattr(user, "profile", None)
    return (profile.display_name if profile else "") or user.get_username()


def assessment_context(assessment: Assessment) -> dict:
    return {
        "a": assessment,
        "scores": list(assessment.scores.all()),
        "violations": [
            {
                "date": v.date,
                "label": f"{citation_label(19, v.item)} {law_words(19, v.item)}",
                "description": v.description,
            }
            for v in assessment.violations.all()
        ],
        "decision": getattr(assessment, "decision", None),
        "scorer": _scorer(assessment),
        "printed_on": timezone.localdate(),
    }


def assessment_pdf(assessment: Assessment) -> bytes:
    """One person's form (one or two A4 pages)."""
    return render_pdf(TEMPLATE, assessment_context(assessment))


def assessments_pdf(
    assessments: Iterable[Assessment], *, progress: Callable[[int], object] | None = None
) -> bytes:
    """Every form in one PDF, each starting on a new page with its own page numbers."""
    return render_pdf_many(
        TEMPLATE, (assessment_context(a) for a in assessments), progress=progress
    )
