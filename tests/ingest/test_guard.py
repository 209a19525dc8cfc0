"""Fetching a user-given URL: only public hosts, on every hop, unless configuration opens private ones.

Names are resolved through a table (no test touches the network); the last
tests run the real pipeline against a server on ``127.0.0.1:0`` to show the
guard is wired in: refused by default, fetched when private URLs are allowed.
"""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import func, select

from mawjaz.config import Settings
from mawjaz.errors import IngestError
from mawjaz.ingest import Problem, read_source
from mawjaz.ingest.fetch import fetch
from mawjaz.ingest.guard import check_url, is_public, public_only
from mawjaz.pipeline import ingest
from mawjaz.storage.models import Article as StoredArticle

MB = 1024 * 1024
DNS = {
    "news.example": ["93.184.216.34", "2606:2800:220:1::248"],
    "half-private.example": ["93.184.216.34", "10.0.0.5"],  # one public answer is not enough
    "rebound.example": ["127.0.0.1"],
    "localhost": ["127.0.0.1", "::1"],
    "metadata-alias.example": ["169.254.169.254"],
    "v6-private.example": ["fd00::7"],
}


def table(host: str, port: int) -> list[str]:
    if host in DNS:
        return DNS[host]
    raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


def refused(url: str, **options) -> str:
    with pytest.raises(IngestError) as caught:
        check_url(url, resolve=table, **options)
    return str(caught.value)


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://127.8.9.10:8080/feed", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://localhost/", "loopback"),
        ("http://LOCALHOST./", "loopback"),
        ("http://api.localhost/", "loopback"),
        ("http://10.1.2.3/", "private network"),
        ("http://172.16.0.1/", "private network"),
        ("http://192.168.1.1/", "private network"),
        ("http://169.254.1.1/", "link-local"),
        ("http://[fe80::1]/", "link-local"),
        ("http://[fe80::1%25eth0]/", "link-local"),
        ("http://100.64.0.1/", "carrier-grade NAT"),
        ("http://224.0.0.1/", "multicast"),
        ("http://[ff02::1]/", "multicast"),
        ("http://0.0.0.0/", "unspecified"),
        ("http://[::]/", "unspecified"),
        ("http://[fd12:3456::1]/", "unique-local"),
        ("http://[fec0::1]/", "site-local"),
        ("http://240.0.0.1/", "address"),
        ("http://[::ffff:127.0.0.1]/", "loopback address (inside the IPv6 address)"),
        ("http://[::ffff:10.0.0.1]/", "private network address (inside the IPv6 address)"),
        ("http://[64:ff9b::a00:1]/", "private network address (inside the IPv6 address)"),
        ("http://[2002:c0a8:101::]/", "private network address (inside the IPv6 address)"),
        ("http://2130706433/", "loopback"),
        ("http://0x7f.1/", "loopback"),
        ("http://127.1/", "loopback"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata endpoint"),
        ("http://metadata.google.internal/computeMetadata/v1/", "cloud metadata endpoint"),
        ("http://[fd00:ec2::254]/", "cloud metadata endpoint"),
        ("http://half-private.example/feed", "resolves to 10.0.0.5, which is a private network address"),
        ("http://rebound.example/", "resolves to 127.0.0.1, which is a loopback address"),
        ("http://v6-private.example/", "unique-local"),
    ],
)
def test_a_url_to_a_non_public_address_is_refused_saying_why(url, why):
    message = refused(url)
    assert why in message
    assert "is refused" in message


@pytest.mark.parametrize(
    "url",
    ["http://news.example/feed.xml", "https://news.example:8443/a", "http://93.184.216.34/", "http://[2606:4700::1]/"],
)
def test_a_url_to_a_public_address_passes(url):
    check_url(url, resolve=table)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://news.example/feed", "gopher://news.example/", "javascript:alert(1)"]
)
def test_only_http_and_https_are_fetched_even_when_private_urls_are_allowed(url):
    assert "only http:// and https://" in refused(url, allow_private=True)


def test_allowing_private_urls_opens_private_ranges_but_never_the_cloud_metadata_endpoints():
    for url in ("http://127.0.0.1:8000/", "http://10.0.0.1/", "http://localhost/", "http://[fd12::1]/"):
        check_url(url, allow_private=True, resolve=table)
    for url in (
        "http://169.254.169.254/",
        "http://metadata.google.internal/",
        "http://metadata-alias.example/",
        "http://[::ffff:169.254.169.254]/",
    ):
        assert "cloud metadata endpoint" in refused(url, allow_private=True)


def test_a_host_that_does_not_resolve_is_a_clear_error():
    assert "nowhere.example cannot be resolved" in refused("http://nowhere.example/feed")


