from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "training"
    verbose_name = _("In-service training")

    def ready(self):
        # Connects the course-completion receiver that writes in-service hours.
        from training import receivers  # noqa: F401, PLC0415
