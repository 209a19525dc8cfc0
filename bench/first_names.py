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
A glued «و» or «ل» is read off when the word without it is counted too («ومحمد»). Nothing is downloaded: the
raw text is the ANT and BBC corpora the clusters were learned from, the tagger is the shipped model.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from mawjaz.digest.actor_names import plain_name, shipped_name_lists
from mawjaz.text.ner import load_tagger
from mawjaz.text.normalise import normalise

MIN_BEGINS = 4
MIN_SHARE = 0.4
_WORD = re.compile(r"(?:[^\W_\d]|[\u0610-\u061A\u064B-\u065F\u0670\u0640])+")
_ARABIC = re.compile(r"^[\u0621-\u064A]+$")


def main(paths: list[str]) -> None:
    tagger = load_tagger()
    begins: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            for part in (record.get("title") or "", record.get("text") or ""):
                seen.update(normalise(w) for w in _WORD.findall(part))
                for entity in tagger.entities(part):
                    words = _WORD.findall(entity.text)
                    if entity.type == "PER" and len(words) >= 2:
                        begins[normalise(words[0])] += 1
    for word in list(begins):  # «ومحمد», «لمحمد»: the name with a glued letter
        if word[:1] in ("و", "ل") and word[1:] in seen and word[1:] in begins:
            begins[word[1:]] += begins.pop(word)
            seen[word[1:]] += seen.pop(word, 0)
    lists = shipped_name_lists()
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
        print(f"{word}\t{count}\t{seen[word]}")


if __name__ == "__main__":
    main(sys.argv[1:])
