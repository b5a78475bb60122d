"""Claiming, beating, finishing, failing and re-queueing background jobs (``lms.jobs.models.Job``).

A job's own service does the work between ``job_claim`` and ``job_finish``/``job_fail``; these
functions keep the bookkeeping the waiting page and the re-queue schedule rely on. They are
deliberately not one transaction with the work: progress must commit as it happens so that the
page polling the job sees the bar move.
"""

from __future__ import annotations

import datetime
import logging
import time

from django.apps import apps
from django.conf import settings
from django.db import connections, transaction
from django.db.models import F, Q
from django.db.models.sql.constants import ROW_COUNT
from django.db.models.sql.subqueries import UpdateQuery
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_q.tasks import async_task

from lms.jobs.models import Job, JobStatus

logger = logging.getLogger(__name__)

# At most one progress write per job and this many seconds: a job calling job_progress per
# row or per card costs the database next to nothing, and the heartbeat stays fresh.
PROGRESS_SECONDS = 1.0


def job_models() -> list[type[Job]]:
    """Every concrete job model of the installed apps."""
    return [model for model in apps.get_models() if issubclass(model, Job)]


def stall_after() -> datetime.timedelta:
    """A running job with no sign of life for this long is taken to have lost its worker."""
    return datetime.timedelta(seconds=settings.JOB_STALL_SECONDS)


def _stalled(now: datetime.datetime) -> Q:
    return Q(status=JobStatus.RUNNING, heartbeat_at__lt=now - stall_after())


def job_enqueue(*, job: Job) -> None:
    """Hand the job to the task queue once the transaction that queued it has committed."""
    model, pk = type(job), job.pk
    transaction.on_commit(
        lambda: async_task(model.job_task, pk, task_name=f"{model._meta.model_name}-{pk}")
    )


def job_claim(*, job: Job) -> bool:
    """Take the job for this worker: True when it was queued (or stalled) and is now running
    here. A duplicate delivery of the task, or a re-queued job whose first worker is alive
    after all, finds it taken and must not run it."""
    model = type(job)
    now = timezone.now()
    claimable = model.objects.filter(Q(status=JobStatus.QUEUED) | _stalled(now), pk=job.pk)
    features = connections[claimable.db].features
    with transaction.atomic(using=claimable.db):
        if features.has_select_for_update:
            # PostgreSQL: a worker claiming the same row right now holds its lock; skip it
            # rather than wait for it, it is being taken.
            skip = features.has_select_for_update_skip_locked
            if not claimable.select_for_update(skip_locked=skip).values_list("pk", flat=True):
                return False
        # The UPDATE repeats the condition, so the claim is exclusive on SQLite too.
        claimed = claimable.update(
            status=JobStatus.RUNNING,
            started_at=now,
            heartbeat_at=now,
            finished_at=None,
            done=0,
            attempts=F("attempts") + 1,
        )
    if claimed:
        job.refresh_from_db(
            fields=["status", "started_at", "heartbeat_at", "finished_at", "done", "attempts"]
        )
        job._progress_at = time.monotonic()
    return bool(claimed)


def job_progress(
    *, job: Job, done: int, total: int | None = None, connection=None, force: bool = False
) -> bool:
    """Record how far the job has got; the write is the job's heartbeat. Throttled to one write
    per PROGRESS_SECONDS unless a total is given or ``force``. ``connection`` writes over
    another connection than the default one (when the default is busy streaming rows).
    Returns whether it wrote."""
    job.done = done
    if total is not None:
        job.total = total
    now = time.monotonic()
    last = getattr(job, "_progress_at", None)
    if total is None and not force and last is not None and now - last < PROGRESS_SECONDS:
        return False
    job._progress_at = now
    values = {"done": job.done, "total": job.total, "heartbeat_at": timezone.now()}
    rows = type(job).objects.filter(pk=job.pk)
    if connection is None:
        rows.update(**values)
    else:
        # QuerySet.update(), compiled for the other connection.
        query = rows.query.chain(UpdateQuery)
        query.add_update_values(values)
        query.get_compiler(connection=connection).execute_sql(ROW_COUNT)
    return True


def job_finish(*, job: Job, done: int | None = None, update_fields: tuple[str, ...] = ()) -> Job:
    """Mark the job done, with ``done`` items (all of the total unless given). ``update_fields``
    are the caller's own fields it has set on ``job`` (the files it wrote)."""
    job.done = job.total if done is None else done
    job.total = max(job.total, job.done)
    job.status = JobStatus.DONE
    job.error = ""
    job.finished_at = job.heartbeat_at = timezone.now()
    job.save(
        update_fields=[
            *update_fields, "status", "done", "total", "error", "finished_at", "heartbeat_at"
        ]
    )  # fmt: skip
    return job


def job_fail(*, job: Job, error: str, retry: bool = True) -> Job:
    """Record the failure with ``error`` (a sentence for the person who asked). With ``retry``
    and attempts left, the job is queued again and keeps the error until a run succeeds;
    otherwise it has failed. An expected refusal (nothing to print) passes ``retry=False``."""
    model = type(job)
    job.error = error
    if retry and job.attempts < model.max_attempts:
        model.objects.filter(pk=job.pk).update(
            status=JobStatus.QUEUED, error=error, heartbeat_at=None
        )
        job.status = JobStatus.QUEUED
        job_enqueue(job=job)
        # When tasks run inline (tests, the shell command) the retry has run by now.
        job.refresh_from_db()
        return job
    job.status = JobStatus.FAILED
    job.finished_at = timezone.now()
    model.objects.filter(pk=job.pk).update(
        status=job.status, error=error, finished_at=job.finished_at
    )
    return job


@transaction.atomic
def job_retry(*, job: Job) -> Job:
    """Queue a failed job again with a fresh count of attempts (the caller checked the user's
    scope). Any other job is left as it is."""
    if job.status != JobStatus.FAILED:
        return job
    job.status = JobStatus.QUEUED
    job.error = ""
    job.done = job.attempts = 0
    job.finished_at = None
    job.save(update_fields=["status", "error", "done", "attempts", "finished_at"])
    job_enqueue(job=job)
    return job


def _gave_up() -> str:
    # Stored once in the default language: the people reading it work in Chinese.
    with translation.override(settings.LANGUAGE_CODE):
        return _(
            "The work stopped before it was finished, several times. Start it again; if it "
            "stops again, tell the system administrator."
        )


def jobs_requeue_stalled(*, now: datetime.datetime | None = None) -> int:
    """Queue again the jobs of every kind whose worker died (the task cluster was killed or
    restarted): running, with no sign of life for stall_after(). Without this the broker hands
    the task out again only after Q_CLUSTER["retry"] (12 minutes). A job that has used up its
    attempts fails instead of running forever. Returns how many were queued again."""
    stalled = _stalled(now or timezone.now())
    queued = 0
    for model in job_models():
        for job in model.objects.filter(stalled).only("pk", "attempts"):
            rows = model.objects.filter(stalled, pk=job.pk)
            with transaction.atomic():
                # Claimed in the UPDATE, as a worker claims: a job that beat meanwhile stays.
                if job.attempts >= model.max_attempts:
                    rows.update(
                        status=JobStatus.FAILED, error=_gave_up(), finished_at=timezone.now()
                    )
                elif rows.update(status=JobStatus.QUEUED):
                    job_enqueue(job=job)
                    queued += 1
    if queued:
        logger.warning("re-queued %s stalled job(s)", queued)
    return queued
