"""Work credentials (Arts. 20–23): exam-gated issuance, the card, public verification,
offboarding, the public roster (Art. 21) and the filing sheet (Art. 12)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from exams.signals import exam_passed


class CredentialsConfig(AppConfig):
    name = "credentials"
    verbose_name = _("Work credentials")

    def ready(self) -> None:
        # app registry: these modules import models, which cannot load before ready()
        from credentials.offboarding import on_auxiliary_status_changed  # noqa: PLC0415
        from credentials.receivers import on_exam_passed  # noqa: PLC0415
        from lms.services import auxiliary_status_changed  # noqa: PLC0415

        auxiliary_status_changed.connect(
            on_auxiliary_status_changed, dispatch_uid="credentials.offboarding"
        )
        exam_passed.connect(on_exam_passed, dispatch_uid="credentials.exam_passed")
