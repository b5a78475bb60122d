"""A session, its candidates (each with the paper drawn for them), what proctors did, what the
candidates' browsers reported, and the background job that draws the papers."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms.jobs.models import Job

CHECK_IN_BEFORE = datetime.timedelta(minutes=30)
LATE_ENTRY_AFTER = datetime.timedelta(minutes=15)


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONFIRMED = "confirmed", pgettext_lazy("exam session", "Confirmed")
    CANCELLED = "cancelled", pgettext_lazy("exam session", "Cancelled")


class ExamSession(models.Model):
    """One sitting of ``exam``: everybody starts at ``starts_at`` and ends at ``ends_at``
    (start + the exam's time limit, moved on by pauses), plus their own extra time."""

    exam = models.ForeignKey(
        "exams.Exam", verbose_name=_("exam"), on_delete=models.PROTECT, related_name="sessions"
    )
    agency = models.ForeignKey(
        "lms.Agency",
        verbose_name=_("organising agency"),
        on_delete=models.PROTECT,
        related_name="exam_sessions",
    )
    title = models.CharField(_("title"), max_length=120)
    online = models.BooleanField(_("online"), default=False)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    what_to_bring = models.CharField(_("what to bring"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("start time"))
    check_in_at = models.DateTimeField(_("check-in opens"))
    late_cutoff_at = models.DateTimeField(_("late-entry cutoff"))
    ends_at = models.DateTimeField(_("end time"))
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.DRAFT
    )
    # Set while the whole session is paused (a fire drill, a power cut): every clock stops.
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True)
    proctors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("proctors"), blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "exams"
        verbose_name = _("exam session")
        verbose_name_plural = _("exam sessions")
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def place(self) -> str:
        return str(_("Online")) if self.online else self.venue

    @property
    def is_confirmed(self) -> bool:
        return self.status == SessionStatus.CONFIRMED

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    @cached_property
    def latest_change(self) -> SessionChange | None:
        """The organiser's last cancellation or move of the start, if any."""
        return self.changes.select_related("actor").first()


