"""The common part of the fakes: an aiohttp app on 127.0.0.1:0 in a background thread, recording every call.

Tests talk to the fake from their own thread: ``start()``/``stop()``, the
recorded ``calls``, and ``wait_for(method, **match)`` which polls until a
matching call arrives (or fails with what did arrive).
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Call:
    """One request the fake answered: which method, with what parameters, and how it answered."""

    method: str
    params: dict[str, Any]
    status: int
    result: Any = None
    at: float = field(default_factory=time.monotonic)

    @property
    def ok(self) -> bool:
        return self.status == 200


async def read_params(request: web.Request) -> dict[str, Any]:
    """Parameters from JSON, urlencoded or multipart bodies and the query string (as libraries send them)."""
    params: dict[str, Any] = dict(request.query)
    if request.can_read_body:
        if request.content_type == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                params.update(body)
        else:
            form = await request.post()
            params.update({k: v for k, v in form.items() if isinstance(v, str)})
    return params


def json_param(value: Any) -> Any:
    """A parameter that may arrive JSON-encoded inside a form field."""
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class FakeServer:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._lock = threading.Condition()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0

    # --- to override -------------------------------------------------------------
    def routes(self, app: web.Application) -> None:
        raise NotImplementedError

    # --- lifecycle -----------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> FakeServer:
        ready = threading.Event()

        def serve() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            loop.run_until_complete(self._start())
            ready.set()
            loop.run_forever()
            loop.run_until_complete(self._runner.cleanup())
            loop.close()

        self._thread = threading.Thread(target=serve, name=f"fake-{type(self).__name__}", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the fake server did not start")
        return self

    async def _start(self) -> None:
        app = web.Application(client_max_size=4 * 1024 * 1024)
        self.routes(app)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)

    def call_in_loop(self, func: Callable[[], Any]) -> None:
        """Run ``func`` on the server's loop (to touch asyncio state from a test thread)."""
        assert self._loop is not None
        self._loop.call_soon_threadsafe(func)

    # --- the log -------------------------------------------------------------------
    def record(self, call: Call) -> Call:
        with self._lock:
            self.calls.append(call)
            self._lock.notify_all()
        return call

    def calls_to(self, method: str, ok_only: bool = True, **match: Any) -> list[Call]:
        with self._lock:
            calls = list(self.calls)
        return [c for c in calls if c.method == method and (c.ok or not ok_only) and _matches(c.params, match)]

    def wait_for(self, method: str, timeout: float = 5.0, count: int = 1, **match: Any) -> list[Call]:
        """Wait until ``count`` successful calls to ``method`` whose parameters include ``match`` arrived."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                found = [c for c in self.calls if c.method == method and c.ok and _matches(c.params, match)]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [
                        (c.method, c.status, {k: str(v)[:60] for k, v in c.params.items()}) for c in self.calls[-10:]
                    ]
                    raise AssertionError(f"no {count} × {method} {match} within {timeout} s; last calls: {seen}")
                self._lock.wait(left)


def _matches(params: dict[str, Any], match: dict[str, Any]) -> bool:
    return all(str(params.get(k)) == str(v) for k, v in match.items())