def test_a_password_in_the_url_is_not_repeated_in_the_message():
    message = refused("http://editor:hunter2@10.0.0.1/feed")
    assert "hunter2" not in message and "10.0.0.1" in message


def test_a_url_httpx_cannot_parse_is_refused_as_invalid():
    assert "is not a valid URL" in refused("http://0177.0.0.1/")  # httpx would not fetch it either


def test_a_url_without_a_host_is_refused():
    assert "names no host" in refused("http:///feed")


def test_is_public_reads_addresses_as_text():
    assert is_public("8.8.8.8") and is_public("2606:4700::1111") and is_public("::ffff:8.8.8.8")
    assert not is_public("127.0.0.1") and not is_public("::ffff:192.168.0.1") and not is_public("100.100.100.200")


def test_a_public_url_redirecting_to_a_private_one_is_refused_at_the_hop_before_it_is_requested():
    requested: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})

    client = httpx.Client(transport=httpx.MockTransport(handler))
    with pytest.raises(IngestError, match="cloud metadata endpoint"):
        fetch("https://news.example/feed", client, MB, guard=public_only(resolve=table))
    assert requested == ["https://news.example/feed"]


def test_read_source_turns_a_refused_url_into_a_problem_and_requests_nothing():
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"requested {request.url}")

    client = httpx.Client(transport=httpx.MockTransport(handler))
    items = list(read_source("http://192.168.0.1/rss", max_bytes=MB, client=client, guard=public_only(resolve=table)))
    assert len(items) == 1 and isinstance(items[0], Problem)
    assert "private network address" in items[0].why


FEED = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>منصة محلية</title>
<item><title>افتتاح معرض الكتاب في المدينة</title><link>http://news.example/a1</link>
<description>افتتح اليوم معرض الكتاب السنوي بمشاركة أكثر من مئتي دار نشر من عشرين دولة عربية وأجنبية، ويستمر المعرض
عشرة أيام تتخللها ندوات وأمسيات شعرية وتوقيع كتب جديدة لعدد من الكتاب الشباب، وقال المنظمون إن عدد الزوار المتوقع
يفوق نصف مليون زائر هذا العام بعد توسعة القاعات وإضافة جناح خاص بكتب الأطفال والناشئة.</description></item>
</channel></rss>""".encode()


@pytest.fixture
def local_feed() -> Iterator[str]:
    """A feed served on 127.0.0.1: a private address, the kind a user must not make Mawjaz fetch."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(FEED)))
            self.end_headers()
            self.wfile.write(FEED)

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/rss.xml"
    server.shutdown()
    server.server_close()


def _stored(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(StoredArticle)).scalar_one()


def test_ingest_refuses_a_local_url_by_default_and_stores_nothing(fresh_db, local_feed):
    report = ingest(fresh_db, [local_feed], Settings(database_url="sqlite://"))
    assert report.failed == 1 and report.read == 0
    assert "loopback" in report.problems[0].why
    assert _stored(fresh_db) == 0


def test_ingest_fetches_a_local_url_when_private_urls_are_allowed(fresh_db, local_feed):
    report = ingest(fresh_db, [local_feed], Settings(database_url="sqlite://", allow_private_urls=True))
    assert (report.new, report.failed) == (1, 0), report.problems
    assert _stored(fresh_db) == 1


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://exa mple.com/rss", "has a space"),
        ("http://exa%20mple.com/rss", "has a space"),
        ("https://example..com/rss", "empty label"),
        ("https://-bad-.com/rss", "inner hyphens"),
        ("https://" + "a" * 64 + ".com/", "longer than 63"),
    ],
)
def test_a_malformed_host_is_refused_before_any_lookup(url, why):
    def no_lookup(host: str, port: int) -> list[str]:
        raise AssertionError("looked up a malformed host")

    with pytest.raises(IngestError, match=why):
        check_url(url, resolve=no_lookup)


@pytest.mark.parametrize(
    "url", ["https://news.example./rss", "https://my_blog.example/feed", "https://مثال.إختبار/rss"]
)
def test_unusual_but_valid_hosts_pass(url):
    check_url(url, resolve=lambda host, port: ["93.184.216.34"])


def test_without_look_up_names_are_not_resolved_but_literal_addresses_are_still_judged():
    def no_lookup(host: str, port: int) -> list[str]:
        raise AssertionError("looked up")

    check_url("https://news.example/rss", resolve=no_lookup, look_up=False)
    with pytest.raises(IngestError, match="private"):
        check_url("http://10.0.0.7/rss", resolve=no_lookup, look_up=False)
