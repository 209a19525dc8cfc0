"""/topic: every name of a thing, its clitic forms, headlines first, and a clear answer to every bad query.

Runs on SQLite and PostgreSQL (``fresh_db``); articles go through the real
pipeline (:func:`mawjaz.pipeline.ingest.store_items`), each with its own filler
text so that none is folded into another as a duplicate or the same story.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from fixtures.grouping import regroup
from sqlalchemy import text

from mawjaz.digest.topic import (
    MAX_QUERY_CHARS,
    adjectives,
    check_query,
    clean_query,
    expand,
    find_topic,
    search_topic,
)
from mawjaz.errors import CommandError
from mawjaz.ingest.record import Article as Record
from mawjaz.pipeline import IngestReport, store_items
from mawjaz.storage.engine import transaction

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

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


def ingest(engine, *articles: tuple[str, str, str] | tuple[str, str, str, float]) -> dict[str, int]:
    """Store ``(ref, title, body[, days_ago])`` articles through the pipeline; their ids by ref."""
    records = []
    for n, (ref, title, body, *age) in enumerate(articles):
        records.append(
            Record(
                title=title,
                body=f"{body}\n\n{FILLERS[n % len(FILLERS)]}",
                source=f"outlet-{ref}",
                external_id=ref,
                published=NOW - timedelta(days=age[0] if age else 0),
            )
        )
    report = store_items(engine, records, IngestReport())
    assert report.failed == 0, report.problems
    with transaction(engine) as session:
        return dict(session.execute(text("SELECT external_id, article_id FROM article_copies")).all())


def matching(engine, query: str, since=None) -> list[int]:
    """The matching articles /topic finds for ``query``, story by story, best first."""
    with transaction(engine) as session:
        hits = search_topic(session, query, since, 50)[2]
    return [a for hit in hits for a in hit.article_ids]


def topic(engine, query: str, since=None, limit: int = 10):
    with transaction(engine) as session:
        return find_topic(session, query, since, limit)


# ---------------------------------------------------------------------------------------------- every name


def test_daesh_finds_articles_that_only_use_another_of_its_names(fresh_db):
    ids = ingest(
        fresh_db,
        ("tanzim", "هجوم في البادية", "تبنى تنظيم الدولة الهجوم على الحاجز."),
        ("dawla", "بيان", "أعلنت الدولة الإسلامية مسؤوليتها عن التفجير."),
        ("li", "ضربات جوية", "وجه التحالف ضربات موجعة لداعش شرقي النهر."),
        ("latin", "Attack", "Officials blamed ISIS for the bombing near the border."),
        ("long", "محاكمة", "اتهمت بالانتماء إلى تنظيم الدولة الإسلامية في العراق والشام."),
        ("apart", "إصلاح", "أقر تنظيم جديد للعمل في مؤسسات الدولة بعد نقاش طويل."),
    )
    expected = {ids[r] for r in ("tanzim", "dawla", "li", "latin", "long")}
    for query in ("داعش", "لداعش", "«داعش»", "ISIS", "isis", "Daesh", "تنظيم الدولة"):
        assert set(matching(fresh_db, query)) == expected, query


def test_a_multi_word_name_does_not_match_its_words_far_apart(fresh_db):
    ids = ingest(
        fresh_db,
        ("apart", "إصلاح إداري", "أقر تنظيم جديد للعمل في مؤسسات الدولة بعد نقاش طويل."),
        ("near", "هجوم", "قال مسؤول إن تنظيم الدولة يقف وراء الهجوم."),
    )
    assert matching(fresh_db, "تنظيم الدولة") == [ids["near"]]


def test_assad_finds_the_lam_and_waw_prefixed_forms(fresh_db):
    ids = ingest(
        fresh_db,
        ("lil", "رسالة", "وجه المبعوث رسالة للأسد بشأن الحوار."),
        ("wal", "لقاء", "التقى بوتين والأسد في سوتشي."),
        ("full", "الرئيس السوري", "قال بشار الأسد إن الحرب انتهت."),
    )
    assert set(matching(fresh_db, "الأسد")) == set(ids.values())


def test_america_in_every_spelling_and_the_united_states_are_one_country(fresh_db):
    ids = ingest(
        fresh_db,
        ("hamza", "تصريح", "قالت أمريكا إنها سترد على الهجوم."),
        ("bare", "موقف", "قالت امريكا إن الحوار ممكن."),
        ("ye", "قرار", "قررت أميركا فرض رسوم جديدة."),
        ("us", "عقوبات", "أعلنت الولايات المتحدة عقوبات على الشركة."),
    )
    for query in ("أمريكا", "امريكا", "أميركا", "الولايات المتحدة", "America"):
        assert set(matching(fresh_db, query)) == set(ids.values()), query


def test_a_country_is_found_by_its_adjective_too(fresh_db):
    ids = ingest(fresh_db, ("adj", "بيان رسمي", "نفت الخارجية الإيرانية الاتهامات."))
    assert matching(fresh_db, "إيران") == [ids["adj"]]
    assert "ايرانيه" in topic(fresh_db, "إيران").terms


def test_a_description_with_an_adjective_finds_its_other_spelling(fresh_db):
    ids = ingest(
        fresh_db,
        ("ye", "افتتاح السفارة الأميركية في القدس", "افتتحت السفارة الأميركية في القدس اليوم."),
        ("ri", "السفارة الأمريكية تفتح أبوابها", "فتحت السفارة الأمريكية أبوابها في القدس."),
    )
    assert set(matching(fresh_db, "السفارة الأمريكية")) == set(ids.values())
    assert set(matching(fresh_db, "السفارة الأميركية")) == set(ids.values())


def test_a_country_is_found_by_the_adjectives_of_the_actors_table(fresh_db):
    ids = ingest(
        fresh_db,
        ("police", "الشرطة الإندونيسية تعتقل مشتبهاً", "اعتقلت الشرطة الإندونيسية مشتبهاً في سورابايا."),
        ("russians", "الروس يصلون", "وصل الروس إلى القاعدة."),
    )
    assert matching(fresh_db, "إندونيسيا") == [ids["police"]]
    assert matching(fresh_db, "روسيا") == [ids["russians"]]


def test_a_bare_adjective_query_is_searched_as_written(fresh_db):
    """«المصري» is as often a surname as Egypt: only a country's name is widened to its adjectives."""
    ids = ingest(
        fresh_db,
        ("name", "تصريح", "قال محمد المصري إن المفاوضات مستمرة."),
        ("country", "زيارة", "وصل الوفد إلى مصر أمس."),
    )
    assert matching(fresh_db, "المصري") == [ids["name"]]


