"""Work credentials (Arts. 20–23): exam-gated issuance, the card, public verification,
offboarding, the public roster (Art. 21) and the filing sheet (Art. 12)."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CredentialsConfig(AppConfig):
    name = "credentials"
    verbose_name = _("Work credentials")

    def ready(self) -> None:
        from credentials import home, seed  # noqa: F401  (seed registers its step)
        from credentials.offboarding import on_auxiliary_status_changed
        from credentials.setup import on_post_migrate
        from lms.home import register_nav, register_panel, register_person_link
        from lms.services import auxiliary_status_changed

        auxiliary_status_changed.connect(
            on_auxiliary_status_changed, dispatch_uid="credentials.offboarding"
        )
        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="credentials.schedule")
        register_nav(home.nav_links)
        register_panel(home.learner_panel)
        register_panel(home.staff_panel)
        register_person_link(home.person_link)
        try:  # the exam engine is built alongside; until it ships its signal there is none
            from exams.signals import exam_passed
        except ImportError:
            pass
        else:
            from credentials.receivers import on_exam_passed

            exam_passed.connect(on_exam_passed, dispatch_uid="credentials.exam_passed")
