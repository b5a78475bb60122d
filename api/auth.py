"""Bearer-token authentication: the token's creator becomes request.user, so every scoped
helper of lms.permissions answers for the token exactly as for its creator; each token's
requests are counted against one limit that all server processes share."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from api.errors import RateLimited, Unauthenticated
from api.tokens import token_for_key
from credentials.ratelimit import limit_exceeded
from lms.permissions import Capability, has_capability


def _refusal(why: str) -> Unauthenticated:
    messages = {
        "revoked": _("This API token has been revoked."),
        "expired": _("This API token has expired."),
        "inactive": _("The account that created this API token can no longer use it."),
    }
    return Unauthenticated(
        f"token_{why}" if why in messages else "unauthorized",
        messages.get(why, _("Send a valid API token: Authorization: Bearer <token>.")),
    )


class TokenAuth(HttpBearer):
    """No header or not a Bearer one: ninja answers 401 itself (api.errors shapes it)."""

    def authenticate(self, request, token: str):
        api_token, why = token_for_key(token.strip())
        if api_token is None:
            raise _refusal(why)
        user = api_token.created_by
        if not user.is_active or not has_capability(user, Capability.VIEW_PEOPLE):
            raise _refusal("inactive")
        window = settings.API_RATE_WINDOW
        if limit_exceeded(
            request,
            bucket=f"api-token-{api_token.pk}",
            limit=settings.API_RATE_LIMIT,
            window=window,
        ):
            raise RateLimited(retry_after=window)
        request.user = user
        request.api_token = api_token
        return api_token


def require_write(request) -> None:
    """403 for a read-only token, or one whose creator may no longer change records."""
    token = request.auth
    if not token.can_write:
        raise PermissionDenied(_("This API token is read-only."))
    if not has_capability(request.user, Capability.MANAGE_PEOPLE):
        raise PermissionDenied(_("The account that created this API token cannot change records."))
