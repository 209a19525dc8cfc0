"""Derive ``mawjaz/text/data/first_names_tagged.tsv``: first names read off the shipped tagger's own output.

    python bench/first_names.py ../shared/data/ant_multisource_v2.1/*.jsonl \
        ../shared/data/ant_corpus_v1.1_jawharafm/*.jsonl \
        ../shared/data/summarization_bbc_arabic_ant/*.jsonl > mawjaz/text/data/first_names_tagged.tsv

The tagger (``mawjaz.text.ner``) tags every article's title and text; the first word of each person name of two
words or more it finds is counted, and so is every word of the raw text. A word is listed when it begins such a
name at least :data:`MIN_BEGINS` times and on at least :data:`MIN_SHARE` of the times the raw text writes it (a
word the tagger reads as a first name where it is confident, not a common word it sometimes puts before a name),
and when it may be a first name at all: no article, Arabic letters only, three letters or more, not a stop word, a
plain word (:attr:`mawjaz.digest.actor_names.NameLists.plain_words`) nor a first name the word lists already hold, nor a
sound plural before its noun («محامو الرئيس»: a word in «و» the raw text also writes in «ون»).
A glued «و» or «ل» is read off when the word without it is counted too and the raw text writes it more often
than the glued form («ومحمد»; not «لويس», «وسيم», «وائل», «وليام»: names of their own, far commoner than
«ويس», «سيم», «ايل», «ليام» — session 15).

Session 15 also leaves out words that are not first names by what the project's data says of them (a first name
opens a person's name and nothing else):

* a word that is, or opens, a body's or place's name of the known names (``text/data/known_names.tsv``) or the
  aliases file («هيوستن» of «هيوستن روكتس», «غولدن» of «غولدن ستايت ووريرز», «داريا»);
* a word the raw text writes before a model's code, a word holding a digit or a Latin letter, on
  :data:`MODEL_SHARE` of its uses or more («جالكسي S8», «جالاكسي نوت-7»: a product's name).

Tried and left out: a word whose tagged names go on with a gazetteer place on more than half of them, for
«هيلاس فيرونا» (a club named by its city): it also took «جانيت جاكسون», «ناعومي أوساكا», «برهم صالح».

Nothing is downloaded: the raw text is the ANT and BBC corpora the clusters were learned from, the tagger is the
shipped model.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from mawjaz.digest.actor_names import plain_name, shipped_name_lists
from mawjaz.text.aliases import load_aliases
from mawjaz.text.ner import load_tagger
from mawjaz.text.normalise import normalise

MIN_BEGINS = 4
MIN_SHARE = 0.4
MODEL_SHARE = 0.25  # «جالكسي S8» on 3 of its 6 uses
_MODEL_CODE = re.compile(r"[0-9A-Za-z\u0660-\u0669]")
_WORD = re.compile(r"(?:[^\W_\d]|[\u0610-\u061A\u064B-\u065F\u0670\u0640])+")
_ARABIC = re.compile(r"^[\u0621-\u064A]+$")
_KNOWN = Path(__file__).resolve().parent.parent / "mawjaz" / "text" / "data" / "known_names.tsv"


def body_or_place_words() -> frozenset[str]:
    """The first word of each body's or place's name of the known names and the aliases file, normalised."""
    names = [
        line.split("\t")[1]
        for line in _KNOWN.read_text(encoding="utf-8").splitlines()
        if "\t" in line and not line.startswith("#") and line.split("\t")[0] != "PER"
    ]
    names += [n for e in load_aliases().entities.values() if e.type != "PER" for n in e.names]
    return frozenset(normalise(n.split()[0]) for n in names if n.split())


def main(paths: list[str]) -> None:
    tagger = load_tagger()
    begins: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    before_code: Counter[str] = Counter()  # times a word is written right before a model's code («جالكسي S8»)
    lists = shipped_name_lists()
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            for part in (record.get("title") or "", record.get("text") or ""):
                seen.update(normalise(w) for w in _WORD.findall(part))
                raw = part.split()
                before_code.update(
                    normalise(w) for w, following in zip(raw, raw[1:], strict=False) if _MODEL_CODE.search(following)
                )
                for entity in tagger.entities(part):
                    words = _WORD.findall(entity.text)
                    if entity.type == "PER" and len(words) >= 2:
                        begins[normalise(words[0])] += 1
    for word in list(begins):  # «ومحمد», «لمحمد»: the name with a glued letter, where the rest is commoner
        rest = word[1:]
        if word[:1] in ("و", "ل") and rest in begins and seen[rest] > seen[word]:
            begins[rest] += begins.pop(word)
            seen[rest] += seen.pop(word, 0)
    bodies_or_places = body_or_place_words()
    print("# First names read off the shipped tagger's output over raw news (bench/first_names.py; see its docstring).")
    print(f"# A word begins a tagged person name of 2+ words >= {MIN_BEGINS} times and on >= {MIN_SHARE} of its uses.")
    print("# word<TAB>times it begins a tagged name<TAB>times the raw text writes it")
    for word, count in sorted(begins.items(), key=lambda kv: (-kv[1], kv[0])):
        if count < MIN_BEGINS or count < MIN_SHARE * seen[word] or len(word) < 3 or not _ARABIC.match(word):
            continue
        if not plain_name(word) or word in lists.plain_words or word in lists.first_names:
            continue
        if word.endswith("و") and seen[word + "ن"]:  # «محامو الرئيس»: a sound plural before its noun
            continue
        if word in bodies_or_places:  # «هيوستن روكتس», «غولدن ستايت ووريرز»: a body's or place's name
            continue
        if before_code[word] >= MODEL_SHARE * seen[word]:  # «جالكسي S8»: a product's name
            continue
        print(f"{word}\t{count}\t{seen[word]}")


if __name__ == "__main__":
    main(sys.argv[1:])
