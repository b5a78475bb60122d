"""django-q2 entry points: one-line wrappers over reports.services."""

from reports import services


def report_build_task(report_id: int):
    return services.report_build(report_id=report_id).status


def reports_cleanup_task():
    return services.reports_cleanup()


def reports_requeue_stalled_task():
    return services.reports_requeue_stalled()
