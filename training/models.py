"""In-service training (Arts. 15(3), 17): one ledger per person and year, whose entries are
never edited or deleted (a correction is a new entry with a reason); the annual requirement of
an agency; training plans; classroom sessions; outside training awaiting approval; and the
hours workbook (a background job)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from courses.models import CoursePage, TrainingCategory
from lms.jobs.models import Job
from lms.models import Agency, Auxiliary

HOURS = {"max_digits": 5, "decimal_places": 1}


class Source(models.TextChoices):
    ONLINE = "online", _("Online course")
    CLASSROOM = "classroom", _("Classroom")
    OUTSIDE = "outside", _("Outside training")
    CORRECTION = "correction", _("Correction")


class Ledger(models.Model):
    """A person's training hours of one calendar year."""

    auxiliary = models.ForeignKey(
        Auxiliary, verbose_name=_("auxiliary"), on_delete=models.CASCADE, related_name="ledgers"
    )
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        verbose_name = _("training ledger")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["auxiliary", "year"], name="uniq_ledger_year")
        ]

    def __str__(self) -> str:
        return f"{self.auxiliary} · {self.year}"


class LedgerEntry(models.Model):
    """One line of a ledger. ``origin`` ties an entry to what wrote it (a course, a session,
    an outside certificate) so that the same thing never counts twice."""

    ledger = models.ForeignKey(Ledger, on_delete=models.CASCADE, related_name="entries")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    category = models.ForeignKey(
        TrainingCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    # Signed: a correction that takes hours away is negative.
    hours = models.DecimalField(_("hours"), **HOURS)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    origin = models.CharField(max_length=40, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ledger", "origin"], condition=~Q(origin=""), name="uniq_entry_origin"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.title} {self.hours}"


class Requirement(models.Model):
    """An agency's annual requirement; agencies under it inherit it unless they set their own."""

    agency = models.OneToOneField(
        Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="training_rule"
    )
    total_hours = models.DecimalField(_("hours a year"), validators=[MinValueValidator(0)], **HOURS)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("annual training requirement")

    def __str__(self) -> str:
        return f"{self.agency}: {self.total_hours}"


class RequirementMinimum(models.Model):
    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE, related_name="minimums")
    category = models.ForeignKey(TrainingCategory, on_delete=models.CASCADE, related_name="+")
    hours = models.DecimalField(_("minimum hours"), validators=[MinValueValidator(0)], **HOURS)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["requirement", "category"], name="uniq_minimum")
        ]


class Cohort(models.TextChoices):
    IN_SERVICE = "in_service", _("Everyone in service")
    POST = "post", _("By post")
    AGENCY = "agency", _("By agency")
    PICKED = "picked", _("Hand-picked")


class TrainingPlan(models.Model):
    """Courses an agency (or the province) assigns to a cohort of its people, with a due date."""

    title = models.CharField(_("title"), max_length=120)
    agency = models.ForeignKey(
        Agency, verbose_name=_("assigned by"), on_delete=models.PROTECT, related_name="+"
    )
    courses = models.ManyToManyField(CoursePage, verbose_name=_("courses"), related_name="+")
    due_date = models.DateField(_("due date"))
    cohort = models.CharField(_("cohort"), max_length=12, choices=Cohort.choices)
    post = models.CharField(_("post"), max_length=60, blank=True)
    cohort_agency = models.ForeignKey(
        Agency,
        verbose_name=_("cohort agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    people = models.ManyToManyField(
        Auxiliary, verbose_name=_("people"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training plan")
        ordering = ["due_date", "pk"]

    def __str__(self) -> str:
        return self.title


class ClassroomSession(models.Model):
    """Training held in a room; its hours land in each attendee's ledger."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=200)
    category = models.ForeignKey(
        TrainingCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    hours = models.DecimalField(_("hours"), validators=[MinValueValidator(0.5)], **HOURS)
    trainer = models.CharField(_("trainer"), max_length=60)
    attendees = models.ManyToManyField(Auxiliary, verbose_name=_("attendees"), related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("classroom session")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.topic


class OutsideStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("outside training", "Awaiting approval")
    APPROVED = "approved", pgettext_lazy("outside training", "Approved")
    REJECTED = "rejected", pgettext_lazy("outside training", "Rejected")


class OutsideTraining(models.Model):
    """Training taken elsewhere, with a scan of its certificate; counts once approved."""

    auxiliary = models.ForeignKey(
        Auxiliary, verbose_name=_("auxiliary"), on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    issuer = models.CharField(_("issued by"), max_length=120)
    category = models.ForeignKey(
        TrainingCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    hours = models.DecimalField(_("hours"), validators=[MinValueValidator(0.5)], **HOURS)
    scan = models.FileField(
        _("scan of the certificate"),
        upload_to="training/outside/%Y/",
        validators=[FileExtensionValidator(["pdf", "jpg", "jpeg", "png"])],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=OutsideStatus.choices, default=OutsideStatus.PENDING
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("outside training")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class HoursReport(Job):
    """The hours workbook of an agency (and everything under it) for one year."""

    job_task = "training.tasks.hours_report_task"

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("year"))
    file = models.FileField(upload_to="training/reports/%Y/", blank=True)

    class Meta:
        verbose_name = _("training hours report")
        ordering = ["-created_at", "-pk"]


class HoursReminder(models.Model):
    """A reminder that went out to a person behind on the year's hours (and to their agency's
    admins), one per person and checkpoint, so that a rerun of the daily task, or two workers
    running it at once, sends nothing twice."""

    auxiliary = models.ForeignKey(
        Auxiliary, verbose_name=_("auxiliary"), on_delete=models.CASCADE, related_name="+"
    )
    checkpoint = models.DateField(_("checkpoint"))
    done = models.DecimalField(_("hours done"), **HOURS)
    required = models.DecimalField(_("hours required"), **HOURS)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training hours reminder")
        ordering = ["-checkpoint", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["auxiliary", "checkpoint"], name="uniq_hours_reminder")
        ]
