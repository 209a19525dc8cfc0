"""The only network code of Mawjaz: one GET, streamed, capped, every hop checked.

It takes an ``httpx.Client`` from the caller (timeouts, user agent and
connection pool are the caller's business, as in trafilatura's
``downloads.py``) and follows redirects itself, so that ``guard`` sees every
URL on the way, not just the first: a public URL that redirects to
``http://127.0.0.1/`` must be caught at the hop. The body is streamed and
counted as it arrives, so a 2 GB answer costs at most ``max_bytes`` of memory
whatever its ``Content-Length`` claims.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import httpx

from mawjaz.errors import IngestError, InputTooLarge
from mawjaz.ingest.limits import too_large

Guard = Callable[[str], None]
"""Called with every URL before it is requested; raises (an :class:`IngestError`) to refuse it."""

MAX_REDIRECTS = 10
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class Fetched:
    """One answer: the final URL (after redirects), status, body and headers (names lower-cased)."""

    url: str
    status: int
    content: bytes
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def content_type(self) -> str:
        """The media type alone, lower-cased: ``application/rss+xml``."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The ``charset`` parameter of ``Content-Type``, if any."""
        for parameter in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


def fetch(
    url: str,
    client: httpx.Client,
    max_bytes: int,
    headers: Mapping[str, str] | None = None,
    guard: Guard | None = None,
) -> Fetched:
    """GET ``url``; a 2xx or a 304 comes back, anything else raises :class:`IngestError`.

    Raises :class:`InputTooLarge` when the body is over ``max_bytes``, and
    :class:`IngestError` on timeouts, connection failures, error statuses and
    redirect loops, each with a message naming the URL.
    """
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        if guard is not None:
            guard(current)
        try:
            request = client.build_request("GET", current, headers=dict(headers or {}))
            response = client.send(request, stream=True, follow_redirects=False)
        except httpx.TimeoutException as exc:
            raise IngestError(f"{current} did not answer in time ({exc.__class__.__name__})") from exc
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
            raise IngestError(f"{current} could not be fetched: {exc or exc.__class__.__name__}") from exc
        try:
            location = response.headers.get("location")
            if response.status_code in _REDIRECTS and location:
                current = str(response.url.join(location))
                continue
            return _answer(current, response, max_bytes)
        finally:
            response.close()
    raise IngestError(f"{url} redirects more than {MAX_REDIRECTS} times")


def _answer(url: str, response: httpx.Response, max_bytes: int) -> Fetched:
    answer_headers = {name.lower(): value for name, value in response.headers.items()}
    if response.status_code == 304:
        return Fetched(url, 304, b"", answer_headers)
    if not response.is_success:
        reason = f" {response.reason_phrase}" if response.reason_phrase else ""
        raise IngestError(f"{url} answered HTTP {response.status_code}{reason}")
    content = _read_capped(url, response, max_bytes)
    return Fetched(url, response.status_code, content, answer_headers)


def _read_capped(url: str, response: httpx.Response, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise InputTooLarge(too_large(url, int(declared), max_bytes))
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise InputTooLarge(too_large(url, None, max_bytes))
            chunks.append(chunk)
    except httpx.TimeoutException as exc:
        raise IngestError(f"{url} stopped answering mid-download ({exc.__class__.__name__})") from exc
    except httpx.HTTPError as exc:
        raise IngestError(f"{url} could not be downloaded: {exc or exc.__class__.__name__}") from exc
    return b"".join(chunks)
