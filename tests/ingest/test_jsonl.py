"""JSONL corpora: one article per line, streamed; a bad line is a Problem naming its number."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from mawjaz.ingest.jsonl import read_jsonl
from mawjaz.ingest.record import Article, Problem

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "jsonl"


def _read(name: str) -> list[Article | Problem]:
    path = FIXTURES / name
    with path.open(encoding="utf-8") as handle:
        return list(read_jsonl(handle, str(path)))


def test_one_broken_line_among_good_ones_is_one_problem_and_the_rest_are_read():
    items = _read("three_good_records_and_one_broken_line.jsonl")
    problems = [item for item in items if isinstance(item, Problem)]
    articles = [item for item in items if isinstance(item, Article)]
    assert len(articles) == 3
    assert len(problems) == 1
    assert problems[0].where.endswith(":3")
    assert "line 3 is not valid JSON" in problems[0].why


def test_record_fields_map_onto_the_article():
    first = _read("three_good_records_and_one_broken_line.jsonl")[0]
    assert isinstance(first, Article)
    assert first.external_id == "NW-economy-1-20240501"
    assert first.source == "nabaa"
    assert first.url == "https://example.org/economy/1"
    assert first.abstract == "ارتفعت صادرات التمور خلال الربع الأول."
    assert first.body.count("\n\n") == 1  # two paragraphs


def test_time_wins_over_date_and_is_converted_to_utc():
    first = _read("three_good_records_and_one_broken_line.jsonl")[0]
    assert first.published == datetime(2024, 5, 1, 6, 30, tzinfo=UTC)


def test_a_bare_date_is_midnight_utc():
    second = _read("three_good_records_and_one_broken_line.jsonl")[1]
    assert second.published == datetime(2024, 5, 2, tzinfo=UTC)


def test_missing_source_falls_back_to_the_file_and_numeric_ids_become_text():
    last = _read("three_good_records_and_one_broken_line.jsonl")[-1]
    assert isinstance(last, Article)
    assert last.source == "three_good_records_and_one_broken_line"
    assert last.external_id == "3"
    assert last.title == "افتتاح معرض الكتاب"
    assert last.abstract == "معرض الكتاب يفتح أبوابه."
    assert last.published == datetime(2024, 5, 3, 8, tzinfo=UTC)


def test_every_bad_record_is_reported_with_its_line_number():
    items = _read("bad_records_each_reported_by_line_number.jsonl")
    whys = {item.where.rsplit(":", 1)[1]: item.why for item in items if isinstance(item, Problem)}
    assert "not a JSON object" in whys["1"]
    assert "no title" in whys["2"]
    assert "no body text" in whys["3"]
    articles = [item for item in items if isinstance(item, Article)]
    assert [a.title for a in articles] == ["خبر عاجل", "تاريخ غريب"]
    assert articles[1].published is None


def test_a_line_over_the_limit_is_refused_without_parsing():
    big = '{"id": "x", "title": "عنوان", "text": "' + "ن" * 5000 + '"}'
    (item,) = read_jsonl(big, "big.jsonl", max_line_bytes=1000)
    assert isinstance(item, Problem)
    assert "over the 1000 bytes limit" in item.why


def test_empty_input_is_a_problem():
    assert list(read_jsonl("\n\n", "empty.jsonl")) == [Problem("empty.jsonl", "no records: the input is empty")]


def test_the_reader_streams_one_line_at_a_time():
    pulled = 0

    def lines() -> Iterator[str]:
        nonlocal pulled
        for n in range(1_000_000):
            pulled += 1
            yield f'{{"id": {n}, "title": "عنوان {n}", "text": "نص الخبر رقم {n}."}}\n'

    stream = read_jsonl(lines(), "endless.jsonl")
    first_three = [next(stream) for _ in range(3)]
    assert [a.external_id for a in first_three] == ["0", "1", "2"]
    assert pulled == 3
