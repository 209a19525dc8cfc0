"""The hostile inputs too big or too particular to fuzz: giants, bombs, deep trees, entity tricks, huge topics.

Each is a case an attacker or a broken site can send today. The giants are
generated as streams (a file written in 1 MB chunks, a generator behind a
fake HTTP server, a lazy stdin), never held whole, and the tests measure
that reading them costs no more memory than the size limit.
"""

from __future__ import annotations

import io
import time
import tracemalloc
import zlib
from collections.abc import Iterator

import httpx
import pytest
from fuzzkit import check_items, tried

from mawjaz.bot.commands import dispatch_text
from mawjaz.bot.values import CommandRequest, Services
from mawjaz.digest.topic import check_query
from mawjaz.errors import CommandError
from mawjaz.ingest import Article, Problem, read_source
from mawjaz.ingest.feeds import read_feed
from mawjaz.ingest.pages import read_page
from mawjaz.storage.subscribers import Chat

MB = 1024 * 1024
LIMIT = 5 * MB
GIANT = 50 * MB
SENTENCE = "أعلنت الحكومة اليوم خطة جديدة لتطوير شبكة النقل العام في العاصمة خلال السنوات المقبلة. "
PARAGRAPH = f"<p>{SENTENCE * 3}</p>"


def _chunks(total: int, produced: list[int]) -> Iterator[bytes]:
    """``total`` bytes of an HTML page, 1 MB at a time; ``produced`` counts the chunks actually pulled."""
    chunk = (PARAGRAPH * (MB // len(PARAGRAPH.encode()) + 1)).encode()[:MB]
    for _ in range(total // MB):
        produced.append(1)
        yield chunk


def _peak_mb(read) -> tuple[list, float]:
    tracemalloc.start()
    try:
        items = list(read())
        return items, tracemalloc.get_traced_memory()[1] / MB
    finally:
        tracemalloc.stop()


def _refused_for_size(items: list) -> None:
    assert len(items) == 1 and isinstance(items[0], Problem), items
    assert "over the 5 MB limit" in items[0].why


def test_a_50_mb_page_file_is_refused_by_its_size_before_it_is_read(tmp_path):
    tried("giant")
    page = tmp_path / "giant.html"
    with page.open("wb") as handle:
        for chunk in _chunks(GIANT, []):
            handle.write(chunk)
    items, peak = _peak_mb(lambda: read_source(str(page), max_bytes=LIMIT))
    _refused_for_size(items)
    assert "50.0 MB" in items[0].why
    assert peak < 2, f"{peak:.1f} MB held to refuse a file by its size"


def test_a_50_mb_page_over_http_is_cut_off_at_the_limit_without_being_downloaded(tmp_path):
    tried("giant")
    produced: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:  # no Content-Length: the size shows only while reading
        return httpx.Response(200, headers={"Content-Type": "text/html"}, content=_chunks(GIANT, produced))

    client = httpx.Client(transport=httpx.MockTransport(handler))
    items, peak = _peak_mb(lambda: read_source("https://news.example/giant", max_bytes=LIMIT, client=client))
    _refused_for_size(items)
    assert len(produced) <= 6, f"{len(produced)} MB pulled for a 5 MB limit"
    assert peak < 3 * LIMIT / MB


def test_a_50_mb_page_on_standard_input_is_refused_after_reading_just_over_the_limit():
    tried("giant")
    produced: list[int] = []

    class LazyPage(io.RawIOBase):
        def __init__(self) -> None:
            self._chunks = _chunks(GIANT, produced)
            self._left = b""

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:
            if not self._left:
                self._left = next(self._chunks, b"")
            size = min(len(buffer), len(self._left))
            buffer[:size], self._left = self._left[:size], self._left[size:]
            return size

    items, peak = _peak_mb(lambda: read_source("-", max_bytes=LIMIT, stdin=io.BufferedReader(LazyPage())))
    _refused_for_size(items)
    assert len(produced) <= 6
    assert peak < 3 * LIMIT / MB


def test_a_gzip_bomb_over_http_is_cut_off_at_the_limit_of_decompressed_bytes():
    tried("giant")
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: the gzip container
    zeros = bytes(MB)
    bomb = b"".join(packer.compress(zeros) for _ in range(200)) + packer.flush()  # 200 MB of zeros in ~200 KB
    assert len(bomb) < MB

    pulled: list[int] = []

    def network_reads() -> Iterator[bytes]:  # what a socket gives: 64 KB at a time
        for start in range(0, len(bomb), 64 * 1024):
            pulled.append(1)
            yield bomb[start : start + 64 * 1024]

    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
        return httpx.Response(200, headers=headers, content=network_reads())

    client = httpx.Client(transport=httpx.MockTransport(handler))
    items, peak = _peak_mb(lambda: read_source("https://news.example/bomb", max_bytes=LIMIT, client=client))
    _refused_for_size(items)
    assert len(pulled) <= 2, f"{len(pulled)} network reads for a body refused after the first"
    # httpx inflates each network read whole (64 KB of zeros is 64 MB): bounded by one read, not by the body.
    assert peak < 200, f"{peak:.0f} MB"


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_html_is_read_or_refused_without_a_crash(depth):
    tried("nesting")
    page = f"<html><body>{'<div>' * depth}<h1>خطة النقل</h1>{PARAGRAPH * 3}{'</div>' * depth}</body></html>"
    started = time.perf_counter()
    items = check_items(read_source("-", "page", max_bytes=LIMIT, stdin=io.BytesIO(page.encode())))
    assert items and time.perf_counter() - started < 20


def test_deeply_nested_xml_in_a_feed_is_read_or_refused_without_a_crash():
    tried("nesting")
    body = "<b>" * 30_000 + "نص" + "</b>" * 30_000
    feed = f"<rss version='2.0'><channel><title>t</title><item><title>عنوان</title><description>{body}</description>"
    feed += "</item></channel></rss>"
    assert check_items(read_feed(feed.encode(), "deep.xml"))


def test_a_line_of_json_nested_a_million_deep_is_a_problem_not_a_recursion_error():
    tried("nesting")
    line = '{"title": "t", "text": ' + "[" * 1_000_000 + "]" * 1_000_000 + "}\n"
    items = check_items(read_source("-", "jsonl", max_bytes=LIMIT, stdin=io.BytesIO(line.encode())))
    assert len(items) == 1 and isinstance(items[0], Problem)


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
    + "]><rss version='2.0'><channel><title>&lol9;</title><item><title>عنوان &lol9;</title>"
    + f"<description>{PARAGRAPH} &lol9;</description></item></channel></rss>"
)


@pytest.mark.parametrize("fmt", ["auto", "feed", "page"])
def test_billion_laughs_entities_are_never_expanded(fmt):
    tried("entities")
    started = time.perf_counter()
    items = check_items(read_source("-", fmt, max_bytes=LIMIT, stdin=io.BytesIO(LAUGHS.encode())))
    # expat expands up to its amplification limit (about 1 s of work here), then gives up: bounded, not nothing.
    assert time.perf_counter() - started < 20
    assert all("lollollol" not in str(item) for item in items)


def test_quadratic_entity_blowup_stays_bounded_in_time_and_size():
    tried("entities")
    entity = "A" * 10_000
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "{entity}">]><rss version="2.0"><channel><title>t'
        f"</title><item><title>عنوان</title><description>{'&a;' * 20_000}</description></item></channel></rss>"
    )
    started = time.perf_counter()
    items = check_items(read_source("-", "feed", max_bytes=LIMIT, stdin=io.BytesIO(feed.encode())))
    assert time.perf_counter() - started < 20
    assert sum(len(item.body) for item in items if isinstance(item, Article)) <= 2 * LIMIT


