"""One ASGI server (uvicorn) in the service's own event loop, listening on every address the service needs.

``mawjaz run`` serves the story pages (``MAWJAZ_WEB_PORT``), Slack's events
(``MAWJAZ_SLACK_PORT``) and Telegram's webhook (``MAWJAZ_TELEGRAM_WEBHOOK_PORT``)
from this one server and one application: several listening sockets, no thread
per platform. Each port serves every route (a Slack request on the web port is
answered too), so one port is enough behind a proxy.

The sockets are bound before the server starts, so ``port=0`` gives a free
port known at once (tests). The service owns SIGINT and SIGTERM: uvicorn's
own signal handling is turned off here and the service stops the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import uvicorn
from starlette.types import ASGIApp

from mawjaz.errors import ConfigError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Endpoint:
    """An address the server listens on (the port as bound: never 0)."""

    host: str
    port: int


class _Server(uvicorn.Server):
    """uvicorn without its signal handlers: the process that embeds it decides when to stop."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket; a port taken or an address not ours is a setting to fix, said in one line."""
    try:
        return socket.create_server((host, port))
    except OSError as exc:
        raise ConfigError(
            f"cannot listen on {host}:{port} ({exc.strerror or exc}): set MAWJAZ_WEB_PORT or --port"
        ) from None


class WebServer:
    """``await WebServer(app, [(host, port), …]).start()`` serves ``app`` on each address until ``stop()``."""

    def __init__(self, app: ASGIApp, addresses: Sequence[tuple[str, int]]) -> None:
        unique = list(dict.fromkeys(a for a in addresses if a[1] != 0)) + [a for a in addresses if a[1] == 0]
        self._sockets = [_listen(host, port) for host, port in unique]
        self.endpoints = [
            Endpoint(host, s.getsockname()[1]) for (host, _), s in zip(unique, self._sockets, strict=True)
        ]
        config = uvicorn.Config(
            app, log_config=None, access_log=False, lifespan="off", timeout_graceful_shutdown=3, server_header=False
        )
        self._server = _Server(config)
        self._task: asyncio.Task | None = None

    async def start(self) -> WebServer:
        self._task = asyncio.get_running_loop().create_task(self._server.serve(sockets=self._sockets))
        while not self._server.started:
            if self._task.done():  # it failed to start: say why
                self._task.result()
                raise RuntimeError("the web server stopped before it started")
            await asyncio.sleep(0.01)
        for endpoint in self.endpoints:
            log.info("serving HTTP on %s:%d", endpoint.host, endpoint.port)
        return self

    async def stop(self) -> None:
        self._server.should_exit = True
        if self._task is not None:
            try:
                await self._task
            except Exception:
                log.warning("the web server stopped with an error", exc_info=True)
        for sock in self._sockets:
            sock.close()

    async def serve(self, stop: asyncio.Event) -> None:
        """Serve until ``stop`` is set (``mawjaz web``)."""
        await self.start()
        try:
            await stop.wait()
        finally:
            await self.stop()
