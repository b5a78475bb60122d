"""Navigation links, the home-page notice and scoring panels and the learner's assessment
to-do (registered in assessments/wagtail_hooks.py)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from assessments import selectors
from assessments.models import Assessment, AssessmentStatus, Notice
from assessments.scoring import plain_number
from lms.home import NavLink, Panel, TodoItem
from lms.permissions import can_learn, can_score, can_view_people, scope_queryset


def assessment_links(request) -> list[NavLink]:
    if can_score(request.user):
        return [NavLink(_("Scoring"), reverse("assessments:my_forms"), 40)]
    if can_view_people(request.user):
        return [NavLink(_("Assessment cycles"), reverse("assessments:cycle_list"), 40)]
    if can_learn(request.user):
        return [NavLink(_("My assessments"), reverse("assessments:mine"), 40)]
    return []


def notices_panel(request) -> Panel | None:
    if not request.user.is_authenticated:
        return None
    notices = list(Notice.objects.filter(user=request.user, read_at__isnull=True)[:10])
    if not notices:
        return None
    return Panel("assessments/panel_notices.html", {"notices": notices}, order=5)


def scoring_panel(request) -> Panel | None:
    """A supervisor's home starts with the forms still to score, nearest due date first."""
    if not can_score(request.user):
        return None
    open_forms = list(
        scope_queryset(
            request.user,
            Assessment.objects.filter(
                status__in=[AssessmentStatus.PENDING, AssessmentStatus.DRAFT]
            ).select_related("auxiliary", "cycle"),
            auxiliary_path="auxiliary__",
        ).order_by("cycle__due_date", "auxiliary__name")[:20]
    )
    return Panel("assessments/panel_scoring.html", {"forms": open_forms}, order=10)


def response_todos(request) -> list[TodoItem]:
    """Submitted assessments the learner has not yet acknowledged or objected to, while the
    response window (ASSESSMENT_RESPONSE_DAYS after submission) is still open."""
    if not can_learn(request.user):
        return []
    opened_since = timezone.now() - datetime.timedelta(days=selectors.response_days())
    waiting = scope_queryset(
        request.user,
        Assessment.objects.filter(
            status=AssessmentStatus.SUBMITTED,
            response="",
            submitted_at__gte=opened_since,
        ).select_related("cycle"),
        auxiliary_path="auxiliary__",
    ).order_by("submitted_at")
    return [
        TodoItem(
            title=_("Respond to your assessment: %(cycle)s") % {"cycle": assessment.cycle.name},
            detail=_("%(grade)s · %(total)s points. Acknowledge it, or object in writing.")
            % {"grade": assessment.grade_label, "total": plain_number(assessment.total or 0)},
            url=reverse("assessments:detail", args=[assessment.pk]),
            action=_("Acknowledge or object"),
            due=selectors.response_deadline(assessment),
            order=10,
        )
        for assessment in waiting
    ]
