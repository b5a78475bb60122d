"""The abstract job: what every piece of background work records so that the person who asked
can watch it, and so that work whose worker died is noticed and run again."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class JobStatus(models.TextChoices):
    # With a context: other apps translate the bare words differently ("Failed" → 未通过).
    QUEUED = "queued", pgettext_lazy("job status", "Queued")
    RUNNING = "running", pgettext_lazy("job status", "Running")
    DONE = "done", pgettext_lazy("job status", "Done")
    FAILED = "failed", pgettext_lazy("job status", "Failed")


FINISHED_STATUSES = frozenset({JobStatus.DONE, JobStatus.FAILED})


class Job(models.Model):
    """Subclasses set ``job_task``, the dotted path of the django-q2 task that runs the job with
    its primary key (a one-line wrapper over the service that calls ``job_claim``)."""

    job_task: ClassVar[str] = ""
    # Runs that failed on an unexpected error (or whose worker died) before the job is given
    # up as failed; a person pressing "Try again" starts a fresh count.
    max_attempts: ClassVar[int] = 3

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=JobStatus.choices,
        default=JobStatus.QUEUED,
        db_index=True,
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    # Written with progress (throttled): a job whose worker died stops beating.
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        if not self.total:
            return 0
        return min(100, int(100 * self.done / self.total))

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES
