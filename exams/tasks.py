"""django-q2 tasks: thin wrappers over services."""

from exams import services


def sweep_expired_attempts() -> int:
    return services.attempts_finalise_expired()
