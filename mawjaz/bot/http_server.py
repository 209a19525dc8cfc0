"""A small threaded HTTP server for the two things that call us: Slack events and Telegram webhooks.

Stdlib only (no web framework to deploy or patch). Each route is a function
``(body, query, headers) -> (status, headers, body)``; the server answers
404 elsewhere, caps request bodies, and runs in a daemon thread. Several
workers on one host each take their own port.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)


Route = Callable[[bytes, str, Mapping[str, str]], Response]


def _handler_class(routes: Mapping[str, Route]):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args) -> None:  # the access log would print paths, never bodies
            log.debug("%s %s", self.address_string(), format % args)

        def do_POST(self) -> None:
            path, _, query = self.path.partition("?")
            route = routes.get(path)
            length = int(self.headers.get("Content-Length") or 0)
            if route is None:
                self._reply(Response(404, b"not found"))
                return
            if length > MAX_BODY:
                self._reply(Response(413, b"too large"))
                return
            body = self.rfile.read(length)
            headers = {k.lower(): v for k, v in self.headers.items()}
            try:
                response = route(body, query, headers)
            except Exception:
                log.exception("request to %s failed", path)
                response = Response(500, b"error")
            self._reply(response)

        def do_GET(self) -> None:
            self._reply(Response(404 if self.path != "/healthz" else 200, b"ok" if self.path == "/healthz" else b""))

        def _reply(self, response: Response) -> None:
            self.send_response(response.status)
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            self.wfile.write(response.body)

    return Handler


class Server:
    """``Server(routes, host, port).start()`` serves in a daemon thread; ``port=0`` picks a free port."""

    def __init__(self, routes: Mapping[str, Route], host: str = "0.0.0.0", port: int = 0) -> None:
        self._server = ThreadingHTTPServer((host, port), _handler_class(dict(routes)))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.2}, name=f"http-{port}", daemon=True
        )

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def start(self) -> Server:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
