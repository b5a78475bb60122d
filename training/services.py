"""Writes for in-service training. Every hour that counts is a ledger entry written here; an
entry is never changed or deleted, a correction is a new entry that names the one it corrects
and says why."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage, TrainingCategory
from courses.selectors import course_completed_at
from lms import hooks
from lms.models import Agency, Auxiliary
from lms.permissions import manages_agency
from training.hours import counting_year
from training.models import (
    ClassroomSession,
    Ledger,
    LedgerEntry,
    OutsideStatus,
    OutsideTraining,
    Requirement,
    RequirementMinimum,
    Source,
    TrainingPlan,
)


def ledger_for(auxiliary: Auxiliary, year: int) -> Ledger:
    ledger, _created = Ledger.objects.get_or_create(auxiliary=auxiliary, year=year)
    return ledger


def entry_add(
    *,
    auxiliary: Auxiliary,
    day: datetime.date,
    title: str,
    category: TrainingCategory,
    hours: Decimal,
    source: str,
    recorded_by=None,
    reason: str = "",
    origin: str = "",
    year: int | None = None,
) -> LedgerEntry | None:
    """Write one entry; None when ``origin`` has already been written for that ledger (the same
    course, session or certificate never counts twice)."""
    ledger = ledger_for(auxiliary, counting_year(day, year))
    if origin and ledger.entries.filter(origin=origin).exists():
        return None
    try:
        with transaction.atomic():
            return LedgerEntry.objects.create(
                ledger=ledger, date=day, title=title, category=category, hours=hours,
                source=source, recorded_by=recorded_by, reason=reason, origin=origin,
            )  # fmt: skip
    except IntegrityError:
        return None  # a concurrent write of the same origin won


@transaction.atomic
def entry_correct(*, entry: LedgerEntry, hours_delta: Decimal, reason: str, actor) -> LedgerEntry:
    """A correction: a new entry in the same ledger and category with the signed difference and
    the reason. The original stays as it was."""
    if not manages_agency(actor, entry.ledger.auxiliary.agency):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the hours are corrected.")})
    if hours_delta == 0:
        raise ValidationError({"hours_delta": _("A correction changes the hours.")})
    return LedgerEntry.objects.create(
        ledger=entry.ledger, date=timezone.localdate(), title=entry.title,
        category=entry.category, hours=hours_delta, source=Source.CORRECTION,
        recorded_by=actor, reason=reason.strip(), corrects=entry,
    )  # fmt: skip


def course_origin(course: CoursePage) -> str:
    return f"course:{course.pk}"


def course_hours_record(*, user, course: CoursePage, completed_at) -> LedgerEntry | None:
    """A learner completed a course: an in-service course writes its hours once; the pre-job
    course (which gates the credential, Art. 20) writes nothing. Nothing either while another
    app holds the hours back (``course_hours_holds``: a quiz that must be passed first); the
    quiz pass then calls ``course_quiz_hours_record``."""
    course = CoursePage.objects.filter(pk=course.pk).first()
    auxiliary = Auxiliary.objects.filter(user_id=user.pk).first()
    if course is None or auxiliary is None or not course.gives_training_hours:
        return None
    if hooks.course_hours_holds(user, course):
        return None
    day = timezone.localtime(completed_at).date()
    return entry_add(
        auxiliary=auxiliary, day=day, title=course.title, category=course.training_category,
        hours=course.training_hours, source=Source.ONLINE, origin=course_origin(course),
        year=course.training_year,
    )  # fmt: skip


def course_quiz_hours_record(*, user, course: CoursePage, passed_at) -> LedgerEntry | None:
    """A course quiz was passed (``exams.signals.quiz_passed``): the hours it held back land
    now, dated the day of the pass, if the lessons are read. Once: a retake that passes again,
    even in another year, finds the entry already written and adds nothing."""
    auxiliary = Auxiliary.objects.filter(user_id=user.pk).first()
    if auxiliary is None or not course_completed_at(user=user, course=course):
        return None
    if LedgerEntry.objects.filter(
        ledger__auxiliary=auxiliary, origin=course_origin(course)
    ).exists():
        return None
    return course_hours_record(user=user, course=course, completed_at=passed_at)


@transaction.atomic
def session_record(*, actor, agency: Agency, attendees, **fields) -> ClassroomSession:
    """Record a classroom session and write its hours into each attendee's ledger."""
    if not manages_agency(actor, agency):
        raise PermissionDenied
    attendees = list(attendees)
    if not attendees:
        raise ValidationError({"attendees": _("Pick at least one attendee.")})
    outside = [a.name for a in attendees if not manages_agency(actor, a.agency)]
    if outside:
        raise PermissionDenied
    session = ClassroomSession.objects.create(agency=agency, recorded_by=actor, **fields)
    session.attendees.set(attendees)
    for person in attendees:
        entry_add(
            auxiliary=person, day=session.date, title=session.topic, category=session.category,
            hours=session.hours, source=Source.CLASSROOM, recorded_by=actor,
            origin=f"session:{session.pk}",
        )  # fmt: skip
    return session


@transaction.atomic
def outside_submit(*, actor, auxiliary: Auxiliary, **fields) -> OutsideTraining:
    if not manages_agency(actor, auxiliary.agency):
        raise PermissionDenied
    return OutsideTraining.objects.create(auxiliary=auxiliary, submitted_by=actor, **fields)


@transaction.atomic
def outside_decide(*, record: OutsideTraining, approve: bool, actor, note: str = ""):
    """The agency admin approves (the hours count from now) or rejects (with a note)."""
    record = OutsideTraining.objects.select_for_update().get(pk=record.pk)
    if not manages_agency(actor, record.auxiliary.agency):
        raise PermissionDenied
    if record.status != OutsideStatus.PENDING:
        raise ValidationError(_("This record has already been decided."))
    if not approve and not note.strip():
        raise ValidationError({"note": _("Say why it is rejected.")})
    record.status = OutsideStatus.APPROVED if approve else OutsideStatus.REJECTED
    record.decided_by, record.decided_at, record.decision_note = actor, timezone.now(), note
    record.save()
    if approve:
        entry_add(
            auxiliary=record.auxiliary, day=record.date, title=record.title,
            category=record.category, hours=record.hours, source=Source.OUTSIDE,
            recorded_by=actor, reason=record.issuer, origin=f"outside:{record.pk}",
        )  # fmt: skip
    return record


@transaction.atomic
def requirement_set(*, actor, agency: Agency, total_hours, minimums: dict) -> Requirement:
    """Set (or replace) the agency's own requirement; its subordinate agencies inherit it."""
    if not manages_agency(actor, agency):
        raise PermissionDenied
    rule, _created = Requirement.objects.update_or_create(
        agency=agency, defaults={"total_hours": total_hours, "updated_by": actor}
    )
    rule.minimums.all().delete()
    RequirementMinimum.objects.bulk_create(
        RequirementMinimum(requirement=rule, category=cat, hours=hours)
        for cat, hours in minimums.items()
        if hours
    )
    return rule


@transaction.atomic
def plan_create(*, actor, agency: Agency, courses, people=(), **fields) -> TrainingPlan:
    if not manages_agency(actor, agency):
        raise PermissionDenied
    cohort_agency = fields.get("cohort_agency")
    if cohort_agency is not None and not manages_agency(actor, cohort_agency):
        raise PermissionDenied
    people = list(people)
    if any(not manages_agency(actor, person.agency) for person in people):
        raise PermissionDenied
    plan = TrainingPlan.objects.create(agency=agency, created_by=actor, **fields)
    plan.courses.set(courses)
    plan.people.set(people)
    return plan
