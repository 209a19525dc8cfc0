"""What the Slack and Telegram adapters hand the web server: plain routes, no web framework.

A route is a function ``(body, query, headers) -> Response``, run in a
worker thread by :mod:`mawjaz.web.server` (one ASGI server for the story
pages, Slack's events and Telegram's webhook). The adapters stay free of the
server's library and the server free of the platforms'.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

MAX_BODY = 1024 * 1024  # a Slack event or Telegram update is a few kilobytes: anything this big is refused (413)


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)


Route = Callable[[bytes, str, Mapping[str, str]], Response]
