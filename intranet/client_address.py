"""The one place that decides which address a request came from.

Behind the agency's reverse proxy every request reaches Django from the proxy's address, and the
real client is in ``X-Forwarded-For``. That header is written by whoever sent the request, so it
is believed only as far as it was added by a proxy we trust: ``settings.TRUSTED_PROXIES`` (the
``TRUSTED_PROXIES`` environment variable: addresses or networks, comma-separated). The header is
walked from the right, each hop appended by the previous trusted one, and the first address that
is not a trusted proxy is the client. A client outside the list cannot spoof anything: its own
address is the answer. The access log of personal data and the log-in lock-out both use this.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip())


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    # An IPv4 client seen through an IPv6 socket (::ffff:10.0.0.1) is the IPv4 client.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _trusted(address, networks) -> bool:
    return any(address.version == network.version and address in network for network in networks)


def client_address(request) -> str | None:
    """The address of the client that sent ``request``, as far as trusted proxies vouch for it."""
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return None
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not networks or not _trusted(peer, networks):
        return str(peer)
    client = peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([h for h in forwarded.split(",") if h.strip()]):
        address = _parse(hop)
        if address is None:
            break  # garbage can only come from an untrusted sender: keep the last vouched-for hop
        client = address
        if not _trusted(address, networks):
            break
    return str(client)
