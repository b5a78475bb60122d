from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        from assessments import demo, navigation  # noqa: F401  (seed step, nav and panels)
        from assessments.setup import on_post_migrate

        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="assessments-setup")
