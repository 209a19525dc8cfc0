"""Right to left, exactly: a line's direction, and left-to-right runs isolated inside Arabic text.

A chat client lays out each line by the Unicode bidi algorithm. In an Arabic
line a command, a time or a zone name is a left-to-right run among
right-to-left words, and the neutral characters at its edges (the ``/`` of
``/time``, the ``:`` of ``07:30``, brackets) take the direction of the
Arabic around them: ``/time 07:30`` shows as ``time 07:30/``. Wrapping the
run in U+2066 LEFT-TO-RIGHT ISOLATE … U+2069 POP DIRECTIONAL ISOLATE lays it
out on its own, left to right, as one unit among the Arabic words. In an
English line Arabic runs get U+2067 RIGHT-TO-LEFT ISOLATE … PDI likewise.

The one place these marks are decided; renderers never place marks by hand:

* :func:`direction` — is a line right-to-left or left-to-right? (its strong
  letters, the reader's language breaking a tie);
* :func:`isolate` — ``text`` with every run of the other direction isolated;
* :func:`line` — both: the line isolated, and for a right-to-left line a
  leading RLM (U+200F) so clients that only look at a line's first strong
  character still lay it out right to left. An English line gets no RLM.

Every function is idempotent: marks already in the text (ours or a feed's)
are removed first.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

LRI = "\u2066"  # left-to-right isolate
RLI = "\u2067"  # right-to-left isolate
FSI = "\u2068"  # first-strong isolate
PDI = "\u2069"  # pop directional isolate
RLM = "\u200f"
LRM = "\u200e"
ALM = "\u061c"
MARKS = frozenset((LRI, RLI, FSI, PDI, RLM, LRM, ALM, "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"))
_MARKS = re.compile("[" + "".join(sorted(MARKS)) + "]")

RTL = "rtl"
LTR = "ltr"

# Characters that belong to a left-to-right run when they touch it: the ``/`` of a command, the ``@`` of a
# handle, the ``+`` of a phone number before it; a URL's trailing ``/`` or a ``%`` after it.
_LTR_LEAD = frozenset("/@#+$-_.\\")
_LTR_TAIL = frozenset("/%+#")
# What may sit between two runs and still join them into one (``/start [Area/City]``, ``BBC, CNN``):
# anything weak except the Arabic punctuation and dashes that separate phrases in an Arabic line.
_NOT_A_JOIN = frozenset("،؛؟«»—–…|·•")
_PAIRS = {"[": "]", "(": ")", "{": "}"}


@lru_cache(maxsize=4096)
def _class(char: str) -> str:
    kind = unicodedata.bidirectional(char)
    if kind in ("R", "AL"):
        return "R"
    if kind in ("L", "EN"):
        return "L"
    if kind == "NSM":
        return "M"
    return ""


def strip_marks(text: str) -> str:
    """``text`` without any bidi control or mark."""
    return _MARKS.sub("", text)


def has_rtl(text: str) -> bool:
    return any(_class(c) == "R" for c in text)


def direction(text: str, lang: str = "ar") -> str:
    """``"rtl"`` or ``"ltr"``: the direction ``text`` reads in, for a reader whose interface is ``lang``.

    A line with no Arabic letter is left to right (``/time HH:MM``); one with no Latin letter or
    digit is right to left. A mixed line goes with its majority of strong letters, and in an Arabic
    interface any Arabic words make it right to left (``لتغيير الوقت: /time 07:30``).
    """
    rtl = ltr = 0
    for char in text:
        kind = _class(char)
        if kind == "R":
            rtl += 1
        elif kind == "L":
            ltr += 1
    if not rtl:
        return LTR
    if lang != "en" or rtl >= ltr:
        return RTL
    return LTR


def _runs(text: str, kind: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that read in ``kind`` (``"L"`` or ``"R"``) and should be isolated as units."""
    other = "R" if kind == "L" else "L"
    cores: list[tuple[int, int]] = []
    for token in re.finditer(r"\S+", text):
        word = token.group()
        classes = [_class(c) for c in word]
        if kind not in classes:
            continue
        if kind == "L" and other in classes:
            continue  # a word mixing both scripts («بـGPT») stays as it is in an Arabic line
        first = classes.index(kind)
        last = len(classes) - 1 - classes[::-1].index(kind)
        if kind == "L":
            while first > 0 and word[first - 1] in _LTR_LEAD:
                first -= 1
            while last + 1 < len(word) and word[last + 1] in _LTR_TAIL:
                last += 1
        else:
            while last + 1 < len(word) and classes[last + 1] == "M":
                last += 1  # tashkeel after the last letter («مصدراً»)
        cores.append((token.start() + first, token.start() + last + 1))
    runs: list[tuple[int, int]] = []
    for start, end in cores:
        if runs:
            gap = text[runs[-1][1] : start]
            if not any(c in _NOT_A_JOIN or _class(c) == other for c in gap):
                runs[-1] = (runs[-1][0], end)
                continue
        runs.append((start, end))
    return [_balance(text, start, end) for start, end in runs]


def _balance(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in the brackets a run opens or closes, so a pair is never split across an isolate's edge."""
    changed = True
    while changed:
        changed = False
        inner = text[start:end]
        for opening, closing in _PAIRS.items():
            if inner.count(opening) > inner.count(closing) and end < len(text) and text[end] == closing:
                end += 1
                changed = True
            elif inner.count(closing) > inner.count(opening) and start > 0 and text[start - 1] == opening:
                start -= 1
                changed = True
    return start, end


def isolate(text: str, base: str) -> str:
    """``text`` with each run of the direction opposite to ``base`` wrapped in an isolate."""
    text = strip_marks(text)
    kind, opener = ("L", LRI) if base == RTL else ("R", RLI)
    out: list[str] = []
    at = 0
    for start, end in _runs(text, kind):
        out += [text[at:start], opener, text[start:end], PDI]
        at = end
    out.append(text[at:])
    return "".join(out)


def line(text: str, lang: str = "ar", base: str | None = None) -> str:
    """One line ready to show: its foreign runs isolated, and an RLM first when it reads right to left.

    ``base`` forces the direction (a digest story keeps the direction of its headline); by default it
    is :func:`direction` of the line.
    """
    text = strip_marks(text)
    if not text.strip():
        return text
    base = base or direction(text, lang)
    isolated = isolate(text, base)
    return RLM + isolated if base == RTL else isolated


def lines(text: str, lang: str = "ar") -> str:
    """:func:`line` on every line of ``text``."""
    return "\n".join(line(part, lang) for part in text.split("\n"))
