"""Near-duplicate articles: the shared LSH index (``dedup_keys``) and the rule that decides a merge.

Method (keys from :mod:`mawjaz.text.fingerprint`):

1. **Candidates.** An article's 32 MinHash band keys and its lead anchors are
   looked up in ``dedup_keys`` (indexed, so a restart rebuilds nothing and
   every worker sees one index). Each key reads at most :data:`POSTINGS` of
   its most recent articles, so a key shared by boilerplate costs the same at
   a million articles as at a thousand; a key that fills that quota (an
   outlet's dateline, a stock phrase) is no evidence and is skipped. The
   :data:`CANDIDATES` articles sharing the most keys, two at least, are
   verified.
2. **Verification** over the exact shingle sets, kept per article in
   ``dedup_shingles`` (4 bytes a shingle) so no stored text is re-read. The
   texts are one article when

   * their resemblance (Jaccard) is at least :data:`RESEMBLANCE` (0.7): the
     same wire story with another headline, junk lines or captions, a
     paragraph changed. On ANT v2.1 every pair at 0.7 or above is one wire
     text; between 0.5 and 0.7 sit distinct reports by one outlet that reuse
     its background paragraphs; or
   * the shorter is at least :data:`CONTAINMENT` (0.9) inside the longer and
     has at least :data:`MIN_CONTAINED` shingles: a feed teaser, a version
     with a paragraph cut, or a version that grew by new paragraphs;

   unless both come from **one outlet under different leads** (less than
   :data:`LEAD_FOUND` of one text's lead anywhere in the other): an outlet
   does not republish its own article under a new lead; it writes an update
   or a follow-up that keeps its earlier text as background (on ANT v2.1:
   a denial above the report it denies, early results above the turnout
   report, two election-day reports sharing four background paragraphs).
   Another outlet's copy may open differently (its own summary sentence on
   top of a wire text, the wire's first paragraph cut) and still be a copy.
   Judged on ANT v2.1 (``bench/data/neardup_judgements.tsv``): the eight
   merges a reader called DISTINCT all join one outlet's texts whose leads
   differ; its ten SAME merges within one outlet all keep their lead.

On PostgreSQL every transaction that stores articles first takes one
advisory lock, :data:`STORE_LOCK` (:func:`lock`), held to its end: two
workers storing republications of one article at the same moment are
serialised, and the second sees the first's article. One lock, whatever the
batch: a transaction of 500 articles holds one entry of PostgreSQL's lock
table (a lock per key, as before, ran out of shared memory at a few hundred
articles: ``max_locks_per_transaction``), and no two workers can deadlock on
it. Why not one lock per hashed slot of the keys: story placement reads the
stories every earlier article made, so it must be serialised as a whole for
two workers to give the stories one worker would, and a 256-article batch
covers any small set of slots anyway. Workers still read, fingerprint and
tag key actors in parallel; only storing takes turns, as on SQLite, which
has one writer at a time anyway.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from sqlmodel import Session

from mawjaz.storage import driver
from mawjaz.text.fingerprint import (
    Fingerprint,
    Lead,
    Shingles,
    containment,
    lead_found,
    lead_of,
    packed,
    resemblance,
    shingles_of,
    unpacked,
)

RESEMBLANCE = 0.7
CONTAINMENT = 0.9
MIN_CONTAINED = 8
MIN_SHARED_KEYS = 2
POSTINGS = 16
CANDIDATES = 3
LEAD_FOUND = 0.5
FULLER = 1.1  # a text replaces the stored one when its body (short lines left out) has 10 % more shingles


@dataclass(frozen=True, slots=True)
class Match:
    """The stored article a new text duplicates, and whether the new text is the fuller of the two.

    Fuller is measured on body shingles, short lines left out, so a copy that
    only adds widgets or captions never replaces a clean text.
    """

    article_id: int
    fuller: bool


def same_article(new: Shingles, old: Shingles) -> bool:
    """The merge rule: near-identical texts, or one contained in the other (body lines, or whole texts)."""
    a, b = _telling(new), _telling(old)
    if resemblance(a, b) >= RESEMBLANCE:
        return True
    return _contained(a, b) or _contained(new.whole, old.whole)


def opens_differently(new: Shingles, new_lead: Lead, old: Shingles, old_lead: Lead) -> bool:
    """Less than :data:`LEAD_FOUND` of one text's lead is anywhere in the other: the texts open differently."""
    return min(lead_found(new_lead, old_lead, old), lead_found(old_lead, new_lead, new)) < LEAD_FOUND


def _telling(shingles: Shingles) -> frozenset[int]:
    """The body shingles, unless short lines were most of the text: then a borrowed paragraph would be all
    that is left of it, and the whole text speaks for it instead."""
    return shingles.body if len(shingles.body) >= 0.5 * len(shingles.whole) else shingles.whole


def _contained(a: frozenset[int], b: frozenset[int]) -> bool:
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return len(small) >= MIN_CONTAINED and containment(small, big) >= CONTAINMENT


def find_duplicate(session: Session, print_: Fingerprint, source: str | None = None) -> Match | None:
    """The stored article ``print_`` (a text from ``source``) is a republication of, if any (verified, not only proposed).

    Read under the store lock its caller took (:func:`mawjaz.storage.articles.store`, before its savepoints):
    taken again here it cost a round trip an article and changed nothing.
    """
    if not print_.keys:
        return None
    found = candidates(session, print_.keys)
    if not found:
        return None
    stored = stored_shingles(session, found)
    for article_id in found:
        old = stored[article_id]
        if same_article(print_.shingles, old) and not _follow_up(session, article_id, old, print_, source):
            return Match(article_id, fuller=len(print_.shingles.body) > FULLER * len(old.body))
    return None


