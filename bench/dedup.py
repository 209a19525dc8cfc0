"""Near-duplicate detection: exact groups of ANT v2.1, and a perturbation benchmark, next to baselines.

    .venv/bin/python bench/dedup.py [CORPUS.jsonl] [--variants 700] [--negatives 200] [--seed 7]
        [--postgres postgresql://postgres@127.0.0.1:5432/test] [--judgements bench/data/neardup_judgements.tsv]
        [--corpus-only] [--same-outlet]

1. **Exact groups.** The whole corpus goes through the real ingest pipeline
   into a fresh database; each of its 217 groups of identical texts must end
   as one article. The near-duplicate merges Mawjaz makes beyond them are
   pairs of texts (each merged article's first text with each other one);
   a reader judged them SAME (one article republished) or DISTINCT
   (different reports) in ``bench/data/neardup_judgements.tsv``: the bench
   prints the real-corpus merge *precision* (SAME / judged), the DISTINCT
   merges still made, judged pairs no longer merged (a SAME there is a
   republication missed), and lists any merge not judged yet.

2. **Perturbations.** A *pool* of distinct real articles: the corpus minus
   exact duplicates and minus every article with a near neighbour (shingle
   Jaccard >= 0.3, containment >= 0.5 or a shared lead with any other, found by
   exhaustive comparison), so no two pool articles are one article. Republications of
   pool articles are generated, one kind each, in equal numbers: a new
   headline; junk lines (share widgets, "read also", copyright); photo
   captions; a paragraph dropped; a paragraph added (taken from another
   article); the feed teaser only (the first 20–45 words and an ellipsis);
   all of headline, junk, caption and a dropped paragraph together. Hard
   negatives: pool articles that gain one background paragraph copied from
   another pool article of the same section (a distinct report sharing a
   paragraph with another: it must not merge with it). Everything is
   ingested in one shuffled stream through the real pipeline.

   With ``--same-outlet`` every republication comes from its article's own
   outlet instead of another one (an outlet re-filing its own text: the
   harder case for a rule that keeps one outlet's differently-opening texts
   apart).

   *Recall*: republications stored as a copy of their own article.
   *False merges*: records sharing an article with a record of another origin,
   over all records. *Fuller text kept*: teasers that arrived before their
   article, whose article now holds the full text.

Baselines, computed in the same run on the same stream, in memory: the exact
normalised-body hash alone (what Mawjaz did before near-duplicates), and
plain MinHash-LSH (datasketch ``MinHashLSH``, Jaccard threshold 0.7, same
shingles, no containment test).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import timedelta
from itertools import combinations
from pathlib import Path

from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mawjaz.ingest.jsonl import read_jsonl  # noqa: E402
from mawjaz.ingest.record import Article as Record  # noqa: E402
from mawjaz.pipeline import IngestReport, store_items  # noqa: E402
from mawjaz.storage import migrate  # noqa: E402
from mawjaz.storage.articles import content_hash  # noqa: E402
from mawjaz.storage.engine import make_engine, normalise_url  # noqa: E402
from mawjaz.text.fingerprint import (  # noqa: E402
    band_keys,
    containment,
    fingerprint,
    resemblance,
    shingles_of,
)

CORPUS = ROOT.parent / "shared/data/ant_multisource_v2.1/ant_v2.1_2018-05-01_to_05-14_all_sources.jsonl"
JUDGEMENTS = ROOT / "bench/data/neardup_judgements.tsv"
KINDS = ("headline", "junk", "captions", "drop_paragraph", "add_paragraph", "teaser", "combined")
JUNK = (
    "شارك هذا المقال",
    "تابعونا على تويتر وفيسبوك",
    "جميع الحقوق محفوظة © 2018",
    "اشترك في النشرة البريدية لتصلك آخر الأخبار",
    "إعلان",
    "المصدر: وكالات",
    "للمزيد من الأخبار زوروا موقعنا",
    "اضغط هنا لمشاهدة الفيديو",
)
CAPTION_CREDITS = ("(رويترز)", "(أ.ف.ب)", "(أرشيفية)", "(أ.ب)", "(غيتي)")
HEADLINE_PREFIXES = ("عاجل: ", "بالفيديو.. ", "شاهد: ", "", "")


@dataclass(frozen=True)
class Item:
    record: Record
    origin: str  # the pool article it is (or republishes)
    kind: str  # "pool", "negative", or a perturbation kind


# ------------------------------------------------------------------------------------------ corpus


def load(corpus: Path) -> list[Record]:
    with corpus.open(encoding="utf-8") as handle:
        return [r for r in read_jsonl(handle, str(corpus)) if isinstance(r, Record)]


def paragraphs(body: str) -> list[str]:
    return [p for p in body.split("\n\n") if p.strip()]


def distinct_pool(records: list[Record]) -> list[Record]:
    """One record per exact text, minus every record with a near neighbour (exhaustive shingle comparison).

    Near: shingle Jaccard >= 0.3, or containment >= 0.5, or leads (first 45
    words) sharing 30 % of their shingles (two outlets opening with one wire
    lead: a teaser of either is a teaser of both).
    """
    unique: dict[str, Record] = {}
    for record in records:
        unique.setdefault(content_hash(record.body), record)
    pool = list(unique.values())
    shingles = [shingles_of(r.body).whole for r in pool]
    postings: dict[int, list[int]] = defaultdict(list)
    for index, found in enumerate(shingles):
        for shingle in found:
            postings[shingle].append(index)
    shared: Counter[tuple[int, int]] = Counter()
    for holders in postings.values():
        shared.update(combinations(holders, 2))
    near: set[int] = set()
    leads = [shingles_of(" ".join(r.body.split()[:45])).whole for r in pool]
    for (a, b), count in shared.items():
        if len(leads[a] & leads[b]) >= 0.3 * min(len(leads[a]), len(leads[b])):  # one's teaser would be the other's
            near.update((a, b))
        small, big = sorted((shingles[a], shingles[b]), key=len)
        if count / len(shingles[a] | shingles[b]) >= 0.3 or count / max(len(small), 1) >= 0.5:
            near.update((a, b))
    return [r for i, r in enumerate(pool) if i not in near]


# ------------------------------------------------------------------------------------------ perturbations


def perturb(kind: str, base: Record, other: Record, rng: random.Random, n: int, same_outlet: bool = False) -> Record:
    """A republication of ``base`` of the given kind (``other`` lends a headline or a paragraph), by another outlet
    or, with ``same_outlet``, by ``base``'s own."""
    title, parts = base.title, paragraphs(base.body)
    if kind in ("headline", "combined"):
        title = _new_headline(base.title, other.title, rng)
    if kind in ("junk", "combined"):
        for _ in range(rng.randint(1, 3)):
            junk = rng.choice(JUNK + (f"اقرأ أيضا: {other.title}",))
            parts.insert(rng.choice((0, len(parts), rng.randint(0, len(parts)))), junk)
    if kind in ("captions", "combined"):
        caption = f"{' '.join(base.title.split()[: rng.randint(4, 9)])} {rng.choice(CAPTION_CREDITS)}"
        parts[0:0] = [caption] * rng.randint(1, 2)
    if kind in ("drop_paragraph", "combined"):
        real = [i for i, p in enumerate(parts) if p in paragraphs(base.body)]
        if len(real) > 1:
            del parts[rng.choice(real)]
    if kind == "add_paragraph":  # a background paragraph of a longer article, never a whole one
        extra = rng.choice(paragraphs(other.body)[1:])
        parts.insert(rng.randint(1, len(parts)), extra)
    if kind == "teaser":
        words = base.body.split()
        parts = [" ".join(words[: rng.randint(20, 45)]) + " …"]
    return replace(
        base,
        title=title,
        body="\n\n".join(parts),
        source=base.source if same_outlet else f"republisher-{n % 5}",
        url=None,
        external_id=f"variant-{n}",
        published=base.published + timedelta(hours=rng.uniform(-6, 12)) if base.published else None,
        abstract=None,
    )


