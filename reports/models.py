"""Report files: what was asked for, by whom, for which scope, how far the build got, and the
file itself (served only through a scoped view, never from a public media URL)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms.models import Agency


class ReportKind(models.TextChoices):
    RENEWAL = "renewal", pgettext_lazy("report kind", "Renewal report")
    RENEWAL_ROLLUP = "renewal_rollup", pgettext_lazy("report kind", "Renewal roll-up")
    TRAINING = "training", pgettext_lazy("report kind", "Training report")
    ITEM_ANALYSIS = "item_analysis", pgettext_lazy("report kind", "Item analysis")


class ReportStatus(models.TextChoices):
    # With a context: other apps translate the bare words differently ("Failed" → 未通过).
    QUEUED = "queued", pgettext_lazy("report status", "Queued")
    RUNNING = "running", pgettext_lazy("report status", "Building")
    DONE = "done", pgettext_lazy("report status", "Ready")
    FAILED = "failed", pgettext_lazy("report status", "Failed")


class ReportFile(models.Model):
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
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # Written with every progress update: a build whose worker died stops beating.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReportStatus.choices,
        default=ReportStatus.QUEUED,
        db_index=True,
    )
    rows_total = models.PositiveIntegerField(default=0)
    rows_written = models.PositiveIntegerField(default=0)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(upload_to="reports/%Y/%m/", blank=True)

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "finished_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def percent(self) -> int:
        if self.status == ReportStatus.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(100, round(100 * self.rows_written / self.rows_total))

    @property
    def is_finished(self) -> bool:
        return self.status in {ReportStatus.DONE, ReportStatus.FAILED}
