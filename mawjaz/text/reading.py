"""What the write path reads from one article's text, read once and handed on as a value.

Storing an article reads its text for four jobs: the exact-duplicate hash
(normalised body), the near-duplicate index (shingles of the body's index
terms), the search index (headline and body terms) and the story vector
(the same terms, weighted). :func:`read_article` does the reading once; the
pipeline passes the :class:`Reading` to each step instead of each step
reading the text again (or finding it in a cache keyed by the text).
"""

from __future__ import annotations

from dataclasses import dataclass

from mawjaz.text.fingerprint import Fingerprint, fingerprint_of_lines, line_terms
from mawjaz.text.normalise import normalise
from mawjaz.text.tokens import index_terms


@dataclass(frozen=True, slots=True)
class Reading:
    normal_title: str
    normal_body: str
    headline_terms: tuple[str, ...]
    body_lines: tuple[tuple[str, ...], ...]  # index terms of each non-empty line of the body
    fingerprint: Fingerprint

    @property
    def body_terms(self) -> tuple[str, ...]:
        return tuple(term for line in self.body_lines for term in line)


def read_article(title: str, body: str) -> Reading:
    """Everything the write path needs from ``title`` and ``body``.

    >>> reading = read_article("زلزال في تركيا", "ضرب زلزال قوي جنوب تركيا.")
    >>> reading.headline_terms == tuple(index_terms("زلزال في تركيا"))
    True
    """
    lines = line_terms(body)
    return Reading(normalise(title), normalise(body), tuple(index_terms(title)), lines, fingerprint_of_lines(lines))