def _new_headline(title: str, other_title: str, rng: random.Random) -> str:
    words = title.split()
    if rng.random() < 0.3:
        return other_title
    kept = [w for w in words if rng.random() > 0.3] or words[:3]
    return rng.choice(HEADLINE_PREFIXES) + " ".join(kept)


def with_background(record: Record, donor: Record, rng: random.Random) -> Record:
    """``record`` with one non-lead paragraph of ``donor`` inserted: a distinct report sharing background."""
    borrowed = rng.choice(paragraphs(donor.body)[1:])
    parts = paragraphs(record.body)
    parts.insert(rng.randint(1, len(parts)), borrowed)
    return replace(record, body="\n\n".join(parts))


def build_stream(pool: list[Record], variants: int, negatives: int, seed: int, same_outlet: bool = False) -> list[Item]:
    rng = random.Random(seed)
    by_section: dict[str, list[Record]] = defaultdict(list)
    for record in pool:
        by_section[_section(record)].append(record)
    usable = [r for r in pool if len(paragraphs(r.body)) >= 2 and len(r.body.split()) >= 60]
    bases = rng.sample(usable, min(variants, len(usable)))
    items = [Item(r, r.external_id, "pool") for r in pool]
    index = {item.record.external_id: n for n, item in enumerate(items)}
    taken = {b.external_id for b in bases}
    donors = [r for r in pool if len(paragraphs(r.body)) >= 3]
    reports = [r for r in usable if r.external_id not in taken]  # with substance of their own: 2+ paragraphs, 60+ words
    for record in rng.sample(reports, negatives):
        candidates = [d for d in by_section[_section(record)] if d is not record and d in donors] or donors
        donor = rng.choice(candidates)
        items[index[record.external_id]] = Item(with_background(record, donor, rng), record.external_id, "negative")
    for n, base in enumerate(bases):
        kind = KINDS[n % len(KINDS)]
        others = [r for r in by_section[_section(base)] if r is not base and r in donors] or donors
        other = rng.choice(others)
        items.append(Item(perturb(kind, base, other, rng, n, same_outlet), base.external_id, kind))
    rng.shuffle(items)
    return items