def _follow_up(session: Session, article_id: int, old: Shingles, print_: Fingerprint, source: str | None) -> bool:
    """The stored article has a copy from ``source`` and opens differently: the new text is that outlet's next report.

    Only then is the stored text read again (for its lead): a same-outlet
    candidate that passed verification is rare.
    """
    if source is None:
        return False
    sql = (
        "SELECT body FROM articles WHERE id = ?"
        " AND EXISTS (SELECT 1 FROM article_copies WHERE article_id = articles.id AND source = ?)"
    )
    row = driver.execute(session, sql, (article_id, source)).first()
    return row is not None and opens_differently(print_.shingles, print_.lead, old, lead_of(row[0]))


def stored_shingles(session: Session, article_ids: list[int]) -> dict[int, Shingles]:
    """The shingle sets kept for each article; recomputed from the text for one stored without them."""
    marks = ", ".join("?" * len(article_ids))
    sql = f"SELECT article_id, body, whole FROM dedup_shingles WHERE article_id IN ({marks})"
    found = {row[0]: Shingles(unpacked(row[1]), unpacked(row[2])) for row in driver.execute(session, sql, article_ids)}
    missing = [i for i in article_ids if i not in found]
    if missing:
        marks = ", ".join("?" * len(missing))
        for article_id, body in driver.execute(
            session, f"SELECT id, body FROM articles WHERE id IN ({marks})", missing
        ):
            found[article_id] = shingles_of(body)
    return found


def candidates(session: Session, keys: Iterable[int]) -> list[int]:
    """Articles sharing at least two telling keys with ``keys``, most shared first (newest first among equals).

    A key found on :data:`POSTINGS` articles or more is boilerplate (an
    outlet's dateline opening every article, a stock phrase) and is no
    evidence: it is skipped.
    """
    ordered = sorted(set(keys))
    rows = driver.execute(session, _candidates_sql(len(ordered)), ordered).all()
    per_key = Counter(row[0] for row in rows)
    hits = Counter(row[1] for row in rows if per_key[row[0]] < POSTINGS)
    enough = [item for item in hits.items() if item[1] >= MIN_SHARED_KEYS]
    ranked = sorted(enough, key=lambda item: (-item[1], -item[0]))
    return [article_id for article_id, _ in ranked[:CANDIDATES]]


def index_new(session: Session, article_id: int, print_: Fingerprint) -> None:
    """File a brand-new article under its keys and keep its shingles (no conflict is possible: it is new)."""
    driver.executemany_all(session, new_index_writes(article_id, print_))


def new_index_writes(article_id: int, print_: Fingerprint) -> list[tuple[str, list[tuple]]]:
    """:func:`index_new`'s statements and their rows, for a caller that sends them with its own
    (:func:`mawjaz.storage.driver.executemany_all`: one round trip on PostgreSQL)."""
    return [
        (
            "INSERT INTO dedup_keys (key, article_id) VALUES (?, ?)",
            [(key, article_id) for key in sorted(set(print_.keys))],
        ),
        (
            "INSERT INTO dedup_shingles (article_id, body, whole) VALUES (?, ?, ?)",
            [(article_id, packed(print_.shingles.body), packed(print_.shingles.whole))],
        ),
    ]


def index_fuller(session: Session, article_id: int, print_: Fingerprint) -> None:
    """The article took a fuller text: file it under that text's keys too, and keep that text's shingles."""
    rows = [(key, article_id) for key in sorted(set(print_.keys))]
    driver.executemany(session, "INSERT INTO dedup_keys (key, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING", rows)
    body, whole = packed(print_.shingles.body), packed(print_.shingles.whole)
    driver.execute(session, "DELETE FROM dedup_shingles WHERE article_id = ?", (article_id,))
    driver.execute(
        session, "INSERT INTO dedup_shingles (article_id, body, whole) VALUES (?, ?, ?)", (article_id, body, whole)
    )


#: PostgreSQL: the advisory lock key of storing (``pg_advisory_xact_lock``); any fixed bigint nobody else uses.
STORE_LOCK = 0x6D61776A617A  # "mawjaz"


def lock(session: Session) -> None:
    """On PostgreSQL, take the store lock for the rest of the transaction (see the module docstring).

    Taken again by the same transaction it costs a round trip and no new
    lock-table entry. Take it before the transaction's first write: a worker
    holding row locks while waiting for it could deadlock with its holder.
    """
    for sql, params in lock_statements(session):
        driver.execute(session, sql, params)


def lock_statements(session: Session) -> list[tuple[str, tuple]]:
    """:func:`lock` as statements, for a caller that sends them with its first read
    (:func:`mawjaz.storage.driver.execute_all`): none on SQLite."""
    return [("SELECT pg_advisory_xact_lock(?)", (STORE_LOCK,))] if driver.is_postgres(session) else []


@lru_cache(maxsize=128)
def _candidates_sql(count: int) -> str:
    branch = (
        "SELECT * FROM (SELECT key, article_id FROM dedup_keys WHERE key = ?"
        f" ORDER BY article_id DESC LIMIT {POSTINGS}) AS p{{n}}"
    )
    return " UNION ALL ".join(branch.format(n=n) for n in range(count))
