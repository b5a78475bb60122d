"""Set-up every database needs, created idempotently after migrate: the daily reminder schedule
and the template-editing permissions of provincial admins (the Wagtail "Editors" group)."""

from __future__ import annotations


def editors_may_manage_templates() -> None:
    from django.contrib.auth.models import Group, Permission

    editors = Group.objects.filter(name="Editors").first()
    if editors:
        editors.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="assessments",
                codename__in=["add_assessmenttemplate", "change_assessmenttemplate"],
            )
        )


def on_post_migrate(sender, using="default", **kwargs) -> None:
    from django.contrib.auth.management import create_permissions
    from django.db import connections

    from assessments import services

    # A partial migrate may run before django_q's tables exist.
    if "django_q_schedule" in connections[using].introspection.table_names():
        services.schedules_ensure()
    create_permissions(sender, verbosity=0, using=using)
    editors_may_manage_templates()
