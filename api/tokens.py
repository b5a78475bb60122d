"""Creating, revoking and checking API tokens."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from api.models import ApiToken, ApiWrite, TokenAccess
from lms.permissions import Capability, has_capability, scope_by_agency

TOKEN_PREFIX = "lmsapi_"
MAX_DAYS = 366
# last_used_at is refreshed at most this often: a busy sync must not write on every request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass
class IssuedToken:
    token: ApiToken
    key: str  # shown once, never stored


def may_manage_tokens(user) -> bool:
    """Agency admins and the province: the roles that may change people's records."""
    return has_capability(user, Capability.MANAGE_PEOPLE)


def visible_tokens(user):
    """Tokens the user may see and revoke: those created for the agencies they manage (the
    province sees every token)."""
    if not may_manage_tokens(user):
        return ApiToken.objects.none()
    tokens = ApiToken.objects.select_related("created_by__profile__agency")
    mine = tokens.filter(created_by=user)
    return scope_by_agency(user, tokens, field="created_by__profile__agency") | mine


@transaction.atomic
def token_create(*, actor, name: str, access: str, days: int) -> IssuedToken:
    if not may_manage_tokens(actor):
        raise PermissionDenied(_("Only agency administrators can create API tokens."))
    if access not in TokenAccess.values:
        raise ValueError(access)
    days = max(1, min(int(days), MAX_DAYS))
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        name=name.strip()[:80],
        prefix=key[: len(TOKEN_PREFIX) + 6],
        key_hash=_digest(key),
        access=access,
        created_by=actor,
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    return IssuedToken(token, key)


@transaction.atomic
def token_revoke(*, token: ApiToken, actor) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token


def token_for_key(key: str) -> tuple[ApiToken | None, str]:
    """(token, "") for a usable key, else (None, why): "unknown", "revoked" or "expired".
    Marks the token used."""
    if not key.startswith(TOKEN_PREFIX) or len(key) > 200:
        return None, "unknown"
    token = (
        ApiToken.objects.select_related("created_by__profile__agency")
        .filter(key_hash=_digest(key))
        .first()
    )
    if token is None:
        return None, "unknown"
    if token.revoked_at is not None:
        return None, "revoked"
    now = timezone.now()
    if token.expires_at <= now:
        return None, "expired"
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token, ""


def write_record(*, token: ApiToken, operation: str, summary: str) -> ApiWrite:
    """Every write through the API, with the token's name (called inside the write's
    transaction, so a write that rolls back leaves no record)."""
    return ApiWrite.objects.create(
        token=token,
        token_name=token.name,
        actor_id=token.created_by_id,
        operation=operation,
        summary=summary,
    )
