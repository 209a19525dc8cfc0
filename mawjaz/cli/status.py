"""``mawjaz status``: what an operator checks first — feeds, the delivery queue, today's outcome, the database.

Read-only and cheap (a few counts), so it can run every minute from a
monitoring probe with ``--json``. "Today" is the UTC day. The database URL is
shown with its password hidden (:func:`mawjaz.storage.engine.describe`).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime, time

import click


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def gather(engine, now: datetime | None = None) -> dict:
    """The status as plain data (what ``--json`` prints)."""
    from mawjaz.storage import deliveries
    from mawjaz.storage import feeds as feeds_repo
    from mawjaz.storage.engine import describe, reading
    from mawjaz.storage.models import utcnow

    now = now or utcnow()
    day_start = datetime.combine(now.date(), time(0), tzinfo=now.tzinfo)
    with reading(engine) as session:
        queue = deliveries.queue_state(session, now, day_start)
        rows = feeds_repo.all_feeds(session)
        feeds = [
            {
                "url": f.url,
                "interval_s": f.interval_s,
                "last_fetched_at": _iso(f.last_fetched_at),
                "last_ok_at": _iso(f.last_ok_at),
                "next_fetch_at": _iso(f.next_fetch_at),
                "error_count": f.error_count,
                "last_error": f.last_error,
            }
            for f in rows
        ]
    return {"database": describe(engine), "at": now.isoformat(), "queue": asdict(queue), "feeds": feeds}


def _text(status: dict) -> str:
    q = status["queue"]
    lines = [
        f"database  {status['database']}",
        f"queue     {q['due']} due, {q['sending']} being sent, {q['later']} waiting to retry",
        f"today     {q['sent_today']} sent, {q['failed_today']} failed (UTC day)",
        f"feeds     {len(status['feeds'])}",
    ]
    for feed in status["feeds"]:
        errors = f", {feed['error_count']} errors: {(feed['last_error'] or '')[:200]}" if feed["error_count"] else ""
        lines.append(
            f"  {feed['url']}  last fetch {feed['last_fetched_at'] or 'never'}, "
            f"last ok {feed['last_ok_at'] or 'never'}{errors}"
        )
    return "\n".join(lines)


@click.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@click.pass_obj
def status_cmd(ctx, as_json: bool) -> None:
    """Show the feeds (last fetch, errors), the delivery queue, today's sent and failed digests, and the database.

    The database URL is printed with its password hidden. Read-only: safe to
    run while workers are up, e.g. from a monitoring probe.

    \b
    Example:
      mawjaz status --json
    """
    status = gather(ctx.engine)
    click.echo(json.dumps(status, ensure_ascii=False, indent=2) if as_json else _text(status))
