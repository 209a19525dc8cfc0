"""The progress of ``mawjaz ingest``: every phase with its counts and its rate, so no phase looks frozen.

An ingest stores articles as it reads them (read, tag, store, in batches),
then writes the key actors of the stories it changed, then tidies the
search index. On a terminal one line is rewritten in place (at most a few
times a second); anywhere else (a pipe, systemd, a CI log) a progress event
is logged every :data:`LOG_EVERY_S` seconds and whenever the phase changes,
so a long run is never silent.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from mawjaz.pipeline import IngestReport

log = logging.getLogger(__name__)
log.setLevel(logging.INFO)  # progress is no warning, yet a run nobody watches must still show it

LOG_EVERY_S = 10.0
REDRAW_EVERY_S = 0.2


def describe(report: IngestReport, seconds: float, done_before: int = 0) -> str:
    """One line for ``report``: its phase, counts and rate over the ``seconds`` this phase has run.

    ``done_before``: what the phase's count stood at when it began (a
    second source read by one ingest goes on counting from there).
    """
    if report.phase == "actors":
        rate = (report.actors_done - done_before) / seconds if seconds > 0 else 0.0
        return f"key actors: {report.actors_done}/{report.actors_due} stories, {rate:.0f} stories/s"
    if report.phase == "index":
        return "search index: tidying"
    rate = (report.read - done_before) / seconds if seconds > 0 else 0.0
    return (
        f"reading and storing: {report.read} read, {report.new} new, {report.duplicate} duplicate,"
        f" {report.failed} failed, {rate:.0f} articles/s"
    )


class Progress:
    """Called with the report after each batch and each story (``on_item``); shows or logs :func:`describe`."""

    def __init__(
        self,
        terminal: bool,
        echo: Callable[[str], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.terminal = terminal
        self.echo = echo
        self.clock = clock
        self.phase = ""
        self.began = 0.0
        self.done_before = 0
        self.shown_at = float("-inf")
        self.width = 0

    def __call__(self, report: IngestReport) -> None:
        now = self.clock()
        changed = report.phase != self.phase
        if changed:
            self.phase, self.began = report.phase, now
            self.done_before = report.actors_done if report.phase == "actors" else report.read
        if not changed and now - self.shown_at < (REDRAW_EVERY_S if self.terminal else LOG_EVERY_S):
            return
        self.shown_at = now
        line = describe(report, now - self.began, self.done_before)
        if self.terminal:
            self.echo("\r" + line.ljust(self.width))
            self.width = len(line)
        else:
            log.info("ingest progress: %s", line)

    def close(self) -> None:
        """End the terminal's line: the summary follows on its own."""
        if self.terminal and self.width:
            self.echo("\n")
