"""RSS and Atom feeds, read with feedparser; teaser entries completed from their page.

feedparser reads every feed dialect and every way feeds go wrong, and says
so in ``bozo`` instead of raising: a truncated feed still gives the entries
before the cut, reported here as a Problem next to them. Entity-expansion
("billion laughs") documents are harmless to it: it does not expand
entities declared in a DOCTYPE.

Many feeds carry only a teaser (a sentence and a link). Such entries are
marked (:attr:`FeedEntry.teaser`), and :func:`complete_teasers` fetches and
extracts their page, keeping the teaser when the page fails.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime

import feedparser
import httpx

from mawjaz.errors import MawjazError
from mawjaz.ingest.clean import (
    build_article,
    clean_title,
    html_paragraphs,
    join_paragraphs,
    source_name,
)
from mawjaz.ingest.dates import from_struct_time
from mawjaz.ingest.decode import decode
from mawjaz.ingest.fetch import Guard, fetch
from mawjaz.ingest.limits import DEFAULT_MAX_BYTES
from mawjaz.ingest.pages import read_page
from mawjaz.ingest.record import Article, Problem

TEASER_CHARS = 300
"""An entry whose text is shorter than this is a teaser, not the article."""

_TEASER_ENDINGS = re.compile(r"(\.\.\.|…|\[\s*(?:\.\.\.|…)\s*\]|اقرأ المزيد|read more|continue reading)\W*$", re.I)
_PROLOG_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2""")
# feedparser flags these although nothing is lost: it only says the encoding or media type was unusual.
_HARMLESS_BOZO = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One feed entry before it becomes an Article; ``teaser`` says its page should be fetched."""

    where: str
    title: str
    paragraphs: tuple[str, ...]
    source: str
    url: str | None = None
    external_id: str | None = None
    published: datetime | None = None
    author: str | None = None
    abstract: str | None = None
    captions: tuple[str, ...] = field(default=())
    teaser: bool = False

    def to_article(self) -> Article | Problem:
        return build_article(
            self.where,
            title=self.title,
            body="\n".join(self.paragraphs),
            source=self.source,
            url=self.url,
            external_id=self.external_id,
            published=self.published,
            author=self.author,
            site_name=self.source,
            abstract=self.abstract,
            captions=self.captions,
        )


@dataclass(frozen=True, slots=True)
class FeedFetch:
    """The result of polling a feed: a 304 has no items; keep ``etag``/``last_modified`` for the next poll."""

    status: int
    items: tuple[Article | Problem, ...]
    etag: str | None = None
    last_modified: str | None = None


def is_teaser(article: Article) -> bool:
    """Whether ``article`` looks like a feed teaser rather than the whole text."""
    return _looks_like_teaser(article.body)


def read_feed(data: bytes, origin: str) -> Iterator[Article | Problem]:
    """Every entry of a feed as an Article (teasers as they are); a malformed feed adds a Problem."""
    for item in read_feed_entries(data, origin):
        yield item if isinstance(item, Problem) else item.to_article()


def read_feed_entries(data: bytes, origin: str, *, charset: str | None = None) -> Iterator[FeedEntry | Problem]:
    """The entries of a feed, teasers marked; a Problem for a malformed or empty feed."""
    text = decode(data, charset).text
    # The text is now Unicode: make the prolog say so, or feedparser would decode it a second time.
    xml = _PROLOG_ENCODING.sub(r'\1"utf-8"', text, count=1).encode("utf-8")
    parsed = feedparser.parse(io.BytesIO(xml), response_headers={"content-type": "application/xml; charset=utf-8"})
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and problem is not None and not isinstance(problem, _HARMLESS_BOZO):
        yield Problem(origin, f"malformed feed ({_describe(problem)}); kept the {len(parsed.entries)} entries read")
    if not parsed.entries:
        if not parsed.get("bozo"):
            yield Problem(origin, "no entries in the feed")
        return
    source = clean_title(parsed.feed.get("title")) or source_name(origin)
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry(entry, f"{origin}#{number}", source)


def complete_teasers(
    items: Iterable[FeedEntry | Problem],
    client: httpx.Client,
    max_bytes: int = DEFAULT_MAX_BYTES,
    guard: Guard | None = None,
) -> Iterator[Article | Problem]:
    """Entries as Articles, each teaser's body replaced by its page's text when the page gives more.

    A page that fails is a Problem, and the teaser is kept in its place.
    """
    for item in items:
        if isinstance(item, Problem):
            yield item
        elif not item.teaser or not item.url:
            yield item.to_article()
        else:
            yield from _with_page(item, client, max_bytes, guard)


def fetch_feed(
    url: str,
    client: httpx.Client,
    etag: str | None = None,
    last_modified: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    guard: Guard | None = None,
) -> FeedFetch:
    """Poll a feed with a conditional GET; a 304 gives no items. Raises IngestError if the feed itself fails."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    fetched = fetch(url, client, max_bytes, headers=headers, guard=guard)
    new_etag = fetched.headers.get("etag", etag)
    new_modified = fetched.headers.get("last-modified", last_modified)
    if fetched.status == 304:
        return FeedFetch(304, (), new_etag, new_modified)
    entries = read_feed_entries(fetched.content, fetched.url, charset=fetched.charset)
    items = tuple(complete_teasers(entries, client, max_bytes, guard))
    return FeedFetch(fetched.status, items, new_etag, new_modified)


