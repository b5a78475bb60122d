"""Background jobs with progress: one abstract model (``models.Job``), the services that claim,
beat, finish, fail and re-queue a job (``services``), the django-q2 task that re-queues stalled
jobs (``tasks``) and the status JSON every waiting page polls (``views``).

Reports, card batches and any future long-running work (paper drawing, long imports) subclass
``Job``; nothing here imports them: the concrete models are found through ``apps.get_models()``.
"""
