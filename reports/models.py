"""Report files: what was asked for, by whom, for which scope, how far the build got, and the
file itself (served only through a scoped view, never from a public media URL). Status,
progress (rows written of rows in all), heartbeat and retries are the common job's
(lms.jobs)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms.jobs.models import Job
from lms.models import Agency


class ReportKind(models.TextChoices):
    RENEWAL = "renewal", pgettext_lazy("report kind", "Renewal report")
    RENEWAL_ROLLUP = "renewal_rollup", pgettext_lazy("report kind", "Renewal roll-up")
    TRAINING = "training", pgettext_lazy("report kind", "Training report")
    ITEM_ANALYSIS = "item_analysis", pgettext_lazy("report kind", "Item analysis")


class ReportFile(Job):
    job_task = "reports.tasks.report_build_task"

    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind.choices)
    cycle = models.ForeignKey(
        "assessments.Cycle",
        verbose_name=_("assessment cycle"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="report_files",
    )
    # The root of the report's scope: the report covers this agency and everything under it,
    # and only people whose scope covers it may see or download it.
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="report_files"
    )
    file = models.FileField(upload_to="reports/%Y/%m/", blank=True)

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "finished_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"
