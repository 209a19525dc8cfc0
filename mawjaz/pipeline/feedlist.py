"""The feed list as a feed reader keeps it: add a site (its feed found), import and export OPML.

Every URL that enters the list passes the same check the poller applies at
every fetch (:func:`mawjaz.ingest.guard.check_url`: http or https, a host
spelled as a host, a public address), so nothing is added that polling would
refuse forever:

* :func:`add_site` fetches what it is given (guarded, every redirect too):
  a feed is added as it is; a page is searched for the feeds it declares
  (:mod:`mawjaz.ingest.discover`) and the first that really is a feed is
  added, saying which and what else the page offered.
* :func:`import_opml` reads a whole list first (a malformed file adds
  nothing), then adds in one transaction every feed that passes the check
  without a DNS lookup (hundreds of lookups for one import would be slow,
  and the poller looks each host up again at every fetch anyway); a feed
  that fails it is reported and left out, the others go in.
* :func:`export_opml` writes the list back, categories included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import httpx
from sqlalchemy import Engine

from mawjaz.errors import IngestError
from mawjaz.ingest.discover import MAX_CANDIDATES, feed_links, is_feed
from mawjaz.ingest.fetch import Guard, fetch
from mawjaz.ingest.guard import check_url
from mawjaz.ingest.opml import OpmlFeed, read_opml, write_opml
from mawjaz.ingest.record import Problem
from mawjaz.storage import feeds
from mawjaz.storage.engine import reading, transaction


@dataclass(frozen=True, slots=True)
class Found:
    """The feed :func:`add_site` settled on: ``url``; ``offered`` every feed the page named (empty: given a feed)."""

    url: str
    offered: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import did: feeds added, already there, listed twice in the file, and refused (with why)."""

    added: tuple[str, ...]
    existing: tuple[str, ...]
    duplicates: tuple[str, ...]
    refused: tuple[Problem, ...]


def find_feed(url: str, client: httpx.Client, max_bytes: int, guard: Guard) -> Found:
    """The feed at ``url``, or the first one its page declares; raises :class:`IngestError` when there is none.

    ``guard`` is called on ``url`` first, then on every URL fetched.
    """
    guard(url)
    fetched = fetch(url, client, max_bytes, guard=guard)
    if is_feed(fetched.content):
        return Found(url)
    offered = tuple(feed_links(fetched.content, fetched.url))
    if not offered:
        raise IngestError(f"{url} is not a feed and its page names no feed; give the feed's own URL")
    reasons = []
    for candidate in offered[:MAX_CANDIDATES]:
        try:
            answer = fetch(candidate, client, max_bytes, guard=guard)
        except IngestError as exc:
            reasons.append(str(exc))
            continue
        if is_feed(answer.content):
            return Found(candidate, offered)
        reasons.append(f"{candidate} is not a feed")
    raise IngestError(f"{url} names feeds, but none could be read: {'; '.join(reasons)}")


def add_site(
    engine: Engine,
    url: str,
    interval_s: int,
    name: str | None,
    client: httpx.Client,
    max_bytes: int,
    guard: Guard,
) -> tuple[Found, bool]:
    """Find the feed of ``url`` (:func:`find_feed`) and add it; returns what was found and whether it is new."""
    found = find_feed(url, client, max_bytes, guard)
    with transaction(engine) as session:
        _feed, new = feeds.add(session, found.url, interval_s, name)
    return found, new


def import_opml(engine: Engine, data: bytes, origin: str, interval_s: int, allow_private: bool = False) -> Imported:
    """Add the feeds of an OPML document (see the module doc); raises :class:`IngestError` for a malformed one."""
    listed = read_opml(data, origin)
    accepted: list[OpmlFeed] = []
    refused: list[Problem] = []
    for feed in listed.feeds:
        try:
            check_url(feed.url, allow_private=allow_private, look_up=False)
        except IngestError as exc:
            refused.append(Problem(feed.url, str(exc)))
            continue
        accepted.append(feed)
    with transaction(engine) as session:
        added = feeds.add_many(session, [(f.url, f.title, f.category) for f in accepted], interval_s)
    fresh = set(added)
    existing = tuple(f.url for f in accepted if f.url not in fresh)
    return Imported(tuple(added), existing, listed.duplicates, tuple(refused))


def export_opml(engine: Engine, now: datetime) -> bytes:
    """Every polled feed as an OPML 2.0 document."""
    with reading(engine) as session:
        rows = [OpmlFeed(f.url, f.name, f.category) for f in feeds.all_feeds(session)]
    return write_opml(rows, "Mawjaz feeds", now)
