"""Derive the word lists shipped in ``mawjaz/text/data`` from outside material, reproducibly.

Nothing here runs when Mawjaz runs: these functions *build* the data files
once, from corpora and lists given by path, and the files are committed. Two
lists come from here:

* ``protected.txt``: stems whose first letter is also a proclitic (و ف ب ك ل)
  but belongs to the word. A stem is protected when it is far more frequent
  than what would be left without that letter (and its ال form): «لبنان» 448
  against «بنان» 3 is a word; «لداعش» 17 against «داعش» 341 is ل + داعش. How
  much more frequent depends on the letter: و glues to every verb («وقال» is
  twice as frequent as «قال»), while ف and ك rarely glue to nouns («فكرة» 95
  against «كرة» 557 is still a word of its own).
* ``stopwords.txt``: every clitic form from Taha Zerrouki's Arabic stop-word
  list (GPL: we take the words as data, none of its code), normalised, minus
  words that are content in news (directions, ولي as in «ولي العهد», أمن,
  names such as معاذ or the town هيت).

Usage::

    python -m mawjaz.text.derive protected CORPUS.jsonl... --skip-dates 20180504-20180514 \
        > mawjaz/text/data/protected.txt
    python -m mawjaz.text.derive stopwords ../shared/data/stopwords/stopwordsallforms.csv \
        > mawjaz/text/data/stopwords.txt
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from mawjaz.text.clitics import PROCLITIC_LETTERS
from mawjaz.text.normalise import normalise, words
from mawjaz.text.stem import proclitic_splits, strip_suffix
from mawjaz.text.stopwords import STOPWORDS

#: How many times more frequent than its remainder a word must be to be protected, per first letter.
RATIO = {"و": 4.0, "ف": 0.1, "ك": 0.1, "ب": 2.0, "ل": 2.0}
MIN_COUNT = 3

#: Checked by hand: words whose first letters belong to the stem although counts alone miss them.
HAND_PROTECTED = (
    "الله",
    "اللهم",
    "كمال",
    "لقاء",
    "لقاءات",
    "بشار",
    "لبنان",
    "ليبيا",
    "بريطانيا",
    "بلجيكا",
    "بولندا",
    "فنزويلا",
    "كوريا",
    "كندا",
    "كوبا",
    "كينيا",
    # news names the counts miss, whose rest is another word or a stray stem once ك is off:
    # «كابل» → «ابل» (Apple), «كويت» → «ويت», «كاليفورنيا» → ك + ال + «يفورنيا»
    "كابل",
    "كويت",
    "كاليفورنيا",
    "كمبوديا",
    "كوسوفو",
    "كانبرا",
    "كرزاي",
    "لاتفيا",
    "ليتوانيا",
    "فيتنام",
    "فرنسا",
    "فلسطين",
    "بغداد",
    "بيروت",
    "لندن",
    "بكين",
    "برلين",
    "بروكسل",
    "واشنطن",
    "فيينا",
    "باريس",
    "بوتين",
    "بومبيو",
    "بولتون",
    "بايدن",
    "لافروف",
    "ليبرمان",
    "بنيامين",
    "بنيت",
    "لابيد",
    "فلاديمير",
    "وليد",
    "وليام",
    "كيري",
    "كوشنر",
    "بولسونارو",
    "فاغنر",
    "كتايب",
    "بوكو",
)

_STOP_EXCLUDED_LEMMAS = frozenset(
    normalise(w)
    for w in (
        "جنوب",
        "شمال",
        "شرق",
        "غرب",
        "يمين",
        "عين",
        "أبو",
        "أبا",
        "أبي",
        "ابن",
        "بن",
        "حي",
        "شبه",
        "معاذ",
        "لعمر",
        "هيت",
        "عدس",
    )
)
_STOP_EXCLUDED_FORMS = frozenset(
    normalise(w)
    for w in (
        "ولاية",
        "ولايته",
        "ولايتي",
        "ولايتها",
        "أمني",
        "أمن",
        "أمنه",
        "أمين",
        "وأمين",
        "وفاة",
        "وفا",
        "حماة",
        "وحماة",
        "أوبك",
        "الإمام",
        "إله",
        "آلة",
        "ألم",
        "السن",
        "ألفي",
        "فعل",
        "فعلي",
        "فعلية",
        "فاعلية",
        "الآلية",
        "الآلي",
        "إليسا",
        "ليلى",
        "ولي",
        "لعنة",
        "وحي",
        "فلك",
        "أمد",
        "عوض",
    )
)


def _read_texts(path: Path, skip: tuple[str, str] | None) -> Iterator[str]:
    if path.suffix != ".jsonl":
        yield path.read_text(encoding="utf-8")
        return
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            date = str(record.get("date") or record.get("id", "")[-8:])
            if skip and skip[0] <= date <= skip[1]:
                continue
            yield "\n".join(str(record.get(key) or "") for key in ("title", "text", "summary"))


def count_words(texts: Iterable[str]) -> Counter[str]:
    """Normalised word counts, pronoun suffixes folded into their base (the unit protection is decided on)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(strip_suffix(w) for w in words(text))
    return counts


