"""The digest as an Atom feed (RFC 4287), built with ElementTree so every outside text is escaped by the writer."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from mawjaz.digest import render
from mawjaz.digest.views import Digest

ATOM = "http://www.w3.org/2005/Atom"
# XML 1.0 cannot hold these at all, escaped or not: a feed's stray control character would make the document invalid.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _stamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def digest_feed(digest: Digest, base: str, now: datetime, title: str) -> bytes:
    """``digest`` as an Atom document; ``base`` is the pages' public address (links and ids start with it)."""
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            node.text = _text(text)
        return node

    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": digest.lang})
    sub(feed, "id", f"{base}/digest.atom")
    sub(feed, "title", title)
    latest = max((render.latest(s) for s in digest.stories), default=now)
    sub(feed, "updated", _stamp(latest))
    sub(feed, "link", rel="self", href=f"{base}/digest.atom", type="application/atom+xml")
    sub(feed, "link", rel="alternate", href=f"{base}/", type="text/html")
    author = sub(feed, "author")
    sub(author, "name", "Mawjaz")
    for story in digest.stories:
        entry = sub(feed, "entry")
        sub(entry, "id", f"{base}/s/{story.id}")
        sub(entry, "title", story.headline)
        sub(entry, "updated", _stamp(render.latest(story)))
        sub(entry, "published", _stamp(story.first_seen))
        sub(entry, "link", rel="alternate", href=f"{base}/s/{story.id}", type="text/html")
        sub(entry, "summary", story.summary or story.headline)
        for actor in story.actors:
            sub(entry, "category", term=_text(actor.name))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
