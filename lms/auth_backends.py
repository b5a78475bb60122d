"""The authentication backend: Django's ModelBackend, with the profile loaded with the user."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from lms.prepared import PreparedQuery

# Every request loads its user: the query is compiled once per process (lms.prepared).
_USER_WITH_PROFILE = PreparedQuery(
    lambda user_id: (
        get_user_model()
        ._default_manager.select_related("profile__agency")
        .filter(pk=user_id)
        .order_by()
    ),
    "user_id",
)


class ProfileModelBackend(ModelBackend):
    """Every request needs the user's role and agency (lms.permissions.scope_for), so the
    user comes with its profile and agency in one query instead of two."""

    def get_user(self, user_id):
        try:
            user_id = int(user_id)
        except (TypeError, ValueError):
            return None
        user = _USER_WITH_PROFILE.first(user_id=user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
