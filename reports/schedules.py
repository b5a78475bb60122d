"""The daily clean-up of old report files and the minutely re-queue of builds whose worker died,
scheduled idempotently (post_migrate and seed_demo)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from lms.seeding import register_seed_step

SCHEDULE_NAME = "reports: remove old files"
TASK = "reports.tasks.reports_cleanup_task"
REQUEUE_SCHEDULE_NAME = "reports: re-queue stalled builds"
REQUEUE_TASK = "reports.tasks.reports_requeue_stalled_task"


def schedule_ensure() -> bool:
    """Create the schedules unless they exist. Returns whether one was created."""
    from django_q.models import Schedule

    created = False
    if not Schedule.objects.filter(name=SCHEDULE_NAME).exists():
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        first_run = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(3, 30)))
        Schedule.objects.create(
            name=SCHEDULE_NAME, func=TASK, schedule_type=Schedule.DAILY, next_run=first_run,
            repeats=-1,
        )  # fmt: skip
        created = True
    if not Schedule.objects.filter(name=REQUEUE_SCHEDULE_NAME).exists():
        Schedule.objects.create(
            name=REQUEUE_SCHEDULE_NAME, func=REQUEUE_TASK, schedule_type=Schedule.MINUTES,
            minutes=1, repeats=-1,
        )  # fmt: skip
        created = True
    return created


def on_post_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections

    # A partial migrate may run before django_q's tables exist.
    if "django_q_schedule" in connections[using].introspection.table_names():
        schedule_ensure()


@register_seed_step(60, "report schedules")
def seed_report_schedules(stdout=None) -> None:
    created = schedule_ensure()
    if stdout:
        stdout.write("  报表清理计划：" + ("已创建" if created else "已存在"))
