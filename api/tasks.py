"""django-q2 tasks: one-line wrappers over api.delivery."""

from api import delivery


def deliveries_send() -> int:
    return delivery.deliveries_send()


def outbox_purge() -> int:
    return delivery.outbox_purge()
