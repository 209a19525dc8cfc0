"""One renderer per platform, each a pure function over the same views.

Direction: every line is laid out by :mod:`mawjaz.text.bidi` — an Arabic
line starts with RLM and its left-to-right runs (``ISIS``, ``07:30``, a
URL) are isolated; an English line reads left to right with its Arabic runs
isolated. A story's lines take the direction of their own words, so an
Arabic headline in an English digest still reads right to left. No mark is
placed by hand here.

Shape: a header with the date in the reader's zone and language («موجز
الأحد 14 مايو 2018»), then per story a compact block — headline (linked to
the lead article), a one-or-two-sentence summary, a line with the time of
its latest article relative to now and its count of outlets (each linked),
and its key actors. Telegram messages are split by what the reader sees
(4,096 characters after entity parsing, counted in UTF-16 as Telegram
does), not by the length of the HTML.

Escaping: every string from the outside world (headlines, summaries,
names, URLs) passes through the platform's escaper — Telegram HTML needs
``& < >`` (and ``"`` inside ``href``), Slack mrkdwn needs ``& < >``.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from mawjaz.digest import dates
from mawjaz.digest.views import CopyView, Digest, StoryView, TopicAnswer
from mawjaz.text import bidi, split_sentences

RLM = bidi.RLM
HEADLINE_MAX = 300  # characters of a headline shown in full output; a 1,000-character "headline" is someone's bug
SUMMARY_MAX = 1200
HEADLINE_SHORT = 160  # chat digests: a headline, …
SUMMARY_SHORT = 180  # … one or two sentences of summary, …
ACTORS_SHORT = 3  # … the three key actors, …
OUTLETS_SHORT = 3  # … and the first outlets by name (Telegram; Slack links every one)
URL_MAX = 500  # longer URLs are shown as plain source names
TELEGRAM_LIMIT = 4096
_ARABIC = re.compile("[\u0600-\u06ff]")
_ID_LIKE = re.compile(r"^[a-z0-9_.-]+$|_|\d{3}")  # skynews, alarabia, 000_ca76a3fd311ad556
SLACK_TEXT_LIMIT = 3000
SLACK_MAX_BLOCKS = 50

_LABELS = {
    "ar": {
        "title": "موجز اليوم",
        "dated": "موجز {date}",
        "update": "تحديث",
        "yours": "مواضيعك",
        "top": "أهم الأخبار",
        "actors": "الفاعلون",
        "sources": "المصادر",
        "coverage": "التغطية الكاملة",
        "empty": "لا جديد في هذه الفترة.",
        "topic": "نتائج البحث عن",
        "no_results": "لم أجد أخباراً عن",
        "older": "وجدت {count} قصة أقدم: أضف --all للبحث في كل الأخبار.",
        "also": "بحثت أيضاً عن:",
        "PER": "شخص",
        "ORG": "منظمة",
        "LOC": "مكان",
    },
    "en": {
        "title": "Today's brief",
        "dated": "Brief for {date}",
        "update": "Update",
        "yours": "Your topics",
        "top": "Top stories",
        "actors": "Key actors",
        "sources": "Sources",
        "coverage": "Full coverage",
        "empty": "Nothing new in this period.",
        "topic": "Results for",
        "no_results": "No news found about",
        "older": "{count} older stories match: add --all to search all time.",
        "also": "Also searched:",
        "PER": "person",
        "ORG": "organisation",
        "LOC": "place",
    },
}


def labels(lang: str) -> dict[str, str]:
    return _LABELS.get(lang, _LABELS["ar"])


def rtl(line: str) -> str:
    """A line forced right to left (kept for callers that show Arabic only): see :func:`bidi.line`."""
    return bidi.line(line, "ar", base=bidi.RTL)


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a word boundary, with an ellipsis (before any escaping)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def short_summary(summary: str, limit: int = SUMMARY_SHORT) -> str:
    """The first sentence of ``summary``, and the second when both fit in ``limit`` characters."""
    sentences = split_sentences(summary) or [summary]
    shown = sentences[0]
    if len(sentences) > 1 and len(shown) + 1 + len(sentences[1]) <= limit:
        shown = f"{shown} {sentences[1]}"
    return clip(shown, limit)


def moment_of(digest: Digest) -> datetime:
    return digest.now or datetime.now(UTC)


def title_of(digest: Digest, title: str | None = None) -> str:
    """The header: ``title`` when given, else «موجز الأحد 14 مايو 2018» in the reader's zone and language."""
    if title:
        return title
    return labels(digest.lang)["dated"].format(date=dates.long_date(moment_of(digest), digest.zone, digest.lang))


def latest(story: StoryView) -> datetime:
    """When the story's latest article was published (its last sighting when no article has a date)."""
    published = [a.published for a in story.articles if a.published is not None]
    return max(published, default=story.last_seen)


