"""Hostile inputs the fuzz tests once broke Mawjaz with: each the smallest reproduction, now a regression test.

Each states the behaviour issue 8 asks for ("no crash, a clear error,
nothing stored for the bad record, everything else stored"). A new bug the
fuzzers find goes here first as a strict xfail (and into
``fuzzkit.KNOWN_BUGS``), until it is fixed.
"""

from __future__ import annotations

import gzip
import io
import json
import random
import zlib
from datetime import UTC, datetime

import pytest
from fuzzkit import check_items
from sqlalchemy import text

from mawjaz.config import Settings
from mawjaz.ingest import Article, Problem, read_source
from mawjaz.pipeline import IngestReport, WriteOptions, ingest, store_items

MB = 1024 * 1024
BODY = (
    "أعلنت الحكومة اليوم خطة جديدة لتطوير شبكة النقل العام في العاصمة خلال السنوات المقبلة، "
    "وقال الوزير إن التنفيذ يبدأ الشهر المقبل."
)


def test_a_title_with_markup_and_a_control_character_does_not_abort_the_batch():
    lines = [
        json.dumps({"id": "1", "title": "خبر أول", "text": BODY}, ensure_ascii=False),
        json.dumps({"id": "2", "title": "<script>x()</script>\x1b[31m خبر", "text": BODY + " ثان"}, ensure_ascii=False),
        json.dumps({"id": "3", "title": "خبر ثالث", "text": BODY + " ثالث"}, ensure_ascii=False),
    ]
    items = check_items(read_source("-", "jsonl", max_bytes=MB, stdin=io.BytesIO("\n".join(lines).encode())))
    assert len(items) == 3 and sum(isinstance(item, Article) for item in items) >= 2


@pytest.mark.parametrize("packing", ["gzip", "zlib", "random bytes"])
def test_compressed_or_binary_input_is_refused_or_unpacked_never_read_as_mojibake(tmp_path, packing):
    dump = f"خطة النقل الجديدة\n\n{BODY}\n\n\n\nمطار جديد في العاصمة\n\n{BODY} مطار\n".encode()
    data = {
        "gzip": gzip.compress(dump, mtime=0),
        "zlib": zlib.compress(dump),
        "random bytes": random.Random(1).randbytes(3000),
    }[packing]
    path = tmp_path / "dump.txt"
    path.write_bytes(data)
    items = check_items(read_source(str(path), max_bytes=MB))
    articles = [item for item in items if isinstance(item, Article)]
    assert all("خطة" in a.title or "مطار" in a.title for a in articles), [a.title for a in articles]
    assert articles or any(isinstance(item, Problem) for item in items)


def test_an_article_with_a_word_over_2047_bytes_is_stored_on_every_database(fresh_db, db_url, request):
    body = f"{BODY} الصورة: https://cdn.example/i?data={'A' * 3000} انتهى."
    report = store_items(fresh_db, [Article(title="خطة النقل", body=body, source="s")], IngestReport())
    assert (report.new, report.failed) == (1, 0), report.problems


def test_long_identifiers_from_a_jsonl_record_are_stored_or_refused_alike_on_every_database(
    fresh_db, db_url, request, tmp_path
):
    records = [
        {"id": "x" * 600, "title": "خبر أول", "text": BODY},
        {"id": "2", "title": "خبر ثان", "text": BODY + " ثان", "source": "s" * 600},
        {"id": "3", "title": "خبر ثالث", "text": BODY + " ثالث", "author": "a" * 600},
        {"id": "4", "title": "خبر رابع", "text": BODY + " رابع", "language": "arabic-language"},
    ]
    corpus = tmp_path / "long.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    report = ingest(fresh_db, [str(corpus)], Settings(database_url="sqlite://"))
    with fresh_db.connect() as connection:
        stored = connection.execute(text("SELECT count(*) FROM article_copies")).scalar_one()
    assert report.failed == 0 and stored == 4, [p.why[:120] for p in report.problems]


MOSUL = [
    Article(
        title="الأمم المتحدة تدين هجوما لداعش في الموصل",
        source="a",
        external_id="1",
        body="أدانت الأمم المتحدة اليوم هجوما تبناه تنظيم داعش في مدينة الموصل شمال العراق وأسفر عن سقوط ضحايا. "
        "وقال الأمين العام أنطونيو غوتيريش إن المنظمة تتابع الوضع.",
        published=datetime(2026, 11, 20, 8, tzinfo=UTC),
    ),
    Article(
        title="غوتيريش يدين هجوم الموصل",
        source="b",
        external_id="2",
        body="دان الأمين العام للأمم المتحدة أنطونيو غوتيريش هجوم داعش في الموصل بالعراق، داعيا إلى حماية المدنيين.",
        published=datetime(2026, 11, 20, 9, tzinfo=UTC),
    ),
]


def _story_actors(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT count(*) FROM story_actors")).scalar_one()


def test_a_rerun_after_a_kill_before_the_actors_step_gives_the_stories_their_key_actors(fresh_db):
    killed = store_items(fresh_db, MOSUL, IngestReport(), WriteOptions(actors=False))  # killed before the actors
    assert killed.new == 2 and _story_actors(fresh_db) == 0
    rerun = store_items(fresh_db, MOSUL, IngestReport())
    assert rerun.duplicate == 2
    assert _story_actors(fresh_db) > 0
