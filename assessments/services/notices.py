"""Notices on a person's home page, and the language they (and mails) are written in."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from assessments.models import Notice


def notify(*, user, text: str, url: str = "") -> Notice:
    return Notice.objects.create(user=user, text=text[:300], url=url[:300])


def notice_mark_read(*, notice: Notice, actor) -> None:
    if notice.user_id != actor.pk:
        raise PermissionDenied
    if notice.read_at is None:
        Notice.objects.filter(pk=notice.pk).update(read_at=timezone.now())


def platform_language():
    """Stored notices and mails are written in the platform's language, whoever triggers them
    (a worker has no request language)."""
    return translation.override(settings.LANGUAGE_CODE)
