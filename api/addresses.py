"""Where a webhook may be sent. An endpoint's address is typed by an agency admin, and the
server, not the admin, makes the request: without a rule an endpoint could reach what only the
server can (the database host, a cloud metadata address, an internal admin page). So every
address a host name resolves to must be a public one, or lie in a network the operator allows
(``WEBHOOK_ALLOWED_NETWORKS``: an agency system on the government intranet, say 10.0.0.0/8).
The check runs when an endpoint is registered and again before each delivery, since what a
name resolves to can change."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


def _allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(n, strict=False) for n in settings.WEBHOOK_ALLOWED_NETWORKS]


def address_refusal(url: str) -> str | None:
    """Why the server will not send to ``url`` (in Chinese), or None when it may."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return _("The address must start with https:// (or http://) and name a host.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        answers = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError, UnicodeError):
        return _("The host %(host)s cannot be resolved from this server.") % {
            "host": parts.hostname
        }
    allowed = _allowed_networks()
    for *_rest, sockaddr in answers:
        address = ipaddress.ip_address(sockaddr[0].split("%")[0])
        if address.is_global or any(address in network for network in allowed):
            continue
        return _(
            "%(host)s leads to %(address)s, an internal address this server does not send to. "
            "The operator can allow the network with WEBHOOK_ALLOWED_NETWORKS."
        ) % {"host": parts.hostname, "address": address}
    return None
