"""django-q2 tasks: one-line wrappers over services."""

from assessments import services


def send_reminders() -> dict[str, int]:
    return services.reminders_send()