# ---------------------------------------------------------------------------------------------- ranking


def test_headline_matches_outrank_body_only_matches(fresh_db):
    ids = ingest(
        fresh_db,
        ("body", "حصيلة يوم دام", "قال شهود إن داعش نفذ الهجوم، وإن داعش هدد بالمزيد، وإن داعش يتوعد.", 0),
        ("head", "داعش يعلن مسؤوليته", "أعلن التنظيم مسؤوليته عن تفجير السوق.", 4),
    )
    assert matching(fresh_db, "داعش") == [ids["head"], ids["body"]]


def test_among_headline_matches_bigger_stories_then_newer_ones_come_first(fresh_db):
    ids = ingest(
        fresh_db,
        ("new", "داعش يهاجم قرية", "هجوم على قرية نائية.", 0),
        ("big1", "داعش يتبنى التفجير", "تفجير في سوق المدينة.", 5),
        ("big2", "تنظيم داعش يعلن", "بيان التنظيم عن التفجير.", 5),
        ("old", "داعش في البادية", "تحركات في البادية.", 9),
    )
    stories = _group(fresh_db, ids, {"new": ["new"], "big": ["big1", "big2"], "old": ["old"]})
    answer = topic(fresh_db, "داعش", limit=10)
    assert [s.id for s in answer.stories] == [stories["big"], stories["new"], stories["old"]]


def test_the_surname_in_a_headline_ranks_above_a_body_only_mention_of_the_full_name(fresh_db):
    ids = ingest(
        fresh_db,
        ("body", "مباراة الليلة", "شارك محمد صلاح في التدريبات، وقال المدرب إن محمد صلاح جاهز.", 0),
        ("part", "صلاح يتوج بجائزة", "توج اللاعب محمد صلاح بجائزة أفضل لاعب.", 3),
    )
    assert matching(fresh_db, "محمد صلاح") == [ids["part"], ids["body"]]