def when_line(story: StoryView, digest: Digest) -> str:
    """«منذ 3 ساعات · 3 مصادر» / "3 hours ago · 3 sources"; «منذ 3 ساعات · تقريران آخران عن الحدث · 3 مصادر»
    when the digest showed other stories of its event as this one (the outlets' names follow the count).
    """
    ago = dates.relative(latest(story), moment_of(digest), digest.zone, digest.lang)
    if story.others:
        ago = f"{ago} · {dates.other_reports(story.others, digest.lang)}"
    return f"{ago} · {dates.sources(len(story.sources), digest.lang)}"


def outlet_links(story: StoryView) -> list[tuple[str, str | None]]:
    """Each named outlet once, by the name a reader knows, with the URL of its latest article carrying the story.

    The URL is None when unsafe or missing. An outlet with no known name (a dump named by a hash) is counted
    in «N مصادر» but never shown by its file name.
    """
    found: dict[str, str | None] = {}
    for copy in _latest_first(story):
        name = shown_name(copy)
        if name is not None and found.get(name) is None:
            found[name] = safe_url(copy.url)
    order = {shown_name(c): n for n, c in enumerate(c for a in story.articles for c in a.copies)}
    return sorted(found.items(), key=lambda item: order.get(item[0], len(order)))


def shown_name(copy: CopyView) -> str | None:
    """The outlet as a reader knows it: its name, else its id when it reads as a name, else None.

    An id that reads as a name is written in Arabic letters or as a proper name («Reuters», «BBC»); a
    lower-case id or a file stem (``skynews``, ``000_ca76a3fd311ad556``) is no name to show.
    """
    if copy.source_name:
        return copy.source_name
    if _ARABIC.search(copy.source) or not _ID_LIKE.search(copy.source):
        return copy.source
    return None


def _latest_first(story: StoryView) -> list[CopyView]:
    articles = sorted(story.articles, key=lambda a: a.published or story.last_seen, reverse=True)
    return [copy for article in articles for copy in article.copies]


def safe_url(url: str | None) -> str | None:
    return url if url and url.startswith(("http://", "https://")) and len(url) <= URL_MAX else None


def page_url(story: StoryView, digest: Digest) -> str | None:
    """The story's page on the web (``/s/{id}`` under ``MAWJAZ_PUBLIC_URL``), or None when no address is set."""
    return f"{digest.pages.rstrip('/')}/s/{story.id}" if digest.pages else None


def lead_url(story: StoryView) -> str | None:
    """The link of the headline: the latest article's, whatever its outlet is called."""
    return next((url for url in (safe_url(c.url) for c in _latest_first(story)) if url), None)


ACTOR_MARKS = {"PER": "👤", "ORG": "🏛", "LOC": "📍"}


def _actors_line(story: StoryView, limit: int | None = None) -> str:
    """Actors with their type as a mark: 👤 person, 🏛 organisation, 📍 place."""
    return "، ".join(f"{ACTOR_MARKS.get(a.type, '•')} {a.name}" for a in story.actors[:limit])


# --- terminal -------------------------------------------------------------


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _plain(text: str, limit: int) -> str:
    """Outside text made safe for a terminal: no escape sequences or other controls, one line, clipped."""
    return clip(_CONTROLS.sub("", text).replace("\n", " "), limit)


def _mark(story: StoryView, lang: str) -> list[Piece]:
    """«تحديث:» before the headline of a story the reader saw before, back with new articles."""
    return [(f"{labels(lang)['update']}: ", None, False)] if story.update else []


def section_of(digest: Digest, number: int) -> str | None:
    """The section that opens at story ``number``: the reader's topics first, then the day's top stories."""
    if not digest.followed:
        return None
    if number == digest.first_number:
        return labels(digest.lang)["yours"]
    if number == digest.first_number + digest.followed:
        return labels(digest.lang)["top"]
    return None


