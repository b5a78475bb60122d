"""django-q2 entry points: one-line wrappers over training.reports and training.reminders."""

from training import reminders, reports


def hours_report_task(report_id: int):
    return reports.hours_report_build(report_id=report_id).status


def send_hours_reminders() -> dict[str, int]:
    return reminders.hours_reminders_send()