def test_the_since_window_is_respected(fresh_db):
    ids = ingest(
        fresh_db,
        ("fresh", "داعش اليوم", "خبر اليوم عن التنظيم.", 0.5),
        ("stale", "داعش قبل أسبوع", "خبر قديم عن التنظيم.", 7),
    )
    _group(fresh_db, ids, {"fresh": ["fresh"], "stale": ["stale"]})
    assert [s.articles[0].id for s in topic(fresh_db, "داعش", since=NOW - timedelta(days=1)).stories] == [ids["fresh"]]
    assert len(topic(fresh_db, "داعش", since=NOW - timedelta(days=30)).stories) == 2


def test_the_json_answer_lists_every_name_searched(fresh_db):
    ingest(fresh_db, ("x", "داعش", "خبر."))
    answer = topic(fresh_db, "«داعش»").to_json()
    assert answer["query"] == "داعش"
    assert {"داعش", "تنظيم دوله", "دوله اسلاميه", "isis"} <= set(answer["terms"])
    assert len(answer["stories"]) == 1


def _group(engine, ids: dict[str, int], groups: dict[str, list[str]]) -> dict[str, int]:
    """Put each group of articles in a story of its own (whatever story assignment did); story ids by group."""
    story_ids = regroup(engine, [[ids[ref] for ref in refs] for refs in groups.values()])
    return dict(zip(groups, story_ids, strict=True))


# ---------------------------------------------------------------------------------------------- bad queries


BAD = [
    ("", "/topic"),
    ("    ", "/topic"),
    ("«»", "/topic"),
    ('""', "/topic"),
    ("“ ”", "/topic"),
    ("؟!...،", "/topic"),
    ("(*) - ^", "/topic"),
    ("\u200f\u202b\u202c\u2066", "/topic"),
    ("\x00\x1b", "/topic"),
    ("في من على إلى", "Nothing searchable"),
    ("هو وهي", "Nothing searchable"),
    ("🔥🔥", "Nothing searchable"),
    ("@#$%&", "Nothing searchable"),
    ("داعش " * 41, str(MAX_QUERY_CHARS)),
]


def test_every_bad_query_gets_a_clear_answer_not_an_exception(fresh_db):
    ingest(fresh_db, ("x", "داعش", "خبر."))
    for query, says in BAD:
        with pytest.raises(CommandError) as error:
            topic(fresh_db, query)
        assert says in str(error.value), query


def test_a_ten_thousand_character_query_is_refused_in_under_50_ms(fresh_db):
    with transaction(fresh_db) as session:
        start = time.perf_counter()
        with pytest.raises(CommandError, match=str(MAX_QUERY_CHARS)):
            find_topic(session, "ا" * 10_000, None)
        assert time.perf_counter() - start < 0.05


SYNTAX = [
    '"داعش"',
    "داعش*",
    "-داعش",
    "(داعش)",
    "^داعش",
    "داعش)",
    "داعش'",
    "داعش OR ترامب",
    "داعش AND ترامب",
    "داعش NOT ترامب",
    "داعش -ترامب",
    "NEAR(داعش ترامب)",
    "NEAR(داعش ترامب, 5)",
    "headline:داعش",
    "{headline}: داعش",
    "body : ترامب",
    "داعش:*",
    "داعش & ترامب | !ترامب",
    "'داعش' <-> 'ترامب'",
]


def test_search_syntax_in_a_query_is_text_never_an_operator(fresh_db):
    ids = ingest(
        fresh_db,
        ("daesh", "داعش يهاجم", "هجوم جديد للتنظيم."),
        ("trump", "ترامب يغرد", "تغريدة جديدة للرئيس."),
    )
    for query in SYNTAX:
        assert ids["trump"] not in matching(fresh_db, query), query  # no OR, no column filter, no NOT
        topic(fresh_db, query)  # the whole answer, views included, never raises


