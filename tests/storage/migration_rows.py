"""Rows the migration tests put in before changing the schema: a reader, and a digest sent to them."""

from __future__ import annotations

from sqlalchemy import Connection, text


def add_reader_with_a_sent_digest(connection: Connection) -> None:
    """A Telegram reader (chat 42) and one sent delivery of 2026-11-23, in columns every schema since 0002 has."""
    connection.execute(
        text(
            "INSERT INTO subscribers (platform, chat_id, chat_type, lang, timezone, digest_time, active,"
            " created_at, updated_at) VALUES ('telegram', '42', 'private', 'ar', 'Asia/Riyadh', '08:00', true,"
            " '2026-11-01', '2026-11-01')"
        )
    )
    connection.execute(
        text(
            "INSERT INTO deliveries (subscriber_id, local_date, due_at, status, attempts, message_ids, shown)"
            " SELECT id, '2026-11-23', '2026-11-23 05:00:00+00:00', 'sent', 1, '[\"7\"]', '[]' FROM subscribers"
        )
    )
