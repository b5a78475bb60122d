"""The daily clean-up of old report files and the minutely re-queue of background jobs whose
worker died (reports, card batches …), named here;
reports/wagtail_hooks.py declares them as schedules."""

from __future__ import annotations

SCHEDULE_NAME = "reports: remove old files"
TASK = "reports.tasks.reports_cleanup_task"
# The one re-queue of every kind of background job (reports, card batches …), lms.jobs.
REQUEUE_SCHEDULE_NAME = "jobs: re-queue stalled work"
REQUEUE_TASK = "lms.jobs.tasks.jobs_requeue_stalled_task"
