"""A story's summary: one or two sentences lifted from its articles.

Why extractive: every word shown is a word an outlet printed, so a summary can
be wrong only by choosing badly, never by inventing. Why these choices:

* **Position first.** News is written as an inverted pyramid: the lead sentence
  is the reporter's own summary. On 500 BBC Arabic articles with editor-written
  abstracts (``bench/summary.py``) the first sentence is the best single
  sentence for three articles in four; Lead-1 scores ROUGE-L 51.7 where LexRank
  gets 27.0 and TextRank 22.2, and a second or third sentence costs more
  precision than it gains recall (Lead-2 38.2, Lead-3 30.8). So a one-article
  story gets its lead sentence (51.8 here: the lead, unless it dangles), and a
  second only when the lead is too thin to say what happened (under
  ``_THIN_LEAD`` words).
* **Agreement across outlets.** In a story with several articles, a sentence is
  worth more when the other outlets' top sentences share its words
  (centrality: mean cosine to each other outlet) and when it shares words with
  the story's headlines. Every outlet's lead competes. On BBC stories also told
  by other outlets, with BBC's article held out, the sentence chosen this way
  matches BBC's abstract better (ROUGE-L 19.2) than a random outlet's lead
  (17.8), the closest outlet's lead (18.6) or LexRank over all of them (15.4).
* **Across sources, nothing twice.** Further sentences come from other outlets
  first; each must be on the story (at least half the best one's centrality),
  mostly new (half its content words not yet in the summary or the headlines)
  and not dangle. A body line that repeats a headline is never a candidate.
* **Readable alone.** Sentences that open on a pronoun-only reporting verb
  ("وأضاف أن …", "وقال: «…»"), on «هو/هي», or inside a quotation dangle
  without what came before. They are penalised, not banned, so a story made
  only of such sentences still gets a summary. Photo captions (a line ending in
  an agency credit with no full stop, or printed twice), short labels and
  datelines ("دمشق – وكالات :") are dropped or stripped.
* **No hashtags.** A tag in a sentence reads as its words (#أسعار_النفط → أسعار النفط), a label
  tag (#عاجل) goes, and a line that is half tags or more is not prose at all.
* **Budget.** At most ``max_sentences`` (never more than 2) and ``max_words`` (45)
  words. A lead longer than the whole budget is trimmed at its last clause
  boundary (، ؛ :) inside the budget and marked «…»: a run-on lead still
  carries its news in its first clauses, and showing nothing would be worse.
  Shorter leads are always kept whole.

Cost: only the top of each article (three usable sentences, eight articles at
most) is split and tokenised: about 0.2 ms of CPU per article.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from mawjaz.digest.headline import is_label
from mawjaz.digest.memo import remembered_up_to
from mawjaz.text import words
from mawjaz.text.captions import ends_in_credit
from mawjaz.text.clitics import strip_prefix
from mawjaz.text.sentences import split_sentences
from mawjaz.text.stopwords import CORE_STOPWORDS, REPORTING_WORDS

__all__ = ["summarise"]

_MOST_SENTENCES = 2  # a digest summary, whatever the caller asks
MAX_WORDS = 45  # a digest summary's length, «…» included
_CANDIDATES_PER_ARTICLE = 3  # usable sentences per article that may be chosen
_MAX_ARTICLES = 8  # a big story's first articles already hold its agreed facts; caps the cost
_MAX_LINES = 40  # lines read per article: leads, captions and headings sit at the top
_MIN_WORDS = 5  # shorter lines are labels, bylines or headings
_THIN_LEAD = 12  # a lead shorter than this gets a second sentence
_REDUNDANT = 0.6  # share of one sentence's content words found in another: the same thing said twice
_ON_STORY = 0.5  # an added sentence agrees with the other outlets at least half as well as the best
_NOVEL = 0.5  # share of an added sentence's content words not yet said by the summary or the headlines
_WEIGHT_CENTRALITY = 1.0
_WEIGHT_HEADLINE = 0.5
_PENALTY_DANGLING = 0.6
_PENALTY_NO_STOP = 0.4

_STOP_AT_END = re.compile(r"[.!?؟؛…][\s»”\"')\]]*$")
# «دمشق – وكالات :», «القاهرة (رويترز) -», «دبي، الإمارات (CNN) –», «(CNN)--»: up to four
# words of place, then a source after a dash and before a colon, or in brackets before a dash or colon.
_DATELINE = re.compile(
    r"^(?:(?P<place>[^\s:.«»\"()\-–—،,]+(?:[\s،,]+[^\s:.«»\"()\-–—،,]+){0,3})\s*)?"
    r"(?:[-–—]\s*(?P<source>[^:\-–—.]{2,30}?)\s*:|\((?P<agency>[^()]{1,30})\)\s*[-–—:]+)\s*"
)
_AGENCY = re.compile(
    r"[A-Za-z]|\.|وكال|رويترز|الأناضول|الاناضول|سانا|واس|وام|قنا|كونا|بترا|شينخوا|إرنا|ارنا|خاص|مراسل"
    r"|[أا] ش [أا]|د ب [أا]|[أا] ف ب"
)
# «أخبار السوريين: …», «خاص: …»: the outlet's own name before a colon.
_CREDIT_PREFIX = re.compile(r"^(?P<outlet>[^\s:.«»\"“”]+(?:\s+[^\s:.«»\"“”]+){0,2})\s*:\s+")
_CLAUSE_END = ("،", ",", "؛", ";", ":")
_OPENING_QUOTES = tuple("«“\"'‘„")
_CLOSER_FIRST = re.compile(r"^[^«“»”]*[»”]")  # the text starts inside a quotation

# Function words, reporting verbs and time words: noise when choosing a summary sentence.
_STOPWORDS = CORE_STOPWORDS | REPORTING_WORDS
_SUFFIXES = ("اتها", "اتهم", "اته", "يها", "يهم", "ها", "هم", "هن", "ات", "ون", "ين", "ان", "يه", "ه", "ي")
# Reporting verbs (normalised, without the و/ف prefix) that need a named subject.
_REPORTING = frozenset(
    words(
        "قال قالت أضاف أضافت تابع تابعت أوضح أوضحت أشار أشارت أكد أكدت لفت لفتت اعتبر اعتبرت رأى رأت"
        " ذكر ذكرت شدد شددت بين بينت أردف أردفت استطرد استطردت أعرب أعربت صرح صرحت كشف كشفت"
    )
)
_SUBJECTLESS = frozenset(words("أن إن أنه إنه أنها إنها أنهم إنهم قائلا قائلة"))
_PRONOUN_OPENERS = frozenset(words("هو هي هم هما وهو وهي وهم وهما لكنه لكنها ولكنه ولكنها إلا إنه إنها"))


@dataclass(frozen=True)
class _Candidate:
    text: str
    article: int
    position: int
    order: int
    bag: frozenset[str]
    n_words: int
    penalty: float
    centrality: float = 0.0
    score: float = 0.0


@dataclass(frozen=True)
class _Weights:
    weights: dict[str, float]
    norm: float


def summarise(
    articles: Sequence[tuple[str, str]],
    *,
    max_sentences: int = 2,
    max_words: int = MAX_WORDS,
    latest_first: bool = False,
) -> list[str]:
    """Up to ``max_sentences`` (never more than 2) sentences, as display text, that say what happened.

    ``articles`` are ``(headline, body)`` pairs of one story, in the caller's
    order (the first eight are read); paragraphs in a body are separated by
    line breaks. Sentences come back in reading order, the best one's outlet
    first. A story with no usable body sentence gets an empty list: its
    headline is all there is, and the digest shows it already.

    ``latest_first``: the first article is the story's latest development
    (:func:`mawjaz.digest.compose.summary_of` puts it there), so the summary
    opens with its best sentence, and a sentence of another outlet is added
    only if it brings no number the summary does not already state: when
    outlets disagree on a figure, the latest report's figure is the one shown.

    >>> body = "ضرب زلزال بقوة 6 درجات جنوب تركيا صباح اليوم ولم ترد أنباء عن ضحايا.\\nوقال مسؤول إن فرقا تتجه إليها."
    >>> summarise([("زلزال يضرب تركيا", body)])
    ['ضرب زلزال بقوة 6 درجات جنوب تركيا صباح اليوم ولم ترد أنباء عن ضحايا.']
    """
    max_sentences = min(max_sentences, _MOST_SENTENCES)
    if max_sentences < 1 or max_words < 1:
        return []
    articles = articles[:_MAX_ARTICLES]
    headlines = [_headline_bag(headline) for headline, _ in articles]
    headline_weights = _weights(Counter(word for bag in headlines for word in bag))
    candidates: list[_Candidate] = []
    contexts: list[_Weights] = []
    for index, (_, body) in enumerate(articles):
        found = _read_article(index, body, headlines, len(candidates))
        candidates.extend(found)
        # What an outlet says in its top sentences is what it thinks the story is.
        contexts.append(_weights(Counter(word for c in found for word in c.bag)))
    if not candidates:
        return []
    scored = [_score(c, contexts, headline_weights) for c in candidates]
    ranked = sorted(scored, key=lambda c: (-c.score, c.order))
    if latest_first and any(c.article == 0 for c in ranked):
        ranked = sorted(ranked, key=lambda c: c.article != 0)  # stable: the latest article's best leads
    chosen = _choose(
        ranked, frozenset().union(*headlines), len(articles), max_sentences, max_words, latest_numbers=latest_first
    )
    return [_fit(c.text, max_words) if i == 0 else c.text for i, c in enumerate(chosen)]


def _read_article(index: int, body: str, headlines: list[frozenset[str]], first_order: int) -> list[_Candidate]:
    """Split and tokenise only the top of the body, where a summary's sentences live."""
    candidates: list[_Candidate] = []
    for sentence in _reading(body):
        if len(candidates) >= _CANDIDATES_PER_ARTICLE:
            break
        if not _usable(sentence, headlines):
            continue
        text, tokens, penalty = sentence.text, sentence.tokens, sentence.penalty
        if not candidates:
            text = _strip_dateline(sentence.text)
            if text is not sentence.text:
                tokens = words(text)
                penalty = _penalty(text, tokens)
        candidates.append(
            _Candidate(
                text=text,
                article=index,
                position=len(candidates),
                order=first_order + len(candidates),
                bag=sentence.bag,
                n_words=len(text.split()),
                penalty=penalty,
            )
        )
    return candidates


