"""Named entities (PER, ORG, LOC) in Arabic text, with the CRF model Mawjaz ships.

>>> tagger = load_tagger()
>>> [(e.text, e.type) for e in tagger.entities("قال الرئيس السوري بشار الأسد في دمشق")]
[('بشار الأسد', 'PER'), ('دمشق', 'LOC')]

The model is trained by Mawjaz's own code (:func:`mawjaz.text.ner.train.train`,
``mawjaz train-ner``) and its files live in ``mawjaz/text/data/``. Tagging
runs on the CPU from those files alone; nothing is downloaded.

The package: :mod:`.tokens` (tokeniser), :mod:`.features` (token features),
:mod:`.document` (document-level evidence, second pass), :mod:`.history`
(how the first pass tags words across raw text), :mod:`.resources` (the
model folder's files), :mod:`.crf` (the trained CRFs, fed packed attribute
ids through crfsuite's C API: tagging's fast path). :mod:`.train` (corpora, clusters, training) is for
``mawjaz train-ner`` and ``bench/ner.py`` only: tagging never imports it,
so NumPy and SciPy stay out of the runtime (``tests/test_architecture.py``).
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mawjaz.text.ner.crf import Model
from mawjaz.text.ner.document import document_evidence, propagate_names, repair_bio
from mawjaz.text.ner.features import FeatureExtractor
from mawjaz.text.ner.resources import (
    LOCAL_MODEL_FILE,
    MODEL_FILE,
    load_attributes,
    load_lexicon,
)
from mawjaz.text.ner.tokens import Token, align, is_wordlike, split_sentences, tokenise

DEFAULT_MODEL_DIR = Path(__file__).parents[1] / "data"


@dataclass(frozen=True)
class Entity:
    """A name found in a text: ``text`` is exactly ``source[start:end]``, as written (not normalised)."""

    text: str
    type: str
    start: int
    end: int


class Tagger:
    """A trained tagger: the sentence-level CRF, the document-level CRF and their word lists.

    A model folder without ``ner_local.crfsuite`` holds a one-pass model:
    ``ner.crfsuite`` then tags each sentence on its own.
    """

    def __init__(self, folder: Path) -> None:
        model = folder / MODEL_FILE
        if not model.exists():
            raise FileNotFoundError(f"no NER model at {model}")
        self.folder = folder
        self._final = Model(model)
        local = folder / LOCAL_MODEL_FILE
        self._local = Model(local) if local.exists() else None
        models = (self._final,) if self._local is None else (self._local, self._final)
        self._features = FeatureExtractor(load_lexicon(folder), load_attributes(folder), models)
        # crfsuite taggers keep state between calls: one caller at a time.
        self._lock = threading.Lock()

    def tag(self, tokens: list[str]) -> list[str]:
        """BIO tags (``B-PER``, ``I-LOC``, ``O``…) for one sentence of tokens, taken as its own document."""
        return self.tag_document([tokens])[0]

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags for each sentence of one document (names recur across its sentences).

        Tokens are re-split with the tagger's own tokeniser (``(د`` → ``(`` ``د``);
        each token takes the tag of its first word-like piece. Names of two or
        more words are then carried to their untagged repeats in the document
        (:func:`mawjaz.text.ner.document.propagate_names`).
        """
        aligned = [align(tokens) for tokens in sentences]
        tagged = self._tag_pieces([pieces for pieces, _ in aligned])
        return [
            _token_tags(len(tokens), pieces, owners, tags)
            for tokens, (pieces, owners), tags in zip(sentences, aligned, tagged, strict=True)
        ]

    def _tag_pieces(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags of each piece of each sentence of one document, pieces as :func:`tokenise` cuts them."""
        words = [self._features.words(pieces) for pieces in sentences]
        columns = [self._features.columns(w) for w in words]  # per sentence: its feature columns for each model
        forms = [[w.stripped for w in sentence] for sentence in words]
        with self._lock:
            items = [sentence[-1] for sentence in columns]
            if self._local is not None:
                first = [self._local.tag(sentence[0]) for sentence in columns]
                evidence = document_evidence(forms, first)
                items = [
                    self._features.second_pass_columns(*sentence)
                    for sentence in zip(words, items, first, evidence, strict=True)
                ]
            tagged = [self._final.tag(sentence) for sentence in items]
        return propagate_names(forms, tagged)

    def entities(self, text: str) -> list[Entity]:
        """PER/ORG/LOC entities in raw text (one document), with character offsets into ``text``."""
        sentences = split_sentences(tokenise(text))
        # tokenise's tokens are the tagger's pieces already (align gives each back as it is): tagged as they stand
        tagged = self._tag_pieces([[t.text for t in sentence] for sentence in sentences])
        found: list[Entity] = []
        for sentence, tags in zip(sentences, tagged, strict=True):
            tags = repair_bio([tag if is_wordlike(t.text) else "O" for t, tag in zip(sentence, tags, strict=True)])
            found.extend(_spans(text, sentence, tags))
        return _hyphen_joined(text, found)


def _token_tags(count: int, pieces: list[str], owners: list[int], piece_tags: list[str]) -> list[str]:
    tags = ["O"] * count
    chosen = [False] * count
    for piece, owner, tag in zip(pieces, owners, piece_tags, strict=True):
        if not chosen[owner] and is_wordlike(piece):
            tags[owner] = tag
            chosen[owner] = True
    return repair_bio(tags)


def _spans(text: str, tokens: list[Token], tags: list[str]) -> list[Entity]:
    entities: list[Entity] = []
    start = end = -1
    kind = ""
    for token, tag in zip(tokens, tags, strict=True):
        if tag.startswith("I-") and tag[2:] == kind:
            end = token.end
            continue
        if kind:
            entities.append(Entity(text[start:end], kind, start, end))
        kind = tag[2:] if tag.startswith("B-") else ""
        start, end = token.start, token.end
    if kind:
        entities.append(Entity(text[start:end], kind, start, end))
    return entities


_HYPHENS = "-\u2010\u2011"


def _in_word(char: str) -> bool:
    # letters only: a score or a model number is no part of a name («2-النجم», «إس-400»); Mn: harakat, shadda
    return char.isalpha() or unicodedata.category(char) == "Mn"


def _hyphen_joined(text: str, found: list[Entity]) -> list[Entity]:
    """Names written with a glued hyphen kept whole: «كيم هاك-سونغ», «جان-لوك ميلانشون», «بيونغ-يانغ».

    The tokeniser makes the hyphen a token of its own, so the tagger ends a name on one side of it and
    often starts another on the other («كيم هاك» + «سونغ», a second person). A hyphen with a letter
    glued on both sides joins two parts of one word: a name takes the word across it, and a name of the
    same kind the tagger started there is the same name. A name of another kind loses the joined word to
    the first («بيونغ-يانغ» stays a place, not a place and a body).
    """
    joined: list[Entity] = []
    for entity in found:
        start, end = entity.start, entity.end
        while start >= 2 and text[start - 1] in _HYPHENS and _in_word(text[start - 2]):
            start -= 1
            while start > 0 and _in_word(text[start - 1]):
                start -= 1
        while end + 1 < len(text) and text[end] in _HYPHENS and _in_word(text[end + 1]):
            end += 1
            while end < len(text) and _in_word(text[end]):
                end += 1
        kind = entity.type
        if joined and start < joined[-1].end:  # the name the tagger started across the hyphen
            first = joined[-1]
            if kind == first.type or end <= first.end:
                joined.pop()
                start, end, kind = first.start, max(end, first.end), first.type
            else:  # another kind of name opens there: the joined word is the first's, the rest stays its own
                start = first.end
                while start < end and text[start].isspace():
                    start += 1
                if start == end:
                    continue
        joined.append(Entity(text[start:end], kind, start, end))
    return joined


@lru_cache(maxsize=4)
def _load(folder: Path) -> Tagger:
    return Tagger(folder)


def load_tagger(path: Path | None = None) -> Tagger:
    """The tagger stored in folder ``path`` (default: the model shipped with Mawjaz), loaded once."""
    return _load(Path(path or DEFAULT_MODEL_DIR).resolve())
