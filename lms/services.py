"""Changes to agencies, auxiliaries and accounts. Every write goes through here."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.eligibility import eligibility_reasons
from lms.exceptions import IneligibleError, TransitionError
from lms.models import (
    FINAL_STATUSES,
    TRANSITIONS,
    Agency,
    Auxiliary,
    AuxiliaryStatus,
    AuxiliaryStatusChange,
    Role,
    UsernameScheme,
    UserProfile,
)
from lms.permissions import manages_agency, scope_for

User = get_user_model()
S = AuxiliaryStatus

# Sent after every status change, inside the transaction; the credentials app listens so that
# leaving or suspension revokes or suspends the work credential (Art. 23), and refuses a
# return to duty without a credential in force (Art. 20) by raising TransitionError.
auxiliary_status_changed = Signal()

# No 0/O, 1/l/I: the password is read off paper.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def generate_initial_password(length: int = 12) -> str:
    while True:
        password = "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(length))
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return password


def hash_initial_password(password: str) -> str:
    return make_password(password, hasher="pbkdf2_initial")


@transaction.atomic
def auxiliary_transition(
    *, auxiliary: Auxiliary, to_status: str, actor, reason: str
) -> AuxiliaryStatusChange:
    """Move an auxiliary to another status, recording who, when and why."""
    locked = Auxiliary.objects.select_for_update().get(pk=auxiliary.pk)
    if not reason or not reason.strip():
        raise TransitionError(_("A reason is required for every status change."))
    if to_status not in TRANSITIONS.get(locked.status, set()):
        raise TransitionError(
            _("Cannot change status from “%(from)s” to “%(to)s”.")
            % {"from": S(locked.status).label, "to": S(to_status).label}
        )
    change = AuxiliaryStatusChange.objects.create(
        auxiliary=locked,
        from_status=locked.status,
        to_status=to_status,
        actor=actor,
        reason=reason.strip(),
    )
    locked.status = to_status
    locked.save(update_fields=["status", "updated_at"])
    if to_status in FINAL_STATUSES and locked.user_id:
        User.objects.filter(pk=locked.user_id).update(is_active=False)
    # A receiver may refuse the change (raising rolls it all back); only then is it final.
    auxiliary_status_changed.send(
        sender=Auxiliary, auxiliary=locked, change=change, actor=actor, reason=reason
    )
    auxiliary.status = to_status
    return change


def auxiliary_eligibility(auxiliary: Auxiliary, *, on: datetime.date | None = None):
    """Reasons the person is not eligible (Arts. 9, 10); empty when eligible."""
    return eligibility_reasons(
        birth_date=auxiliary.birth_date,
        enrol_date=on or timezone.localdate(),
        education=auxiliary.education,
        education_waiver_approved=bool(
            auxiliary.education_waiver and auxiliary.education_waiver_reference
        ),
        disqualification_items=auxiliary.disqualification_items or [],
    )


@dataclass
class LearnerLogin:
    auxiliary: Auxiliary
    username: str
    password: str


def learner_username(auxiliary: Auxiliary, scheme: str) -> str:
    if scheme == UsernameScheme.ID_NUMBER or not auxiliary.mobile:
        return auxiliary.id_number
    return auxiliary.mobile


def _check_can_manage(actor, agency: Agency) -> None:
    if not manages_agency(actor, agency):
        raise PermissionDenied(_("You cannot manage people of this agency."))


@transaction.atomic
def auxiliary_enrol(*, auxiliary: Auxiliary, actor) -> LearnerLogin:
    """Enrol a person for pre-job training: check eligibility, create the record and a learner
    login with a generated password that must be changed at first login."""
    _check_can_manage(actor, auxiliary.agency)
    reasons = auxiliary_eligibility(auxiliary)
    if reasons:
        raise IneligibleError(reasons)
    auxiliary.full_clean(exclude=["user"])
    auxiliary.status = S.CANDIDATE
    auxiliary.save()
    login = learner_login_create(auxiliary=auxiliary)
    auxiliary_transition(
        auxiliary=auxiliary, to_status=S.IN_TRAINING, actor=actor, reason=_("Enrolled")
    )
    Auxiliary.objects.filter(pk=auxiliary.pk).update(enrolled_at=timezone.now())
    return login


def learner_login_create(*, auxiliary: Auxiliary) -> LearnerLogin:
    username = learner_username(auxiliary, auxiliary.agency.username_scheme)
    if User.objects.filter(username=username).exists():
        raise ValidationError(
            _("The username %(username)s is already taken.") % {"username": username}
        )
    password = generate_initial_password()
    user = User(username=username, first_name=auxiliary.name[:150], password="")
    user.password = hash_initial_password(password)
    user.save()
    UserProfile.objects.create(
        user=user,
        role=Role.LEARNER,
        agency=auxiliary.agency,
        display_name=auxiliary.name,
        must_change_password=True,
    )
    auxiliary.user = user
    auxiliary.save(update_fields=["user", "updated_at"])
    return LearnerLogin(auxiliary=auxiliary, username=username, password=password)


@transaction.atomic
def account_reset_password(*, auxiliary: Auxiliary, actor) -> LearnerLogin:
    """A new generated password for one of the admin's own people, to be changed at login."""
    _check_can_manage(actor, auxiliary.agency)
    if auxiliary.user_id is None:
        return learner_login_create(auxiliary=auxiliary)
    password = generate_initial_password()
    user = auxiliary.user
    user.password = hash_initial_password(password)
    user.save(update_fields=["password"])
    UserProfile.objects.filter(user=user).update(must_change_password=True)
    return LearnerLogin(auxiliary=auxiliary, username=user.username, password=password)


