"""Which light stemmer for Mawjaz? Speed and conflation quality of four candidates, in one run.

    .venv/bin/python bench/stemmers.py [--corpus ../shared/data/ant_multisource_v2.1/ant_v2.1_...jsonl]

Candidates: Mawjaz's own (``mawjaz.text.stem.light_stem``), snowballstemmer's
Arabic, tashaphyne's ArabicLightStemmer, NLTK's ISRI (each skipped if not
installed: ``.venv/bin/pip install snowballstemmer tashaphyne nltk``). All get
the same normalised words (``mawjaz.text.normalise.words``).

Measured on the held-out days 2018-05-04..14 (Mawjaz's protected list is
derived without them):

* speed: distinct words stemmed per second, no cache;
* article forms: pairs «والحرب»/«الحرب» (و ف ب ك + ال, and لل) seen in the
  corpus — share of pairs that get one stem;
* bare clitics: pairs «لداعش»/«داعش» (و ب ل + a word seen 20+ times, the
  prefixed form at most half as frequent, so the letter is a clitic);
* protected kept: hand-checked words whose first letter is part of the word
  («لبنان», «بشار», «وزير», «فكرة»): share whose first letter survives;
* distinct pairs apart: hand-checked pairs of different words that must not
  share a stem («دولة»/«دول», «فكرة»/«كرة», «الرئيسي»/«الرئيس»);
* merges: distinct words among the 3,000 most frequent (stop words aside) that share a stem with
  another of them without being a clitic variant of it (a collision proxy).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

from mawjaz.text.normalise import normalise, words
from mawjaz.text.stem import PREFIXES, SUFFIXES, light_stem
from mawjaz.text.stopwords import STOPWORDS

DEFAULT_CORPUS = (
    Path(__file__).resolve().parents[1].parent
    / "shared/data/ant_multisource_v2.1/ant_v2.1_2018-05-01_to_05-14_all_sources.jsonl"
)

PROTECTED_CHECK = [
    normalise(w)
    for w in (
        "لبنان",
        "بشار",
        "وزير",
        "وزارة",
        "فكرة",
        "بريطانيا",
        "ليبيا",
        "فرنسا",
        "فلسطين",
        "كوريا",
        "بغداد",
        "بيروت",
        "لندن",
        "واشنطن",
        "بيان",
        "برنامج",
        "فريق",
        "كبير",
        "بناء",
        "بعثة",
        "لجنة",
        "كلمة",
        "فيلم",
        "ولاية",
        "وكالة",
        "بحث",
        "لقاء",
        "وجود",
        "كتاب",
        "فصائل",
        "كمال",
        "بلدان",
        "وطني",
        "ورقة",
        "ليفربول",
        "برشلونة",
        "كريم",
        "فيصل",
        "لاعب",
        "بطولة",
    )
]
APART_CHECK = [
    (normalise(a), normalise(b))
    for a, b in (
        ("دولة", "دول"),
        ("فكرة", "كرة"),
        ("الرئيسي", "الرئيس"),
        ("لبنان", "بنان"),
        ("بشار", "شار"),
        ("وزير", "زير"),
        ("منطقة", "منطق"),
        ("كمال", "مال"),
        ("ورد", "رد"),
        ("وطن", "طن"),
        ("الولايات", "الولاية"),
        ("سياسة", "سياسي"),
        ("قمة", "قم"),
        ("حكم", "حاكم"),
        ("علم", "عالم"),
        ("كتاب", "كاتب"),
        ("مكتب", "كتاب"),
        ("لجنة", "جنة"),
        ("فريق", "فرق"),
        ("بيان", "بين"),
    )
]


def candidates() -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {"mawjaz": light_stem.__wrapped__}  # type: ignore[attr-defined]
    try:
        import snowballstemmer

        found["snowball"] = snowballstemmer.stemmer("arabic").stemWord
    except ImportError:
        pass
    try:
        from tashaphyne.stemming import ArabicLightStemmer

        light = ArabicLightStemmer()
        found["tashaphyne"] = lambda w: (light.light_stem(w), light.get_stem())[1]
    except ImportError:
        pass
    try:
        from nltk.stem.isri import ISRIStemmer

        found["isri"] = ISRIStemmer().stem
    except ImportError:
        pass
    return found


def load_counts(corpus: Path, first_day: str, last_day: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if first_day <= record.get("date", "") <= last_day:
                counts.update(words(record["title"] + "\n" + record["text"]))
    return counts


def article_pairs(counts: Counter[str]) -> list[tuple[str, str]]:
    pairs = []
    for word in counts:
        if word.startswith("ال") and len(word) >= 5:
            for form in ("و" + word, "ف" + word, "ب" + word, "ك" + word, "ل" + word[1:]):
                if form in counts:
                    pairs.append((form, word))
    return pairs


def bare_pairs(counts: Counter[str]) -> list[tuple[str, str]]:
    pairs = []
    for word, count in counts.items():
        if count < 20 or len(word) < 3 or word.startswith("ال") or word in STOPWORDS or word.isascii():
            continue
        for letter in "وبل":
            form = letter + word
            if 0 < counts[form] <= count / 2 and form not in STOPWORDS:
                pairs.append((form, word))
    return pairs


def _is_variant(a: str, b: str) -> bool:
    """Crude gold: ``a`` and ``b`` differ only by proclitics and a pronoun suffix (or ة/ه)."""

    def cores(w: str) -> set[str]:
        out = {w}
        for p in PREFIXES:
            if w.startswith(p) and len(w) - len(p) >= 2:
                out.add(w[len(p) :])
        for c in list(out):
            for s in SUFFIXES:
                if c.endswith(s) and len(c) - len(s) >= 2:
                    out.add(c[: -len(s)])
        return out

    return bool(cores(a) & cores(b))


def merges(stem: Callable[[str], str], frequent: list[str]) -> tuple[int, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for w in frequent:
        groups[stem(w)].append(w)
    merged, examples = set(), []
    for members in groups.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if not _is_variant(a, b):
                    merged.update((a, b))
                    if len(examples) < 4:
                        examples.append(f"{a}={b}")
    return len(merged), examples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--days", default="20180504-20180514", help="YYYYMMDD-YYYYMMDD range of the corpus to use")
    args = parser.parse_args()
    first, last = args.days.split("-")
    counts = load_counts(args.corpus, first, last)
    vocabulary = [w for w in counts if not w.isascii()]
    frequent = [w for w, _ in counts.most_common(5000) if not w.isascii() and w not in STOPWORDS][:3000]
    apairs, bpairs = article_pairs(counts), bare_pairs(counts)
    print(f"corpus: {sum(counts.values()):,} tokens, {len(vocabulary):,} distinct Arabic words, days {args.days}")
    print(
        f"pairs: {len(apairs):,} article forms, {len(bpairs):,} bare clitic forms; "
        f"{len(PROTECTED_CHECK)} protected words, {len(APART_CHECK)} distinct pairs\n"
    )
    header = f"{'stemmer':<11} {'words/s':>10} {'article':>8} {'bare':>8} {'protected':>10} {'apart':>7} {'merges':>7}  examples of merges"
    print(header)
    print("-" * len(header))
    for name, stem in candidates().items():
        start = time.perf_counter()
        for w in vocabulary:
            stem(w)
        speed = len(vocabulary) / (time.perf_counter() - start)
        article = sum(stem(a) == stem(b) for a, b in apairs) / len(apairs)
        bare = sum(stem(a) == stem(b) for a, b in bpairs) / len(bpairs)
        kept = sum(stem(w)[:1] == w[:1] for w in PROTECTED_CHECK) / len(PROTECTED_CHECK)
        apart = sum(stem(a) != stem(b) for a, b in APART_CHECK) / len(APART_CHECK)
        merged, examples = merges(stem, frequent)
        print(
            f"{name:<11} {speed:>10,.0f} {article:>8.1%} {bare:>8.1%} {kept:>10.0%} {apart:>7.0%} {merged:>7}  {' '.join(examples)}"
        )


if __name__ == "__main__":
    main()
