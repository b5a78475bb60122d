"""Agencies, auxiliaries (the people), their status history, staff roles and roster imports."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.idcard import id_number_error, mask_id_number


class AgencyLevel(models.TextChoices):
    PROVINCE = "province", _("Provincial")
    CITY = "city", _("City")
    COUNTY = "county", _("County")
    TOWNSHIP = "township", _("Township")


class UsernameScheme(models.TextChoices):
    MOBILE = "mobile", _("Mobile number")
    ID_NUMBER = "id_number", _("ID-card number")


class Agency(models.Model):
    """An administrative law-enforcement agency (Art. 2) or a provincial office (Arts. 5, 12)."""

    name = models.CharField(_("name"), max_length=120)
    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        validators=[RegexValidator(r"^[A-Z0-9]{2,20}$", _("Use 2–20 capital letters or digits."))],
        help_text=_("Used in credential numbers and the public roster address."),
    )
    region = models.CharField(_("region"), max_length=60)
    level = models.CharField(_("level"), max_length=10, choices=AgencyLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("upper-level agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised ancestry ("/1/4/9/") so that "this agency and everything under it" is one
    # indexed prefix query whatever the depth of the tree.
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    username_scheme = models.CharField(
        _("learner usernames"),
        max_length=10,
        choices=UsernameScheme.choices,
        default=UsernameScheme.MOBILE,
    )

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id and self.pk and f"/{self.pk}/" in (self.parent.path or ""):
            raise ValidationError({"parent": _("An agency cannot be placed under itself.")})

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        new_path = (self.parent.path if self.parent_id else "/") + f"{self.pk}/"
        if new_path != self.path:
            old_path = self.path
            self.path = new_path
            Agency.objects.filter(pk=self.pk).update(path=new_path)
            if old_path:
                for child in Agency.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    child.path = new_path + child.path[len(old_path) :]
                    Agency.objects.filter(pk=child.pk).update(path=child.path)


class Role(models.TextChoices):
    LEARNER = "learner", _("Learner")
    SUPERVISOR = "supervisor", _("Supervisor")
    AGENCY_ADMIN = "agency_admin", _("Agency admin")
    OVERSIGHT = "oversight", _("Oversight viewer")
    PROVINCIAL_ADMIN = "provincial_admin", _("Provincial admin")


class UserProfile(models.Model):
    """A login's role and the agency it acts for (for oversight: the root of its jurisdiction)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), null=True, blank=True, on_delete=models.PROTECT
    )
    display_name = models.CharField(_("name"), max_length=60, blank=True)
    must_change_password = models.BooleanField(default=False)
    # 大字模式 (the 2021 适老化 rules): kept on the profile so it follows the person to any
    # device they log in on; anonymous visitors keep it in a cookie (lms/display.py).
    large_text = models.BooleanField(_("large text"), default=False)

    class Meta:
        verbose_name = _("user profile")
        verbose_name_plural = _("user profiles")

    def __str__(self) -> str:
        return f"{self.display_name or self.user.get_username()} ({self.get_role_display()})"


