from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Agencies and people")

    def ready(self) -> None:
        # app registry: lms.setup imports auth's models, which cannot load before ready()
        from lms.setup import on_post_migrate  # noqa: PLC0415

        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="lms.setup")