def test_quotes_and_punctuation_around_a_query_are_ignored(fresh_db):
    ids = ingest(fresh_db, ("daesh", "داعش يهاجم", "هجوم جديد للتنظيم."))
    for query in ('"داعش"', "داعش*", "-داعش", "(داعش)", "^داعش", "داعش)", "«داعش»؟", "'داعش'"):
        assert matching(fresh_db, query) == [ids["daesh"]], query


def test_latin_queries_find_latin_and_arabic_names(fresh_db):
    ids = ingest(
        fresh_db,
        ("ar", "ترامب يغرد", "كتب الرئيس تغريدة."),
        ("en", "Update", "Facebook launched a dating service."),
    )
    assert matching(fresh_db, "Trump") == [ids["ar"]]
    assert matching(fresh_db, "FACEBOOK") == [ids["en"]]


def test_bidi_controls_and_emoji_around_a_query_are_ignored(fresh_db):
    ids = ingest(fresh_db, ("daesh", "داعش يهاجم", "هجوم جديد للتنظيم."))
    answer = topic(fresh_db, "\u202b\u200fداعش\u202c 🔥")
    assert answer.query == "داعش 🔥"
    assert [s.articles[0].id for s in answer.stories] == [ids["daesh"]]


# ---------------------------------------------------------------------------------------------- pure parts


def test_clean_query_drops_invisible_characters_and_trims_wrapping_punctuation():
    assert clean_query("  «\u200fداعش\u200f»؟ ") == "داعش"
    assert clean_query('"تنظيم الدولة"') == "تنظيم الدولة"


def test_check_query_refuses_a_huge_paste_before_cleaning_it():
    with pytest.raises(CommandError, match=str(MAX_QUERY_CHARS)):
        check_query("«" * 100_000)


@pytest.mark.parametrize(
    ("name", "first"),
    [("ايران", "ايراني"), ("سوريا", "سوري"), ("سعوديه", "سعودي"), ("امريكا", "امريكي"), ("مغرب", "مغربي")],
)
def test_place_names_give_their_adjectives(name, first):
    assert adjectives(name)[0] == first


def test_a_name_that_is_already_an_adjective_gets_its_feminine_and_plural():
    terms = {" ".join(p) for p in expand("الحوثيون")}
    assert {"حوثيه", "حوثيين"} <= terms
    assert "حماسي" not in {" ".join(p) for p in expand("حماس")}


def test_adjectives_that_mean_something_else_are_not_searched():
    terms = {" ".join(p) for p in expand("الرياض")}
    assert "سعودي" in terms and "رياضي" not in terms
    assert "بغدادي" not in {" ".join(p) for p in expand("العراق")}  # al-Baghdadi is someone else
    assert "داعشي" not in {" ".join(p) for p in expand("داعش")}  # only places have adjectives searched


# ---------------------------------------------------------------------------------------------- issue 17: the answer


def test_a_description_of_several_words_finds_them_apart_in_any_order_and_form(fresh_db):
    ids = ingest(
        fresh_db,
        ("exact", "الانتخابات العراقية", "تفاصيل عن الحملات."),
        ("between", "المالكي يهدد", "هدد المرشح للانتخابات البرلمانية العراقية بحرب أهلية."),
        ("reversed", "استعدادات", "يستعد العراق للانتخابات التشريعية يوم السبت."),
        ("apart", "أسعار النفط", "قال العراق إن الموازنة والنفط والكهرباء والمياه أولويات قبل أي انتخابات."),
    )
    found = matching(fresh_db, "الانتخابات العراقية")
    assert found[0] == ids["exact"]  # the exact phrase first
    assert set(found) == {ids["exact"], ids["between"], ids["reversed"]}
    assert topic(fresh_db, "الانتخابات العراقية").near


def test_a_known_name_still_matches_only_as_a_phrase(fresh_db):
    ingest(fresh_db, ("apart", "أسعار وعملات", "ارتفع الريال السعودي، وفي مدريد ارتفعت الأسعار."))
    assert matching(fresh_db, "ريال مدريد") == []


