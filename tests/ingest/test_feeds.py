"""RSS and Atom: entries to Articles, malformed feeds reported, teasers completed from their page."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from mawjaz.ingest.feeds import (
    FeedEntry,
    fetch_feed,
    is_teaser,
    read_feed,
    read_feed_entries,
)
from mawjaz.ingest.record import Article, Problem

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
FEEDS = FIXTURES / "feeds"
PAGE = FIXTURES / "pages" / "article_with_metadata_figcaption_and_share_widgets.html"
RUNWAY = "https://news.example.org/2024/05/runway"


def _read(name: str) -> list[Article | Problem]:
    path = FEEDS / name
    return list(read_feed(path.read_bytes(), str(path)))


def test_full_text_entry_becomes_a_complete_article():
    (article,) = _read("rss_full_text_in_content_encoded.xml")
    assert isinstance(article, Article)
    assert article.title == "تشغيل المدرج الثاني في المطار الدولي"
    assert article.body.count("\n\n") == 2  # three paragraphs from content:encoded
    assert "track()" not in article.body
    assert article.captions == ("طائرة تهبط على المدرج الجديد (أ.ف.ب)",)
    assert article.url == RUNWAY
    assert article.external_id == "runway-2024-05-01"
    assert article.published == datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
    assert article.author == "سلمى يوسف"
    assert article.source == "وكالة الأنباء التجريبية"
    assert article.abstract == "هيئة الطيران تشغّل المدرج الثاني."
    assert not is_teaser(article)


def test_teaser_entries_are_marked_so_their_page_can_be_fetched():
    path = FEEDS / "rss_teaser_only_descriptions.xml"
    entries = [e for e in read_feed_entries(path.read_bytes(), str(path)) if isinstance(e, FeedEntry)]
    assert [e.teaser for e in entries] == [True, True]
    articles = _read("rss_teaser_only_descriptions.xml")
    assert all(isinstance(a, Article) and is_teaser(a) for a in articles)


def test_html_and_script_in_an_atom_title_are_stripped():
    (article,) = _read("atom_html_title_with_script_tag.xml")
    assert isinstance(article, Article)
    assert article.title == "عاجل: انقطاع الكهرباء في العاصمة"
    assert article.external_id == "urn:uuid:entry-1"
    assert article.url == "https://blog.example.org/power-cut"


def test_a_truncated_feed_is_reported_and_its_complete_entries_kept():
    items = _read("rss_truncated_mid_item.xml")
    problems = [i for i in items if isinstance(i, Problem)]
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.title for a in articles] == ["الخبر الأول كامل"]
    assert any("malformed feed" in p.why for p in problems)


def test_an_entity_expansion_bomb_is_not_expanded():
    started = time.perf_counter()
    items = _read("rss_billion_laughs_entities.xml")
    assert time.perf_counter() - started < 2
    assert all(len(getattr(i, "body", "")) < 1000 and "lollol" not in str(i) for i in items)
    assert any(isinstance(i, Problem) for i in items)


def test_an_html_page_given_as_a_feed_is_a_problem():
    (item,) = _read("not_a_feed_but_an_html_page.xml")
    assert isinstance(item, Problem)


@pytest.mark.parametrize(
    ("prolog", "encoding"),
    [
        ('<?xml version="1.0" encoding="windows-1256"?>', "cp1256"),
        ('<?xml version="1.0" encoding="utf-8"?>', "cp1256"),  # mislabelled
        ('<?xml version="1.0" encoding="iso-8859-6"?>', "iso8859-6"),
        ('<?xml version="1.0"?>', "cp1256"),  # unlabelled
    ],
)
def test_legacy_arabic_feeds_read_like_utf8(prolog: str, encoding: str):
    text = (FEEDS / "rss_full_text_in_content_encoded.xml").read_text(encoding="utf-8")
    text = prolog + text.split("?>", 1)[1]
    (expected,) = _read("rss_full_text_in_content_encoded.xml")
    (article,) = read_feed(text.encode(encoding), "legacy.xml")
    assert isinstance(article, Article) and isinstance(expected, Article)
    assert (article.title, article.body) == (expected.title, expected.body)


def test_an_empty_feed_is_a_problem():
    (item,) = read_feed(b"<rss version='2.0'><channel><title>t</title></channel></rss>", "empty.xml")
    assert item == Problem("empty.xml", "no entries in the feed")


class _Site:
    """A fake site over httpx.MockTransport: a feed with ETag/Last-Modified, and article pages."""

    def __init__(self, feed: bytes, pages: dict[str, bytes]):
        self.feed, self.pages, self.requests = feed, pages, []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if request.url.path == "/feed.xml":
            if request.headers.get("if-none-match") == '"v1"':
                return httpx.Response(304, headers={"ETag": '"v1"'})
            headers = {
                "ETag": '"v1"',
                "Last-Modified": "Wed, 01 May 2024 07:00:00 GMT",
                "Content-Type": "application/rss+xml",
            }
            return httpx.Response(200, content=self.feed, headers=headers)
        if str(request.url) in self.pages:
            return httpx.Response(200, content=self.pages[str(request.url)], headers={"Content-Type": "text/html"})
        return httpx.Response(404)

    def client(self) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self))


def test_conditional_get_sends_the_validators_and_a_304_gives_no_items():
    site = _Site((FEEDS / "rss_full_text_in_content_encoded.xml").read_bytes(), {})
    with site.client() as client:
        first = fetch_feed("https://news.example.org/feed.xml", client)
        again = fetch_feed(
            "https://news.example.org/feed.xml", client, etag=first.etag, last_modified=first.last_modified
        )
    assert first.status == 200 and len(first.items) == 1
    assert (first.etag, first.last_modified) == ('"v1"', "Wed, 01 May 2024 07:00:00 GMT")
    assert again.status == 304 and again.items == ()
    assert site.requests[1].headers["if-none-match"] == '"v1"'
    assert site.requests[1].headers["if-modified-since"] == "Wed, 01 May 2024 07:00:00 GMT"
    assert again.etag == '"v1"'


def test_a_teaser_gets_the_text_of_its_page_and_keeps_the_feed_identity():
    site = _Site((FEEDS / "rss_teaser_only_descriptions.xml").read_bytes(), {RUNWAY: PAGE.read_bytes()})
    seen: list[str] = []
    with site.client() as client:
        result = fetch_feed("https://news.example.org/feed.xml", client, guard=seen.append)
    completed, linkless = result.items
    assert isinstance(completed, Article) and isinstance(linkless, Article)
    assert completed.body.startswith("افتتح وزير الطاقة أمس")  # the page's text, not the teaser
    assert completed.title == "تشغيل المدرج الثاني في المطار الدولي"  # the feed's title
    assert completed.external_id == RUNWAY
    assert completed.published == datetime(2024, 5, 1, 6, 30, tzinfo=UTC)
    assert completed.source == "صحيفة الموجز"
    assert completed.author == "خالد المنصوري"  # from the page: the feed had none
    assert linkless.body == "مقتطف قصير من خبر لا رابط له."
    assert seen == ["https://news.example.org/feed.xml", RUNWAY]


def test_a_teaser_whose_page_fails_is_kept_with_a_problem():
    site = _Site((FEEDS / "rss_teaser_only_descriptions.xml").read_bytes(), {})
    with site.client() as client:
        items = fetch_feed("https://news.example.org/feed.xml", client).items
    problem, teaser, _ = items
    assert isinstance(problem, Problem) and problem.where == RUNWAY and "404" in problem.why
    assert isinstance(teaser, Article) and teaser.body.startswith("أعلنت هيئة الطيران المدني")


def test_a_full_text_entry_fetches_no_page():
    site = _Site((FEEDS / "rss_full_text_in_content_encoded.xml").read_bytes(), {})
    with site.client() as client:
        fetch_feed("https://news.example.org/feed.xml", client)
    assert [r.url.path for r in site.requests] == ["/feed.xml"]
