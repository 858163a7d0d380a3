"""Which hosts an article link may make the tracker fetch: the open internet only.

A feed is trusted (its owner configured it); the links inside it are not. An item may
link to ``http://127.0.0.1:8080/admin``, a router at ``192.168.1.1`` or a cloud
metadata service at ``169.254.169.254``: fetching those for their "full text" would let
anyone who writes a feed read the tracker's own network, and the text could end up in a
digest. So an article page, its robots.txt and every redirect on the way must resolve
to global addresses, unless the page is on its feed's own host (a feed on an intranet
links to its own pages) or ``fetch.private_pages`` allows it.

The check resolves the name itself, before httpx connects (which resolves again): a
name that changes its answer in between could still pass. That window is small and
the answers are checked at every hop.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from tracker.errors import FetchError

PRIVATE = "private-address"


async def ensure_public(url: str) -> None:
    """Raise a :class:`FetchError` (reason ``private-address``) when ``url``'s host is
    or resolves to an address outside the global internet."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    for address in await _addresses(host, parts.port or (443 if parts.scheme == "https"
                                                          else 80)):
        if not _is_global(address):
            raise FetchError(f"{host} is a private, loopback or link-local address "
                             f"({address}); set fetch.private_pages to fetch such pages",
                             reason=PRIVATE)


async def _addresses(host: str, port: int) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port,
                                                             type=socket.SOCK_STREAM)
    except OSError as exc:
        raise FetchError(f"cannot resolve {host}: {exc}", reason="network") from None
    return [str(info[4][0]) for info in infos]


def _is_global(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast
