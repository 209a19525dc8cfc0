"""OPML subscription lists, as feed readers import and export them (OPML 2.0).

Reading takes what miniflux, FreshRSS, Feedly, Inoreader and NetNewsWire
write: ``<outline>`` elements with an ``xmlUrl``, nested in category
outlines to any depth (the innermost category with a name is the feed's),
``text`` or ``title`` for the name. An outline without ``xmlUrl`` is a
category (or a note): its children are read, it adds no feed. A feed listed
twice (the same URL in two categories, as FreshRSS exports a feed in several
labels) is one feed, in its first category.

A file that is not well-formed XML, or whose root is not ``<opml>``, is
refused whole (:class:`~mawjaz.errors.IngestError`): a truncated export must
not import half its feeds silently. That is why the parser is lxml's strict
XML parser and not ``listparser``, which reads with a recovering HTML parser
and returns whatever it could. The parser resolves no entity, loads no DTD
and reaches no network (no XXE, no billion laughs).

Writing (:func:`write_opml`) gives OPML 2.0 with one category outline per
category and ``type="rss"`` feed outlines, the shape miniflux exports, so a
list round-trips through Mawjaz and through those readers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime

from lxml import etree

from mawjaz.errors import IngestError

MAX_DEPTH = 32  # outlines nested deeper than this are a broken or hostile file, not a feed list


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    """One feed of a list: its URL, the name it goes by, and its category (``None`` at the top level)."""

    url: str
    title: str | None = None
    category: str | None = None


@dataclass(frozen=True, slots=True)
class OpmlList:
    """What a list holds: its feeds (each URL once, in file order) and the repeats left out."""

    title: str | None
    feeds: tuple[OpmlFeed, ...]
    duplicates: tuple[str, ...] = ()


def read_opml(data: bytes, origin: str = "OPML") -> OpmlList:
    """The feeds of an OPML document; raises :class:`IngestError` when it is not one (nothing is returned then)."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise IngestError(f"{origin} is not well-formed OPML ({exc.msg}); nothing was imported") from None
    if root is None or etree.QName(root).localname != "opml":
        raise IngestError(f"{origin} is not an OPML file (its root element is not <opml>); nothing was imported")
    body = _child(root, "body")
    if body is None:
        raise IngestError(f"{origin} is not an OPML file (it has no <body>); nothing was imported")
    head = _child(root, "head")
    title_element = _child(head, "title") if head is not None else None
    title = (title_element.text or "").strip() or None if title_element is not None else None
    feeds: dict[str, OpmlFeed] = {}
    duplicates: list[str] = []
    for outline, category in _outlines(body, None, 0, origin):
        url = (_attribute(outline, "xmlUrl") or "").strip()
        if not url:
            continue
        name = _attribute(outline, "text") or _attribute(outline, "title")
        if url in feeds:
            duplicates.append(url)
            continue
        feeds[url] = OpmlFeed(url, (name or "").strip() or None, category)
    return OpmlList(title, tuple(feeds.values()), tuple(duplicates))


def _outlines(parent, category: str | None, depth: int, origin: str) -> Iterable[tuple[etree._Element, str | None]]:
    """Every ``<outline>`` under ``parent`` with the name of the nearest category around it."""
    if depth > MAX_DEPTH:
        raise IngestError(f"{origin} nests outlines more than {MAX_DEPTH} deep; nothing was imported")
    for outline in parent:
        if not isinstance(outline.tag, str) or etree.QName(outline).localname != "outline":
            continue
        yield outline, category
        if len(outline):
            name = (_attribute(outline, "text") or _attribute(outline, "title") or "").strip()
            inner = category if _attribute(outline, "xmlUrl") or not name else name
            yield from _outlines(outline, inner, depth + 1, origin)


def _child(element, name: str):
    for child in element:
        if isinstance(child.tag, str) and etree.QName(child).localname == name:
            return child
    return None


def _attribute(element, name: str) -> str | None:
    """An attribute, its name matched without regard to case (``xmlurl`` is seen in the wild)."""
    value = element.get(name)
    if value is not None:
        return value
    lowered = name.lower()
    for key, found in element.attrib.items():
        if str(key).lower() == lowered:
            return str(found)
    return None


def write_opml(feeds: Sequence[OpmlFeed], title: str, created: datetime) -> bytes:
    """An OPML 2.0 document of ``feeds``: top-level feeds first, then one outline per category (sorted)."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = format_datetime(created)
    body = etree.SubElement(root, "body")
    categories: dict[str, etree._Element] = {}
    for feed in sorted(feeds, key=lambda f: f.category is not None):
        parent = body
        if feed.category:
            if feed.category not in categories:
                categories[feed.category] = etree.Element("outline", text=feed.category, title=feed.category)
            parent = categories[feed.category]
        name = feed.title or feed.url
        etree.SubElement(parent, "outline", type="rss", text=name, title=name, xmlUrl=feed.url)
    for name in sorted(categories):
        body.append(categories[name])
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
