"""``WHEN`` for ``--since``: the parser lives in :mod:`mawjaz.digest.when`, shared with the web pages' ``?since=``."""

from mawjaz.digest.when import parse_when

__all__ = ["parse_when"]
