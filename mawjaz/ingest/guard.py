"""Only public addresses: the check every user-given URL passes before Mawjaz fetches it.

A feed URL typed in a chat is a request that Mawjaz's own network position
makes on the user's behalf. Without a check, ``http://169.254.169.254/`` reads
the cloud's credentials, ``http://127.0.0.1:5432/`` probes the database and
``http://10.0.0.7/admin`` the office intranet (server-side request forgery).
So :func:`public_only` builds a :data:`~mawjaz.ingest.fetch.Guard` that
:func:`~mawjaz.ingest.fetch.fetch` calls on every hop, redirects included:

- the scheme must be ``http`` or ``https``;
- the host must be spelled as a host: an address, or a name of dot-separated
  labels of letters, digits, ``-`` and ``_`` (``exa mple.com``,
  ``example..com`` and ``-bad-.com`` are refused before any lookup: the
  resolver would refuse them at every poll, forever);
- the host must not be a local name (``localhost``, ``*.localhost``) nor a
  cloud metadata name (``metadata.google.internal`` and kin);
- the host is resolved, and *every* address it resolves to must be public:
  not loopback, private (RFC 1918), link-local, carrier-grade NAT, multicast,
  unspecified, reserved, documentation, IPv6 unique-local or site-local; an
  IPv6 address that carries an IPv4 one (IPv4-mapped ``::ffff:a.b.c.d``,
  IPv4-compatible, NAT64 ``64:ff9b::/96``, 6to4 ``2002::/16``) is judged by
  the IPv4 address inside. Numeric spellings (``http://2130706433/``,
  ``http://0x7f.1/``) are caught because they are resolved the way the
  connection will resolve them.

``allow_private=True`` (``MAWJAZ_ALLOW_PRIVATE_URLS``, for an intranet or a
test server) lifts the address-range rule but not the scheme rule, and never
opens the cloud metadata endpoints: no news is published there.

What it cannot see: a DNS answer that changes between this check and the
connection (DNS rebinding with a zero TTL). Closing that needs the check in
the connection itself; the check here stops every request whose host is
private when it is looked at, which is what misconfiguration and plain
abuse look like.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Callable, Sequence
from urllib.parse import unquote

import httpx

from mawjaz.errors import IngestError
from mawjaz.ingest.fetch import Guard

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]
"""``(host, port) -> addresses as text``; the default asks the system resolver, as the connection will."""

SCHEMES = ("http", "https")
METADATA_HOSTS = frozenset({
    "metadata", "metadata.google.internal", "metadata.goog", "metadata.azure.internal",
    "instance-data", "instance-data.ec2.internal",
})  # fmt: skip
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean
    "169.254.170.2",  # AWS ECS task metadata
    "169.254.169.253",  # AWS VPC DNS
    "100.100.100.200",  # Alibaba Cloud
    "fd00:ec2::254",  # AWS IMDS over IPv6
))  # fmt: skip
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_EXTRA_BLOCKED = tuple(ipaddress.ip_network(n) for n in (
    "100.64.0.0/10",  # carrier-grade NAT (RFC 6598): someone's private network
    "64:ff9b:1::/48",  # local-use NAT64 (RFC 8215)
))  # fmt: skip


def public_only(*, allow_private: bool = False, resolve: Resolver | None = None) -> Guard:
    """A guard for :func:`~mawjaz.ingest.fetch.fetch`: raises :class:`IngestError` for a URL it must not fetch.

    ``resolve`` replaces the system resolver (tests pass a table).
    """
    lookup = resolve or system_resolve

    def guard(url: str) -> None:
        check_url(url, allow_private=allow_private, resolve=lookup)

    return guard


def check_url(url: str, *, allow_private: bool = False, resolve: Resolver | None = None, look_up: bool = True) -> None:
    """Raise :class:`IngestError` unless ``url`` is http(s) and its host is public (see the module doc).

    ``look_up=False`` checks everything but the addresses a host *name*
    resolves to (a literal address is still judged): for a list of hundreds
    of feeds, whose hosts the poller looks up at every fetch anyway.
    """
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
        raise IngestError(f"{_shown(url)} is not a valid URL: {exc}") from None
    shown = _shown(url, parsed)
    if parsed.scheme not in SCHEMES:
        scheme = f"{parsed.scheme}:" if parsed.scheme else "a URL without a scheme"
        raise IngestError(f"{shown} is refused: only http:// and https:// URLs are fetched, not {scheme}")
    host = parsed.raw_host.decode("ascii", "replace")
    if not host:
        raise IngestError(f"{shown} is refused: it names no host")
    name = host.lower().rstrip(".")
    literal = _literal(host)
    if literal is None and (problem := host_problem(name)):
        raise IngestError(f"{shown} is refused: {problem}")
    if name in METADATA_HOSTS:
        raise IngestError(f"{shown} is refused: {host} is a cloud metadata endpoint")
    if not allow_private and (name == "localhost" or name.endswith(".localhost")):
        raise IngestError(f"{shown} is refused: {host} is this machine (loopback)")
    if literal is not None:
        addresses: list[Address] = [literal]
    elif not look_up:
        return
    else:
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        addresses = _resolved(host, port, resolve or system_resolve, shown)
    for address in addresses:
        why = refusal(address, allow_private=allow_private)
        if why:
            said = f"{host} resolves to {address}, which" if literal is None else f"{host}"
            raise IngestError(f"{shown} is refused: {said} is {why}; only public addresses are fetched")


def host_problem(name: str) -> str | None:
    """What is wrong with a host name's spelling (``"the host 'a b.com' has a space"``), or ``None``.

    ``name`` is the host as the URL gives it (punycode for an international
    name: ``httpx`` encodes it), without a trailing dot.

    >>> host_problem("news.example.com") is None
    True
    >>> host_problem("exa mple.com")
    "the host 'exa mple.com' is malformed: it has a space"
    >>> host_problem("example..com")
    "the host 'example..com' is malformed: it has an empty label"
    """
    said = f"the host {unquote(name)!r} is malformed"
    if any(char.isspace() for char in unquote(name)):
        return f"{said}: it has a space"
    if len(name) > 253:
        return f"{said}: it is longer than 253 characters"
    for label in name.split("."):
        if not label:
            return f"{said}: it has an empty label"
        if len(label) > 63:
            return f"{said}: a label is longer than 63 characters"
        if not _LABEL.fullmatch(label):
            return f"{said}: {label!r} is not letters, digits and inner hyphens"
    return None


_LABEL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?")


def refusal(address: Address, *, allow_private: bool = False) -> str | None:
    """Why ``address`` must not be fetched (``"a loopback address"``), or ``None`` when it is public."""
    address = _without_scope(address)
    if address in METADATA_ADDRESSES:
        return "a cloud metadata endpoint"
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        inner = refusal(embedded, allow_private=allow_private)
        return f"{inner} (inside the IPv6 address)" if inner else None
    if allow_private:
        return None
    for test, why in _KINDS:
        if test(address):
            return why
    if any(address in network for network in _EXTRA_BLOCKED if network.version == address.version):
        return "a carrier-grade NAT or local-use address"
    if not address.is_global:
        return "not a globally reachable address"
    return None


def is_public(address: str | Address) -> bool:
    """Whether an address (text or ``ipaddress`` object) may be fetched with the default rules."""
    return refusal(ipaddress.ip_address(address) if isinstance(address, str) else address) is None


def system_resolve(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host`` (IPv4 and IPv6), as text."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


_KINDS: tuple[tuple[Callable[[Address], bool], str], ...] = (
    (lambda a: a.is_unspecified, "the unspecified address"),
    (lambda a: a.is_loopback, "a loopback address"),
    (lambda a: a.is_link_local, "a link-local address"),
    (lambda a: a.is_multicast, "a multicast address"),
    (lambda a: isinstance(a, ipaddress.IPv6Address) and a.is_site_local, "a site-local address"),
    (lambda a: isinstance(a, ipaddress.IPv6Address) and a in _UNIQUE_LOCAL, "an IPv6 unique-local address"),
    (lambda a: a.is_private, "a private network address"),
    (lambda a: a.is_reserved, "a reserved address"),
)
_UNIQUE_LOCAL: ipaddress.IPv6Network = ipaddress.IPv6Network("fc00::/7")
_SHORTHAND_IPV4 = re.compile(r"(?:0[xX][0-9A-Fa-f]*|[0-9]+)(?:\.(?:0[xX][0-9A-Fa-f]*|[0-9]+)){0,3}")


def _resolved(host: str, port: int, resolve: Resolver, shown: str) -> list[Address]:
    try:
        found = list(resolve(host, port))
    except (OSError, UnicodeError, ValueError) as exc:
        raise IngestError(f"{shown} could not be fetched: {host} cannot be resolved ({_reason(exc)})") from None
    addresses = [address for text in found if (address := _literal(text)) is not None]
    if not addresses:
        raise IngestError(f"{shown} could not be fetched: {host} resolves to no address")
    return addresses


def _literal(host: str) -> Address | None:
    """The address a host spells literally, else ``None``.

    Besides the usual forms (``10.0.0.1``, ``[::1]``, ``fe80::1%25eth0``), the
    shorthand spellings the C library accepts and connects to (``127.1``,
    ``0x7f.1``, ``0177.0.0.1``, ``2130706433``) are read as it reads them.
    """
    text = unquote(host.strip("[]"))
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        pass
    if not _SHORTHAND_IPV4.fullmatch(text):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(text))
    except OSError:
        return None


def _without_scope(address: Address) -> Address:
    if isinstance(address, ipaddress.IPv6Address) and address.scope_id:
        return ipaddress.IPv6Address(str(address).split("%", 1)[0])
    return address


def _embedded_ipv4(address: Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, compatible, NAT64, 6to4), which is where it leads."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64 or (address in _IPV4_COMPATIBLE and int(address) > 1):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, socket.gaierror) and exc.strerror:
        return exc.strerror
    return str(exc) or exc.__class__.__name__


def _shown(url: str, parsed: httpx.URL | None = None) -> str:
    """The URL for a message: without a password in it, and cut when absurdly long."""
    if parsed is not None and parsed.userinfo:
        url = str(parsed.copy_with(username=None, password=None))
    return url if len(url) <= 200 else url[:200] + "…"
