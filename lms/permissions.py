"""The one place that decides who sees what.

Every query that returns people's data goes through ``scope_queryset`` (or one of the named
helpers built on it). Views never filter by agency themselves.

- provincial admin (and superusers): everything;
- agency admin: their agency and all agencies under it, read and write;
- oversight viewer: the agencies of their jurisdiction, read only;
- supervisor: the auxiliaries assigned to them;
- learner: only themself.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from lms.models import Agency, Auxiliary, Role, UserProfile


@dataclass(frozen=True)
class Scope:
    role: str | None
    agency_path: str | None
    user_id: int | None

    @property
    def is_provincial(self) -> bool:
        return self.role == Role.PROVINCIAL_ADMIN

    @property
    def is_agency_wide(self) -> bool:
        return self.role in {Role.AGENCY_ADMIN, Role.OVERSIGHT}

    @property
    def can_manage(self) -> bool:
        """Write access to people and records (oversight viewers only read)."""
        return self.role in {Role.AGENCY_ADMIN, Role.PROVINCIAL_ADMIN}

    @property
    def is_staff_viewer(self) -> bool:
        return self.role in {Role.AGENCY_ADMIN, Role.OVERSIGHT, Role.PROVINCIAL_ADMIN}


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


def scope_agency_queryset(user, queryset: QuerySet, *, agency_path: str = "agency__") -> QuerySet:
    """Limit records that belong to an agency (reports, imports, cycles) to the user's agencies.

    Supervisors and learners see no agency-level records.
    """
    scope = scope_for(user)
    if scope.is_provincial:
        return queryset
    if scope.is_agency_wide and scope.agency_path:
        return queryset.filter(**{f"{agency_path}path__startswith": scope.agency_path})
    return queryset.none()


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


def get_scoped_or_404(queryset: QuerySet, **lookup):
    """Fetch one object from an already scoped queryset; outside the scope is 404, not 403,
    so that the existence of other agencies' records is not revealed."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None


def require_role(user, *roles: str) -> None:
    if scope_for(user).role not in roles:
        raise Http404
