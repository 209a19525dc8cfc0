"""Arabic text tools. A leaf: imports nothing else from Mawjaz."""

from mawjaz.text.normalise import normalise, words

__all__ = ["normalise", "words"]
