"""What every database needs besides its tables, declared by the apps through hooks and made
idempotently after every migrate and by seed_demo: the django-q2 schedules (``lms_schedules``)
and the permissions of provincial admins (``lms_editor_permissions``)."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from lms import hooks
from lms.schedules import registered_schedules_ensure

# Wagtail's own editors group (its migrations create it); lms.services.staff_account_create
# puts provincial admins in it.
EDITORS_GROUP = "Editors"


@transaction.atomic
def editor_permissions_grant(*, app_label: str, codenames: list[str]) -> None:
    """Give provincial admins (the "Editors" group) these permissions of one app: course
    content, the bank, templates and the card design are theirs to edit (Arts. 20, 22). A
    codename that does not exist is a programming error and raises, rather than leaving
    editors without a permission nobody notices is missing."""
    permissions = list(
        Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )
    missing = sorted(set(codenames) - {permission.codename for permission in permissions})
    if missing:
        raise LookupError(f"no such permission in {app_label}: {', '.join(missing)}")
    editors, _created = Group.objects.get_or_create(name=EDITORS_GROUP)
    editors.permissions.add(*permissions)


def editor_permissions_grant_all() -> None:
    for app_label, codenames in hooks.editor_permissions().items():
        editor_permissions_grant(app_label=app_label, codenames=codenames)


def platform_setup() -> list[str]:
    """Schedules and editor permissions; returns the names of schedules created now."""
    editor_permissions_grant_all()
    return registered_schedules_ensure()


def on_post_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Connected once (sender: lms). Post-migrate receivers run app by app, so auth may not
    have created the other apps' permissions yet: create them all first."""
    tables = connections[using].introspection.table_names()
    # A partial migrate (e.g. `migrate contenttypes`) may run before these tables exist.
    if "auth_permission" in tables and "auth_group" in tables:
        for app_config in apps.get_app_configs():
            create_permissions(app_config, verbosity=0, using=using)
        editor_permissions_grant_all()
    if "django_q_schedule" in tables:
        registered_schedules_ensure()


def seed_platform_setup(stdout=None) -> None:
    created = platform_setup()
    if stdout:
        kept = len(hooks.schedules()) - len(created)
        stdout.write(f"  定时任务：新建 {len(created)} 个，已有 {kept} 个；编辑权限已授予")
