"""lms.schedules: every app's django-q2 schedules, declared through the ``lms_schedules`` hook,
exist once each with the declared timing, after migrate and however often they are ensured;
and the provincial admins' permissions are granted by the same set-up."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from django_q.models import Schedule

from lms import hooks
from lms.schedules import ScheduleSpec, one_schedule_ensure, registered_schedules_ensure
from lms.setup import editor_permissions_grant

pytestmark = pytest.mark.django_db


def _check_timing(spec: ScheduleSpec, schedule: Schedule) -> None:
    assert schedule.func == spec.func and schedule.repeats == -1
    if spec.minutes is not None:
        assert (schedule.schedule_type, schedule.minutes) == (Schedule.MINUTES, spec.minutes)
    else:
        assert schedule.schedule_type == Schedule.DAILY
        next_run = timezone.localtime(schedule.next_run)
        assert next_run.time() == spec.daily_at  # local wall-clock time, Asia/Shanghai
        assert next_run > timezone.now()  # never fires as a side effect of migrating


def test_after_ensuring_twice_every_schedule_exists_once_with_its_timing():
    Schedule.objects.all().delete()
    specs = hooks.schedules()
    assert len(specs) >= 5
    assert sorted(registered_schedules_ensure()) == sorted(spec.name for spec in specs)
    assert registered_schedules_ensure() == []
    for spec in specs:
        (schedule,) = Schedule.objects.filter(name=spec.name)
        _check_timing(spec, schedule)


def test_every_scheduled_task_can_be_imported_and_called():
    registered_schedules_ensure()
    for spec in hooks.schedules():
        func = Schedule.objects.get(name=spec.name).func
        assert callable(ScheduleSpec(name="check", func=func, minutes=1).func_callable()), func


def test_a_typo_in_a_task_name_is_caught():
    with pytest.raises(ImportError):
        ScheduleSpec(
            name="typo", func="exams.tasks.sweep_expird_attempts", minutes=5
        ).func_callable()


def test_migrate_creates_the_schedules_and_the_editors_permissions():
    Schedule.objects.all().delete()
    editors = Group.objects.get(name="Editors")
    editors.permissions.clear()
    call_command("migrate", verbosity=0)
    for spec in hooks.schedules():
        _check_timing(spec, Schedule.objects.get(name=spec.name))
    granted = set(editors.permissions.values_list("content_type__app_label", "codename"))
    for app_label, codenames in hooks.editor_permissions().items():
        assert {(app_label, codename) for codename in codenames} <= granted


def test_an_existing_schedule_is_brought_in_line_with_its_spec():
    """A renamed task or a changed interval reaches databases created before the change."""
    spec = ScheduleSpec(
        name="exams: finalise expired attempts",
        func="exams.tasks.sweep_expired_attempts",
        minutes=5,
    )
    Schedule.objects.filter(name=spec.name).update(func="exams.tasks.old_name", minutes=30)
    assert one_schedule_ensure(spec) is False
    _check_timing(spec, Schedule.objects.get(name=spec.name))
    daily = ScheduleSpec(
        name="daily test", func="exams.tasks.sweep_expired_attempts", daily_at=datetime.time(2, 0)
    )
    Schedule.objects.create(
        name=daily.name, func=daily.func, schedule_type=Schedule.MINUTES, minutes=1
    )
    one_schedule_ensure(daily)
    _check_timing(daily, Schedule.objects.get(name=daily.name))


@pytest.mark.parametrize(
    "timing", [{}, {"minutes": 5, "daily_at": datetime.time(2, 0)}, {"minutes": 0}]
)
def test_a_spec_needs_exactly_one_timing(timing):
    with pytest.raises(ValueError):
        ScheduleSpec(name="bad", func="exams.tasks.sweep_expired_attempts", **timing)


def test_granting_a_permission_that_does_not_exist_fails_loudly():
    with pytest.raises(LookupError, match="add_questoin"):
        editor_permissions_grant(app_label="exams", codenames=["add_question", "add_questoin"])
