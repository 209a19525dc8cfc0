"""Article inserts while ``migrate.upgrade`` takes a large PostgreSQL database from 0014 to 0015 (issue 19).

Usage: python bench/migrate_writes.py POSTGRES_URL [ROWS]

The database named by POSTGRES_URL is emptied (its public schema dropped) before and after. A writer
inserts an article every 20 ms on its own connection while the upgrade runs; the slowest insert is the
time the migration kept other workers from writing. Prints which ``mawjaz`` it loaded: run each side
from its own checkout.
"""

from __future__ import annotations

import sys
import threading
import time

from sqlalchemy import text

import mawjaz
from mawjaz.storage import migrate
from mawjaz.storage.engine import make_engine

COLUMNS = "(id, headline, body, language, content_hash, captions, search_text, story_id, first_seen)"


def main(url: str, rows: int) -> None:
    print("mawjaz from", mawjaz.__file__)
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate.upgrade(engine, "0014")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO stories (id, headline, summary, first_seen, last_seen, article_count, source_count,"
                " updated_at, actors_due) SELECT g, 'h', '', '2026-12-01', '2026-12-01', 1, 1, '2026-12-01', false"
                " FROM generate_series(1, 20000) g"
            )
        )
        connection.execute(
            text(
                f"INSERT INTO articles {COLUMNS} SELECT g, 'headline ' || g, 'b', 'ar', md5(g::text), '[]', '',"
                " 1 + g % 20000, '2026-12-01' FROM generate_series(1, :n) g"
            ),
            {"n": rows},
        )
    done = threading.Event()
    waits: list[float] = []

    def write() -> None:
        with engine.connect() as writer:
            for n in range(rows + 1, rows + 1_000_000):
                if done.is_set():
                    return
                start = time.perf_counter()
                writer.execute(
                    text(
                        f"INSERT INTO articles {COLUMNS} VALUES (:id, 'x', 'b', 'ar', md5(CAST(:id AS text)), '[]', '',"
                        " 7, '2026-12-01')"
                    ),
                    {"id": n},
                )
                writer.commit()
                waits.append(time.perf_counter() - start)
                time.sleep(0.02)

    writer = threading.Thread(target=write)
    writer.start()
    time.sleep(0.5)
    start = time.perf_counter()
    migrate.upgrade(engine)
    took = time.perf_counter() - start
    time.sleep(0.3)
    done.set()
    writer.join()
    waits.sort()
    print(
        f"rows {rows}: upgrade {took:.2f} s; {len(waits)} inserts meanwhile, slowest {waits[-1] * 1000:.0f} ms,"
        f" p50 {waits[len(waits) // 2] * 1000:.1f} ms"
    )
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2_000_000)