@dataclass(frozen=True, slots=True)
class _Sentence:
    """A body sentence that may be chosen, whatever the story's headlines: long enough, with content words."""

    text: str
    tokens: list[str]
    bag: frozenset[str]
    penalty: float


class _Reading:
    """A body's candidate sentences, read lazily and remembered.

    A story's summary is recomputed each time it grows, over the same first
    articles: each body is split and tokenised once, and only as far as a
    summary has looked (usually three sentences), not its whole top.
    """

    __slots__ = ("_pending", "_read", "_lock")

    def __init__(self, body: str) -> None:
        self._read: list[_Sentence] = []
        self._pending: Iterator[_Sentence] | None = self._sentences(body)
        self._lock = threading.Lock()  # one cached reading may be walked by two threads' digests

    def __iter__(self) -> Iterator[_Sentence]:
        position = 0
        while self._has(position):
            yield self._read[position]
            position += 1

    def _has(self, position: int) -> bool:
        """Whether sentence ``position`` exists, reading it now if no one has yet."""
        if position < len(self._read):
            return True
        with self._lock:
            if position < len(self._read):  # another thread read it meanwhile
                return True
            sentence = next(self._pending, None) if self._pending is not None else None
            if sentence is None:
                self._pending = None
                return False
            self._read.append(sentence)
            return True

    @staticmethod
    def _sentences(body: str) -> Iterator[_Sentence]:
        lines = [line.strip() for line in body.splitlines()[:_MAX_LINES]]
        copies = Counter(lines)
        for line in lines:
            # A line printed twice near the top is a photo caption, and so is one ending in a bare credit.
            if not line or copies[line] > 1 or ends_in_credit(line):
                continue
            line = _without_hashtags(line)
            if not line:
                continue  # a line of tags: «#مصر #السعودية»
            for sentence in split_sentences(line):
                if len(sentence.split()) < _MIN_WORDS:
                    continue  # a label, byline or heading: not worth tokenising
                tokens = words(sentence)
                bag = _bag(tokens)
                if bag:
                    yield _Sentence(sentence, tokens, bag, _penalty(sentence, tokens))