class Gender(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")


class Education(models.TextChoices):
    PRIMARY = "primary", _("Primary school")
    JUNIOR_HIGH = "junior_high", _("Junior high school")
    SENIOR_HIGH = "senior_high", _("Senior high school / vocational")
    COLLEGE = "college", _("Junior college")
    BACHELOR = "bachelor", _("Bachelor")
    POSTGRADUATE = "postgraduate", _("Postgraduate")


class EducationWaiver(models.TextChoices):
    NONE = "", _("None")
    REMOTE_AREA = "remote_area", _("Remote area (Art. 9 para 2)")
    SPECIAL_POST = "special_post", _("Special post (Art. 9 para 2)")


class HireMethod(models.TextChoices):
    """Art. 8."""

    PUBLIC_RECRUITMENT = "public", _("Public recruitment")
    LABOUR_DISPATCH = "dispatch", _("Labour dispatch")
    PERSONNEL_AGENCY = "personnel_agency", _("Personnel agency")


class AuxiliaryStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    IN_TRAINING = "in_training", _("In training")
    CREDENTIALED = "credentialed", _("Credentialed")
    SUSPENDED = "suspended", _("Suspended")
    DEPARTED = "departed", _("Departed")
    DISMISSED = "dismissed", _("Dismissed")


_S = AuxiliaryStatus

# Allowed status transitions. Departed and dismissed are final: a person who comes back is a
# new hire (and Art. 10(5) may then bar them). lms.services.auxiliary_transition enforces it
# and records every change (who, when, why).
TRANSITIONS: dict[str, frozenset[str]] = {
    _S.CANDIDATE: frozenset({_S.IN_TRAINING, _S.DEPARTED}),
    _S.IN_TRAINING: frozenset({_S.CREDENTIALED, _S.DEPARTED, _S.DISMISSED}),
    _S.CREDENTIALED: frozenset({_S.SUSPENDED, _S.DEPARTED, _S.DISMISSED}),
    _S.SUSPENDED: frozenset({_S.CREDENTIALED, _S.DEPARTED, _S.DISMISSED}),
    _S.DEPARTED: frozenset(),
    _S.DISMISSED: frozenset(),
}

# The derived status sets. Every reader (rosters, cycles, exams, the issuance gate, dashboards,
# reports) uses these names; none lists statuses of its own.
#
# Art. 20: only a person holding a valid work credential works (持证上岗). CREDENTIALED is that
# state and nothing else is: the credentials app keeps it in step with the credential, so a
# revoked, suspended or expired credential moves the person to SUSPENDED, and a credential put
# (back) in force — issue, re-issue, lifting a suspension, extension — moves them back, each
# recorded as a status change. SUSPENDED therefore means "off duty": still the agency's
# auxiliary, not working, left out of new assessment cycles and the public roster, until a
# credential is in force again or they leave.

# No way out: left the agency.
FINAL_STATUSES = frozenset(s for s, targets in TRANSITIONS.items() if not targets)
# Still the agency's people (supervisors' lists, the person's own pages).
ON_ROLL_STATUSES = frozenset(TRANSITIONS) - FINAL_STATUSES
# Working under a valid credential (Art. 20): assessed in cycles (Art. 24), publicly listed
# (Art. 21), counted as on duty.
ON_DUTY_STATUSES = frozenset({_S.CREDENTIALED})
# Taken into service once (credential issued), not left: may hold a card, uniform, badge and
# equipment to hand back on leaving (Art. 23). On duty, or off duty pending a decision.
IN_SERVICE_STATUSES = ON_DUTY_STATUSES | (
    frozenset(target for s in ON_DUTY_STATUSES for target in TRANSITIONS[s]) & ON_ROLL_STATUSES
)
OFF_DUTY_STATUSES = IN_SERVICE_STATUSES - ON_DUTY_STATUSES
# Not yet taken into service: recruited, in pre-job training (Arts. 13–20).
PRE_SERVICE_STATUSES = ON_ROLL_STATUSES - IN_SERVICE_STATUSES
# Who may be given a credential (the Art. 20 gate's status condition): anyone who may become
# or already is on duty — first issue after training, a new one after a revocation, a renewal.
MAY_HOLD_CREDENTIAL_STATUSES = ON_DUTY_STATUSES | frozenset(
    s for s, targets in TRANSITIONS.items() if targets & ON_DUTY_STATUSES
)
# Who may sit the pre-job exam: on the roll and not held off duty (a suspension is a decision
# about the person, not something the exam can lift).
MAY_SIT_EXAM_STATUSES = ON_ROLL_STATUSES - OFF_DUTY_STATUSES


# Art. 13's items, short enough for cards and rosters; the full words come from lms.measures.
DUTY_LABELS = {
    1: _("Publicising laws and policies"),
    2: _("Enquiries, materials and data entry"),
    3: _("Technical work"),
    4: _("Transport, communications and equipment"),
    5: _("Reporting suspected violations"),
    6: _("Reminding and persuading"),
    7: _("Guarding seized property"),
    8: _("Staffing checkpoints and restricted areas"),
    9: _("Other lawful auxiliary work"),
}
DUTY_CHOICES = [(number, label) for number, label in DUTY_LABELS.items()]


def validate_photo_size(file) -> None:
    if file and file.size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(
            _("The photo is larger than %(mb)s MB."),
            params={"mb": settings.PHOTO_MAX_BYTES // (1024 * 1024)},
        )


def validate_id_number(value: str) -> None:
    error = id_number_error(value)
    if error:
        raise ValidationError(error)


class Auxiliary(models.Model):
    """One auxiliary's record (Art. 2), linked to a learner login once enrolled."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="auxiliary",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="auxiliaries"
    )
    name = models.CharField(_("name"), max_length=60)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"))
    id_number = models.CharField(
        _("ID-card number"), max_length=18, unique=True, validators=[validate_id_number]
    )
    mobile = models.CharField(
        _("mobile number"),
        max_length=11,
        blank=True,
        validators=[RegexValidator(r"^1[3-9]\d{9}$", _("Enter an 11-digit mobile number."))],
    )
    education = models.CharField(_("education"), max_length=20, choices=Education.choices)
    education_waiver = models.CharField(
        _("education waiver"),
        max_length=20,
        choices=EducationWaiver.choices,
        blank=True,
        default="",
    )
    education_waiver_reference = models.CharField(
        _("waiver approval reference"),
        max_length=120,
        blank=True,
        help_text=_("The government approval for relaxing the education requirement (Art. 9)."),
    )
    disqualification_items = models.JSONField(
        _("declared Art. 10 circumstances"),
        default=list,
        blank=True,
        help_text=_("Numbers of the Art. 10 items the person declared; any one disqualifies."),
    )
    hire_method = models.CharField(_("hire method"), max_length=20, choices=HireMethod.choices)
    contract_start = models.DateField(_("contract start"))
    contract_end = models.DateField(_("contract end"))
    post = models.CharField(_("post"), max_length=60)
    duties = models.JSONField(
        _("duties (Art. 13 items)"), default=list, blank=True, help_text=_("Art. 13 item numbers")
    )
    work_area = models.CharField(_("work area"), max_length=120, blank=True)
    photo = models.ImageField(
        _("photo"),
        upload_to="photos/%Y/",
        blank=True,
        validators=[
            validate_photo_size,
            FileExtensionValidator(["jpg", "jpeg", "png", "webp"]),
        ],
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised_auxiliaries",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AuxiliaryStatus.choices,
        default=AuxiliaryStatus.CANDIDATE,
        db_index=True,
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("auxiliary")
        verbose_name_plural = _("auxiliaries")
        ordering = ["agency__path", "name", "pk"]
        indexes = [models.Index(fields=["agency", "status"])]

    def __str__(self) -> str:
        return self.name

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def duty_labels(self) -> list[str]:
        return [str(DUTY_LABELS[item]) for item in self.duties if item in DUTY_LABELS]


class StatusEventQuerySet(models.QuerySet):
    def latest_into(self, status: str) -> StatusEvent | None:
        """The most recent event that moved the subject into ``status``, or None."""
        return self.filter(to_status=status).order_by("-created_at", "-pk").first()


class StatusEvent(models.Model):
    """One change of a status: who, when, why, from → to. Never edited or deleted.

    A concrete event adds its subject (a ForeignKey named by ``subject_field``) and its
    ``from_status``/``to_status`` with the choices of that subject's status."""

    subject_field = ""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StatusEventQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        moved = f"{self.get_from_status_display() or '—'} → {self.get_to_status_display()}"
        return f"{getattr(self, self.subject_field)}: {moved}"


class AuxiliaryStatusChange(StatusEvent):
    """Who changed an auxiliary's status, when and why."""

    subject_field = "auxiliary"

    auxiliary = models.ForeignKey(
        Auxiliary, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=20, choices=AuxiliaryStatus.choices)
    to_status = models.CharField(max_length=20, choices=AuxiliaryStatus.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")


class ImportStatus(models.TextChoices):
    INVALID = "invalid", _("Has errors")
    VALID = "valid", _("Ready to import")
    IMPORTED = "imported", _("Imported")


class RosterImport(models.Model):
    """An uploaded roster file, its validation report and, once confirmed, its import."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="roster_imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(upload_to="imports/%Y/%m/")
    original_name = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=ImportStatus.choices)
    row_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")
