"""Full-text search: one meaning on SQLite and PostgreSQL — phrases, clitics, headlines first, windows, literal terms.

Articles are stored through the real pipeline (:func:`mawjaz.pipeline.ingest.store_items`);
each has its own filler text so that no two are folded together as duplicates or stories.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone

from fixtures.grouping import regroup
from sqlalchemy import text

from mawjaz.ingest.record import Article as Record
from mawjaz.pipeline import IngestReport, store_items
from mawjaz.storage import search
from mawjaz.storage.engine import transaction
from mawjaz.storage.models import Article
from mawjaz.storage.search import LEAD, THROUGHOUT, Match, Near, near_starts, order_stories

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

#: Unrelated sentences, one per article, so that no two test articles look alike.
FILLERS = (
    "وارتفعت أسعار القمح في الأسواق العالمية بعد موجة جفاف ضربت السهول الزراعية.",
    "وافتتح المتحف الوطني جناحاً جديداً للمخطوطات النادرة أمام الزوار والباحثين.",
    "وتوقعت هيئة الأرصاد هطول أمطار غزيرة على المناطق الساحلية خلال عطلة نهاية الأسبوع.",
    "وأعلن نادي الكرة عن تعاقده مع مدرب جديد لقيادة الفريق في الموسم المقبل.",
    "وأطلقت شركة الاتصالات خدمة للدفع الإلكتروني في المتاجر الصغيرة والأسواق الشعبية.",
    "وشهد معرض الكتاب إقبالاً واسعاً من طلاب الجامعات على كتب الفلسفة والتاريخ.",
    "ونظمت البلدية حملة لزراعة الأشجار على ضفاف النهر بمشاركة المتطوعين.",
    "وكشفت دراسة طبية أن المشي اليومي يقلل خطر أمراض القلب لدى كبار السن.",
)


def record(ref: str, title: str, body: str, *, days_ago: float = 0, n: int = 0) -> Record:
    filler = FILLERS[n % len(FILLERS)]
    return Record(
        title=title,
        body=f"{body}\n\n{filler}",
        source=f"outlet-{ref}",
        external_id=ref,
        published=NOW - timedelta(days=days_ago),
    )


def ingest(engine, *records: Record) -> dict[str, int]:
    """Store ``records`` through the pipeline; their article ids by external id."""
    report = store_items(engine, list(records), IngestReport())
    assert report.failed == 0, report.problems
    with transaction(engine) as session:
        rows = session.execute(text("SELECT external_id, article_id FROM article_copies")).all()
    return dict(rows)


def found(engine, phrases, since=None, limit=50, **options) -> list[int]:
    """Article ids found, story by story, best first."""
    with transaction(engine) as session:
        hits = search.find(session, [tuple(p) for p in phrases], since, limit, **options)
    return [a for hit in hits for a in hit.article_ids]


# ---------------------------------------------------------------------------------------------- matching


def test_a_phrase_matches_only_where_its_terms_are_adjacent(fresh_db):
    ids = ingest(
        fresh_db,
        record("near", "هجوم في الصحراء", "تبنى تنظيم الدولة هجوماً على نقطة عسكرية.", n=0),
        record("apart", "إصلاح إداري", "أقر تنظيم جديد للموظفين في أجهزة الدولة بعد نقاش طويل.", n=1),
    )
    assert found(fresh_db, [("تنظيم", "دوله")]) == [ids["near"]]


def test_prefixed_forms_are_found_by_the_bare_term(fresh_db):
    ids = ingest(
        fresh_db,
        record("li", "بيان أمني", "وجهت السلطات ضربة قوية لداعش في الصحراء.", n=0),
        record("wa", "تقرير", "قال المسؤول إن والأسد ... وللأسد مواقف معروفة.", n=1),
    )
    assert found(fresh_db, [("داعش",)]) == [ids["li"]]
    assert found(fresh_db, [("اسد",)]) == [ids["wa"]]


def test_a_phrase_does_not_run_from_the_headline_into_the_body(fresh_db):
    ingest(fresh_db, record("edge", "تقرير عن التنظيم", "الدولة تعلن خطة جديدة للنقل العام.", n=0))
    assert found(fresh_db, [("تنظيم", "دوله")]) == []


def test_phrases_are_or_ed(fresh_db):
    ids = ingest(
        fresh_db,
        record("a", "خبر أول", "تحدث ترامب عن الاقتصاد.", n=0),
        record("b", "خبر ثان", "تحدث ماكرون عن الثقافة.", n=1),
    )
    assert sorted(found(fresh_db, [("ترامب",), ("ماكرون",)])) == sorted([ids["a"], ids["b"]])


SYNTAX = ('"', '""', "*", "NEAR", "OR", "AND", "NOT", "-", "(", ")", "^", ":", "headline:", "{headline}", "a'b\\", "'")


def test_terms_that_look_like_search_syntax_are_matched_literally(fresh_db):
    ingest(fresh_db, record("x", "خبر عن الطقس", "نص عادي عن الطقس والأمطار.", n=0))
    for term in SYNTAX:
        assert found(fresh_db, [(term,), (term, "طقس"), ("طقس", term)]) == [], term


def test_a_term_that_is_an_operator_word_finds_the_word(fresh_db):
    ids = ingest(fresh_db, record("en", "English words", "The summit may end near dawn or not at all.", n=0))
    assert found(fresh_db, [("near",)]) == [ids["en"]]
    assert found(fresh_db, [("near", "dawn")]) == [ids["en"]]


def test_reindexing_an_article_replaces_its_terms(fresh_db):
    ids = ingest(fresh_db, record("r", "داعش يتبنى الهجوم", "نص الخبر.", n=0))
    with transaction(fresh_db) as session:
        article = session.get(Article, ids["r"])
        article.headline = "ترامب يعلق على الهجوم"
        session.add(article)
        search.index_article(session, article)
        search.index_article(session, article)  # idempotent
    assert found(fresh_db, [("داعش",)]) == []
    assert found(fresh_db, [("ترامب",)]) == [ids["r"]]


def test_reindexing_everything_gives_stale_articles_the_terms_of_todays_stemmer(fresh_db):
    ids = ingest(fresh_db, *[record(f"k{n}", f"انفجار في كابل رقم {n}", f"نص الخبر رقم {n}.", n=n) for n in range(3)])
    with transaction(fresh_db) as session:  # as an older stemmer indexed them: «كابل» → «ابل»
        for n in range(3):
            search.index_text(session, ids[f"k{n}"], f"انفجار في ابل رقم {n}", f"نص الخبر رقم {n}.")
    assert found(fresh_db, [("كابل",)]) == []
    assert search.reindex(fresh_db, batch=2) == 3
    assert sorted(found(fresh_db, [("كابل",)])) == sorted(ids.values())
    assert found(fresh_db, [("ابل",)]) == []
    assert search.reindex(fresh_db) == 3  # again: harmless
    assert sorted(found(fresh_db, [("كابل",)])) == sorted(ids.values())


def test_tidying_the_index_keeps_every_match(fresh_db):
    ids = ingest(fresh_db, *[record(f"s{n}", f"داعش خبر رقم {n}", f"نص الخبر رقم {n}.", n=n) for n in range(3)])
    for full in (False, True):
        with transaction(fresh_db) as session:
            search.optimise(session, full=full)
        assert sorted(found(fresh_db, [("داعش",)])) == sorted(ids.values())


def test_an_empty_query_or_limit_finds_nothing(fresh_db):
    ingest(fresh_db, record("x", "داعش", "نص.", n=0))
    assert found(fresh_db, []) == []
    assert found(fresh_db, [()]) == []
    assert found(fresh_db, [("داعش",)], limit=0) == []


# ---------------------------------------------------------------------------------------------- ranking


def test_a_headline_match_outranks_a_body_only_match(fresh_db):
    ids = ingest(
        fresh_db,
        record("body", "حصيلة يوم دام", "قال شهود إن داعش داعش داعش نفذ هجوماً. ثم داعش.", n=0),
        record("head", "داعش يعلن مسؤوليته", "أعلن التنظيم مسؤوليته عن تفجير في السوق.", days_ago=3, n=1),
    )
    assert found(fresh_db, [("داعش",)]) == [ids["head"], ids["body"]]


def test_part_of_the_query_in_a_headline_outranks_a_body_only_match(fresh_db):
    ids = ingest(
        fresh_db,
        record("body", "مباراة الليلة", "شارك محمد صلاح في التدريبات. محمد صلاح جاهز.", n=0),
        record("part", "صلاح يتوج بجائزة", "توج اللاعب محمد صلاح بجائزة أفضل لاعب.", days_ago=2, n=1),
    )
    assert found(fresh_db, [("محمد", "صلاح")], partial=("صلاح",)) == [ids["part"], ids["body"]]
    assert found(fresh_db, [("محمد", "صلاح")])[0] == ids["body"]  # without the hint: both about it, newer first


def test_among_headline_matches_the_story_with_more_articles_about_it_then_the_newer_one_comes_first(fresh_db):
    ids = ingest(
        fresh_db,
        record("new", "داعش يهاجم قرية", "هجوم على قرية نائية.", days_ago=0, n=0),
        record("big1", "داعش يتبنى التفجير", "تفجير في سوق المدينة.", days_ago=5, n=1),
        record("big2", "تنظيم داعش يعلن", "بيان التنظيم عن التفجير.", days_ago=5, n=2),
        record("old", "داعش في البادية", "تحركات في البادية.", days_ago=9, n=3),
    )
    _group(fresh_db, ids, [["new"], ["big1", "big2"], ["old"]])
    ranked = found(fresh_db, [("داعش",)])
    assert sorted(ranked[:2]) == sorted([ids["big1"], ids["big2"]])
    assert ranked[2:] == [ids["new"], ids["old"]]


def test_the_since_window_keeps_only_stories_seen_since(fresh_db):
    ids = ingest(
        fresh_db,
        record("fresh", "داعش اليوم", "خبر اليوم.", days_ago=0.5, n=0),
        record("stale", "داعش قبل أسبوع", "خبر قديم.", days_ago=7, n=1),
    )
    _group(fresh_db, ids, [["fresh"], ["stale"]])
    assert found(fresh_db, [("داعش",)], since=NOW - timedelta(days=1)) == [ids["fresh"]]
    assert sorted(found(fresh_db, [("داعش",)], since=None)) == sorted(ids.values())


def test_the_window_is_on_the_story_so_a_story_seen_today_keeps_its_month_old_articles(fresh_db):
    """The id floor of a window is the oldest article of any story seen in it (one index seek per story on SQLite)."""
    ids = ingest(
        fresh_db,
        record("first", "داعش قبل شهر", "بداية القصة.", days_ago=30, n=0),
        record("stale", "داعش قبل أسبوع", "خبر قديم.", days_ago=7, n=1),
        record("latest", "داعش اليوم", "تتمة القصة.", days_ago=0.5, n=2),
    )
    _group(fresh_db, ids, [["first", "latest"], ["stale"]])
    assert sorted(found(fresh_db, [("داعش",)], since=NOW - timedelta(days=1))) == [ids["first"], ids["latest"]]


def test_limit_counts_stories(fresh_db):
    records = [record(f"s{n}", f"داعش خبر رقم {n}", f"نص الخبر رقم {n}.", days_ago=n, n=n) for n in range(5)]
    ids = ingest(fresh_db, *records)
    _group(fresh_db, ids, [[ref] for ref in ids])
    with transaction(fresh_db) as session:
        assert len(search.find(session, [("داعش",)], None, 3)) == 3


def test_a_window_caps_the_newest_matches_of_its_own_stories_not_of_every_story(fresh_db, monkeypatch):
    """The cap is taken after the window: newer matches in stories outside it never crowd out older ones inside it.

    PostgreSQL reads the window's articles and the matches' ids apart, then joins them (``search._pg_capped``).
    """
    ids = ingest(
        fresh_db,
        record("first", "داعش قبل شهر", "بداية القصة.", days_ago=30, n=0),
        record("stale1", "داعش قبل أسبوع", "خبر قديم.", days_ago=7, n=1),
        record("stale2", "داعش قبل ستة أيام", "خبر قديم آخر.", days_ago=6, n=2),
        record("latest", "داعش اليوم", "تتمة القصة.", days_ago=0.5, n=3),
    )
    _group(fresh_db, ids, [["first", "latest"], ["stale1"], ["stale2"]])
    day = NOW - timedelta(days=1)
    monkeypatch.setattr(search, "CANDIDATES", 2)
    assert sorted(found(fresh_db, [("داعش",)], since=day)) == [ids["first"], ids["latest"]]
    monkeypatch.setattr(search, "CANDIDATES", 1)
    assert found(fresh_db, [("داعش",)], since=day) == [ids["latest"]]


def test_a_window_in_another_time_zone_means_the_same_instant(fresh_db):
    ids = ingest(
        fresh_db,
        record("in", "داعش قبل ساعتين", "خبر.", days_ago=2 / 24, n=0),
        record("out", "داعش قبل أربع ساعات", "خبر آخر.", days_ago=4 / 24, n=1),
    )
    _group(fresh_db, ids, [["in"], ["out"]])
    riyadh = timezone(timedelta(hours=3))
    since = (NOW - timedelta(hours=3)).astimezone(riyadh)  # 12:00 Riyadh time, 09:00 UTC
    assert found(fresh_db, [("داعش",)], since=since) == [ids["in"]]


def test_a_window_holding_no_story_finds_nothing(fresh_db):
    ingest(fresh_db, record("old", "داعش قبل شهر", "خبر قديم.", days_ago=30, n=0))
    assert found(fresh_db, [("داعش",)], since=NOW - timedelta(days=1)) == []


def test_each_stage_reads_at_most_candidates_matches_newest_first(fresh_db, monkeypatch):
    records = [record(f"s{n}", f"داعش خبر رقم {n}", f"نص الخبر رقم {n}.", days_ago=0, n=n) for n in range(4)]
    ids = ingest(fresh_db, *records)
    _group(fresh_db, ids, [[ref] for ref in ids])
    monkeypatch.setattr(search, "CANDIDATES", 2)
    assert sorted(found(fresh_db, [("داعش",)])) == sorted(ids.values())[-2:]


def test_a_limit_keeps_the_best_stories(fresh_db):
    ids = ingest(
        fresh_db,
        record("head", "داعش يعلن", "بيان.", n=0),
        record("body", "حصيلة", "قال شهود إن داعش نفذ الهجوم.", n=1),
    )
    _group(fresh_db, ids, [["head"], ["body"]])
    assert found(fresh_db, [("داعش",)], limit=1) == [ids["head"]]
    assert found(fresh_db, [("داعش",)], limit=2) == [ids["head"], ids["body"]]


def test_postgres_planner_setting_is_restored_after_a_search(fresh_db):
    ingest(fresh_db, record("x", "داعش", "خبر.", n=0))
    with transaction(fresh_db) as session:
        search.find(session, [("داعش",)], None, 10)
        if fresh_db.dialect.name == "postgresql":
            assert session.execute(text("SHOW enable_seqscan")).scalar_one() == "on"
            assert session.execute(text("SHOW enable_indexscan")).scalar_one() == "on"
            assert session.execute(text("SHOW max_parallel_workers_per_gather")).scalar_one() != "0"
            assert session.execute(text("SHOW jit")).scalar_one() == "on"


def test_trying_the_newest_ids_first_never_changes_the_answer(fresh_db, monkeypatch):
    records = [record(f"s{n}", f"داعش خبر رقم {n}", f"نص الخبر رقم {n}.", n=n) for n in range(5)]
    ids = ingest(fresh_db, *records)
    _group(fresh_db, ids, [[ref] for ref in ids])
    newest = sorted(ids.values(), reverse=True)
    monkeypatch.setattr(search, "PROBES", (1, 3))  # PostgreSQL: look at the newest id, then the three newest, first
    for cap in (1, 2, 3, 4, 5):  # a slice holds enough matches (1; 2, 3) or none does (4, 5): same newest ``cap``
        monkeypatch.setattr(search, "CANDIDATES", cap)
        assert sorted(found(fresh_db, [("داعش",)]), reverse=True) == newest[:cap]


def test_walking_the_index_a_range_of_ids_at_a_time_never_changes_the_answer(fresh_db, monkeypatch):
    """PostgreSQL: when every slice of PROBES falls short, ranges of WALK_IDS ids are read newest first."""
    records = [record(f"w{n}", f"داعش خبر رقم {n}", f"نص الخبر رقم {n}.", n=n) for n in range(7)]
    ids = ingest(fresh_db, *records)
    _group(fresh_db, ids, [[ref] for ref in ids])
    newest = sorted(ids.values(), reverse=True)
    monkeypatch.setattr(search, "PROBES", (1,))
    monkeypatch.setattr(search, "WALK_IDS", 2)  # ranges of two ids: the walk crosses three or four of them
    for cap in range(1, 9):  # the newest range holds enough (1), or the walk stops part way (2 to 6), or reads all
        monkeypatch.setattr(search, "CANDIDATES", cap)
        assert sorted(found(fresh_db, [("داعش",)]), reverse=True) == newest[:cap]
        assert (
            sorted(found(fresh_db, [], near=[Near((frozenset({"نص"}), frozenset({"خبر"})))]), reverse=True)
            == (newest[:cap])
        )


def test_the_answer_never_depends_on_the_size_of_the_partitions_or_of_the_walks_ranges(fresh_db, monkeypatch):
    """PostgreSQL: partitions of two ids, and walks whose ranges end inside one or on their bounds: the same answer.

    The partitions only decide which GIN indexes a bounded read scans (search.PARTITION_IDS, migration 0017); SQLite
    has none, and must answer the same.
    """
    if fresh_db.dialect.name == "postgresql":  # the next ids past the last partition: make_room cuts them two by two
        with transaction(fresh_db) as session:
            last = search.partitions_top(session)
            session.execute(text("SELECT setval(pg_get_serial_sequence('articles', 'id'), :id)"), {"id": last})
    monkeypatch.setattr(search, "PARTITION_IDS", 2)
    records = [record(f"q{n}", f"داعش خبر رقم {n}", f"نص الخبر رقم {n}.", n=n) for n in range(7)]
    ids = ingest(fresh_db, *records)
    _group(fresh_db, ids, [[ref] for ref in ids])
    newest = sorted(ids.values(), reverse=True)
    homes: list[str] = []
    if fresh_db.dialect.name == "postgresql":
        with transaction(fresh_db) as session:
            homes = list(
                session.execute(text("SELECT DISTINCT tableoid::regclass::text FROM article_search")).scalars()
            )
        assert len(homes) == 4  # seven ids, two a partition
    monkeypatch.setattr(search, "PROBES", (1,))
    # ids from top + 1: a walk of top + 3 ids ends its newest range inside a partition ([top + 2, top + 4)), one of
    # top + 6 on a partition's bound, and search.WALK_IDS's 100,000 on one of 0016's or 0017's bounds
    top = min(ids.values()) - 1
    for walk in (top + 3, top + 6, 100_000):
        monkeypatch.setattr(search, "WALK_IDS", walk)
        for cap in range(1, 9):
            monkeypatch.setattr(search, "CANDIDATES", cap)
            assert sorted(found(fresh_db, [("داعش",)]), reverse=True) == newest[:cap]


def _group(engine, ids: dict[str, int], groups: list[list[str]]) -> None:
    """Put the articles of each group in a story of their own, whatever story assignment did."""
    regroup(engine, [[ids[ref] for ref in group] for group in groups])


# ---------------------------------------------------------------------------------------------- near, about, passing


def long(seed: int) -> str:
    """``LEAD`` words of their own (no two articles alike): what follows them is past the lead."""
    letters = "بتثجحخدذرزسشصضطظعغفقكلمن"
    rng = random.Random(seed)
    return " ".join("".join(rng.choice(letters) for _ in range(5)) for _ in range(LEAD))


def near(*words: str) -> Near:
    return Near(tuple(frozenset(w.split("|")) for w in words))


def test_words_of_a_query_match_near_each_other_in_either_order_not_far_apart(fresh_db):
    ids = ingest(
        fresh_db,
        record("between", "خبر أول", "بدأت الانتخابات البرلمانية العراقية صباح اليوم.", n=0),
        record("reversed", "خبر ثان", "يستعد العراق لإجراء الانتخابات يوم السبت.", n=1),
        record("far", "خبر ثالث", "قال العراق إن الموازنة والنفط والكهرباء أولويات قبل الانتخابات.", n=2),
    )
    group = near("انتخابات", "عراق|عراقيه")
    assert sorted(found(fresh_db, [], near=[group])) == sorted([ids["between"], ids["reversed"]])


def test_a_headline_holding_every_word_of_the_query_matches_whatever_their_distance(fresh_db):
    ids = ingest(
        fresh_db, record("head", "السلطات العراقية تحشد قواتها الأمنية قبل أيام من الانتخابات", "تفاصيل.", n=0)
    )
    assert found(fresh_db, [], near=[near("انتخابات", "عراق|عراقيه")]) == [ids["head"]]


def test_an_exact_phrase_ranks_before_its_words_near_each_other(fresh_db):
    ids = ingest(
        fresh_db,
        record("near", "الانتخابات البرلمانية العراقية", "تفاصيل.", days_ago=0, n=0),
        record("exact", "الانتخابات العراقية", "تفاصيل أخرى.", days_ago=3, n=1),
    )
    _group(fresh_db, ids, [["near"], ["exact"]])
    assert found(fresh_db, [("انتخابات", "عراقيه")], near=[near("انتخابات", "عراقيه|عراق")]) == [
        ids["exact"],
        ids["near"],
    ]


def test_an_article_is_about_the_topic_in_its_headline_its_lead_or_throughout_else_a_passing_mention(fresh_db):
    ids = ingest(
        fresh_db,
        record("headline", "حزب الله يرد", "تفاصيل الرد.", n=0),
        record("lead", "بيان", "قال حزب الله في بيان إنه سيرد.", n=1),
        record("throughout", "تحليل", f"{long(2)} حزب الله. ثم حزب الله. وأخيراً حزب الله.", n=2),
        record("passing", "الأسواق", f"{long(3)} وذكر المحلل حزب الله مرة واحدة.", n=3),
    )
    with transaction(fresh_db) as session:
        hits = search.find(session, [("حزب", "الله")], None, 10)
    about = {a: flag for hit in hits for a, flag in zip(hit.article_ids, hit.about, strict=True)}
    assert about == {ids["headline"]: True, ids["lead"]: True, ids["throughout"]: True, ids["passing"]: False}
    assert THROUGHOUT == 3


def test_a_big_story_with_one_passing_mention_lists_only_that_article_and_ranks_last(fresh_db):
    big = [record(f"big{n}", f"قمة اقتصادية رقم {n}", f"{long(10 + n)} نص رقم {n}.", n=n) for n in range(5)]
    big.append(record("mention", "قمة اقتصادية ختامية", f"{long(20)} وتطرق أحدهم إلى داعش.", n=5))
    ids = ingest(fresh_db, *big, record("small", "هجوم", "تبنى داعش الهجوم على الحاجز.", days_ago=2, n=6))
    _group(fresh_db, ids, [[f"big{n}" for n in range(5)] + ["mention"], ["small"]])
    with transaction(fresh_db) as session:
        hits = search.find(session, [("داعش",)], None, 10)
    assert [(h.article_ids, h.about, h.article_count) for h in hits] == [
        ((ids["small"],), (True,), 1),
        ((ids["mention"],), (False,), 6),
    ]


# ---------------------------------------------------------------------------------------------- pure parts


def _match(
    story: int,
    *,
    article: int | None = None,
    headline=False,
    exact=True,
    partial=False,
    lead=False,
    mentions=0,
    hours_ago: int = 0,
    size: int = 1,
) -> Match:
    return Match(
        article or story * 10, story, size, NOW - timedelta(hours=hours_ago), headline, exact, partial, lead, mentions
    )


def test_stories_rank_by_how_much_they_are_about_the_topic_then_recency_never_by_size():
    hits = order_stories(
        [
            _match(1, headline=True, hours_ago=1),
            _match(2, headline=True, hours_ago=9, size=30),
            _match(3, headline=True, hours_ago=0),
            _match(4, mentions=1, size=90),  # a passing mention in a big story
            _match(5, partial=True, hours_ago=20),
            _match(6, lead=True, hours_ago=30),
            _match(7, headline=True, exact=False, hours_ago=0),  # the words near each other
        ]
    )
    assert [h.story_id for h in hits] == [3, 1, 2, 5, 7, 6, 4]


def test_more_articles_about_the_topic_lift_a_story_up_to_a_cap():
    hits = order_stories(
        [
            _match(1, article=11, lead=True, hours_ago=5),
            _match(1, article=12, lead=True, hours_ago=5),
            _match(2, lead=True, hours_ago=0),
        ]
    )
    assert [h.story_id for h in hits] == [1, 2]


def test_a_story_lists_articles_about_the_topic_before_passing_mentions():
    hit = order_stories(
        [_match(1, article=11, mentions=1), _match(1, article=12, headline=True), _match(1, article=13, lead=True)]
    )[0]
    assert (hit.article_ids, hit.about, hit.evidence, hit.passing) == (
        (12, 13, 11),
        (True, True, False),
        (12, 13),
        (11,),
    )


def test_near_windows_hold_every_word_within_the_span():
    group = Near((frozenset({"انتخابات"}), frozenset({"عراق", "عراقيه"})))
    assert near_starts({"انتخابات": [3], "عراقيه": [5]}, group) == {3}
    assert near_starts({"انتخابات": [9], "عراق": [6]}, group) == {6}  # either order
    assert near_starts({"انتخابات": [0], "عراق": [4]}, group) == set()  # too far apart
    assert near_starts({"انتخابات": [0, 20], "عراق": [1, 21]}, group) == {0, 20}


def test_tsvector_literal_marks_headline_terms_and_leaves_a_gap_before_the_body():
    assert search.tsvector_literal(["داعش", "هجوم"], ["تنظيم", "داعش"]) == (
        "'داعش':1A,6B '_داعش':1A 'هجوم':2A '_هجوم':2A 'تنظيم':5B"
    )


def test_rough_queries_quote_every_term():
    assert search._fts5_rough([('a"b',), ("x", "y")], []) == '("a""b") OR ("x" AND "y")'
    assert search._fts5_rough([("x",)], [], "headline") == '{headline} : (("x"))'
    assert search._tsquery_rough([("a'b\\",)], [near("x|z", "y")]) == "('a''b\\\\') | (('x' | 'z') & ('y'))"
    assert search._tsquery_rough([("x", "y")], [], marked=True) == "('_x' & '_y')"


def test_term_positions_are_those_of_the_whole_terms_whatever_beginnings_the_forms_share():
    """The prefix-factored pattern (search._alternation) finds a form only as a whole term, at its index in split()."""
    rng = random.Random(19)
    letters = "ابتي"
    for _ in range(500):
        words = ["".join(rng.choices(letters, k=rng.randint(1, 4))) for _ in range(rng.randint(0, 15))]
        forms = frozenset("".join(rng.choices(letters, k=rng.randint(1, 4))) for _ in range(rng.randint(0, 8)))
        expected: dict[str, list[int]] = {}
        for position, word in enumerate(words):
            if word in forms:
                expected.setdefault(word, []).append(position)
        assert list(search._where(" ".join(words), forms).items()) == list(expected.items())