def derive_protected(counts: Counter[str], ratio: dict[str, float] = RATIO, min_count: int = MIN_COUNT) -> list[str]:
    """Stems starting with a clitic letter that are much more frequent than their remainder, plus the hand list."""
    protected = set(HAND_PROTECTED)
    for word, count in counts.items():
        if count < min_count or word[:1] not in PROCLITIC_LETTERS or word.startswith("ال"):
            continue
        splits = proclitic_splits(word)
        if not splits or any(prefix.endswith(("ال", "لل")) for prefix, _rest in splits):
            continue  # ل + ال + stem is always grammatical: «للاحصاء» is never a word of its own
        if word not in STOPWORDS and any(rest in STOPWORDS for _prefix, rest in splits):
            protected.add(word)  # every clitic form of a stop word is itself listed: «فتحت» is not ف + تحت
            continue
        evidence = max(counts[rest] + counts["ال" + rest] for _prefix, rest in splits)
        if count > ratio[word[0]] * max(evidence, 1):
            protected.add(word)
    return sorted(normalise(w) for w in protected)


def derive_stopwords(allforms_csv: Path) -> list[str]:
    """Every normalised form from Zerrouki's ``stopwordsallforms.csv`` (columns word … original …) minus content words."""
    forms = set()
    for line in allforms_csv.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("word\t") or not line.strip():
            continue
        columns = line.split("\t")
        form, lemma = normalise(columns[0]), normalise(columns[4])
        if lemma in _STOP_EXCLUDED_LEMMAS or form in _STOP_EXCLUDED_FORMS or not form:
            continue
        forms.add(form)
    return sorted(forms)


_PROTECTED_HEADER = """\
# Stems whose first letter (و ف ب ك ل) belongs to the word, not a proclitic: the light stemmer keeps them whole.
# Derived by `python -m mawjaz.text.derive protected` from normalised word counts (see mawjaz/text/derive.py):
# ANT corpus v1.1 (Jawhara FM), ANT multi-source v2.1 2018-05-01..03 only, BBC Arabic summaries (not 2018-05-04..14),
# ANERcorp; plus a hand-checked list of names. Only the words are kept, no text. Edit by hand freely.
"""

_STOPWORDS_HEADER = """\
# Arabic stop words, normalised for matching (mawjaz.text.normalise), one per line, clitic forms included.
# Derived by `python -m mawjaz.text.derive stopwords` from Taha Zerrouki's Arabic Stopwords list,
# github.com/linuxscout/arabicstopwords, releases/latest/csv/stopwordsallforms.csv, commit f6018e22e020.
# Licence note: that project is GPL. Only its word list is used here, as data; none of its code is included.
# Removed from it: words that carry content in news (directions, يمين, عين, أبو/ابن/بن, ولي, أمن, حي, شبه,
# ولاية, وفاة, حماة, أوبك, names such as معاذ, إليسا, ليلى and the town هيت).
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m mawjaz.text.derive", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    protected = sub.add_parser("protected", help="protected stems from corpora (.jsonl with title/text, or plain text)")
    protected.add_argument("paths", nargs="+", type=Path)
    protected.add_argument("--skip-dates", default=None, help="YYYYMMDD-YYYYMMDD: leave out records in this range")
    stop = sub.add_parser("stopwords", help="stop words from Zerrouki's stopwordsallforms.csv")
    stop.add_argument("csv", type=Path)
    args = parser.parse_args(argv)
    if args.what == "protected":
        skip = tuple(args.skip_dates.split("-")) if args.skip_dates else None
        counts = count_words(text for path in args.paths for text in _read_texts(path, skip))
        sys.stdout.write(_PROTECTED_HEADER + "\n".join(derive_protected(counts)) + "\n")
    else:
        sys.stdout.write(_STOPWORDS_HEADER + "\n".join(derive_stopwords(args.csv)) + "\n")


if __name__ == "__main__":
    main()
