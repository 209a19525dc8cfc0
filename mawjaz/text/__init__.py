"""Arabic text tools. A leaf: imports nothing else from Mawjaz.

``normalise`` is the project's one Arabic normaliser (for matching, never
for display); ``index_terms`` is what search, stories and aliases match on.
"""

from mawjaz.text.aliases import AliasIndex, load_aliases
from mawjaz.text.normalise import normalise, words
from mawjaz.text.sentences import split_sentences
from mawjaz.text.stem import light_stem
from mawjaz.text.stopwords import is_stopword
from mawjaz.text.tokens import index_terms, query_terms, tokens

__all__ = [
    "AliasIndex",
    "index_terms",
    "is_stopword",
    "light_stem",
    "load_aliases",
    "normalise",
    "query_terms",
    "split_sentences",
    "tokens",
    "words",
]
