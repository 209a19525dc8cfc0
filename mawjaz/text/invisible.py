"""Invisible characters: the one set of zero-width and bidi controls Mawjaz removes from text.

Feeds, pages and people typing on phones slip in characters that show
nothing yet change what a string *is*: a right-to-left mark before a time
(``\\u200f07:30``), a zero-width space inside a name («دا\\u200bعش»), a byte
order mark at the start of a title. Before this module there were three
sets, and the command parser's missed U+200B (so ``/time 07:30`` with a
zero-width space was refused) and U+FEFF. This set is the superset of the
three:

* U+00AD soft hyphen (shows only where a line breaks),
* U+061C Arabic letter mark,
* U+200B–U+200F zero-width space, non-joiner, joiner, LRM, RLM,
* U+202A–U+202E bidi embeddings and overrides,
* U+2060–U+2064 word joiner and invisible operators,
* U+2066–U+2069 bidi isolates,
* U+FEFF zero-width no-break space (byte order mark).

Removing them is right for matching, for headlines (renderers add their own
RLM, :mod:`mawjaz.digest.render`) and for command arguments. The NER
tokeniser keeps ZWNJ/ZWJ *inside* a word on purpose (:mod:`mawjaz.text.ner.tokens`):
there they join letters and must not split a token.
"""

from __future__ import annotations

import re

INVISIBLE_CHARS = (
    "\u00ad\u061c"
    + "".join(map(chr, range(0x200B, 0x2010)))
    + "".join(map(chr, range(0x202A, 0x202F)))
    + "".join(map(chr, range(0x2060, 0x2065)))
    + "".join(map(chr, range(0x2066, 0x206A)))
    + "\ufeff"
)
INVISIBLE = re.compile(f"[{re.escape(INVISIBLE_CHARS)}]")


def drop_invisible(text: str) -> str:
    """``text`` without zero-width and bidi control characters.

    >>> drop_invisible("\\u200f07:30\\u200b")
    '07:30'
    """
    return INVISIBLE.sub("", text)
