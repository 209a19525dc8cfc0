"""`mawjaz articles remove`: a mistake ingested is taken out of every index and story — on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from fixtures import news
from sqlalchemy import text

from mawjaz.cli.app import cli
from mawjaz.digest.topic import find_topic
from mawjaz.ingest.record import Article as Record
from mawjaz.pipeline import IngestReport, store_items
from mawjaz.pipeline.remove import UnknownArticle, remove_articles
from mawjaz.storage import migrate
from mawjaz.storage import stories as story_repo
from mawjaz.storage.engine import make_engine, reading
from mawjaz.storage.models import Story

MORNING = datetime(2026, 11, 18, 5, 0, tzinfo=UTC)


def _record(title: str, body: str, source: str, hours: float) -> Record:
    at = MORNING + timedelta(hours=hours)
    return Record(title=title, body=body, source=source, external_id=f"{source}-{hours}", published=at)


def _store(engine, *records: Record) -> IngestReport:
    return store_items(engine, list(records), IngestReport())


def _count(engine, sql: str, **params) -> int:
    with engine.connect() as connection:
        return connection.execute(text(sql), params).scalar_one()


def _quake_story(engine) -> tuple[int, int, int]:
    """A two-article quake story, the wire article also seen at a second outlet; returns (story, wire, local) ids."""
    _store(
        engine,
        _record(news.QUAKE_TITLE, news.QUAKE_WIRE, "wire", 0),
        _record(news.QUAKE_TITLE, news.QUAKE_WIRE, "copycat", 1),
        _record(news.QUAKE_OTHER_TITLE, news.QUAKE_OTHER_OUTLET, "local", 2),
    )
    with reading(engine) as session:
        (story,) = story_repo.recent(session, None, None)
        wire, local = story_repo.articles_of(session, [story.id])[story.id]
        return story.id, wire.id, local.id


def test_removing_an_article_takes_its_copies_out_of_every_index_and_recomputes_its_story(fresh_db):
    story_id, wire, local = _quake_story(fresh_db)
    (removed,) = remove_articles(fresh_db, [wire])
    assert (removed.article_id, removed.copies, removed.story_id, removed.story_removed) == (wire, 2, story_id, False)
    for table in ("article_copies", "dedup_keys", "dedup_shingles"):
        assert _count(fresh_db, f"SELECT COUNT(*) FROM {table} WHERE article_id = :a", a=wire) == 0, table
    with reading(fresh_db) as session:
        story = session.get(Story, story_id)
        assert (story.article_count, story.source_count) == (1, 1)
        assert story.headline == news.QUAKE_OTHER_TITLE
        assert story.first_seen == story.last_seen == MORNING + timedelta(hours=2)
        assert [a.id for a in story_repo.articles_of(session, [story_id])[story_id]] == [local]
        assert story_repo.actors_due(session) == []  # the key actors were written again for what is left
    assert (
        _count(fresh_db, "SELECT COUNT(*) FROM story_centroids WHERE story_id = :s AND articles = 1", s=story_id) == 1
    )


def test_a_removed_article_is_no_longer_found_by_topic_search(fresh_db):
    _quake_story(fresh_db)
    _store(fresh_db, _record(news.BUDGET_TITLE, news.BUDGET, "petra", 3))
    with reading(fresh_db) as session:
        (budget,) = find_topic(session, "الموازنة", None).stories
    remove_articles(fresh_db, [budget.articles[0].id])
    with reading(fresh_db) as session:
        assert find_topic(session, "الموازنة", None).stories == ()


def test_removing_the_last_article_of_a_story_removes_the_story(fresh_db):
    story_id, wire, local = _quake_story(fresh_db)
    removed = remove_articles(fresh_db, [wire, local])
    assert [r.story_removed for r in removed] == [True, True]
    with reading(fresh_db) as session:
        assert session.get(Story, story_id) is None
    for table in ("story_terms", "story_centroids", "story_actors"):
        assert _count(fresh_db, f"SELECT COUNT(*) FROM {table} WHERE story_id = :s", s=story_id) == 0, table
    assert _count(fresh_db, "SELECT COUNT(*) FROM articles") == 0


def test_a_removed_article_ingested_again_is_new_again(fresh_db):
    _, wire, _ = _quake_story(fresh_db)
    remove_articles(fresh_db, [wire])
    report = _store(fresh_db, _record(news.QUAKE_TITLE, news.QUAKE_WIRE, "wire", 0))
    assert (report.new, report.duplicate) == (1, 0)


def test_an_unknown_id_removes_nothing_and_says_which(fresh_db):
    _, wire, _ = _quake_story(fresh_db)
    with pytest.raises(UnknownArticle, match="9999"):
        remove_articles(fresh_db, [wire, 9999])
    assert _count(fresh_db, "SELECT COUNT(*) FROM article_copies WHERE article_id = :a", a=wire) == 2


def test_the_cli_removes_articles_and_prints_json_and_an_unknown_id_is_exit_2(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    runner = CliRunner()
    engine = make_engine(url)
    migrate.upgrade(engine)
    story_id, wire, _ = _quake_story(engine)
    engine.dispose()
    unknown = runner.invoke(cli, ["--database", url, "articles", "remove", "9999"])
    assert unknown.exit_code == 2
    assert unknown.stderr.strip() == "error: no article with id 9999: nothing removed"
    done = runner.invoke(cli, ["--database", url, "articles", "remove", str(wire), "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout) == {
        "removed": [{"id": wire, "copies": 2, "story_id": story_id, "story_removed": False}]
    }
    stories = json.loads(runner.invoke(cli, ["--database", url, "stories", "--all", "--json"]).stdout)
    assert [len(s["articles"]) for s in stories] == [1]
