"""The staff dashboard panel on the home page and the "Reports" navigation entry."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lms.home import NavLink, Panel
from lms.permissions import can_view_reports
from reports import dashboard
from reports.charts import Bar, column_chart, hbar_chart

GRADE_TONES = {"excellent": "ok", "pass": "accent", "basic": "warn", "fail": "bad"}
OUTCOME_TONES = {"renew": "ok", "renew_correct": "warn", "dismiss": "bad"}


def nav_links(request) -> list[NavLink]:
    if can_view_reports(request.user):
        return [NavLink(_("Reports"), reverse("reports:index"), order=70)]
    return []


def _percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "—"


def _chart(chart_id, title, svg, headers, rows, *, note="", empty=""):
    return {
        "id": chart_id,
        "title": title,
        "svg": svg,
        "headers": headers,
        # Each cell carries its header: on phones the table stacks and labels every value.
        "rows": [list(zip(headers, row, strict=False)) for row in rows],
        "note": note,
        "empty": empty,
    }


def funnel_chart(user) -> dict:
    funnel = dashboard.training_funnel(user=user)
    steps = [
        (pgettext("training funnel", "Enrolled"), funnel.enrolled),
        (pgettext("training funnel", "Course completed"), funnel.completed),
        (pgettext("training funnel", "Exam passed"), funnel.passed),
        (pgettext("training funnel", "Credentialed"), funnel.credentialed),
    ]
    bars = [
        Bar(label, n, f"{n}", "accent" if index < 3 else "ok")
        for index, (label, n) in enumerate(steps)
    ]
    title = _("Training funnel")
    rows = [(label, n, _percent(n, funnel.enrolled)) for label, n in steps]
    return _chart(
        "funnel",
        title,
        hbar_chart(bars, title=title, chart_id="chart-funnel"),
        [_("Step"), pgettext("count", "People"), _("Of enrolled")],
        rows,
        note=_(
            "Each step counts the people who reached it or a later one: a credential issued "
            "before this platform counts as a passed exam."
        ),
        empty="" if funnel.enrolled else _("Nobody is enrolled yet."),
    )


def pass_rate_chart(user) -> dict:
    months = dashboard.pass_rate_by_month(user=user)
    title = _("Exam pass rate by month")
    no_exams = _("No exams")
    bars = []
    rows = []
    for m in months:
        label = date_format(m.month, "YEAR_MONTH_FORMAT")
        if m.attempts:
            # The count beside the rate: 0 % of one attempt is not 0 % of forty.
            shown = f"{_percent(m.passed, m.attempts)} ({m.passed}/{m.attempts})"
            tone = "ok" if m.passed == m.attempts else "accent" if m.passed else "bad"
            bars.append(Bar(label, 100 * m.rate, shown, tone))
        else:
            bars.append(Bar(label, 0, no_exams, "muted", track=False))
        rows.append(
            (
                label,
                m.attempts,
                m.passed,
                _percent(m.passed, m.attempts) if m.attempts else no_exams,
            )
        )
    return _chart(
        "pass-rate",
        title,
        hbar_chart(
            bars,
            title=title,
            chart_id="chart-pass-rate",
            maximum=100,
            label_width=96,
            value_width=92,
        ),  # fmt: skip
        [_("Month"), _("Attempts"), _("Passed attempts"), _("Pass rate")],
        rows,
        note=_(
            "Finished attempts in each of the last 12 months; “No exams” marks a month in which "
            "none was finished."
        ),
        empty=""
        if any(m.attempts for m in months)
        else _("No exam has been finished in the last 12 months."),
    )


def cycle_charts(user) -> list[dict]:
    cycle = dashboard.current_cycle(user=user)
    if cycle is None:
        return []
    dist = dashboard.cycle_distribution(user=user, cycle=cycle)
    note = _("%(cycle)s: %(submitted)s of %(total)s assessments submitted.") % {
        "cycle": cycle.name,
        "submitted": dist.submitted,
        "total": dist.total,
    }
    empty = "" if dist.submitted else _("No assessment of this cycle is submitted yet.")
    # Grades and recommendations are the same chart over different counts.
    specs = [
        ("grades", _("Grades in the current cycle"), _("Grade"), dist.grades, GRADE_TONES),
        (
            "outcomes",
            _("Recommendations in the current cycle"),
            _("Recommendation"),
            dist.outcomes,
            OUTCOME_TONES,
        ),
    ]
    return [
        _chart(
            key,
            title,
            hbar_chart(
                [Bar(label, n, str(n), tones.get(code, "accent")) for code, label, n in counts],
                title=title,
                chart_id=f"chart-{key}",
            ),
            [heading, pgettext("count", "People"), _("Share")],
            [(label, n, _percent(n, dist.submitted)) for _code, label, n in counts],
            note=note,
            empty=empty,
        )
        for key, title, heading, counts, tones in specs
    ]


def _count_chart(chart_id, title, draw, counts, headers, *, tone, empty):
    """Plain counts in one tone: a bar per (label, n), and the same pairs as the table."""
    bars = [Bar(label, n, str(n), tone) for label, n in counts]
    return _chart(
        chart_id,
        title,
        draw(bars, title=title, chart_id=f"chart-{chart_id}"),
        headers,
        counts,
        empty=empty,
    )


def overdue_chart(user) -> dict:
    rows = dashboard.overdue_by_supervisor(user=user)
    return _count_chart(
        "overdue",
        _("Overdue assessments per supervisor"),
        hbar_chart,
        rows,
        [_("Supervisor"), _("Overdue")],
        tone="bad",
        empty="" if rows else _("No assessment is overdue."),
    )


def expiry_chart(user) -> dict:
    buckets = dashboard.expiring_credentials(user=user)
    labels = [(_("%(a)s–%(b)s days") % {"a": a, "b": b}, n) for (a, b), n in buckets]
    total = sum(n for _label, n in labels)
    return _count_chart(
        "expiring",
        _("Credentials expiring in the next 30 days"),
        column_chart,
        labels,
        [_("Expires in"), _("Credentials")],
        tone="warn",
        empty="" if total else _("No credential expires in the next 30 days."),
    )


def dashboard_panel(request) -> Panel | None:
    user = request.user
    if not can_view_reports(user):
        return None
    charts = [funnel_chart(user), pass_rate_chart(user), *cycle_charts(user)]
    charts += [overdue_chart(user), expiry_chart(user)]
    return Panel("reports/panels/dashboard.html", {"charts": charts}, order=15)
