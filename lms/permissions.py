"""The one access policy: who may use which page, and which records they see there.

Two questions, asked in this order, with one answer each:

1. **May this role ever use the page?** That is a *capability*. A logged-in user whose role
   lacks it gets **403** (a learner opening the roster, oversight posting a write); an
   anonymous visitor is sent to the login page. Views ask it with the decorators below
   (``staff_required`` …), navigation entries and home panels with the predicates
   (``can_view_people(user)`` …): the same function for the page and for the link to it.
2. **Is this record yours?** The scope decides: a record outside it is **404**, exactly as one
   that does not exist, so that ids of other agencies' people reveal nothing. Views fetch
   every object from a scoped queryset (``visible_auxiliaries``, ``scope_by_agency`` …) with
   ``get_scoped_or_404``; they never filter by agency themselves.

Capabilities (tests/test_authorization_matrix.py reads ``CAPABILITIES``, so a change here is a
change of the expected matrix, route by route):

=================  ==================================================  =======================
capability         what it opens                                       roles
=================  ==================================================  =======================
learn              courses with a reading record, the exam, one's      learner
                   own credential and assessments
score              the supervisor's scoring forms and autosave         supervisor
follow_people      a person's record and photo, exam attempts,         supervisor, agency_admin,
                   reading progress                                    oversight, provincial
view_people        roster, credentials, return checklists, cycles,     agency_admin, oversight,
                   templates, roster imports, filing sheet             provincial
view_reports       report pages, status, downloads, retries            agency_admin, oversight,
                                                                       provincial
manage_people      every write: enrol, edit, status, passwords,        agency_admin, provincial
                   imports, staff accounts, credentials, card print
                   runs, cycles, templates, decisions
view_cards         the credential card image                           learner, agency_admin,
                                                                       oversight, provincial
read_assessments   an assessment's page and the response to it         every role
roll_up_reports    renewal roll-ups across a jurisdiction              oversight, provincial
grade_exams        the essay grading queue and the marking of essay    agency_admin, provincial
                   answers (简答题 / 案例分析题)
proctor            exam sessions: the list, a session's page, the      supervisor, agency_admin,
                   live view and its actions, the report               provincial
=================  ==================================================  =======================

(``provincial`` is the provincial admin; superusers count as provincial admins.)

Scopes (what a role sees inside the pages its capabilities open):

- provincial admin: everything;
- agency admin: their agency and all agencies under it, read and write;
- oversight viewer: the agencies of their jurisdiction, read only;
- supervisor: the auxiliaries assigned to them;
- learner: only themself.

A new role is a member of ``Role``, a line per capability here and a scope rule in
``_auxiliary_filter``; nothing else decides access.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import wraps

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from lms.models import Agency, Auxiliary, Role, UserProfile


class Capability(StrEnum):
    LEARN = "learn"
    SCORE = "score"
    FOLLOW_PEOPLE = "follow_people"
    VIEW_PEOPLE = "view_people"
    VIEW_REPORTS = "view_reports"
    MANAGE_PEOPLE = "manage_people"
    VIEW_CARDS = "view_cards"
    READ_ASSESSMENTS = "read_assessments"
    ROLL_UP_REPORTS = "roll_up_reports"
    GRADE_EXAMS = "grade_exams"
    PROCTOR = "proctor"


_STAFF_VIEWERS = frozenset({Role.AGENCY_ADMIN, Role.OVERSIGHT, Role.PROVINCIAL_ADMIN})

# The table of the module docstring; the authorization matrix test reads it.
CAPABILITIES: dict[Capability, frozenset[str]] = {
    Capability.LEARN: frozenset({Role.LEARNER}),
    Capability.SCORE: frozenset({Role.SUPERVISOR}),
    Capability.FOLLOW_PEOPLE: _STAFF_VIEWERS | {Role.SUPERVISOR},
    Capability.VIEW_PEOPLE: _STAFF_VIEWERS,
    Capability.VIEW_REPORTS: _STAFF_VIEWERS,
    Capability.MANAGE_PEOPLE: frozenset({Role.AGENCY_ADMIN, Role.PROVINCIAL_ADMIN}),
    Capability.VIEW_CARDS: _STAFF_VIEWERS | {Role.LEARNER},
    Capability.READ_ASSESSMENTS: frozenset(Role.values),
    Capability.ROLL_UP_REPORTS: frozenset({Role.OVERSIGHT, Role.PROVINCIAL_ADMIN}),
    Capability.GRADE_EXAMS: frozenset({Role.AGENCY_ADMIN, Role.PROVINCIAL_ADMIN}),
    Capability.PROCTOR: frozenset({Role.SUPERVISOR, Role.AGENCY_ADMIN, Role.PROVINCIAL_ADMIN}),
}


@dataclass(frozen=True)
class Scope:
    role: str | None
    agency_path: str | None
    user_id: int | None

    def can(self, capability: Capability) -> bool:
        return self.role in CAPABILITIES[capability]

    @property
    def is_provincial(self) -> bool:
        return self.role == Role.PROVINCIAL_ADMIN

    @property
    def is_agency_wide(self) -> bool:
        return self.role in {Role.AGENCY_ADMIN, Role.OVERSIGHT}

    @property
    def can_manage(self) -> bool:
        """Write access to people and records (oversight viewers only read)."""
        return self.can(Capability.MANAGE_PEOPLE)

    @property
    def is_staff_viewer(self) -> bool:
        return self.can(Capability.VIEW_PEOPLE)

    @property
    def capabilities(self) -> dict[str, bool]:
        """{capability: True} for templates: ``{% if can.manage_people %}``."""
        return {str(cap): True for cap, roles in CAPABILITIES.items() if self.role in roles}


def _loaded_profile(user) -> UserProfile | None:
    """The user's profile with its agency: the one the authentication backend loaded with the
    user, else one query, cached on the user so that templates reading user.profile do not
    query again."""
    relation = UserProfile.user.field.remote_field  # User → profile (reverse one-to-one)
    if relation.is_cached(user):
        return relation.get_cached_value(user)
    profile = UserProfile.objects.select_related("agency").filter(user_id=user.pk).first()
    if profile is not None:
        user.profile = profile
    return profile


def scope_for(user) -> Scope:
    if user is None or not user.is_authenticated or not user.is_active:
        return Scope(None, None, None)
    cached = getattr(user, "_lms_scope", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        scope = Scope(Role.PROVINCIAL_ADMIN, "/", user.pk)
    else:
        profile = _loaded_profile(user)
        if profile is None:
            scope = Scope(None, None, user.pk)
        else:
            path = profile.agency.path if profile.agency_id else None
            if profile.role == Role.PROVINCIAL_ADMIN:
                path = "/"
            scope = Scope(profile.role, path, user.pk)
    user._lms_scope = scope
    return scope


def role_of(user) -> str | None:
    return scope_for(user).role


# -- capabilities: one predicate each, for views, navigation and panels alike -----------------


def has_capability(user, capability: Capability) -> bool:
    return scope_for(user).can(capability)


def _predicate(capability: Capability) -> Callable[[object], bool]:
    def predicate(user) -> bool:
        return has_capability(user, capability)

    predicate.__name__ = f"can_{capability}"
    predicate.__doc__ = f"May the user use what {capability!r} opens (see the table above)?"
    return predicate


can_learn = _predicate(Capability.LEARN)
can_score = _predicate(Capability.SCORE)
can_follow_people = _predicate(Capability.FOLLOW_PEOPLE)
can_view_people = _predicate(Capability.VIEW_PEOPLE)
can_view_reports = _predicate(Capability.VIEW_REPORTS)
can_manage_people = _predicate(Capability.MANAGE_PEOPLE)
can_view_cards = _predicate(Capability.VIEW_CARDS)
can_roll_up_reports = _predicate(Capability.ROLL_UP_REPORTS)
can_grade_exams = _predicate(Capability.GRADE_EXAMS)
can_proctor = _predicate(Capability.PROCTOR)


def require_capability(user, capability: Capability) -> None:
    """403 for a role that may never do this (see the module docstring)."""
    if not has_capability(user, capability):
        raise PermissionDenied


def capability_required(capability: Capability) -> Callable:
    """View decorator: the login page for visitors, 403 for a role without ``capability``."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            require_capability(request.user, capability)
            return view(request, *args, **kwargs)

        wrapper.capability = capability
        return wrapper

    return decorator


