"""Each article is tagged once: its names are stored with it, and a story's key actors come from them (issue 19).

A story that grows by one article tags that article alone; the actors read
from stored names are the ones tagging every text again would give; an
article stored before names were kept (or whose names were lost with a
fuller text) is tagged when its story's actors are next computed. On SQLite
and PostgreSQL (``fresh_db``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fixtures import news
from sqlalchemy import Engine, text

from mawjaz.digest import actors
from mawjaz.ingest.record import Article as Record
from mawjaz.pipeline import IngestReport, store_items, write_due_actors
from mawjaz.storage import mentions as mention_repo
from mawjaz.storage import stories as story_repo
from mawjaz.storage.engine import reading, transaction

MORNING = datetime(2026, 11, 18, 5, 0, tzinfo=UTC)


class CountingTagger:
    """The real tagger, counting the texts it is given: the seam that shows what is tagged when."""

    def __init__(self, real) -> None:
        self.real = real
        self.folder = real.folder  # the same model: stored names stay valid
        self.texts: list[str] = []

    def entities(self, text: str) -> list:
        self.texts.append(text)
        return self.real.entities(text)


@pytest.fixture
def tagger(monkeypatch) -> CountingTagger:
    counting = CountingTagger(actors._default_tagger())
    monkeypatch.setattr(actors, "_default_tagger", lambda: counting)
    return counting


def _record(n: int, title: str, body: str, source: str, captions: tuple[str, ...] = ()) -> Record:
    return Record(
        title=title,
        body=body,
        source=source,
        external_id=f"{source}-{n}",
        published=MORNING + timedelta(hours=n),
        captions=captions,
    )


def _rows(engine: Engine, sql: str) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def _actors(engine: Engine) -> dict[int, list[tuple[str, str, float]]]:
    """Each story's stored actors as (key, type, score), sorted: a shown name is the actor row's, shared by stories."""
    with reading(engine) as session:
        ids = [i for (i,) in session.connection().exec_driver_sql("SELECT id FROM stories")]
        found = story_repo.actors_of(session, ids)
    return {i: sorted((a.norm_name, a.type, a.score) for a in group) for i, group in found.items()}


def _retagged(engine: Engine) -> dict[int, list[tuple[str, str, float]]]:
    """Every story's actors as tagging all its texts again gives them (the way before names were stored)."""
    with reading(engine) as session:
        ids = [i for (i,) in session.connection().exec_driver_sql("SELECT id FROM stories")]
        texts = actors.story_texts(session, ids)
    return {i: sorted((a.norm_name, a.type, a.score) for a in actors.key_actors(texts[i])) for i in ids}


def test_a_stored_article_keeps_its_names_part_by_part(fresh_db, tagger):
    caption = "الرئيس التركي رجب طيب أردوغان يتفقد ملاطية (رويترز)"
    store_items(fresh_db, [_record(0, news.QUAKE_TITLE, news.QUAKE_WIRE, "wire", (caption,))], IngestReport())

    rows = _rows(fresh_db, "SELECT name, norm_key, type, part, count FROM article_mentions ORDER BY position")
    assert ("تركيا", "تركيا", "LOC", "headline", 1) in rows
    assert ("ملاطية", "ملاطيه", "LOC!", "headline", 1) in rows  # after «ولاية»: a place for certain
    assert {part for *_, part, _count in rows} <= set(mention_repo.PARTS)
    assert any(part == "caption" for *_, part, _count in rows)
    assert _rows(fresh_db, "SELECT mentions_from FROM articles") == [(actors.tagger_version(),)]


def test_a_story_that_grows_tags_the_new_article_alone(fresh_db, tagger):
    store_items(fresh_db, [_record(0, news.QUAKE_TITLE, news.QUAKE_WIRE, "wire")], IngestReport())
    assert news.QUAKE_TITLE in tagger.texts
    tagger.texts.clear()

    store_items(fresh_db, [_record(1, news.QUAKE_OTHER_TITLE, news.QUAKE_OTHER_OUTLET, "local")], IngestReport())

    assert _rows(fresh_db, "SELECT count(*) FROM stories") == [(1,)]  # the second article joined the first's story
    assert news.QUAKE_OTHER_TITLE in tagger.texts
    assert news.QUAKE_TITLE not in tagger.texts  # its story's actors were computed from its stored names
    assert tagger.texts.count(news.QUAKE_OTHER_TITLE) == 1  # and the new one was tagged once, when stored