_CACHED_BODY_CHARS = 32_000  # a news article is a few thousand; the cache then holds at most ~64 MB of keys


@remembered_up_to(_CACHED_BODY_CHARS, maxsize=2048)  # a batch's touched stories, eight bodies each
def _reading(body: str) -> _Reading:
    """The body's reading, remembered unless the body is too big to keep (the cache holds bodies as keys)."""
    return _Reading(body)


_HASHTAG = re.compile(r"#([^\W_][\w]*)")
_DIGITS = re.compile(r"\d+(?:[.,٫]\d+)?")
_EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _without_hashtags(line: str) -> str:
    """«#أسعار_النفط ترتفع» → «أسعار النفط ترتفع»; a line that is mostly tags, or a tag like #عاجل, goes."""
    if "#" not in line:
        return line
    tags = _HASHTAG.findall(line)
    if tags and len(tags) * 2 >= len(line.split()):
        return ""  # a line of tags, or a sentence that is half tags: not prose
    text = _HASHTAG.sub(lambda m: "" if is_label(m.group(0)) else m.group(1).replace("_", " "), line)
    return re.sub(r"\s+", " ", text.replace("#", " ")).strip()


def _numbers(text: str) -> set[str]:
    """The figures a sentence states (Eastern Arabic digits read as Western), compared between outlets."""
    return set(_DIGITS.findall(text.translate(_EASTERN_DIGITS)))


def _usable(sentence: _Sentence, headlines: list[frozenset[str]]) -> bool:
    # The body often repeats its own title (or another outlet's): the reader has it already.
    return not any(_contained(sentence.bag, headline) >= 0.8 for headline in headlines)


def _strip_dateline(sentence: str) -> str:
    """«دمشق – وكالات : بحث الرئيس …» → «بحث الرئيس …»: a place and a source are not news."""
    credit = _CREDIT_PREFIX.match(sentence)
    if credit and (_AGENCY.search(credit.group("outlet")) or credit.group("outlet").startswith("أخبار")):
        sentence = sentence[credit.end() :] if len(sentence[credit.end() :].split()) >= _MIN_WORDS + 3 else sentence
    match = _DATELINE.match(sentence)
    if match is None or len((match.group("source") or "").split()) > 3:
        return sentence
    if match.group("agency") is not None and not _AGENCY.search(match.group("agency")):
        return sentence  # «أعلنت الشركة (أبل) - وهي …» is an aside, not a credit
    rest = sentence[match.end() :]
    place = words(match.group("place") or "")
    if place and (place[0] in _REPORTING or place[0][1:] in _REPORTING) or len(rest.split()) < _MIN_WORDS + 3:
        return sentence
    return rest


def _penalty(text: str, tokens: list[str]) -> float:
    penalty = 0.0 if _STOP_AT_END.search(text) else _PENALTY_NO_STOP
    if _dangles(text, tokens):
        penalty += _PENALTY_DANGLING
    return penalty


def _dangles(text: str, tokens: list[str]) -> bool:
    """True when the sentence leans on the one before it: a quote, a pronoun, a bare «وأضاف أن»."""
    if text.startswith(_OPENING_QUOTES) or _CLOSER_FIRST.match(text):
        return True
    first = tokens[0]
    if first in _PRONOUN_OPENERS:
        return True
    verb = first[1:] if first[:1] in ("و", "ف") and first[1:] in _REPORTING else first
    if verb not in _REPORTING:
        return False
    # «وقال:», «وأضاف «…»» and «وأضاف أن …» quote someone the previous sentence named.
    opener, _, after = text.partition(" ")
    if opener.endswith(":") or after.lstrip().startswith((":", *_OPENING_QUOTES)):
        return True
    return len(tokens) > 1 and tokens[1] in _SUBJECTLESS


def _score(candidate: _Candidate, contexts: list[_Weights], headlines: _Weights) -> _Candidate:
    """Position, plus (across outlets) agreement with the other articles and the headlines."""
    position = 1.0 / (1.0 + candidate.position)
    others = [context for i, context in enumerate(contexts) if i != candidate.article]
    centrality = sum(_cosine(candidate.bag, context) for context in others) / len(others) if others else 0.0
    headline = _cosine(candidate.bag, headlines)
    score = position + _WEIGHT_CENTRALITY * centrality + _WEIGHT_HEADLINE * headline - candidate.penalty
    return _Candidate(  # not dataclasses.replace: a summary scores its 24 candidates each time a story grows
        candidate.text,
        candidate.article,
        candidate.position,
        candidate.order,
        candidate.bag,
        candidate.n_words,
        candidate.penalty,
        centrality,
        score,
    )


def _choose(
    ranked: list[_Candidate],
    headlines: frozenset[str],
    n_articles: int,
    max_sentences: int,
    max_words: int,
    *,
    latest_numbers: bool = False,
) -> list[_Candidate]:
    """Greedy: the best sentence, then other outlets' best that add news, then anything left that does.

    ``latest_numbers``: a sentence from another article than the best one's may
    not bring a number the summary does not state (it may be an older count).
    """
    best = ranked[0]
    wanted = max_sentences if n_articles > 1 else 1
    if best.n_words < _THIN_LEAD:
        wanted = max(wanted, 2)
    wanted = min(wanted, max_sentences)
    chosen = [best]
    said = headlines | best.bag
    used = best.n_words
    for new_outlets_only in (True, False):
        for candidate in ranked[1:]:
            if len(chosen) >= wanted:
                break
            if candidate in chosen or candidate.penalty or used + candidate.n_words > max_words:
                continue
            if candidate.centrality < _ON_STORY * best.centrality:
                continue  # new to the summary because it is off the story
            if new_outlets_only and any(c.article == candidate.article for c in chosen):
                continue
            if _novelty(candidate.bag, said) < _NOVEL or any(_redundant(candidate.bag, c.bag) for c in chosen):
                continue
            if (
                latest_numbers
                and candidate.article != best.article
                and _numbers(candidate.text) - set().union(*(_numbers(c.text) for c in chosen))
            ):
                continue  # another outlet's figure beside the latest report's: perhaps an older count
            chosen.append(candidate)
            said |= candidate.bag
            used += candidate.n_words
    # One outlet's sentences keep their order in its text; outlets keep the order they were chosen in.
    first_pick: dict[int, int] = {}
    for rank, c in enumerate(chosen):
        first_pick.setdefault(c.article, rank)
    return sorted(chosen, key=lambda c: (first_pick[c.article], c.position))


def _fit(text: str, max_words: int) -> str:
    """Trim a run-on lead at its last clause boundary within the budget (the closing «…» counts as a word)."""
    tokens = text.split()
    if len(tokens) <= max_words:
        return text
    room = max(max_words - 1, 1)
    cut = room
    for end in range(room, room // 2, -1):
        if tokens[end - 1].endswith(_CLAUSE_END):
            cut = end
            break
    return " ".join(tokens[:cut]).rstrip("،,؛;:") + " …"


_CACHED_TITLE_CHARS = 1_000  # a headline is a line; a longer "title" is read each time rather than kept


@remembered_up_to(_CACHED_TITLE_CHARS, maxsize=4096)  # a story's eight headlines, read again each time it grows
def _headline_bag(headline: str) -> frozenset[str]:
    return _bag(words(headline))


def _bag(tokens: list[str]) -> frozenset[str]:
    """Content words of a sentence, clitics off: what two sentences must share to say the same."""
    return frozenset(_stem(w) for w in tokens if w not in _STOPWORDS and len(w) > 1)


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """A light stem: one clitic prefix and one suffix off, at least three letters left.

    Enough for two outlets' wording to meet (التونسية/تونس, تصريحاته/تصريح, الأولى/أول);
    mistakes cost little, since stems are only compared with each other.
    """
    word = strip_prefix(word)
    if word.startswith("و") and len(word) >= 4:
        # Again after «ال»: الوزارة and وزارة must meet, even if both lose a root و.
        word = word[1:]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _weights(counts: Counter[str]) -> _Weights:
    """Sublinear term weights and their norm, computed once per article."""
    weights = {word: 1.0 + math.log(n) for word, n in counts.items()}
    return _Weights(weights, math.sqrt(sum(w * w for w in weights.values())))


def _cosine(bag: frozenset[str], target: _Weights) -> float:
    if not bag or not target.norm:
        return 0.0
    weights = target.weights
    return sum([weights[w] for w in bag & weights.keys()]) / (math.sqrt(len(bag)) * target.norm)


def _contained(part: frozenset[str], whole: frozenset[str]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _novelty(bag: frozenset[str], said: frozenset[str]) -> float:
    return len(bag - said) / len(bag) if bag else 0.0


def _redundant(a: frozenset[str], b: frozenset[str]) -> bool:
    return _contained(a, b) >= _REDUNDANT or _contained(b, a) >= _REDUNDANT