def _section(record: Record) -> str:
    return (record.external_id or "").split("-")[1] if "-" in (record.external_id or "") else ""


# ------------------------------------------------------------------------------------------ scoring


def score(items: list[Item], article_of: dict[str, object]) -> dict[str, object]:
    """Recall per kind, false merges, from each record's assigned article (keyed by external id)."""
    origins: dict[object, set[str]] = defaultdict(set)
    for item in items:
        origins[article_of[item.record.external_id]].add(item.origin)
    base_article = {i.origin: article_of[i.record.external_id] for i in items if i.kind in ("pool", "negative")}
    recalled: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for item in items:
        if item.kind not in ("pool", "negative"):
            total[item.kind] += 1
            recalled[item.kind] += article_of[item.record.external_id] == base_article[item.origin]
    mixed = [i for i in items if len(origins[article_of[i.record.external_id]]) > 1]
    negatives = [i for i in items if i.kind == "negative"]
    return {
        "recall": sum(recalled.values()) / max(sum(total.values()), 1),
        "by_kind": {k: (recalled[k], total[k]) for k in KINDS},
        "false": len(mixed) / len(items),
        "false_count": len(mixed),
        "negatives_merged": sum(1 for i in negatives if len(origins[article_of[i.record.external_id]]) > 1),
        "negatives": len(negatives),
    }


def exact_baseline(items: list[Item]) -> dict[str, object]:
    return {i.record.external_id: content_hash(i.record.body) for i in items}


def lsh_baseline(items: list[Item], threshold: float = 0.7) -> dict[str, object]:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    article_of: dict[str, object] = {}
    for n, item in enumerate(items):
        found = shingles_of(item.record.body).body
        minhash = MinHash(num_perm=128, hashfunc=int)
        minhash.update_batch(sorted(found))
        hits = sorted(lsh.query(minhash))
        article_of[item.record.external_id] = article_of[hits[0]] if hits else n
        if not hits:
            lsh.insert(item.record.external_id, minhash)
    return article_of


# ------------------------------------------------------------------------------------------ mawjaz


def ingest(url: str, records: list[Record]) -> tuple[dict[str, int], dict[int, str], float]:
    """Store ``records`` through the pipeline; each record's article id (by external id) and each article's body."""
    engine = make_engine(url)
    migrate.upgrade(engine)
    start = time.perf_counter()
    report = store_items(engine, records, IngestReport())
    seconds = time.perf_counter() - start
    if report.failed:
        print(f"  {report.failed} records failed: {report.problems[:3]}")
    with engine.connect() as connection:
        copies = connection.execute(text("SELECT external_id, article_id FROM article_copies")).all()
        bodies = connection.execute(text("SELECT id, body FROM articles")).all()
    engine.dispose()
    return {e: a for e, a in copies}, {a: b for a, b in bodies}, seconds


def exact_groups(corpus: Path, records: list[Record], url: str, judgements: dict) -> None:
    raw: dict[str, list[str]] = defaultdict(list)
    import json

    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            raw[row["text"]].append(row["id"])
    groups = [ids for ids in raw.values() if len(ids) > 1]
    article_of, _bodies, seconds = ingest(url, records)
    merged = sum(1 for ids in groups if len({article_of[i] for i in ids}) == 1)
    hashed = exact_baseline([Item(r, "", "pool") for r in records])
    merged_base = sum(1 for ids in groups if len({hashed[i] for i in ids}) == 1)
    print(
        f"exact-duplicate groups merged      mawjaz {merged}/{len(groups)}   baseline (exact hash) {merged_base}/{len(groups)}"
    )
    by_article: dict[int, list[Record]] = defaultdict(list)
    for record in records:
        by_article[article_of[record.external_id]].append(record)
    near = [rs for rs in by_article.values() if len({content_hash(r.body) for r in rs}) > 1]
    print(
        f"corpus: {len(records)} records -> {len(by_article)} articles ({len(records) / seconds:.0f} records/s); "
        f"{len(near)} articles join texts that differ (near duplicates)"
    )
    judge_merges(near_pairs(near), records, judgements)


