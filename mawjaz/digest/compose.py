"""A story's headline and summary from its articles (thin glue over the headline and summary modules)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from mawjaz.storage.models import Article

_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


def headline_of(articles: Sequence[Article]) -> str:
    return articles[0].headline


def summary_of(articles: Sequence[Article]) -> str:
    lead = articles[0].body.strip().split("\n", 1)[0]
    return _SENTENCE_END.split(lead, maxsplit=1)[0]
