"""Near-duplicate articles: republications merge as copies, distinct reports stay apart — on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fixtures import news
from sqlalchemy import text
from sqlmodel import select

from mawjaz.ingest.dumps import read_dump
from mawjaz.ingest.record import Article as Record
from mawjaz.storage import articles, dedup, migrate
from mawjaz.storage.articles import Outcome
from mawjaz.storage.engine import make_engine, transaction
from mawjaz.storage.models import Article, ArticleCopy
from mawjaz.text.fingerprint import fingerprint, shingles_of

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
# One outlet's update: a new lead (a new development) on top of its earlier report, kept whole as background.
QUAKE_UPDATE = (
    "ارتفعت حصيلة زلزال ملاطية إلى قتيلين بعد انتشال جثتي مسنين من تحت أنقاض منزل في قرية جبلية نائية،"
    " وأعلنت السلطات التركية تمديد عمليات البحث حتى صباح الجمعة.\n\n" + news.QUAKE_WIRE
)
# Another outlet's copy of the wire text under its own summary sentence.
QUAKE_STANDFIRST = (
    "هز زلزال قوي بلغت شدته 6.1 درجات ولاية ملاطية في شرق تركيا فجر الأربعاء فأصاب العشرات وألحق أضرارا"
    " بمبان قديمة دون أن يسفر عن وفيات.\n\n" + news.QUAKE_WIRE
)
WHEN = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)


def record(body: str, source: str, title: str = news.QUAKE_TITLE, ident: str = "1", **extra) -> Record:
    return Record(
        title=title,
        body=body,
        source=source,
        external_id=ident,
        url=f"https://{source}.example/{ident}",
        published=WHEN,
        **extra,
    )


def store(engine, rec: Record):
    with transaction(engine) as session:
        return articles.store(session, rec)


def article_rows(engine) -> list[Article]:
    with transaction(engine) as session:
        return list(session.exec(select(Article)))


def copies(engine, article_id: int) -> list[ArticleCopy]:
    with transaction(engine) as session:
        return list(
            session.exec(select(ArticleCopy).where(ArticleCopy.article_id == article_id).order_by(ArticleCopy.id))
        )


# ---------------------------------------------------------------------------------------------- merges


def test_republication_with_new_headline_caption_and_widgets_is_a_copy(fresh_db):
    first = store(fresh_db, record(news.QUAKE_WIRE, "wire"))
    again = store(fresh_db, record(news.with_junk(news.QUAKE_WIRE), "portal", title="عاجل: زلزال في ملاطية"))
    assert again.outcome is Outcome.COPY and again.article_id == first.article_id
    assert len(article_rows(fresh_db)) == 1


def test_version_with_a_paragraph_cut_is_a_copy(fresh_db):
    first = store(fresh_db, record(news.QUAKE_WIRE, "wire"))
    cut = store(fresh_db, record(news.without_paragraph(news.QUAKE_WIRE, 3), "daily"))
    assert (cut.outcome, cut.article_id) == (Outcome.COPY, first.article_id)


def test_teaser_is_contained_in_the_full_article(fresh_db):
    full = store(fresh_db, record(news.QUAKE_WIRE, "site"))
    feed = store(fresh_db, record(news.teaser(news.QUAKE_WIRE), "site-feed", ident="feed-1"))
    assert (feed.outcome, feed.article_id) == (Outcome.COPY, full.article_id)
    assert not feed.replaced
    [article] = article_rows(fresh_db)
    assert article.body == news.QUAKE_WIRE


def test_full_article_after_its_teaser_replaces_the_text_and_keeps_every_copy(fresh_db):
    feed = store(fresh_db, record(news.teaser(news.QUAKE_WIRE), "site-feed", title="زلزال ملاطية", ident="feed-1"))
    full = store(fresh_db, record(news.QUAKE_WIRE, "site", ident="page-1", captions=(news.CAPTION,)))
    assert (full.outcome, full.article_id, full.replaced) == (Outcome.COPY, feed.article_id, True)
    [article] = article_rows(fresh_db)
    assert article.body == news.QUAKE_WIRE
    assert article.headline == news.QUAKE_TITLE
    assert article.captions == [news.CAPTION]
    assert article.content_hash == articles.content_hash(news.QUAKE_WIRE)
    seen = copies(fresh_db, article.id)
    assert [(c.source, c.external_id, c.url, c.title) for c in seen] == [
        ("site-feed", "feed-1", "https://site-feed.example/feed-1", "زلزال ملاطية"),
        ("site", "page-1", "https://site.example/page-1", news.QUAKE_TITLE),
    ]


def test_the_teaser_seen_again_after_the_full_text_is_still_the_same_article(fresh_db):
    feed = store(fresh_db, record(news.teaser(news.QUAKE_WIRE), "feed-a", ident="a"))
    store(fresh_db, record(news.QUAKE_WIRE, "site", ident="page"))
    again = store(fresh_db, record(news.teaser(news.QUAKE_WIRE), "feed-b", ident="b"))
    assert (again.outcome, again.article_id) == (Outcome.COPY, feed.article_id)


def test_another_outlets_copy_under_its_own_summary_sentence_is_a_copy(fresh_db):
    first = store(fresh_db, record(news.QUAKE_WIRE, "wire"))
    again = store(fresh_db, record(QUAKE_STANDFIRST, "portal"))
    assert (again.outcome, again.article_id) == (Outcome.COPY, first.article_id)


def test_one_outlets_teaser_then_page_and_its_article_filed_twice_are_one_article(fresh_db):
    feed = store(fresh_db, record(news.teaser(news.QUAKE_WIRE), "site", ident="feed-1"))
    page = store(fresh_db, record(news.QUAKE_WIRE, "site", ident="page-1"))
    other_section = store(fresh_db, record(news.without_paragraph(news.QUAKE_WIRE, 3), "site", ident="page-2"))
    assert {page.article_id, other_section.article_id} == {feed.article_id}
    assert (page.outcome, page.replaced, other_section.outcome) == (Outcome.COPY, True, Outcome.COPY)


def test_reingesting_a_merged_copy_changes_nothing(fresh_db):
    store(fresh_db, record(news.QUAKE_WIRE, "wire"))
    rec = record(news.with_junk(news.QUAKE_WIRE), "portal")
    store(fresh_db, rec)
    assert store(fresh_db, rec).outcome is Outcome.SEEN
    with transaction(fresh_db) as session:
        assert articles.counts(session) == {"articles": 1, "copies": 2}


# ---------------------------------------------------------------------------------------------- no merges


def test_two_outlets_reporting_one_event_in_their_own_words_stay_two_articles(fresh_db):
    a = store(fresh_db, record(news.QUAKE_WIRE, "wire"))
    b = store(fresh_db, record(news.QUAKE_OTHER_OUTLET, "local", title=news.QUAKE_OTHER_TITLE))
    c = store(fresh_db, record(news.QUAKE_FOLLOW_UP, "wire", title=news.QUAKE_FOLLOW_UP_TITLE, ident="2"))
    assert (a.outcome, b.outcome, c.outcome) == (Outcome.NEW, Outcome.NEW, Outcome.NEW)
    assert len({a.article_id, b.article_id, c.article_id}) == 3


def test_a_report_borrowing_one_background_paragraph_is_not_a_copy(fresh_db):
    store(fresh_db, record(news.QUAKE_WIRE, "wire"))
    borrowed = news.QUAKE_WIRE.split("\n\n")[4]
    follow_up = news.QUAKE_FOLLOW_UP + "\n\n" + borrowed
    assert (
        store(fresh_db, record(follow_up, "wire", title=news.QUAKE_FOLLOW_UP_TITLE, ident="2")).outcome is Outcome.NEW
    )


def test_one_outlets_update_under_a_new_lead_is_a_new_article(fresh_db):
    """ANT v2.1 has eight such merges judged DISTINCT (a denial above the report it denies, early results above
    the turnout report): the whole earlier text is inside the update, but the outlet wrote a new report."""
    first = store(fresh_db, record(news.QUAKE_WIRE, "wire"))
    update = store(fresh_db, record(QUAKE_UPDATE, "wire", title="قتيلان في زلزال ملاطية", ident="2"))
    assert update.outcome is Outcome.NEW and update.article_id != first.article_id


# ---------------------------------------------------------------------------------------------- the index and the rule


def test_keys_are_kept_in_the_database_for_every_worker(fresh_db):
    stored = store(fresh_db, record(news.QUAKE_WIRE, "wire"))
    with fresh_db.connect() as connection:
        keys = connection.execute(
            text("SELECT count(*) FROM dedup_keys WHERE article_id = :a"), {"a": stored.article_id}
        )
        assert keys.scalar_one() >= 32


def test_a_fresh_engine_finds_republications_of_articles_stored_before(db_url):
    first_engine = make_engine(db_url)
    migrate.upgrade(first_engine)
    stored = store(first_engine, record(news.QUAKE_WIRE, "wire"))
    first_engine.dispose()
    restarted = make_engine(db_url)
    again = store(restarted, record(news.without_paragraph(news.QUAKE_WIRE, 1), "daily"))
    restarted.dispose()
    assert (again.outcome, again.article_id) == (Outcome.COPY, stored.article_id)


def test_merge_rule_takes_near_identical_or_contained_texts_only():
    full = shingles_of(news.QUAKE_WIRE)
    assert dedup.same_article(shingles_of(news.with_junk(news.QUAKE_WIRE)), full)
    assert dedup.same_article(shingles_of(news.teaser(news.QUAKE_WIRE)), full)
    assert dedup.same_article(full, shingles_of(news.teaser(news.QUAKE_WIRE)))
    assert not dedup.same_article(shingles_of(news.QUAKE_OTHER_OUTLET), full)
    assert not dedup.same_article(shingles_of(news.FLOOD), full)


def test_texts_open_differently_when_one_leads_with_what_the_other_lacks():
    def differ(a: str, b: str) -> bool:
        x, y = fingerprint(a), fingerprint(b)
        return dedup.opens_differently(x.shingles, x.lead, y.shingles, y.lead)

    assert differ(QUAKE_UPDATE, news.QUAKE_WIRE)
    assert differ(news.QUAKE_WIRE, QUAKE_UPDATE)
    assert not differ(news.teaser(news.QUAKE_WIRE), news.QUAKE_WIRE)
    assert not differ(news.QUAKE_WIRE, news.with_junk(news.QUAKE_WIRE))
    assert not differ(news.without_paragraph(news.QUAKE_WIRE, 2), news.QUAKE_WIRE)


def test_a_few_shared_words_are_too_short_to_count_as_containment():
    assert not dedup.same_article(shingles_of("ضرب زلزال ولاية ملاطية"), shingles_of(news.QUAKE_WIRE))


# ---------------------------------------------------------------------------------------------- concurrency


@pytest.mark.parametrize("second_body", [news.QUAKE_WIRE, news.with_junk(news.QUAKE_WIRE)], ids=["same", "republished"])
def test_two_workers_storing_one_article_at_once_make_one_article(postgres_url, _postgres_engine, second_body):
    """Two processes' worth of engines, released together by a barrier: one article, two copies."""
    with _postgres_engine.begin() as connection:
        connection.execute(text("TRUNCATE articles, article_copies, dedup_keys, stories RESTART IDENTITY CASCADE"))
    bodies = {"outlet-a": news.QUAKE_WIRE, "outlet-b": second_body}
    barrier = threading.Barrier(2)
    outcomes: dict[str, Outcome] = {}
    errors: list[BaseException] = []

    def worker(source: str) -> None:
        engine = make_engine(postgres_url)
        try:
            with transaction(engine) as session:
                session.execute(text("SELECT 1"))  # the transaction is open before both start
                barrier.wait(timeout=10)
                outcomes[source] = articles.store(session, record(bodies[source], source)).outcome
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=worker, args=(source,)) for source in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(outcomes.values()) == [Outcome.COPY, Outcome.NEW]
    with transaction(_postgres_engine) as session:
        assert articles.counts(session) == {"articles": 1, "copies": 2}