def near_pairs(near: list[list[Record]]) -> list[tuple[Record, Record]]:
    """The near-duplicate merges as pairs: each merged article's first text (corpus order) with each other distinct text."""
    pairs = []
    for rs in near:
        texts: dict[str, Record] = {}
        for record in rs:
            texts.setdefault(content_hash(record.body), record)
        first, *others = texts.values()
        pairs.extend((first, other) for other in others)
    return pairs


def read_judgements(path: Path) -> dict[frozenset[str], tuple[str, str]]:
    """``id_a<TAB>id_b<TAB>SAME|DISTINCT<TAB>reason`` lines ('#' lines are comments), keyed by the unordered id pair."""
    found: dict[frozenset[str], tuple[str, str]] = {}
    if not path.exists():
        return found
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        id_a, id_b, judgement, *reason = line.split("\t")
        if judgement not in ("SAME", "DISTINCT"):
            raise ValueError(f"{path}: judgement must be SAME or DISTINCT, not {judgement!r}")
        found[frozenset((id_a, id_b))] = (judgement, reason[0] if reason else "")
    return found


def _why(a: str, b: str) -> str:
    """What let two texts merge: body resemblance and containment, whole-text containment, keys they share."""
    x, y = fingerprint(a), fingerprint(b)
    small, big = sorted((x.shingles.body, y.shingles.body), key=len)
    whole_small, whole_big = sorted((x.shingles.whole, y.shingles.whole), key=len)
    bands = len(set(band_keys(x.shingles.body)) & set(band_keys(y.shingles.body)))
    anchors = len(set(x.keys) & set(y.keys)) - bands
    return (
        f"J {resemblance(x.shingles.body, y.shingles.body):.2f} C {containment(small, big):.2f} "
        f"C(whole) {containment(whole_small, whole_big):.2f}; shared keys: {bands} band, {anchors} lead anchor"
    )


