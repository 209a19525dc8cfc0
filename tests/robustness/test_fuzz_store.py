"""A batch mixing good and hostile records, through the real pipeline: every bad one refused, every good one stored.

Each example writes a JSONL file of good records (with markup, bidi
overrides, entities and 10,000-character titles, all still articles) and
bad ones (truncated JSON, non-objects, no title, a title that is only a
script, no body, a line over the size limit, nesting a hundred thousand
deep, wrong types), runs :func:`mawjaz.pipeline.ingest.ingest` on it, and
checks the database: the good records' copies are there, the bad ones'
are not, and the report counts each bad record as one failure.
"""

from __future__ import annotations

import itertools
import json

from fuzzkit import fuzz, tried
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from mawjaz.config import Settings
from mawjaz.pipeline import ingest

LIMIT = 64 * 1024
DECORATIONS = [
    "", "<script>alert(1)</script>", "\u202e", "\u2066عاجل\u2069", "<b>عاجل</b> ", "&amp; ", "&lt;i&gt;", "\u200f",
    "&#x202e;", "«", "كلمة " * 2_000, "<img src=x onerror=alert(1)>", "\u064b\u064b", "ـــ",
]  # fmt: skip
SENTENCES = [
    "أعلنت وزارة الصحة حملة تطعيم واسعة تشمل المدارس في المحافظات كافة",
    "افتتح وزير النقل الطريق السريع الجديد الذي يربط العاصمة بالموانئ الجنوبية",
    "ارتفعت أسعار الذهب في الأسواق المحلية مع تراجع قيمة العملة أمام الدولار",
    "<p>قالت الشرطة إن التحقيقات جارية</p><script>steal()</script><p>لمعرفة أسباب الحريق</p>",
]
BAD_KINDS = ["truncated", "not_an_object", "no_title", "script_title", "no_body", "too_big", "too_deep", "wrong_types"]
_runs = itertools.count(1)


def _good(tag: str, decoration: str, sentence: str) -> str:
    return json.dumps({
        "id": tag, "title": f"{decoration}خبر {tag} {sentence[:30]}", "source": "fuzz",
        "text": f"{sentence}. {decoration} وهذا التقرير {tag} يتناول التفاصيل الكاملة للحدث ومواقف الأطراف المعنية.",
    }, ensure_ascii=False)  # fmt: skip


def _bad(tag: str, kind: str, sentence: str) -> str:
    record = {"id": tag, "title": f"خبر {tag}", "text": sentence, "source": "fuzz"}
    if kind == "truncated":
        line = json.dumps(record, ensure_ascii=False)
        return line[: len(line) // 2]
    if kind == "not_an_object":
        return json.dumps([tag, sentence], ensure_ascii=False)
    if kind == "no_title":
        del record["title"]
    elif kind == "script_title":
        record["title"] = "<script>alert('x')</script><style>p{}</style>"
    elif kind == "no_body":
        record["text"] = " \n\t "
    elif kind == "too_big":
        record["text"] = "ن" * LIMIT
    elif kind == "too_deep":
        return f'{{"id": "{tag}", "title": "t", "text": {"[" * 100_000}{"]" * 100_000}}}'
    elif kind == "wrong_types":
        record["title"] = ["خبر", tag]
    return json.dumps(record, ensure_ascii=False)


batch = st.lists(
    st.one_of(
        st.tuples(st.just("good"), st.sampled_from(DECORATIONS), st.sampled_from(SENTENCES)),
        st.tuples(st.just("bad"), st.sampled_from(BAD_KINDS), st.sampled_from(SENTENCES)),
    ),
    min_size=1,
    max_size=6,
)


@fuzz(12)
@given(batch)
def test_a_mixed_batch_stores_every_good_record_and_nothing_of_the_bad_ones(fresh_db, tmp_path, batch):
    tried("mixed batch records", len(batch))
    run = next(_runs)
    lines, good, bad = [], set(), set()
    for number, (kind, variant, sentence) in enumerate(batch):
        tag = f"r{run}-{number}"
        if kind == "good":
            lines.append(_good(tag, variant, sentence))
            good.add(tag)
        else:
            lines.append(_bad(tag, variant, sentence))
            bad.add(tag)
    corpus = tmp_path / f"batch-{run}.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")

    report = ingest(fresh_db, [str(corpus)], Settings(database_url="sqlite://", max_input_bytes=LIMIT))

    assert (report.read, report.failed) == (len(good), len(bad)), report.problems
    assert report.new + report.duplicate == len(good)
    with fresh_db.connect() as connection:
        stored = set(connection.execute(
            text("SELECT external_id FROM article_copies WHERE external_id LIKE :prefix"), {"prefix": f"r{run}-%"}
        ).scalars())  # fmt: skip
    assert stored == good
