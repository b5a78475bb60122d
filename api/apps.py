from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("REST API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The outbox's receivers (signals of lms, credentials, exams, assessments).
        from api import events  # noqa: F401, PLC0415
