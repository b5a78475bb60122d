"""Set-up that must exist in every database, created idempotently (post_migrate, seed_demo):
the daily expiry/warning schedule, and the design-editing permission for provincial admins."""

from __future__ import annotations

import datetime

from django.utils import timezone

SCHEDULE_NAME = "credentials: expire and warn"
TASK = "credentials.tasks.credentials_daily"


def schedule_ensure() -> None:
    from django_q.models import Schedule

    if Schedule.objects.filter(name=SCHEDULE_NAME).exists():
        return
    # 02:00 local time tomorrow: after midnight so "past valid-until" means yesterday's date.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    first_run = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(2, 0)))
    Schedule.objects.create(
        name=SCHEDULE_NAME, func=TASK, schedule_type=Schedule.DAILY, next_run=first_run, repeats=-1
    )


def on_post_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections

    # A partial migrate (e.g. `migrate credentials`) may run before django_q's tables exist.
    if "django_q_schedule" in connections[using].introspection.table_names():
        schedule_ensure()
    # Our receiver may run before auth's for this app: make sure the permission row exists.
    from django.contrib.auth.management import create_permissions

    create_permissions(sender, verbosity=0, using=using)
    design_permission_grant()


def design_permission_grant() -> None:
    """Provincial admins edit the card design (Art. 20 para 2). They are the members of the
    Wagtail "Editors" group (lms.services.staff_account_create puts them there)."""
    from django.contrib.auth.models import Group, Permission

    permission = Permission.objects.filter(
        content_type__app_label="credentials", codename="change_credentialdesignsettings"
    ).first()
    group = Group.objects.filter(name="Editors").first()
    if permission and group:
        group.permissions.add(permission)
