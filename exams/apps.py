"""Question bank, exams, attempts and grading, import/export, item analysis."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExamsConfig(AppConfig):
    name = "exams"
    verbose_name = _("Exams")

    def ready(self):
        from exams import papers  # noqa: PLC0415 (models are not loaded before ready)

        papers.connect_receivers()
