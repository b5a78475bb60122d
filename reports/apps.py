from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from lms.home import register_nav, register_panel
        from reports import bench, home, schedules  # noqa: F401  (bench and seed step register)

        register_nav(home.nav_links)
        register_panel(home.dashboard_panel)
        post_migrate.connect(
            schedules.on_post_migrate, sender=self, dispatch_uid="reports.schedules"
        )