class SessionCandidate(models.Model):
    """One person enrolled in a session: their accommodation, their pre-drawn paper and, once
    they open it, their attempt (a normal attempt from then on)."""

    session = models.ForeignKey(ExamSession, on_delete=models.CASCADE, related_name="candidates")
    auxiliary = models.ForeignKey(
        "lms.Auxiliary", on_delete=models.CASCADE, related_name="exam_sessions"
    )
    extra_minutes = models.PositiveSmallIntegerField(_("extra time (minutes)"), default=0)
    extra_percent = models.PositiveSmallIntegerField(_("extra time (%)"), default=0)
    accommodation_reason = models.CharField(_("reason for extra time"), max_length=200, blank=True)
    # Minutes added by proctors during the sitting (each recorded as a ProctorAction).
    extended_minutes = models.PositiveSmallIntegerField(default=0)
    # The paper drawn in the background: [[question id, snapshot], …] and the seed of the draw.
    seed = models.BigIntegerField(null=True, blank=True)
    paper = models.JSONField(default=list, blank=True)
    drawn_at = models.DateTimeField(null=True, blank=True)
    attempt = models.OneToOneField(
        "exams.Attempt", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    arrived_at = models.DateTimeField(_("arrived at"), null=True, blank=True)
    last_seen_at = models.DateTimeField(_("last contact"), null=True, blank=True)
    absent_at = models.DateTimeField(_("marked absent at"), null=True, blank=True)
    # Seconds left on the attempt's clock when the session was paused.
    remaining_at_pause = models.PositiveIntegerField(null=True, blank=True)
    # The browser that opened the paper; another one reporting in is a second device.
    device = models.CharField(max_length=40, blank=True)
    away_count = models.PositiveIntegerField(default=0)
    away_seconds = models.PositiveIntegerField(default=0)
    paste_count = models.PositiveIntegerField(default=0)
    second_device_count = models.PositiveIntegerField(default=0)
    enrolled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "exams"
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["session", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "auxiliary"], name="one_candidacy_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session}: {self.auxiliary}"

    def extra_time(self, time_limit: datetime.timedelta) -> datetime.timedelta:
        """The accommodation plus the proctors' extensions."""
        percent = time_limit * self.extra_percent / 100
        minutes = datetime.timedelta(minutes=self.extra_minutes + self.extended_minutes)
        return datetime.timedelta(seconds=int(percent.total_seconds())) + minutes


class ProctorActionKind(models.TextChoices):
    EXTEND = "extend", _("Extended time")
    ACCOMMODATE = "accommodate", _("Set extra time")
    ABSENT = "absent", _("Marked absent")
    END = "end", _("Ended for misconduct")
    PAUSE = "pause", _("Paused the session")
    RESUME = "resume", _("Resumed the session")


class ProctorAction(models.Model):
    """What a proctor did, to whom, and why. Never edited or deleted."""

    session = models.ForeignKey(ExamSession, on_delete=models.CASCADE, related_name="actions")
    candidate = models.ForeignKey(
        SessionCandidate, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    kind = models.CharField(_("action"), max_length=12, choices=ProctorActionKind.choices)
    minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "exams"
        ordering = ["-created_at", "-pk"]


class IntegrityKind(models.TextChoices):
    AWAY = "away", _("Left the page")
    SECOND_DEVICE = "second_device", _("Opened on a second device")
    PASTE = "paste", _("Pasted into a question")


class IntegrityEvent(models.Model):
    """Something a candidate's browser reported. Shown to the proctor and in the report; it
    never fails anyone by itself: a person reviews it."""

    candidate = models.ForeignKey(
        SessionCandidate, on_delete=models.CASCADE, related_name="integrity_events"
    )
    kind = models.CharField(_("event"), max_length=16, choices=IntegrityKind.choices)
    seconds = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "exams"
        ordering = ["-created_at", "-pk"]


class SessionChangeKind(models.TextChoices):
    CANCEL = "cancel", pgettext_lazy("exam session", "Cancelled")
    RESCHEDULE = "reschedule", pgettext_lazy("exam session", "Rescheduled")


class SessionChange(models.Model):
    """The organiser cancelling a session or moving it to another time before it starts: who,
    when, why, and the start before and after. Candidates are shown the latest one. Never
    edited or deleted."""

    session = models.ForeignKey(ExamSession, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("change"), max_length=10, choices=SessionChangeKind.choices)
    reason = models.TextField(_("reason"))
    previous_starts_at = models.DateTimeField(_("previous start time"))
    starts_at = models.DateTimeField(_("new start time"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "exams"
        ordering = ["-created_at", "-pk"]

    @property
    def is_cancel(self) -> bool:
        return self.kind == SessionChangeKind.CANCEL


class NoticeKind(models.TextChoices):
    ENROLLED = "enrolled", pgettext_lazy("exam session", "Enrolled")
    MOVED = "moved", _("New time")
    REMINDER = "reminder", _("Reminder 24 hours before")
    CANCELLED = "cancelled", pgettext_lazy("exam session", "Cancelled")


class CandidateNotice(models.Model):
    """What the candidate was told about the session, once per kind and start time: that they
    are enrolled, that the time moved, the reminder 24 hours before, the cancellation. Shown in
    their 待办 until they open the session's page, and mailed when they have an address.

    The row is written before the mail goes out, so a notice is sent at most once whatever
    happens to the worker; ``emailed_at`` says whether the mail left."""

    candidate = models.ForeignKey(
        SessionCandidate, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(_("notice"), max_length=10, choices=NoticeKind.choices)
    # The start the notice was about: a move makes the next reminder a new one.
    starts_at = models.DateTimeField(_("start time"))
    text = models.CharField(max_length=400)
    created_at = models.DateTimeField(auto_now_add=True)
    email = models.EmailField(blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_error = models.CharField(max_length=200, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "exams"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "kind", "starts_at"], name="one_notice_per_kind_and_start"
            )
        ]


class PaperDraw(Job):
    """Drawing every candidate's paper of a session, started when the session is confirmed
    (and again after a late enrolment); done counts the candidates drawn."""

    job_task = "exams.sessions.tasks.session_draw_papers"

    session = models.ForeignKey(ExamSession, on_delete=models.CASCADE, related_name="draws")

    class Meta:
        app_label = "exams"
        ordering = ["-created_at", "-pk"]