def render_text(digest: Digest, *, title: str | None = None) -> str:
    """Plain text for a terminal: one block per story, each line laid out by its direction, controls removed."""
    words = labels(digest.lang)

    def line(text: str) -> str:
        return bidi.line(text, digest.lang)

    lines = [line(title_of(digest, title)), ""]
    if digest.note:
        lines += [line(digest.note), ""]
    if not digest.stories:
        lines.append(line(words["empty"]))
    for number, story in enumerate(digest.stories, digest.first_number):
        if (section := section_of(digest, number)) is not None:
            lines += [line(f"— {section} —"), ""]
        lines.append(
            _line(
                [
                    (f"{number}. ", None, False),
                    *_mark(story, digest.lang),
                    (_plain(story.headline, HEADLINE_MAX), None),
                ],
                digest.lang,
                escape=str,
            )
        )
        if story.summary:
            lines.append(line(f"   {_plain(story.summary, SUMMARY_MAX)}"))
        lines.append(line(f"   {when_line(story, digest)}"))
        if story.actors:
            lines.append(line(f"   {words['actors']}: {_plain(_actors_line(story), 600)}"))
        if names := [name for name, _url in outlet_links(story)]:
            lines.append(line(f"   {words['sources']}: {_plain('، '.join(names), 600)}"))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_topic_text(answer: TopicAnswer, lang: str = "ar") -> str:
    words = labels(lang)
    if not answer.stories:
        out = bidi.line(f"{words['no_results']} «{answer.query}».", lang) + "\n"
        if answer.older:
            out += bidi.line(words["older"].format(count=answer.older), lang) + "\n"
        return out
    title = f"{words['topic']} «{answer.query}»"
    if answer.names:
        title += "\n" + f"{words['also']} " + ("، " if lang == "ar" else ", ").join(answer.names)
    return render_text(Digest(stories=answer.stories, lang=lang), title=title)


# --- JSON -----------------------------------------------------------------


def render_json(value: Digest | TopicAnswer | Sequence[StoryView]) -> str:
    """The README's JSON contract; Arabic kept as characters, not escapes."""
    if isinstance(value, (Digest, TopicAnswer)):
        data: Any = value.to_json()
    else:
        data = [s.to_json() for s in value]
    return json.dumps(data, ensure_ascii=False, indent=2)


# --- Telegram -------------------------------------------------------------

_TAG = re.compile(r"<[^>]*>")


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def visible_length(message: str) -> int:
    """What Telegram counts against 4,096: the text after entity parsing, in UTF-16 code units."""
    return len(html.unescape(_TAG.sub("", message)).encode("utf-16-le")) // 2


# A piece of a line: plain text, the markup around its escaped form, and whether to isolate its foreign runs
# (a story's number «1.» is left to the paragraph, which shows it the Arabic way, dot after the digit).
Piece = tuple[str, Callable[[str], str] | None] | tuple[str, Callable[[str], str] | None, bool]


def _line(
    pieces: Sequence[Piece], lang: str, escape: Callable[[str], str] = _esc, whole: Callable[[str], str] | None = None
) -> str:
    """One line from plain pieces: its direction from all its words, each piece isolated, escaped and wrapped."""
    base = bidi.direction("".join(piece[0] for piece in pieces), lang)
    out = []
    for piece in pieces:
        text, wrap = piece[0], piece[1]
        shown = escape(bidi.isolate(text, base) if len(piece) < 3 or piece[2] else bidi.strip_marks(text))
        out.append(wrap(shown) if wrap else shown)
    joined = "".join(out)
    if whole is not None:
        joined = whole(joined)
    return bidi.RLM + joined if base == bidi.RTL else joined


def _bold(text: str) -> str:
    return f"<b>{text}</b>"


def _italic(text: str) -> str:
    return f"<i>{text}</i>"


def _link(url: str | None) -> Callable[[str], str] | None:
    if not url:
        return None
    return lambda text: f'<a href="{html.escape(url, quote=True)}">{text}</a>'


def _telegram_story(number: int, story: StoryView, digest: Digest) -> str:
    lang = digest.lang
    lines = [
        _line(
            [
                (f"{number}. ", None, False),
                *_mark(story, lang),
                (clip(story.headline, HEADLINE_SHORT), _link(lead_url(story))),
            ],
            lang,
            whole=_bold,
        )
    ]
    if (section := section_of(digest, number)) is not None:
        lines.insert(0, _line([(section, lambda t: f"<u>{t}</u>")], lang) + "\n")
    if story.summary:
        lines.append(_line([(short_summary(story.summary), None)], lang))
    outlets = outlet_links(story)
    meta: list[Piece] = [(f"🕒 {when_line(story, digest)}: ", _italic)]
    for n, (source, url) in enumerate(outlets[:OUTLETS_SHORT]):
        if n:
            meta.append(("، ", None))
        meta.append((clip(source, 60), _link(url)))
    if len(outlets) > OUTLETS_SHORT:
        meta.append((" " + dates.more_outlets(len(outlets) - OUTLETS_SHORT, lang), None))
    if (page := page_url(story, digest)) is not None:
        meta += [(" · ", None), (labels(lang)["coverage"], _link(page))]
    lines.append(_line(meta, lang))
    if story.actors:
        lines.append(_line([(clip(_actors_line(story, ACTORS_SHORT), 200), None)], lang))
    return "\n".join(lines)


def _pack(head: str, parts: Sequence[str], limit: int) -> list[str]:
    """Join parts into messages whose visible text stays under ``limit``, splitting only between parts."""
    messages: list[str] = []
    current = head
    for part in parts:
        candidate = f"{current}\n\n{part}" if current else part
        if visible_length(candidate) > limit and current:
            messages.append(current)
            current = part
        else:
            current = candidate
    if current:
        messages.append(current)
    return messages


