"""The CLI contract: commands, counts, JSON shapes, one-line errors and exit codes."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from mawjaz.cli.app import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cli"


@pytest.fixture
def mawjaz(tmp_path):
    """Run ``mawjaz ARGS`` against an SQLite database of this test's own."""
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"

    def run(*args: str, input: str | None = None):
        return runner.invoke(cli, ["--database", url, *args], input=input, catch_exceptions=False)

    return run


def test_ingest_prints_read_new_duplicate_failed(mawjaz):
    result = mawjaz("ingest", str(FIXTURES / "two_outlets.txt"), str(FIXTURES / "republished.txt"))
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == "read 3, new 2, duplicate 1, failed 0"


def test_ingesting_the_same_file_twice_adds_nothing(mawjaz):
    mawjaz("ingest", str(FIXTURES / "two_outlets.txt"))
    again = mawjaz("ingest", str(FIXTURES / "two_outlets.txt"))
    assert again.output.strip().endswith("read 2, new 0, duplicate 2, failed 0")


def test_a_missing_file_is_reported_and_the_rest_is_stored(mawjaz):
    result = mawjaz("ingest", "/nonexistent/file.txt", str(FIXTURES / "two_outlets.txt"))
    assert result.exit_code == 1
    assert "/nonexistent/file.txt" in result.output
    assert "read 2, new 2, duplicate 0, failed 1" in result.output


def test_stories_json_follows_the_contract(mawjaz):
    mawjaz("ingest", str(FIXTURES / "two_outlets.txt"), str(FIXTURES / "republished.txt"))
    stories = json.loads(mawjaz("stories", "--all", "--json").stdout)
    assert len(stories) == 2
    for story in stories:
        assert set(story) >= {"id", "headline", "summary", "actors", "first_seen", "last_seen", "articles"}
        for article in story["articles"]:
            assert set(article) >= {"id", "title", "source", "url", "published", "copies"}
            for copy in article["copies"]:
                assert set(copy) >= {"source", "url", "external_id"}
        for actor in story["actors"]:
            assert set(actor) >= {"name", "type", "score"} and actor["type"] in {"PER", "ORG", "LOC"}
    copies = sorted(len(a["copies"]) for s in stories for a in s["articles"])
    assert copies == [1, 2]


def test_topic_json_lists_query_terms_and_stories(mawjaz):
    mawjaz("ingest", str(FIXTURES / "two_outlets.txt"))
    answer = json.loads(mawjaz("topic", "«داعش»", "--all", "--json").stdout)
    assert answer["query"] == "داعش"
    assert answer["terms"] and isinstance(answer["terms"], list)
    assert len(answer["stories"]) == 1


def test_empty_topic_gets_usage_help_not_a_traceback(mawjaz):
    result = mawjaz("topic", "  «»  ")
    assert result.exit_code == 2
    assert result.output.startswith("error:") and "/topic" in result.output


def test_ten_thousand_character_topic_is_refused_quickly(mawjaz):
    mawjaz("db", "upgrade")
    start = time.perf_counter()
    result = mawjaz("topic", "ا" * 10_000)
    assert time.perf_counter() - start < 0.5
    assert result.exit_code == 2 and "200" in result.output


def test_db_reindex_counts_the_articles_it_indexed_again(mawjaz):
    mawjaz("ingest", str(FIXTURES / "two_outlets.txt"), str(FIXTURES / "republished.txt"))
    assert mawjaz("db", "reindex").output.strip() == "reindexed 2 articles"
    assert json.loads(mawjaz("db", "reindex", "--json").stdout) == {"articles": 2}


def test_run_without_a_token_says_what_to_set(mawjaz):
    result = mawjaz("run")
    assert result.exit_code != 0
    assert "MAWJAZ_TELEGRAM_TOKEN" in result.output


def test_digest_formats_all_render(mawjaz):
    mawjaz("ingest", str(FIXTURES / "two_outlets.txt"))
    for fmt in ("text", "telegram", "slack", "json"):
        result = mawjaz("digest", "--all", "--format", fmt)
        assert result.exit_code == 0, (fmt, result.output)
    assert json.loads(mawjaz("digest", "--all", "--format", "json").stdout)[0]["headline"]


def test_bad_when_is_a_one_line_error(mawjaz):
    result = mawjaz("stories", "--since", "yesterday-ish")
    assert result.exit_code == 2 and result.output.startswith("error:")


