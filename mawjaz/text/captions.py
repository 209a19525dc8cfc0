"""Photo captions and their credits: one vocabulary for every reader of a page.

A caption is a short line closed by a bracketed photo credit: «الرئيس في
دمشق (أ.ب)», «(رويترز - أرشيفية)», «(AFP / Getty)». Three callers need three
things of that one shape, each with its own rule, all here:

- :func:`is_caption` (ingest: pages and dumps): a short, one-sentence line
  closed by a *known* credit (:data:`CREDITS`), so «ارتفع الدولار (الأمريكي)»
  stays body text.
- :func:`ends_in_credit` (the summariser): any short closing bracket with no
  full stop before it: a line that cannot be a summary sentence, known credit
  or not.
- :func:`without_credit` (actors): a caption with its closing bracket dropped,
  whatever it holds: a credit names who took the photo, not who is in it.
"""

from __future__ import annotations

import re

from mawjaz.text.normalise import normalise

__all__ = [
    "CREDITS",
    "caption_credit",
    "closing_bracket",
    "ends_in_credit",
    "is_caption",
    "is_credit",
    "without_credit",
]

# Photo credits that close a caption: "(أ.ب)", "(رويترز - أرشيفية)", "(AFP / Getty)".
# Compared after normalise() with dots and spaces removed, so «أ. ف. ب» and «ا ف ب» are one key.
CREDITS: frozenset[str] = frozenset(
    """اب افب ابا دبا رويترز رويتر اسوشيتدبرس اسوشيتد غيتي جيتي غيتيايمجز جيتيايمجز الاناضول سانا واس وام قنا
    كونا بترا شينخوا تاس سبوتنيك يونهاب كيودو الشرقالاوسط الجزيره العربيه سكاينيوزعربيه بيبيسي الاوروبيه
    ارشيفيه ارشيف خاص متداوله متداول مواقعالتواصل مواقعالتواصلالاجتماعي تويتر فيسبوك اكس انستغرام
    afp ap epa reuters getty gettyimages aa dpa ansa xinhua file archive""".split()
)
CAPTION_CREDIT_CHARS = 60  # the longest bracket read as a caption's credit
CAPTION_WORDS = 40  # a caption's words before its credit, at most
SUMMARY_CREDIT_CHARS = 40  # the summariser's rule: a closing bracket this short ends a caption

_CLOSING_BRACKET = re.compile(r"\(([^()]*)\)\s*$")
_CREDIT_SPLIT = re.compile(r"\s*[-–—/|،,+]\s*")
_SENTENCE_BREAK = re.compile(r"[.!?؟]\s")
_STOP_AT_END = re.compile(r"[.!?؟؛…][\s»”\"')\]]*$")
_CONTROLS = re.compile(r"[\x00-\x08\x0B-\x1F\x7F-\x9F]")  # as mawjaz.ingest.clean.collapse drops them
_SPACES = re.compile(r"\s+")
_DOTS_AND_SPACES = re.compile(r"[.\s]")


def closing_bracket(line: str, longest: int | None = None) -> tuple[str, str] | None:
    """``(text before, bracket's content)`` when ``line`` ends in a bracket (no nested brackets), else ``None``.

    ``longest`` caps the content's length (and then an empty bracket does not count).

    >>> closing_bracket("صورة للرئيس (رويترز) ")
    ('صورة للرئيس ', 'رويترز')
    """
    match = _CLOSING_BRACKET.search(line)
    if match is None:
        return None
    content = match.group(1)
    if longest is not None and not 1 <= len(content) <= longest:
        return None
    return line[: match.start()], content


def is_credit(text: str) -> bool:
    """Whether a bracket's content is a photo credit: every part («رويترز - أرشيفية») a known one."""
    parts = [_DOTS_AND_SPACES.sub("", normalise(part)) for part in _CREDIT_SPLIT.split(text)]
    parts = [part for part in parts if part]
    return bool(parts) and all(part in CREDITS for part in parts)


def caption_credit(line: str) -> str | None:
    """The bracketed text closing ``line`` when the line is caption-shaped (short, one sentence), else ``None``.

    The credit need not be a known one: a dump reader also counts a line printed twice with such an ending.
    """
    found = closing_bracket(_SPACES.sub(" ", _CONTROLS.sub("", line)).strip(), CAPTION_CREDIT_CHARS)
    if found is None:
        return None
    before, credit = found
    if not before.strip() or len(before.split()) > CAPTION_WORDS or _SENTENCE_BREAK.search(before):
        return None
    return credit


def is_caption(line: str) -> bool:
    """A photo caption: a short line closed by a known credit such as ``(أ.ب)`` or ``(رويترز - أرشيفية)``."""
    credit = caption_credit(line)
    return credit is not None and is_credit(credit)


def ends_in_credit(line: str) -> bool:
    """Whether ``line`` ends in a short bracket (a credit, known or not) with no full stop before it.

    The summariser's test for a caption: a sentence ends in a full stop, so
    «الرئيس في دمشق (سانا)» is a caption and «… وصل الرئيس. (سانا)» is not.
    """
    found = closing_bracket(line, SUMMARY_CREDIT_CHARS)
    return found is not None and not _STOP_AT_END.search(found[0].rstrip())


def without_credit(caption: str) -> str:
    """``caption`` with its closing bracket and the spaces around it dropped, whatever the bracket holds."""
    found = closing_bracket(caption)
    return caption if found is None else found[0].rstrip()