def render_telegram(digest: Digest, *, title: str | None = None) -> list[str]:
    """Telegram HTML messages, each under 4,096 visible characters, split at story boundaries."""
    words = labels(digest.lang)
    head = _line([(title_of(digest, title), _bold)], digest.lang)
    if digest.note:
        head += "\n" + _line([(digest.note, None)], digest.lang)
    if not digest.stories:
        return [head + "\n\n" + _line([(words["empty"], None)], digest.lang)]
    parts = [_telegram_story(number, story, digest) for number, story in enumerate(digest.stories, digest.first_number)]
    return _pack(head, parts, TELEGRAM_LIMIT)


# --- Slack ----------------------------------------------------------------


def _mrkdwn(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_url(url: str) -> str:
    """A URL safe inside ``<url|label>``: ``&`` escaped as Slack asks, what would end the link percent-encoded."""
    return url.replace("&", "&amp;").replace("|", "%7C").replace(">", "%3E").replace("<", "%3C").replace(" ", "%20")


def _slack_link(url: str | None) -> Callable[[str], str] | None:
    if not url:
        return None
    return lambda text: f"<{_slack_url(url)}|{text}>"


def _slack_line(pieces: Sequence[Piece], lang: str) -> str:
    return _line(pieces, lang, escape=_mrkdwn)


def _slack_story(number: int, story: StoryView, digest: Digest) -> list[dict[str, Any]]:
    lang = digest.lang
    text = _line(
        [
            (f"{number}. ", None, False),
            *_mark(story, lang),
            (clip(story.headline, HEADLINE_SHORT), _slack_link(lead_url(story))),
        ],
        lang,
        escape=_mrkdwn,
        whole=lambda t: f"*{t}*",
    )
    if (section := section_of(digest, number)) is not None:
        text = _slack_line([(section, lambda t: f"*{t}*")], lang) + "\n\n" + text
    if story.summary:
        text += "\n" + _slack_line([(short_summary(story.summary), None)], lang)
    # Every outlet, linked. Percent-encoded Arabic URLs run to hundreds of characters, so the links go on in
    # further context elements (shown inline) when one would pass Slack's 3,000 characters.
    chunks: list[list[Piece]] = [[(f"🕒 {when_line(story, digest)}: ", None)]]
    used = 0
    for n, (source, url) in enumerate(outlet_links(story)):
        size = len(source) + len(url or "") + 12
        if used + size > SLACK_TEXT_LIMIT - 200 and len(chunks) < 9:
            chunks.append([])
            used = 0
        used += size
        if n:
            chunks[-1].append(("، ", None))
        chunks[-1].append((clip(source, 60), _slack_link(url)))
    if (page := page_url(story, digest)) is not None:
        chunks[-1] += [(" · ", None), (labels(lang)["coverage"], _slack_link(page))]
    elements = [{"type": "mrkdwn", "text": _slack_line(chunk, lang)} for chunk in chunks]
    if story.actors:
        elements.append({"type": "mrkdwn", "text": _slack_line([(clip(_actors_line(story), 600), None)], lang)})
    return [
        {"type": "section", "text": {"type": "mrkdwn", "text": text}},
        {"type": "context", "elements": elements},
    ]


def slack_header(text: str, lang: str) -> dict[str, Any]:
    """A header block (plain text, at most 150 characters) that carries its direction."""
    return {"type": "header", "text": {"type": "plain_text", "text": bidi.line(clip(text, 140), lang)}}


def render_slack(digest: Digest, *, title: str | None = None) -> list[list[dict[str, Any]]]:
    """Block Kit messages (lists of blocks), at most 50 blocks each, split at story boundaries."""
    words = labels(digest.lang)
    intro: list[dict[str, Any]] = [slack_header(title_of(digest, title), digest.lang)]
    if digest.note:
        intro.append(
            {"type": "section", "text": {"type": "mrkdwn", "text": _slack_line([(digest.note, None)], digest.lang)}}
        )
    if not digest.stories:
        return [
            intro
            + [
                {
                    "type": "section",
                    "text": {"type": "mrkdwn", "text": _slack_line([(words["empty"], None)], digest.lang)},
                }
            ]
        ]
    messages: list[list[dict[str, Any]]] = []
    current = list(intro)
    for number, story in enumerate(digest.stories, digest.first_number):
        blocks = _slack_story(number, story, digest) + [{"type": "divider"}]
        if len(current) + len(blocks) > SLACK_MAX_BLOCKS:
            messages.append(current)
            current = []
        current.extend(blocks)
    messages.append(current)
    return messages