def _entry(entry: feedparser.FeedParserDict, where: str, source: str) -> FeedEntry:
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    summary = entry.get("summary", "") or ""
    paragraphs, captions = html_paragraphs(max([*contents, summary], key=len))
    summary_text = join_paragraphs(html_paragraphs(summary)[0]) if summary else ""
    body = join_paragraphs(paragraphs)
    abstract = summary_text if summary_text and summary_text != body else None
    published = None
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        # `key in entry` first: reading a missing published_parsed makes feedparser warn and fall back
        published = published or (from_struct_time(entry.get(key)) if key in entry else None)
    link = entry.get("link") or None
    return FeedEntry(
        where=link or where,
        title=entry.get("title", ""),
        paragraphs=tuple(paragraphs),
        source=source,
        url=link,
        external_id=entry.get("id") or link,
        published=published,
        author=entry.get("author") or None,
        abstract=abstract,
        captions=tuple(captions),
        teaser=_looks_like_teaser(body),
    )


def _with_page(
    entry: FeedEntry, client: httpx.Client, max_bytes: int, guard: Guard | None
) -> Iterator[Article | Problem]:
    assert entry.url is not None
    try:
        fetched = fetch(entry.url, client, max_bytes, guard=guard)
    except MawjazError as exc:
        yield Problem(entry.url, f"teaser kept, page not fetched: {exc}")
        yield entry.to_article()
        return
    page = list(read_page(fetched.content, entry.url, url=fetched.url, charset=fetched.charset))
    article = next((item for item in page if isinstance(item, Article)), None)
    if article is None:
        why = next((item.why for item in page if isinstance(item, Problem)), "no article in the page")
        yield Problem(entry.url, f"teaser kept: {why}")
        yield entry.to_article()
        return
    if len(article.body) <= len(join_paragraphs(entry.paragraphs)):
        yield entry.to_article()  # the entry was a short article, not a teaser
        return
    yield replace(
        article,
        title=clean_title(entry.title) or article.title,
        source=entry.source,
        url=entry.url,
        external_id=entry.external_id,
        published=entry.published or article.published,
        author=clean_title(entry.author) or article.author,
        abstract=entry.abstract or article.abstract,
        captions=tuple(dict.fromkeys((*entry.captions, *article.captions))),
    )


def _looks_like_teaser(body: str) -> bool:
    return len(body) < TEASER_CHARS or bool(_TEASER_ENDINGS.search(body))


def _describe(problem: Exception) -> str:
    message = getattr(problem, "getMessage", None)
    text = message() if callable(message) else str(problem)
    line = getattr(problem, "getLineNumber", None)
    return f"{text} at line {line()}" if callable(line) else text