def test_each_story_lists_only_its_matching_articles_about_the_topic_first(fresh_db):
    ids = ingest(
        fresh_db,
        (
            "passing",
            "قمة الأسواق",
            "افتتحت القمة الاقتصادية أعمالها. " + "وناقش الوزراء التجارة والاستثمار. " * 12 + "وأشار أحدهم إلى داعش.",
        ),
        ("about", "داعش يتبنى", "تبنى داعش الهجوم على الحاجز."),
        ("none", "قمة الأسواق تختتم", "اختتمت القمة الاقتصادية أعمالها ببيان عن التجارة."),
    )
    _group(fresh_db, ids, {"summit": ["passing", "about", "none"]})
    story = topic(fresh_db, "داعش").to_json()["stories"][0]
    assert [(a["id"], a["about"]) for a in story["articles"]] == [(ids["about"], True), (ids["passing"], False)]
    assert story["article_count"] == 3


def test_the_json_answer_keeps_its_keys_and_adds_names_window_and_older(fresh_db):
    ingest(fresh_db, ("x", "داعش يهاجم", "خبر."))
    answer = topic(fresh_db, "داعش", since=NOW - timedelta(days=30)).to_json()
    assert list(answer)[:3] == ["query", "terms", "stories"]
    assert {"تنظيم الدولة", "الدولة الإسلامية"} <= set(answer["names"])
    assert answer["since"] == (NOW - timedelta(days=30)).isoformat() and answer["older"] == 0
    story = answer["stories"][0]
    assert {"id", "headline", "summary", "actors", "first_seen", "last_seen", "articles"} <= set(story)


def test_an_empty_window_says_how_many_older_stories_exist(fresh_db):
    ingest(fresh_db, ("old", "داعش قبل شهرين", "خبر قديم عن التنظيم.", 60))
    answer = topic(fresh_db, "داعش", since=NOW - timedelta(days=30))
    assert (answer.stories, answer.older) == ((), 1)


# Three stories that name the topic three ways: in a headline, by an alias, in passing in a body.
THREE_STORIES = (
    ("a", "داعش يتبنى هجوماً", "تبنى داعش الهجوم على الحاجز.", 1),
    ("b", "تنظيم الدولة في سوريا", "قال التنظيم إن مقاتليه انسحبوا من القرية.", 2.5),
    ("c", "قمة الأسواق", "افتتحت القمة الاقتصادية أعمالها وأشار أحدهم إلى داعش."),
)


def test_views_of_plain_story_columns_are_the_views_of_the_story_models(fresh_db):
    """/topic reads its stories as plain columns on the DB-API cursor: the same views, times and all, as the models give."""
    from mawjaz.digest.build import story_views
    from mawjaz.storage import stories as stories_repo

    ingest(fresh_db, *THREE_STORIES)
    with transaction(fresh_db) as session:
        ids = [row[0] for row in session.execute(text("SELECT id FROM stories ORDER BY id")).all()]
        plain = sorted(stories_repo.shown_stories(session, ids), key=lambda s: s.id)
        models = sorted(stories_repo.by_ids(session, ids), key=lambda s: s.id or 0)
        assert [v.to_json() for v in story_views(session, plain)] == [v.to_json() for v in story_views(session, models)]
        assert [(s.first_seen, s.last_seen) for s in plain] == [(s.first_seen, s.last_seen) for s in models]
        assert all(s.last_seen.tzinfo is UTC for s in plain)


def test_a_topic_answers_views_read_together_are_the_views_read_one_by_one(fresh_db):
    """topic_views sends its four reads together (one round trip on PostgreSQL): the views story_views gives."""
    from mawjaz.digest.build import story_views, topic_views
    from mawjaz.storage import stories as stories_repo

    ingest(fresh_db, *THREE_STORIES)
    with transaction(fresh_db) as session:
        rows = session.execute(text("SELECT story_id, id FROM articles ORDER BY story_id DESC, id")).all()
        only: dict[int, dict[int, bool]] = {}
        for n, (story_id, article_id) in enumerate(rows):
            only.setdefault(story_id, {})[article_id] = n % 2 == 0
        order = {story_id: n for n, story_id in enumerate(only)}
        stories = sorted(stories_repo.shown_stories(session, list(only)), key=lambda s: order[s.id])
        one_by_one = [v.to_json() for v in story_views(session, stories, only=only)]
        assert [v.to_json() for v in topic_views(session, only)] == one_by_one
        assert len(one_by_one) == len(only) > 1
        assert topic_views(session, {}) == []