# ---------------------------------------------------------------------------------------------- the seed dumps


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the real seed dumps live outside the repository")
def test_seed_dumps_give_the_assad_statement_three_copies_and_keep_the_iraq_turkey_reports_apart(fresh_db):
    stored = {}
    for path in sorted(SEEDS.glob("*.txt")):
        for item in read_dump(path.read_text(encoding="utf-8"), str(path)):
            stored[item.external_id] = (item, store(fresh_db, item))
    assad = {s.article_id for item, s in stored.values() if item.title.startswith("بيان منسوب لبشار الأسد")}
    assert len(assad) == 1
    assert len(copies(fresh_db, assad.pop())) == 3
    iraq_turkey_000 = stored["000_ca76a3fd311ad556#1"][1].article_id
    iraq_turkey_004 = stored["004_b7866055f123aa82#1"][1].article_id
    assert iraq_turkey_000 != iraq_turkey_004


def test_a_copy_that_only_adds_widgets_and_captions_does_not_replace_the_clean_text(fresh_db):
    store(fresh_db, record(news.QUAKE_WIRE, "wire"))
    again = store(fresh_db, record(news.with_junk(news.QUAKE_WIRE), "portal", title="عاجل: زلزال في ملاطية"))
    assert again.outcome is Outcome.COPY and not again.replaced
    [article] = article_rows(fresh_db)
    assert (article.body, article.headline) == (news.QUAKE_WIRE, news.QUAKE_TITLE)


def test_an_article_without_kept_shingles_is_verified_from_its_text(fresh_db):
    stored = store(fresh_db, record(news.QUAKE_WIRE, "wire"))
    with fresh_db.begin() as connection:
        connection.execute(text("DELETE FROM dedup_shingles"))
    again = store(fresh_db, record(news.with_junk(news.QUAKE_WIRE), "portal"))
    assert (again.outcome, again.article_id) == (Outcome.COPY, stored.article_id)


def test_upgrading_to_the_dedup_index_keys_the_articles_already_stored(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite'}")
    migrate.upgrade(engine, "0003")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO articles (headline, body, language, content_hash, captions, search_text, first_seen)"
                " VALUES (:h, :b, 'ar', :c, '[]', '', '2026-11-01 00:00:00.000000')"
            ),
            {"h": news.QUAKE_TITLE, "b": news.QUAKE_WIRE, "c": articles.content_hash(news.QUAKE_WIRE)},
        )
    migrate.upgrade(engine)
    again = store(engine, record(news.teaser(news.QUAKE_WIRE), "feed"))
    engine.dispose()
    assert again.outcome is Outcome.COPY
