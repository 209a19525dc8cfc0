"""The exceptions Mawjaz raises on purpose, each carrying a message fit for a user.

    MawjazError                 anything Mawjaz itself reports
    ├── ConfigError             a setting is missing or malformed
    ├── IngestError             one input (file, URL, record) could not be read
    │   └── InputTooLarge       the input is over the size limit
    ├── StorageError            the database refused or is unreachable
    └── CommandError            a command or its arguments are wrong

Anything else escaping a layer is a bug: the CLI and the bots log its traceback
and show a polite one-liner instead.
"""

from __future__ import annotations


class MawjazError(Exception):
    """Base class: ``str(err)`` is a complete, user-facing sentence."""


class ConfigError(MawjazError):
    pass


class IngestError(MawjazError):
    pass


class InputTooLarge(IngestError):
    pass


class StorageError(MawjazError):
    pass


class CommandError(MawjazError):
    pass