def test_actors_from_stored_names_are_those_tagging_again_gives(fresh_db):
    records = [
        _record(n, title, body, source)
        for n, (title, body, source) in enumerate(
            [
                (news.QUAKE_TITLE, news.QUAKE_WIRE, "wire"),
                (news.BUDGET_TITLE, news.BUDGET, "petra"),
                (news.QUAKE_OTHER_TITLE, news.QUAKE_OTHER_OUTLET, "local"),
                (news.FLOOD_TITLE, news.FLOOD, "irna"),
                (news.QUAKE_FOLLOW_UP_TITLE, news.QUAKE_FOLLOW_UP, "wire"),
                (news.BUDGET_OTHER_TITLE, news.BUDGET_OTHER_OUTLET, "ammon"),
            ]
        )
    ]
    store_items(fresh_db, records, IngestReport())

    stored = _actors(fresh_db)
    assert any(stored.values())
    assert stored == _retagged(fresh_db)


def test_an_article_stored_before_names_were_kept_is_tagged_once_when_its_story_changes(fresh_db, tagger):
    store_items(fresh_db, [_record(0, news.QUAKE_TITLE, news.QUAKE_WIRE, "wire")], IngestReport())
    before = _actors(fresh_db)
    with transaction(fresh_db) as session:  # as migration 0011 leaves an old database: no names, no tagger
        session.connection().exec_driver_sql("DELETE FROM article_mentions")
        session.connection().exec_driver_sql("UPDATE articles SET mentions_from = NULL")
        session.connection().exec_driver_sql("UPDATE stories SET actors_due = TRUE")
    tagger.texts.clear()

    assert write_due_actors(fresh_db) == 0

    assert tagger.texts.count(news.QUAKE_TITLE) == 1  # the back-fill
    assert _actors(fresh_db) == before
    assert _rows(fresh_db, "SELECT mentions_from FROM articles") == [(actors.tagger_version(),)]
    assert _rows(fresh_db, "SELECT count(*) FROM article_mentions")[0][0] > 0
    tagger.texts.clear()
    with transaction(fresh_db) as session:
        session.connection().exec_driver_sql("UPDATE stories SET actors_due = TRUE")
    write_due_actors(fresh_db)
    assert tagger.texts == []  # found once, kept


def test_names_from_another_model_are_found_again(fresh_db, tagger):
    store_items(fresh_db, [_record(0, news.FLOOD_TITLE, news.FLOOD, "irna")], IngestReport())
    with transaction(fresh_db) as session:
        session.connection().exec_driver_sql("UPDATE articles SET mentions_from = 'ner:an-older-model'")
        session.connection().exec_driver_sql("UPDATE stories SET actors_due = TRUE")
    tagger.texts.clear()

    write_due_actors(fresh_db)

    assert news.FLOOD_TITLE in tagger.texts
    assert _rows(fresh_db, "SELECT mentions_from FROM articles") == [(actors.tagger_version(),)]


def test_the_actor_pass_reports_its_progress(fresh_db):
    seen: list[tuple[str, int, int]] = []
    records = [
        _record(0, news.QUAKE_TITLE, news.QUAKE_WIRE, "wire"),
        _record(1, news.BUDGET_TITLE, news.BUDGET, "petra"),
        _record(2, news.FLOOD_TITLE, news.FLOOD, "irna"),
    ]

    store_items(
        fresh_db, records, IngestReport(), on_item=lambda r: seen.append((r.phase, r.actors_done, r.actors_due))
    )

    assert ("actors", 0, 3) in seen
    assert ("actors", 3, 3) in seen
    assert seen.index(("actors", 0, 3)) < seen.index(("actors", 3, 3))


def test_a_text_already_stored_is_not_tagged_again(fresh_db, tagger):
    first = _record(0, news.QUAKE_TITLE, news.QUAKE_WIRE, "wire")
    store_items(fresh_db, [first], IngestReport())
    tagger.texts.clear()
    republished = _record(1, "عنوان آخر للخبر نفسه", news.QUAKE_WIRE, "other")

    report = store_items(fresh_db, [first, republished, republished], IngestReport())  # a rerun, and a copy twice

    assert (report.new, report.duplicate) == (0, 3)
    assert tagger.texts == []
