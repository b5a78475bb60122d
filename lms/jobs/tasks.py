"""django-q2 entry point: the minutely re-queue of stalled jobs of every kind."""

from lms.jobs import services


def jobs_requeue_stalled_task():
    return services.jobs_requeue_stalled()
