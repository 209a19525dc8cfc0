"""Mawjaz (موجز): an Arabic-first news digest for Telegram and Slack.

Layers, each importing only those before it:
``text`` → ``ingest`` → ``storage`` → ``digest`` → ``bot``.
"""

__version__ = "0.1.0"
