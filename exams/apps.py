"""Question bank, exams, attempts and grading, import/export, item analysis."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _after_migrate(sender, **kwargs) -> None:
    from exams.seeding import ensure_sweep_schedule, grant_editor_permissions

    ensure_sweep_schedule()
    grant_editor_permissions()


class ExamsConfig(AppConfig):
    name = "exams"
    verbose_name = _("Exams")

    def ready(self) -> None:
        from exams import demo, home, seeding  # noqa: F401  (panel, nav and seed steps)
        from exams.selectors import question_coverage

        post_migrate.connect(_after_migrate, sender=self)
        try:
            from courses.coverage import register_coverage_source
        except ImportError:
            # The course app's coverage registry is not there yet.
            return
        register_coverage_source("questions", question_coverage)
