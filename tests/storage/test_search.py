"""Full-text search: one meaning on SQLite and PostgreSQL — phrases, clitics, headlines first, windows, literal terms.

Articles are stored through the real pipeline (:func:`mawjaz.pipeline.ingest.store_items`);
each has its own filler text so that no two are folded together as duplicates or stories.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from fixtures.grouping import regroup
from sqlalchemy import text

from mawjaz.ingest.record import Article as Record
from mawjaz.pipeline import IngestReport, store_items
from mawjaz.storage import search
from mawjaz.storage.engine import transaction
from mawjaz.storage.models import Article
from mawjaz.storage.search import BODY, HEADLINE, PARTIAL, Candidate, order_stories

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
    assert found(fresh_db, [("محمد", "صلاح")])[0] == ids["body"]  # without the hint: by score


def test_among_headline_matches_the_bigger_story_then_the_newer_one_comes_first(fresh_db):
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


def test_limit_counts_stories(fresh_db):
    records = [record(f"s{n}", f"داعش خبر رقم {n}", f"نص الخبر رقم {n}.", days_ago=n, n=n) for n in range(5)]
    ids = ingest(fresh_db, *records)
    _group(fresh_db, ids, [[ref] for ref in ids])
    with transaction(fresh_db) as session:
        assert len(search.find(session, [("داعش",)], None, 3)) == 3


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


def test_bodies_are_not_searched_when_headlines_fill_the_answer(fresh_db):
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


def test_trying_the_newest_ids_first_never_changes_the_answer(fresh_db, monkeypatch):
    records = [record(f"s{n}", f"داعش خبر رقم {n}", f"نص الخبر رقم {n}.", n=n) for n in range(5)]
    ids = ingest(fresh_db, *records)
    _group(fresh_db, ids, [[ref] for ref in ids])
    newest = sorted(ids.values(), reverse=True)
    monkeypatch.setattr(search, "PROBE", 2)  # PostgreSQL: look at the two newest ids first
    for cap in (1, 2, 3, 5):  # the slice holds enough matches (1, 2) or not (3, 5): same newest ``cap`` either way
        monkeypatch.setattr(search, "CANDIDATES", cap)
        assert sorted(found(fresh_db, [("داعش",)]), reverse=True) == newest[:cap]


def _group(engine, ids: dict[str, int], groups: list[list[str]]) -> None:
    """Put the articles of each group in a story of their own, whatever story assignment did."""
    regroup(engine, [[ids[ref] for ref in group] for group in groups])


# ---------------------------------------------------------------------------------------------- pure parts


def _candidate(story: int, grade: int, score: float, size: int = 1, hours_ago: int = 0, article: int | None = None):
    return Candidate(article or story * 10, story, grade, score, size, NOW - timedelta(hours=hours_ago))


def test_story_order_is_headline_grade_then_size_then_recency():
    hits = order_stories(
        [
            _candidate(1, HEADLINE, 9.0, size=1, hours_ago=1),
            _candidate(2, HEADLINE, 1.0, size=3, hours_ago=9),
            _candidate(3, HEADLINE, 1.0, size=1, hours_ago=0),
            _candidate(4, BODY, 50.0, size=9, hours_ago=0),
            _candidate(5, PARTIAL, 0.5, size=1, hours_ago=20),
        ]
    )
    assert [h.story_id for h in hits] == [2, 3, 1, 5, 4]


def test_body_only_stories_rank_by_score_before_size_and_recency():
    hits = order_stories([_candidate(1, BODY, 1.0, size=5), _candidate(2, BODY, 3.0, size=1, hours_ago=30)])
    assert [h.story_id for h in hits] == [2, 1]


def test_a_story_takes_the_grade_of_its_best_article_and_keeps_its_articles_in_order():
    hits = order_stories(
        [_candidate(1, HEADLINE, 2.0, article=11), _candidate(1, BODY, 5.0, article=12), _candidate(2, BODY, 9.0)]
    )
    assert [(h.story_id, h.article_ids, h.in_headline) for h in hits] == [(1, (11, 12), True), (2, (20,), False)]


def test_a_storys_evidence_is_its_articles_at_its_best_grade():
    hit = order_stories(
        [
            _candidate(1, HEADLINE, 0.0, article=11),
            _candidate(1, BODY, 5.0, article=12),
            _candidate(1, HEADLINE, 0.0, article=13),
        ]
    )[0]
    assert (hit.grade, hit.in_headline, hit.evidence) == (HEADLINE, True, (11, 13))


def test_tsvector_literal_marks_headline_terms_and_leaves_a_gap_before_the_body():
    assert search.tsvector_literal(["داعش", "هجوم"], ["تنظيم", "داعش"]) == (
        "'داعش':1A,6B '_داعش':1A 'هجوم':2A '_هجوم':2A 'تنظيم':5B"
    )


def test_literals_quote_every_term():
    assert search.fts5_query([('a"b',), ("x", "y")]) == '"a""b" OR "x y"'
    assert search.fts5_query([("x",)], "headline") == '{headline} : ("x")'
    assert search.tsquery_literal([("a'b\\",), ("x", "y")]) == "('a''b\\\\') | ('x' <-> 'y')"
    assert search.tsquery_literal([("x", "y")], marked=True, adjacent=False) == "('_x' & '_y')"
