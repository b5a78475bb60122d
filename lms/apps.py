from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Agencies and people")

    def ready(self) -> None:
        from lms import bench_exam, bench_roster, demo  # noqa: F401  (seed step, benchmarks)