@pytest.mark.parametrize("fmt", ["feed", "page"])
def test_an_external_entity_never_reads_a_local_file(tmp_path, fmt):
    tried("entities")
    secret = tmp_path / "secret.txt"
    secret.write_text("XXE-MARKER-7f3a", encoding="utf-8")
    feed = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]><rss version="2.0">'
        f"<channel><title>&xxe;</title><item><title>عنوان &xxe;</title><link>https://news.example/1</link>"
        f"<description>&xxe; {PARAGRAPH * 2}</description></item></channel></rss>"
    )
    items = check_items(read_source("-", fmt, max_bytes=LIMIT, stdin=io.BytesIO(feed.encode())))
    assert all("XXE-MARKER" not in str(item) for item in items)


def test_script_in_a_feed_title_is_dropped_with_its_content():
    tried("markup")
    feed = (
        "<rss version='2.0'><channel><title>t</title><item><title><![CDATA[<script>alert(1)</script>"
        f"<b>افتتاح</b> المطار]]></title><link>https://news.example/2</link><description>{PARAGRAPH * 2}"
        "</description></item></channel></rss>"
    )
    (article,) = check_items(read_feed(feed.encode(), "script.xml"))
    assert article.title == "افتتاح المطار"


def test_a_page_in_windows_1256_declaring_utf_8_is_still_read_as_arabic():
    tried("encodings")
    page = f"<html><head><meta charset='utf-8'><title>خطة النقل</title></head><body><h1>خطة النقل</h1>{PARAGRAPH * 3}"
    items = check_items(read_page(page.encode("cp1256") + b"</body></html>", "mislabelled.html"))
    assert isinstance(items[0], Article) and "الحكومة" in items[0].body


def test_a_10000_character_topic_is_refused_with_a_clear_message_not_searched(fresh_db):
    tried("topic")
    topic = "داعش " * 2_000
    with pytest.raises(CommandError, match="(?i)too long"):
        check_query(topic)
    request = CommandRequest(chat=Chat("telegram", "long-topic"), command="", args=f"/topic {topic}")
    reply = dispatch_text(request, Services(engine=fresh_db))
    assert "طويل جداً" in reply.text and "too long" not in reply.text and len(reply.text) < 500
