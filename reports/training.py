"""Reads for the training report: per-agency figures (three grouped queries) and per-person rows
(one streamed query), for an agency and everything under it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from courses.models import CourseCompletion
from credentials.models import Credential, CredentialStatus
from exams.models import Attempt, ExamPurpose
from lms.idcard import mask_id_number
from lms.models import ON_DUTY_STATUSES, Agency, Auxiliary, AuxiliaryStatus
from reports.selectors import CHUNK_SIZE

FINISHED = ("submitted", "expired")


def _in_force() -> Q:
    """A credential someone works under (Art. 20), read on both halves as the public roster
    reads it: the credential active and within its dates, its holder on duty
    (credentials.services.holder_status_follow keeps the two in step). A suspended credential
    is still current (it may be lifted) but not valid."""
    return Q(
        status=CredentialStatus.ACTIVE,
        valid_until__gte=timezone.localdate(),
        auxiliary__status__in=ON_DUTY_STATUSES,
    )


@dataclass
class TrainingLine:
    name: str
    code: str
    people: int = 0
    enrolled: int = 0
    completed: int = 0
    attempts: int = 0
    passed_attempts: int = 0
    people_passed: int = 0
    average_score: float | None = None
    credentials_issued: int = 0
    credentials_current: int = 0

    @property
    def pass_rate(self) -> float | None:
        return self.passed_attempts / self.attempts if self.attempts else None


def _completed():
    return Exists(CourseCompletion.objects.filter(user_id=OuterRef("user_id")))


def training_lines(*, agency: Agency) -> list[TrainingLine]:
    people = (
        Auxiliary.objects.filter(agency__path__startswith=agency.path)
        .order_by()
        .values("agency_id", "agency__name", "agency__code", "agency__path")
        .annotate(
            people=Count("pk"),
            enrolled=Count("pk", filter=Q(user__isnull=False)),
            completed=Count("pk", filter=_completed()),
        )
        .order_by("agency__path")
    )
    attempts = {
        row["auxiliary__agency_id"]: row
        for row in Attempt.objects.filter(
            auxiliary__agency__path__startswith=agency.path,
            status__in=FINISHED,
            exam__purpose=ExamPurpose.PRE_JOB,  # course quizzes are not the pre-job exam
        )
        .order_by()
        .values("auxiliary__agency_id")
        .annotate(
            attempts=Count("pk"),
            passed_attempts=Count("pk", filter=Q(passed=True)),
            people_passed=Count("auxiliary_id", filter=Q(passed=True), distinct=True),
            average_score=Avg("score"),
        )
    }
    credentials = {
        row["auxiliary__agency_id"]: row
        for row in Credential.objects.filter(auxiliary__agency__path__startswith=agency.path)
        .order_by()
        .values("auxiliary__agency_id")
        .annotate(issued=Count("pk"), current=Count("pk", filter=_in_force()))
    }
    lines = []
    for row in people:
        line = TrainingLine(
            row["agency__name"],
            row["agency__code"],
            people=row["people"],
            enrolled=row["enrolled"],
            completed=row["completed"],
        )
        if attempt := attempts.get(row["agency_id"]):
            line.attempts = attempt["attempts"]
            line.passed_attempts = attempt["passed_attempts"]
            line.people_passed = attempt["people_passed"]
            average = attempt["average_score"]
            line.average_score = float(average) if average is not None else None
        if credential := credentials.get(row["agency_id"]):
            line.credentials_issued = credential["issued"]
            line.credentials_current = credential["current"]
        lines.append(line)
    return lines


def training_rows(*, agency: Agency) -> Iterator[tuple]:
    """One tuple per auxiliary: name, masked ID, agency, status, course completed on,
    finished attempts, best score, passed, credential number."""
    status_labels = {value: str(label) for value, label in AuxiliaryStatus.choices}
    attempts = Attempt.objects.filter(
        auxiliary_id=OuterRef("pk"), status__in=FINISHED, exam__purpose=ExamPurpose.PRE_JOB
    ).order_by()
    queryset = (
        Auxiliary.objects.filter(agency__path__startswith=agency.path)
        .annotate(
            completed_at=Subquery(
                CourseCompletion.objects.filter(user_id=OuterRef("user_id"))
                .order_by()
                .values("user_id")
                .annotate(first=Min("completed_at"))
                .values("first")
            ),
            attempt_count=Coalesce(
                Subquery(attempts.values("auxiliary_id").annotate(n=Count("pk")).values("n")), 0
            ),
            best_score=Subquery(
                attempts.values("auxiliary_id").annotate(best=Max("score")).values("best")
            ),
            has_passed=Exists(attempts.filter(passed=True)),
            credential_number=Subquery(
                Credential.objects.filter(auxiliary_id=OuterRef("pk"))
                .order_by("-issued_on", "-pk")
                .values("number")[:1]
            ),
        )
        .order_by("agency__path", "name", "pk")
        .values_list(
            "name",
            "id_number",
            "agency__name",
            "status",
            "completed_at",
            "attempt_count",
            "best_score",
            "has_passed",
            "credential_number",
        )
    )
    for (
        name,
        id_number,
        agency_name,
        status,
        completed_at,
        attempt_count,
        best_score,
        has_passed,
        number,
    ) in queryset.iterator(chunk_size=CHUNK_SIZE):
        yield (
            name,
            mask_id_number(id_number),
            agency_name,
            status_labels.get(status, status),
            completed_at,
            attempt_count,
            float(best_score) if best_score is not None else None,
            ("通过" if has_passed else "未通过") if attempt_count else "",
            number or "",
        )
