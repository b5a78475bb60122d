"""django-q2 tasks: one-line wrappers over services."""

from credentials import batches, services


def credentials_daily():
    return services.credentials_daily()


def card_batch_build(batch_id: int):
    return batches.card_batch_build(batch_id=batch_id).status