def judge_merges(pairs: list[tuple[Record, Record]], records: list[Record], judgements: dict) -> None:
    """Real-corpus precision of the near-duplicate merges (SAME / judged); merges not judged yet, listed to judge;
    judged pairs no longer merged (a SAME among them is a republication now missed)."""
    merged = {frozenset((a.external_id, b.external_id)): (a, b) for a, b in pairs}
    verdicts = Counter(judgements[key][0] for key in merged if key in judgements)
    judged = sum(verdicts.values())
    precision = f"{verdicts['SAME'] / judged:.1%}" if judged else "n/a"
    print(
        f"near-duplicate merges judged by a reader: {judged}/{len(merged)}; precision (SAME / judged) {precision} "
        f"({verdicts['SAME']} SAME, {verdicts['DISTINCT']} DISTINCT)"
    )
    for key, (a, b) in merged.items():
        if key in judgements and judgements[key][0] == "DISTINCT":
            print(
                f"    DISTINCT merged: {a.external_id} + {b.external_id}  {_why(a.body, b.body)}\n      ({judgements[key][1]})"
            )
    unjudged = [(a, b) for key, (a, b) in merged.items() if key not in judgements]
    if unjudged:
        print(f"  {len(unjudged)} merges not judged yet (add them to the judgements file):")
        for a, b in unjudged:
            print(f"    {a.external_id}\t{b.external_id}\t?\t«{a.title[:40]}» + «{b.title[:40]}»")
    titles = {r.external_id: r.title for r in records}
    apart = Counter(verdict for key, (verdict, _reason) in judgements.items() if key not in merged)
    print(
        f"  judged pairs no longer merged: {apart['DISTINCT']} DISTINCT (rightly kept apart), "
        f"{apart['SAME']} SAME (republications missed)"
    )
    for key, (verdict, _reason) in judgements.items():
        if key not in merged and verdict == "SAME":
            print("    SAME kept apart: " + " + ".join(f"{i} «{titles.get(i, '?')[:40]}»" for i in sorted(key)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--variants", type=int, default=700, help="republications generated (spread over the kinds)")
    parser.add_argument(
        "--negatives", type=int, default=200, help="pool articles given a borrowed background paragraph"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--postgres", help="run the perturbation stream on this PostgreSQL server too")
    parser.add_argument(
        "--judgements",
        type=Path,
        default=JUDGEMENTS,
        help="a reader's SAME/DISTINCT verdicts on the corpus's near-duplicate merges",
    )
    parser.add_argument(
        "--same-outlet", action="store_true", help="republications come from their article's own outlet (a stress test)"
    )
    parser.add_argument("--corpus-only", action="store_true", help="only the corpus part (exact groups, judged merges)")
    parser.add_argument("--explain", action="store_true", help="list missed republications and false merges")
    args = parser.parse_args()

    records = load(args.corpus)
    with tempfile.TemporaryDirectory() as folder:
        exact_groups(
            args.corpus, records, f"sqlite:///{Path(folder) / 'corpus.sqlite'}", read_judgements(args.judgements)
        )
        if args.corpus_only:
            return

        pool = distinct_pool(records)
        items = build_stream(pool, args.variants, args.negatives, args.seed, args.same_outlet)
        print(
            f"\nperturbation stream: {len(pool)} distinct pool articles ({args.negatives} with a borrowed paragraph), "
            f"{len(items) - len(pool)} republications{' by their own outlet' if args.same_outlet else ''}, seed {args.seed}"
        )
        stream = [i.record for i in items]
        article_of, bodies, seconds = ingest(f"sqlite:///{Path(folder) / 'stream.sqlite'}", stream)
        runs = [("mawjaz (SQLite)", article_of, seconds)]
        if args.postgres:
            runs.append(("mawjaz (PostgreSQL)", *_on_postgres(args.postgres, stream)))
    for name, found, secs in runs:
        _report(name, score(items, found), f"{len(items) / secs:.0f} records/s")
    _report("baseline: exact hash", score(items, exact_baseline(items)))
    _report("baseline: MinHash-LSH 0.7, no containment", score(items, lsh_baseline(items)))

    if args.explain:
        _explain(items, article_of)
    teasers_first = _teasers_first(items)
    kept = sum(1 for t, base in teasers_first if _words(bodies[article_of[t.external_id]]) == _words(base.body))
    print(f"fuller text kept: {kept}/{len(teasers_first)} teasers that arrived before their article")


def _report(name: str, result: dict, extra: str = "") -> None:
    kinds = "  ".join(f"{k} {r}/{t}" for k, (r, t) in result["by_kind"].items())
    print(
        f"{name:<42} recall {result['recall']:6.1%}  false merges {result['false']:5.2%} ({result['false_count']})"
        f"  hard negatives merged {result['negatives_merged']}/{result['negatives']}  {extra}\n    {kinds}"
    )


def _explain(items: list[Item], article_of: dict[str, int]) -> None:
    """Missed republications and false merges, with the resemblance and containment behind each."""
    base = {i.origin: i.record for i in items if i.kind in ("pool", "negative")}
    members: dict[int, list[Item]] = defaultdict(list)
    for item in items:
        members[article_of[item.record.external_id]].append(item)

    def measures(a: Record, b: Record) -> str:
        x, y = shingles_of(a.body).body, shingles_of(b.body).body
        small, big = sorted((x, y), key=len)
        return f"J {resemblance(x, y):.2f} C {containment(small, big):.2f} ({len(x)}/{len(y)} shingles)"

    for item in items:
        if (
            item.kind not in ("pool", "negative")
            and article_of[item.record.external_id] != article_of[base[item.origin].external_id]
        ):
            print(f"  missed {item.kind:<15} {item.origin:34} {measures(item.record, base[item.origin])}")
    for group in members.values():
        if len({i.origin for i in group}) > 1:
            first, *rest = group
            for other in rest:
                if other.origin != first.origin:
                    print(
                        f"  false  {first.origin} ({first.kind}) + {other.origin} ({other.kind}): {measures(first.record, other.record)}"
                    )


def _teasers_first(items: list[Item]) -> list[tuple[Record, Record]]:
    position = {i.record.external_id: n for n, i in enumerate(items)}
    base = {i.origin: i.record for i in items if i.kind == "pool"}
    return [
        (i.record, base[i.origin])
        for i in items
        if i.kind == "teaser"
        and i.origin in base
        and position[i.record.external_id] < position[base[i.origin].external_id]
    ]


def _words(body: str) -> list[str]:
    return re.findall(r"\w+", body)


def _on_postgres(server: str, stream: list[Record]) -> tuple[dict[str, int], float]:
    name = f"mawjaz_bench_{uuid.uuid4().hex[:8]}"
    admin = make_engine(server).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        article_of, _bodies, seconds = ingest(normalise_url(server).set(database=name).render_as_string(False), stream)
        return article_of, seconds
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
