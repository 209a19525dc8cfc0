"""The ``mawjaz`` command line (entry point ``mawjaz.cli:main``)."""

from mawjaz.cli.app import main

__all__ = ["main"]