# Which roles each role may create: "created by the level above".
CREATABLE_ROLES = {
    Role.PROVINCIAL_ADMIN: {
        Role.PROVINCIAL_ADMIN,
        Role.AGENCY_ADMIN,
        Role.OVERSIGHT,
        Role.SUPERVISOR,
    },
    Role.AGENCY_ADMIN: {Role.AGENCY_ADMIN, Role.SUPERVISOR},
}


@transaction.atomic
def staff_account_create(
    *, actor, username: str, display_name: str, role: str, agency: Agency | None, email: str = ""
) -> tuple:
    """Create a supervisor, admin or oversight login; returns (user, initial password)."""
    scope = scope_for(actor)
    if role not in CREATABLE_ROLES.get(scope.role, set()):
        raise PermissionDenied(_("You cannot create accounts with this role."))
    if role != Role.PROVINCIAL_ADMIN:
        if agency is None:
            raise ValidationError(_("Choose the agency."))
        _check_can_manage(actor, agency)
        # An agency admin creates admins only for the agencies below their own.
        if (
            scope.role == Role.AGENCY_ADMIN
            and role == Role.AGENCY_ADMIN
            and agency.path == scope.agency_path
        ):
            raise PermissionDenied(_("Admins of an agency are created by the level above."))
    if User.objects.filter(username=username).exists():
        raise ValidationError(
            _("The username %(username)s is already taken.") % {"username": username}
        )
    password = generate_initial_password()
    user = User(username=username, email=email, first_name=display_name[:150])
    user.password = hash_initial_password(password)
    # Provincial admins edit course content and the credential design in Wagtail.
    user.is_staff = role == Role.PROVINCIAL_ADMIN
    user.save()
    UserProfile.objects.create(
        user=user,
        role=role,
        agency=None if role == Role.PROVINCIAL_ADMIN else agency,
        display_name=display_name,
        must_change_password=True,
    )
    if role == Role.PROVINCIAL_ADMIN:
        editors, _created = Group.objects.get_or_create(name="Editors")
        user.groups.add(editors)
    return user, password


def password_changed(*, user) -> None:
    UserProfile.objects.filter(user=user).update(must_change_password=False)