learner_required = capability_required(Capability.LEARN)
supervisor_required = capability_required(Capability.SCORE)
follower_required = capability_required(Capability.FOLLOW_PEOPLE)
staff_required = capability_required(Capability.VIEW_PEOPLE)
reports_viewer_required = capability_required(Capability.VIEW_REPORTS)
manager_required = capability_required(Capability.MANAGE_PEOPLE)
card_viewer_required = capability_required(Capability.VIEW_CARDS)
assessment_reader_required = capability_required(Capability.READ_ASSESSMENTS)
grader_required = capability_required(Capability.GRADE_EXAMS)
proctor_required = capability_required(Capability.PROCTOR)


def manages_agency(user, agency: Agency) -> bool:
    """May ``user`` change records of ``agency`` (services check this for every write)."""
    scope = scope_for(user)
    if not scope.can_manage:
        return False
    return scope.is_provincial or (agency.path or "").startswith(scope.agency_path or "\0")


# -- scopes: what a user sees -----------------------------------------------------------------


def _auxiliary_filter(scope: Scope, prefix: str) -> Q | None:
    """The Q that limits auxiliaries (reached through ``prefix``) to the scope; None = all."""
    if scope.is_provincial:
        return None
    if scope.is_agency_wide and scope.agency_path:
        return Q(**{f"{prefix}agency__path__startswith": scope.agency_path})
    if scope.role == Role.SUPERVISOR:
        return Q(**{f"{prefix}supervisor_id": scope.user_id})
    if scope.role == Role.LEARNER:
        return Q(**{f"{prefix}user_id": scope.user_id})
    return Q(pk__in=[])


