"""Settings for the qcluster started by the fault test: a real (not sync) ORM-broker cluster
with short timings, so that a re-delivery after a crash happens within the test's time.

Production keeps the same mechanism with timeout 600 s and retry 720 s (lms/settings/base.py):
a job (report, card batch) whose cluster died is handed out again 12 minutes after it was first
taken, or queued again by the minutely re-queue once it has shown no sign of life for 5 minutes
(JOB_STALL_SECONDS), whichever comes first."""

from lms.settings.test import *  # noqa: F403
from lms.settings.test import Q_CLUSTER

Q_CLUSTER = {**Q_CLUSTER, "sync": False, "workers": 1, "timeout": 10, "retry": 12, "poll": 0.2}
# A re-delivered job may take over only once its first worker has stopped beating.
JOB_STALL_SECONDS = 8
