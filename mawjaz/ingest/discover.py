"""Which feed a site offers: the feed links of its page, found by trafilatura's feed finder.

``mawjaz feeds add https://site/`` is given a site, as a feed reader is; the
page names its feeds in ``<link rel="alternate" type="application/rss+xml">``
(or, failing that, in ordinary links ending in ``/feed``, ``.rss``, ``rss.xml``…).
:func:`feed_links` hands the page Mawjaz fetched — through its own guarded
:func:`~mawjaz.ingest.fetch.fetch`, so every hop passes the public-address
check — to ``trafilatura.feeds.determine_feed``, the aaronsw feedfinder
port that trafilatura keeps up. ``trafilatura.feeds.find_feed_urls`` is not
used: it fetches on its own (past the guard), asks Google News when the page
has no feed, and returns the feeds' article links rather than the feeds.

:func:`is_feed` says whether fetched bytes are a feed at all (feedparser
recognises a version), so a feed URL given directly is taken as it is.
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import feedparser
from trafilatura.feeds import FeedParameters, determine_feed

MAX_CANDIDATES = 3  # feed links tried, in the page's order, before giving up


def feed_links(html: bytes | str, page_url: str) -> list[str]:
    """The feed URLs a page links to, absolute, in the page's order (its declared feeds first), comments feeds left out."""
    text = html.decode("utf-8", "replace") if isinstance(html, bytes) else html
    parts = urlsplit(page_url)
    base = f"{parts.scheme}://{parts.netloc}"
    return determine_feed(text, FeedParameters(base, parts.hostname or "", page_url))


def is_feed(content: bytes) -> bool:
    """Whether ``content`` is an RSS, Atom or RDF feed (not a page that mentions one)."""
    if not content.strip():
        return False
    parsed = feedparser.parse(io.BytesIO(content), response_headers={"content-type": "application/xml"})
    return bool(parsed.get("version"))
