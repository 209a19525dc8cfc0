"""The headline a reader sees for a story: the one most like the others, cleaned.

Why clean: feed titles are written for a site's own page, not for a digest. They
carry the outlet's name ("| سكاي نيوز عربية", "- BBC News عربي"), media teasers
(«فيديو:», «بالصور..», «شاهد:»), urgency labels («عاجل:») that are stale by the
time a digest goes out, hashtags and invisible marks (ingest already took
the HTML out, :func:`mawjaz.ingest.clean.clean_title`). None of it says what happened,
and all of it makes two outlets' titles for one event look different.

Why "most like the others": a story gathers several outlets' titles for one
event. The title sharing the most words with the rest is the one that states
what they agree on; an odd one out is usually an angle, an opinion or a
teaser. Overlap is measured on :func:`mawjaz.text.normalise.words` (so spelling
variants agree) with the article, conjunction and preposition prefixes taken off
(:func:`mawjaz.text.clitics.strip_prefix`, as in summaries); ties go
to the title that needed less cleaning, then to the shorter one, then to the
earlier one, so the choice is deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mawjaz.digest.memo import remembered_up_to
from mawjaz.text import words
from mawjaz.text.clitics import strip_prefix
from mawjaz.text.invisible import drop_invisible

__all__ = ["clean_headline", "is_label", "pick_headline"]

_HASHTAG = re.compile(r"#([^\W_][\w]*)")
_SPACES = re.compile(r"\s+")
# Markers some outlets put around a title (🔴 عاجل, ▶ فيديو, • خبر): decoration, not words.
_DECORATION = " \t•·▪▶►◀◄★☆✅❌⚡🔴🟥🔵📌📢🚨🎥📷📸🎬➖—-|:"
_SEPARATOR = r"\s*(?::|\.{2,}|…|\||-|–|—|،|/)\s*"

# Teaser and urgency labels, as written at either end of a title.
_LABEL = (
    r"(?:نشرة خاصة|تغطية خاصة|تغطية مباشرة|تغطية حية|متابعة مباشرة|"
    r"عاجل|عاجل جدا|خاص|حصري|حصريا|تحديث|مباشر|بث مباشر|فيديو|بالفيديو|فيديوغراف|شاهد|شاهدوا|"
    r"بالصور|صور|بالصورة|صورة|انفوغراف|إنفوغراف|انفوجراف|إنفوجراف|بالأرقام|بالفيديو والصور|"
    r"video|watch|breaking|live|exclusive|update|photos)"
)
_LEADING_LABEL = re.compile(
    rf"^\s*(?:[\[(«\"]\s*{_LABEL}\s*[\])»\"]\s*(?:{_SEPARATOR})?|{_LABEL}{_SEPARATOR})", re.IGNORECASE
)
_TRAILING_LABEL = re.compile(
    rf"(?:{_SEPARATOR}[\[(«\"]?\s*{_LABEL}\s*[\])»\"]?|\s*[\[(«\"]\s*{_LABEL}\s*[\])»\"])\s*$", re.IGNORECASE
)
_WHOLE_LABEL = re.compile(rf"{_LABEL}", re.IGNORECASE)
_BRACKETED_LABEL = re.compile(rf"[\[(]\s*{_LABEL}\s*[\])]", re.IGNORECASE)

# A trailing " | X" or " - X" is the outlet's name when X is short and names a medium.
_OUTLET_TAIL = re.compile(r"\s+(?:\||-|–|—|::)\s+(?P<tail>[^|\-–—]{2,60})$")
_OUTLET_WORDS = re.compile(
    r"(?:news|نيوز|arabic|عربي|عربية|cnn|bbc|rt\b|\.com|\.net|نت\b|أونلاين|اونلاين|online|\btv\b|"
    r"قناة|صحيفة|جريدة|موقع|وكالة|الجزيرة|العربية|الشرق الأوسط|روسيا اليوم|فرانس|france|يورونيوز|"
    r"euronews|اليوم السابع|المصري اليوم|الحرة|رويترز|reuters|الخليج|القدس العربي|independent|اندبندنت|"
    r"إندبندنت|النهار|الأهرام|البوابة|العين الإخبارية|هسبريس|الشروق|الوطن|سبوتنيك|sputnik|دويتشه|dw)",
    re.IGNORECASE,
)
_PIPE_TAIL = re.compile(r"\s*\|\s*[^|]{1,60}$")


def clean_headline(title: str) -> str:
    """Return a stored ``title`` without invisible marks, hashtags' marks, teaser labels or outlet tags.

    Titles come from storage, where :func:`mawjaz.ingest.clean.clean_title`
    already parsed them with lxml (tags, ``<script>`` bodies and entities
    gone). Stripping ``<…>`` again here would cut a title that really reads
    «أقل من <5%>» and decode a literal «&amp;» a second time.

    >>> clean_headline("عاجل: #أسعار_النفط ترتفع 3% | سكاي نيوز عربية")
    'أسعار النفط ترتفع 3%'
    """
    text = drop_invisible(title)  # from the feed: renderers add their own bidi marks
    text = _HASHTAG.sub(_hashtag_words, text)
    text = _SPACES.sub(" ", text).strip()
    previous = None
    while text != previous:
        previous = text
        text = _LEADING_LABEL.sub("", text.strip(_DECORATION), count=1).strip()
        text = _strip_outlet(text).strip(_DECORATION)
        stripped = _TRAILING_LABEL.sub("", text).strip()
        text = stripped if words(stripped) else text
    text = _BRACKETED_LABEL.sub(" ", text)
    return _SPACES.sub(" ", text).strip(" -–—|:،")


# A programme, live blog or media item titled by what it is, not by what happened: «نشرة خاصة»,
# «تغطية خاصة: …», «نشرة الأخبار 15:00», «بالصور: …» with nothing after the label but a time or a date.
_PROGRAMME = re.compile(r"^\W*(?:نشرة|النشرة|تغطية|برنامج|حلقة|بث|موجز|ملخص|أبرز|ابرز)(?:\s+\S+){0,3}?[\s\d:/.\-–—|]*$")

# «تغطية خاصة لنقل السفارة …», «نشرة خاصة عن …»: a programme's name, whatever follows it.
_PROGRAMME_HEAD = re.compile(r"^\W*(?:نشرة|النشرة|تغطية|التغطية)\s+(?:خاصة|الخاصة|مباشرة|المباشرة|حية|الحية)(?:\s|$)")


def is_label(title: str) -> bool:
    """Whether a title names a programme, a live blog or a media item rather than news («نشرة خاصة», «بالفيديو»).

    Such a title, once cleaned, has no words left, or is a bulletin's name with a time or a date.

    >>> is_label("تغطية خاصة"), is_label("بالصور"), is_label("نشرة الأخبار 15:00"), is_label("زلزال يضرب تركيا")
    (True, True, True, False)
    """
    clean = clean_headline(title)
    return (
        not words(clean)
        or bool(_PROGRAMME.match(clean))
        or bool(_PROGRAMME_HEAD.match(clean))
        or bool(_WHOLE_LABEL.fullmatch(clean))
    )


def pick_headline(titles: Sequence[str]) -> str:
    """The cleaned title that shares the most words with the story's other titles.

    >>> pick_headline(["فيديو: زلزال يضرب تركيا", "زلزال قوي يضرب جنوب تركيا", "زلزال يضرب جنوب تركيا"])
    'زلزال يضرب جنوب تركيا'
    """
    read = [title for title in map(_read_title, titles) if title is not None]
    if not read:
        return ""
    bags = [bag for _, bag, _ in read]
    others = max(len(bags) - 1, 1)

    def key(i: int) -> tuple[float, int, int, int]:
        overlap = sum(_dice(bags[i], bags[j]) for j in range(len(bags)) if j != i) / others
        clean, _, dirty = read[i]
        return (-round(overlap, 9), dirty, len(clean), i)

    best = min(range(len(read)), key=key)
    return read[best][0]


# A growing story's headline is picked again each time, from mostly the same titles; a title over
# 1,000 characters is hostile and not kept.
@remembered_up_to(1_000, maxsize=8192)
def _read_title(title: str) -> tuple[str, frozenset[str], bool] | None:
    """(cleaned title, its word bag, whether cleaning removed anything), or None for a title with no word."""
    clean = clean_headline(title)
    if not words(clean) or is_label(clean):
        return None
    return clean, _bag(clean), len(_SPACES.sub(" ", title).strip()) > len(clean)


def _hashtag_words(match: re.Match[str]) -> str:
    """#أسعار_النفط reads as words; a #عاجل or #فيديو tag is a label and goes."""
    tag = match.group(1).replace("_", " ")
    return "" if _WHOLE_LABEL.fullmatch(tag) else tag


def _strip_outlet(text: str) -> str:
    match = _OUTLET_TAIL.search(text)
    if match and _OUTLET_WORDS.search(match.group("tail")) and len(match.group("tail").split()) <= 6:
        return text[: match.start()].strip()
    head, bar, tail = text.partition(" | ")
    if bar and len(head.split()) <= 4 and _OUTLET_WORDS.search(head) and words(tail):
        return tail.strip()  # «سكاي نيوز عربية | …»
    pipe = _PIPE_TAIL.search(text)
    if pipe and len(pipe.group().split()) <= 4 and len(words(text[: pipe.start()])) >= 3:
        # The bar and up to three words: a site or section name far more often than news.
        return text[: pipe.start()].strip()
    return text


def _bag(title: str) -> frozenset[str]:
    return frozenset(strip_prefix(w) for w in words(title) if len(w) > 1)


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0
