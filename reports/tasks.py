"""django-q2 entry points: one-line wrappers over reports.services. (Stalled builds are queued
again by the jobs' own task, lms.jobs.tasks.)"""

from reports import services


def report_build_task(report_id: int):
    return services.report_build(report_id=report_id).status


def reports_cleanup_task():
    return services.reports_cleanup()
