"""django-q2 tasks: one-line wrappers over services."""

from assessments import services


def send_reminders() -> dict[str, int]:
    return services.reminders_send()


def cycle_print_build_task(print_id: int):
    return services.cycle_print_build(print_id=print_id).status
