"""The one status JSON of a background job, polled by site/static/js/jobs.js."""

from __future__ import annotations

from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

from lms.jobs.models import Job, JobStatus


def job_status_payload(job: Job, *, download_url: str = "", **extra) -> dict:
    """``download_url`` is given only once there is something to download; ``extra`` adds the
    job kind's own links (a report's retry URL)."""
    return {
        "id": job.pk,
        "status": job.status,
        "status_label": str(JobStatus(job.status).label),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "finished": job.is_finished,
        "error": job.error if job.status == JobStatus.FAILED else "",
        "download_url": download_url if job.status == JobStatus.DONE else "",
        **extra,
    }


def job_status_response(job: Job, **kwargs) -> JsonResponse:
    """The status JSON, never cached: the poller must see each change. The caller looked the
    job up through the user's scope."""
    response = JsonResponse(job_status_payload(job, **kwargs))
    add_never_cache_headers(response)
    return response
