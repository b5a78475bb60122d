"""What reports adds to the other apps (lms/hooks.py lists the hooks): the staff dashboard
panel on the home page, the "Reports" navigation entry and the background schedules."""

from __future__ import annotations

import datetime

from wagtail import hooks

from lms.schedules import ScheduleSpec
from reports import home, schedules

# 03:30 local time, when nobody is building a report.
CLEANUP = ScheduleSpec(
    name=schedules.SCHEDULE_NAME, func=schedules.TASK, daily_at=datetime.time(3, 30)
)
# Every minute: a build whose worker died is picked up again soon after its heartbeat stops.
REQUEUE = ScheduleSpec(name=schedules.REQUEUE_SCHEDULE_NAME, func=schedules.REQUEUE_TASK, minutes=1)


hooks.register("lms_home_panels", home.dashboard_panel)
hooks.register("lms_nav_items", home.nav_links)


@hooks.register("lms_schedules")
def schedule_specs():
    return [CLEANUP, REQUEUE]
