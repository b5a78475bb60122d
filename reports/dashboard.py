"""Reads for the staff dashboard. Each chart is one grouped query over the user's scope, so the
number of queries does not grow with the number of agencies or people."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from assessments import rules
from assessments.models import Assessment, AssessmentStatus, Cycle
from courses.models import CourseCompletion
from credentials.models import Credential, CredentialStatus
from exams.models import Attempt, ExamPurpose
from lms.models import Auxiliary, AuxiliaryStatus
from lms.permissions import scope_queryset
from reports.selectors import GRADE_CODES, OUTCOME_CODES, visible_cycles

MONTHS = 12
EXPIRY_DAYS = 30
SUPERVISORS_SHOWN = 8


@dataclass
class Funnel:
    enrolled: int
    completed: int
    passed: int
    credentialed: int


def training_funnel(*, user) -> Funnel:
    """Each step counts the people who reached it or a later one. A credential is issued only
    after the exam is passed (Art. 20), and the exam only after the course; people whose
    credential predates the platform (imported records) passed offline, and counting them
    as not passed would draw a funnel that widens."""
    people = scope_queryset(user, Auxiliary.objects.all())
    credentialed = Exists(Credential.objects.filter(auxiliary_id=OuterRef("pk")))
    passed = credentialed | Exists(
        Attempt.objects.filter(
            auxiliary_id=OuterRef("pk"), passed=True, exam__purpose=ExamPurpose.PRE_JOB
        )
    )
    completed = passed | Exists(CourseCompletion.objects.filter(user_id=OuterRef("user_id")))
    counts = people.aggregate(
        # Everyone who entered training: a learner login, any status past "candidate", or a
        # later step.
        enrolled=Count(
            "pk",
            filter=Q(user__isnull=False) | ~Q(status=AuxiliaryStatus.CANDIDATE) | completed,
        ),
        completed=Count("pk", filter=completed),
        passed=Count("pk", filter=passed),
        credentialed=Count("pk", filter=credentialed),
    )
    return Funnel(**counts)


@dataclass
class MonthRate:
    month: datetime.date
    attempts: int
    passed: int

    @property
    def rate(self) -> float | None:
        """None for a month without exams: that is not a 0 % month."""
        return self.passed / self.attempts if self.attempts else None


def _months_back(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 - count
    return datetime.date(index // 12, index % 12 + 1, 1)


def pass_rate_by_month(*, user, today: datetime.date | None = None) -> list[MonthRate]:
    """The last MONTHS calendar months, every one of them (a month without exams included, with
    no attempts), oldest first."""
    today = today or timezone.localdate()
    months = [_months_back(today.replace(day=1), back) for back in range(MONTHS - 1, -1, -1)]
    since = timezone.make_aware(datetime.datetime.combine(months[0], datetime.time()))
    attempts = scope_queryset(
        user,
        Attempt.objects.filter(
            status__in=("submitted", "expired"),
            finished_at__gte=since,
            exam__purpose=ExamPurpose.PRE_JOB,  # the pass rate is the pre-job exam's
        ),
        auxiliary_path="auxiliary__",
    )
    rows = (
        attempts.order_by()
        .annotate(month=TruncMonth("finished_at"))
        .values("month")
        .annotate(total=Count("pk"), passed=Count("pk", filter=Q(passed=True)))
        .order_by("month")
    )
    found: dict[datetime.date, MonthRate] = {}
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = timezone.localtime(month).date() if timezone.is_aware(month) else month.date()
        found[month] = MonthRate(month=month, attempts=row["total"], passed=row["passed"])
    return [found.get(month) or MonthRate(month=month, attempts=0, passed=0) for month in months]


def current_cycle(*, user, today: datetime.date | None = None) -> Cycle | None:
    """The latest cycle in the user's scope that has started."""
    today = today or timezone.localdate()
    return (
        visible_cycles(user).filter(period_start__lte=today).order_by("-period_end", "-pk").first()
    )


@dataclass
class Distribution:
    total: int
    submitted: int
    grades: list[tuple[str, str, int]]  # code, label, count
    outcomes: list[tuple[str, str, int]]


def cycle_distribution(*, user, cycle: Cycle) -> Distribution:
    assessments = scope_queryset(
        user, Assessment.objects.filter(cycle=cycle), auxiliary_path="auxiliary__"
    )
    rows = assessments.order_by().values("status", "grade_code", "outcome").annotate(n=Count("pk"))
    grades = dict.fromkeys(GRADE_CODES, 0)
    outcomes = dict.fromkeys(OUTCOME_CODES, 0)
    total = submitted = 0
    for row in rows:
        total += row["n"]
        if row["status"] != AssessmentStatus.SUBMITTED:
            continue
        submitted += row["n"]
        if row["grade_code"] in grades:
            grades[row["grade_code"]] += row["n"]
        if row["outcome"] in outcomes:
            outcomes[row["outcome"]] += row["n"]
    return Distribution(
        total=total,
        submitted=submitted,
        grades=[(code, rules.GRADE_LABELS[code], n) for code, n in grades.items()],
        outcomes=[
            (code, rules.OUTCOME_LABELS[rules.Outcome(code)], n) for code, n in outcomes.items()
        ],
    )


def overdue_by_supervisor(*, user, today: datetime.date | None = None) -> list[tuple[str, int]]:
    """Assessments past their cycle's due date and not submitted, per supervisor (worst first)."""
    today = today or timezone.localdate()
    overdue = scope_queryset(
        user,
        Assessment.objects.filter(cycle__due_date__lt=today).exclude(
            status=AssessmentStatus.SUBMITTED
        ),
        auxiliary_path="auxiliary__",
    )
    rows = (
        overdue.order_by()
        .values(
            "auxiliary__supervisor_id",
            "auxiliary__supervisor__profile__display_name",
            "auxiliary__supervisor__username",
        )
        .annotate(n=Count("pk"))
        .order_by("-n", "auxiliary__supervisor__username")
    )
    return [
        (
            row["auxiliary__supervisor__profile__display_name"]
            or row["auxiliary__supervisor__username"]
            or "（未指定）",
            row["n"],
        )
        for row in rows[:SUPERVISORS_SHOWN]
    ]


EXPIRY_BUCKETS = [(0, 7), (8, 14), (15, 21), (22, EXPIRY_DAYS)]


def expiring_credentials(
    *, user, today: datetime.date | None = None
) -> list[tuple[tuple[int, int], int]]:
    """Valid credentials expiring within 30 days, counted per week."""
    today = today or timezone.localdate()
    credentials = scope_queryset(
        user,
        Credential.objects.filter(
            status=CredentialStatus.ACTIVE,
            valid_until__gte=today,
            valid_until__lte=today + datetime.timedelta(days=EXPIRY_DAYS),
        ),
        auxiliary_path="auxiliary__",
    )
    buckets = dict.fromkeys(EXPIRY_BUCKETS, 0)
    for row in credentials.order_by().values("valid_until").annotate(n=Count("pk")):
        days = (row["valid_until"] - today).days
        for bucket in EXPIRY_BUCKETS:
            if bucket[0] <= days <= bucket[1]:
                buckets[bucket] += row["n"]
    return list(buckets.items())
