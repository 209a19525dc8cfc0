"""The one network function: capped, streamed, redirects followed by hand so a guard sees each hop.

Most tests use ``httpx.MockTransport`` (httpx's public fake); two run a real
server on ``127.0.0.1:0`` to check the cap and the timeout over a socket.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from mawjaz.errors import IngestError, InputTooLarge
from mawjaz.ingest.fetch import fetch

MB = 1024 * 1024


def _client(handler) -> httpx.Client:  # noqa: ANN001 - an httpx MockTransport handler
    return httpx.Client(transport=httpx.MockTransport(handler))


def test_a_page_comes_back_with_its_final_url_status_and_headers():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "/new"})
        return httpx.Response(200, content="نص".encode(), headers={"Content-Type": "text/html; charset=UTF-8"})

    fetched = fetch("https://news.example/old", _client(handler), max_bytes=MB)
    assert fetched.url == "https://news.example/new"
    assert fetched.status == 200
    assert fetched.content.decode() == "نص"
    assert fetched.content_type == "text/html"
    assert fetched.charset == "UTF-8"


def test_the_guard_sees_every_url_including_redirects_and_can_refuse_one():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "public.example":
            return httpx.Response(302, headers={"Location": "http://127.0.0.1/admin"})
        return httpx.Response(200, content=b"secret")

    seen: list[str] = []

    def guard(url: str) -> None:
        seen.append(url)
        if "127.0.0.1" in url:
            raise IngestError(f"{url} is not a public address")

    with pytest.raises(IngestError, match="not a public address"):
        fetch("https://public.example/a", _client(handler), max_bytes=MB, guard=guard)
    assert seen == ["https://public.example/a", "http://127.0.0.1/admin"]


def test_a_declared_length_over_the_limit_is_refused_before_reading():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Length": str(20 * MB)}, content=b"")

    with pytest.raises(InputTooLarge, match=r"is 20\.0 MB, over the 5 MB limit"):
        fetch("https://big.example/page", _client(handler), max_bytes=5 * MB)


def test_a_stream_without_length_is_cut_at_the_limit():
    pulled = 0

    def endless() -> Iterator[bytes]:
        nonlocal pulled
        while True:
            pulled += 1
            yield b"x" * 65536

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=endless())

    with pytest.raises(InputTooLarge, match="over the 1 MB limit"):
        fetch("https://big.example/stream", _client(handler), max_bytes=MB)
    assert pulled <= MB // 65536 + 1


def test_an_error_status_is_an_ingest_error_naming_the_url():
    with pytest.raises(IngestError, match=r"https://news.example/gone answered HTTP 404 Not Found"):
        fetch("https://news.example/gone", _client(lambda request: httpx.Response(404)), max_bytes=MB)


def test_not_modified_comes_back_empty_with_its_status():
    fetched = fetch("https://news.example/feed", _client(lambda request: httpx.Response(304)), max_bytes=MB)
    assert (fetched.status, fetched.content) == (304, b"")


def test_a_timeout_is_an_ingest_error_with_a_clear_message():
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with pytest.raises(IngestError, match="did not answer in time"):
        fetch("https://slow.example/", _client(handler), max_bytes=MB)


def test_a_redirect_loop_ends_with_an_ingest_error():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": str(request.url)})

    with pytest.raises(IngestError, match="redirects more than 10 times"):
        fetch("https://loop.example/", _client(handler), max_bytes=MB)


def test_an_unreachable_host_is_an_ingest_error():
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(IngestError, match="could not be fetched"):
        fetch("https://down.example/", _client(handler), max_bytes=MB)


def test_extra_headers_are_sent():
    seen = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen.update(request.headers)
        return httpx.Response(200, content=b"ok")

    fetch("https://news.example/", _client(handler), max_bytes=MB, headers={"If-None-Match": '"v1"'})
    assert seen["if-none-match"] == '"v1"'


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        if self.path == "/slow":
            time.sleep(0.5)
        self.send_response(200)
        self.end_headers()  # no Content-Length: the size is only known by reading
        try:
            for _ in range(64):
                self.wfile.write(b"y" * 65536)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[str]:
    """A real HTTP server on a free local port, serving 4 MB without a length (and slowly on /slow)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.block_on_close = False  # do not wait for the slow handler at teardown
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_over_a_real_socket_the_download_stops_at_the_limit(local_server: str):
    with httpx.Client() as client, pytest.raises(InputTooLarge):
        fetch(f"{local_server}/big", client, max_bytes=MB)


def test_over_a_real_socket_a_slow_server_times_out(local_server: str):
    with httpx.Client(timeout=0.1) as client, pytest.raises(IngestError, match="in time"):
        fetch(f"{local_server}/slow", client, max_bytes=MB)