def scope_queryset(user, queryset: QuerySet, *, auxiliary_path: str = "") -> QuerySet:
    """Limit any queryset of people's data to what ``user`` (or a ``Scope``) may see.

    ``auxiliary_path`` is the lookup from the queryset's model to its Auxiliary, e.g.
    ``"auxiliary__"`` for attempts and credentials; empty for Auxiliary itself.
    """
    scope = user if isinstance(user, Scope) else scope_for(user)
    if scope.role is None:
        return queryset.none()
    condition = _auxiliary_filter(scope, auxiliary_path)
    return queryset if condition is None else queryset.filter(condition)


def scope_by_agency(
    user, queryset: QuerySet, *, field: str = "agency", writable: bool = False, shared=False
) -> QuerySet:
    """Limit records that belong to an agency (reports, imports, cycles, print runs, templates)
    to the user's agencies; supervisors and learners see none.

    ``field`` is the lookup to the record's agency; ``writable`` keeps only the agencies the
    user manages (none for oversight); ``shared`` also keeps province-wide records (no agency).
    """
    scope = scope_for(user)
    if writable and not scope.can_manage:
        condition = Q(pk__in=[])
    elif scope.is_provincial:
        return queryset
    elif scope.is_agency_wide and scope.agency_path:
        condition = Q(**{f"{field}__path__startswith": scope.agency_path})
    else:
        condition = Q(pk__in=[])
    if shared:
        condition |= Q(**{f"{field}__isnull": True})
    return queryset.filter(condition)


def scope_proctored(
    user, queryset: QuerySet, *, field: str = "agency", proctors: str = "proctors"
) -> QuerySet:
    """Records an agency organises with named proctors (exam sessions): the agency admins of
    the organising agency or above see them, and so does every proctor named on one; other
    roles see none."""
    scope = scope_for(user)
    if not scope.can(Capability.PROCTOR):
        return queryset.none()
    if scope.is_provincial:
        return queryset
    named = Q(**{f"{proctors}__id": scope.user_id})
    if scope.role == Role.AGENCY_ADMIN and scope.agency_path:
        named |= Q(**{f"{field}__path__startswith": scope.agency_path})
    return queryset.filter(pk__in=queryset.filter(named).values("pk"))


def visible_agencies(user) -> QuerySet[Agency]:
    scope = scope_for(user)
    agencies = Agency.objects.all()
    if scope.is_provincial:
        return agencies
    if scope.agency_path:
        return agencies.filter(path__startswith=scope.agency_path)
    return agencies.none()


def visible_auxiliaries(user) -> QuerySet[Auxiliary]:
    return scope_queryset(user, Auxiliary.objects.all())


def managed_auxiliaries(user) -> QuerySet[Auxiliary]:
    """Auxiliaries the user may change (enrol, transition, reset passwords)."""
    if not scope_for(user).can_manage:
        return Auxiliary.objects.none()
    return visible_auxiliaries(user)


def managed_agencies(user) -> QuerySet[Agency]:
    if not scope_for(user).can_manage:
        return Agency.objects.none()
    return visible_agencies(user)


def visible_templates(user, templates: QuerySet) -> QuerySet:
    """Assessment templates (a queryset of assessments' model, which lms cannot import): the
    province-wide ones and the copies of the agencies the user manages. Oversight viewers see
    the province-wide ones only: agencies' copies are working drafts of their admins."""
    if not can_view_people(user):
        return templates.none()
    return scope_by_agency(user, templates, writable=True, shared=True)


def manageable_staff(user) -> QuerySet:
    """Staff logins (every role but learner) of the user's agencies, for the accounts page;
    only the provincial admin sees the provincial accounts, which belong to no agency."""
    if not scope_for(user).can_manage:
        return get_user_model().objects.none()
    staff = get_user_model().objects.filter(
        profile__role__in=[r for r in Role.values if r != Role.LEARNER]
    )
    return scope_by_agency(user, staff, field="profile__agency")


def get_scoped_or_404(queryset: QuerySet, **lookup):
    """Fetch one object from an already scoped queryset; outside the scope is 404, not 403,
    so that the existence of other agencies' records is not revealed."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None