def test_demo_prints_an_arabic_digest_and_the_daesh_topic():
    result = CliRunner().invoke(cli, ["demo"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert re.search(r"\u200fموجز \S+ \u2066\d+\u2069 \S+ \u2066\d{4}\u2069", result.output), "a dated header"
    assert "داعش" in result.output
    assert re.search(r"The story pages: mawjaz demo --web, then open http://localhost:8080/s/\d+", result.output)


def test_a_user_aliases_file_extends_topic_search(mawjaz, tmp_path, monkeypatch):
    extra = tmp_path / "my-aliases.toml"
    extra.write_text(
        '[[entity]]\nid = "central-bank"\ntype = "ORG"\nnames = ["المركزي", "البنك المركزي", "ناظم النقد"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("MAWJAZ_ALIASES_FILE", str(extra))
    mawjaz("ingest", str(FIXTURES / "two_outlets.txt"))
    answer = json.loads(mawjaz("topic", "ناظم النقد", "--all", "--json").stdout)
    assert len(answer["stories"]) == 1


def test_a_broken_aliases_file_is_a_one_line_error(mawjaz, tmp_path, monkeypatch):
    extra = tmp_path / "broken.toml"
    extra.write_text("[[entity]\nnames = ", encoding="utf-8")
    monkeypatch.setenv("MAWJAZ_ALIASES_FILE", str(extra))
    result = mawjaz("stories")
    assert result.exit_code == 2 and result.output.startswith("error: MAWJAZ_ALIASES_FILE")


def test_train_ner_writes_a_model_folder_that_tags(tmp_path):
    """``train-ner`` on a CoNLL file (two processes) writes a model the tagger loads; the shipped one is untouched."""
    from mawjaz.text.ner import Tagger

    out = tmp_path / "model"
    result = CliRunner().invoke(
        cli,
        ["train-ner", "--data", str(FIXTURES / "ner_tiny.txt"), "--out", str(out), "--workers", "2"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    assert "trained on 8 sentences" in result.output
    assert Tagger(out).tag(["قال", "الرئيس", "بشار", "الأسد", "في", "دمشق", "."])[2:4] == ["B-PER", "I-PER"]


def test_train_ner_refuses_zero_workers(tmp_path):
    result = CliRunner().invoke(
        cli, ["train-ner", "--data", str(FIXTURES / "ner_tiny.txt"), "--out", str(tmp_path / "m"), "--workers", "0"]
    )
    assert result.exit_code == 2 and "workers" in result.output


def test_stories_json_names_each_outlet_as_a_reader_knows_it_in_a_new_key(mawjaz, tmp_path):
    records = tmp_path / "ant.jsonl"
    records.write_text(
        json.dumps(
            {
                "id": "SK-1",
                "source": "skynews",
                "title": "عنوان الخبر",
                "text": "نص الخبر الذي يقول ما حدث بالتفصيل الكافي.",
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    mawjaz("ingest", str(records), str(FIXTURES / "two_outlets.txt"))
    stories = json.loads(mawjaz("stories", "--all", "--json").stdout)
    copies = {c["source"]: c for s in stories for a in s["articles"] for c in a["copies"]}
    assert copies["skynews"]["source_name"] == "سكاي نيوز عربية"
    assert all(c["source_name"] is None for source, c in copies.items() if source != "skynews")  # a file stem: no name
    articles = [a for s in stories for a in s["articles"]]
    assert all(a["source_name"] == a["copies"][0]["source_name"] for a in articles)


def test_ingest_of_a_folder_says_what_it_skipped_on_stderr_and_in_json(mawjaz, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "SOURCE.md").write_text("# Where this comes from\n", encoding="utf-8")
    (folder / "news.txt").write_text((FIXTURES / "two_outlets.txt").read_text(encoding="utf-8"), encoding="utf-8")
    text = mawjaz("ingest", str(folder))
    assert text.exit_code == 0
    assert f"skipped: {folder / 'SOURCE.md'} (not a format Mawjaz reads)" in text.stderr
    assert text.stdout.strip().endswith(", skipped 1")
    report = json.loads(mawjaz("ingest", str(folder), "--json").stdout)
    assert report["skipped"] == [str(folder / "SOURCE.md")] and report["new"] == 0


def test_stories_by_id_a_merged_id_answers_as_the_story_it_was_merged_into(mawjaz, tmp_path):
    from mawjaz.digest import stories as placement
    from mawjaz.storage.engine import make_engine, transaction

    mawjaz("ingest", str(FIXTURES / "two_outlets.txt"))
    listed = json.loads(mawjaz("stories", "--all", "--json").output)
    assert len(listed) == 2
    kept, gone = sorted(s["id"] for s in listed)
    engine = make_engine(f"sqlite:///{tmp_path / 'cli.sqlite'}")
    with transaction(engine) as session:
        assert placement.merge(session, kept, gone, converged=0.0) == kept
    engine.dispose()
    answer = json.loads(mawjaz("stories", "--id", str(gone), "--id", str(kept), "--json").output)
    assert [s["id"] for s in answer] == [kept, kept]
    assert answer[0]["merged_into"] == kept and "merged_into" not in answer[1]
    assert len(answer[0]["articles"]) == 2
    missing = mawjaz("stories", "--id", "999")
    assert missing.exit_code == 2 and "999" in missing.output
