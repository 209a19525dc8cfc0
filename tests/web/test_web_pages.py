"""The story pages, today's page, the feed and the API, over HTTP on loopback (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import logging
import re
from urllib.parse import urlencode

import feedparser
import httpx
from click.testing import CliRunner
from webkit import HOSTILE_TITLE, SAMPLES, options, serving

from mawjaz.bot.command_budget import Budget
from mawjaz.cli.app import cli
from mawjaz.config import Settings
from mawjaz.storage.engine import make_engine


def get(base: str, path: str, **params) -> httpx.Response:
    return httpx.get(base + path, params=params or None, timeout=30)


def story_id(base: str, words: str) -> int:
    stories = get(base, "/api/stories", since="all", limit="200").json()
    return next(s["id"] for s in stories if words in s["headline"])


def test_the_story_page_lists_every_outlet_of_the_hamrin_story_with_its_time_and_link(site):
    stories = get(site, "/api/stories", since="all", limit="200").json()
    hamrin = next(s for s in stories if "حمرين" in s["headline"])
    page = get(site, f"/s/{hamrin['id']}").text
    copies = [c for a in hamrin["articles"] for c in a["copies"]]
    assert len({c["source_name"] for c in copies}) >= 3
    for copy in copies:
        assert copy["source_name"] in page
        if copy["url"]:
            assert f'href="{copy["url"]}"' in page
    assert page.count("<time") >= len(copies)
    assert "3 مصادر" in page
    for actor in hamrin["actors"]:
        assert f'href="/topic?{urlencode({"q": actor["name"]})}"' in page


def test_reports_are_newest_first_and_actors_link_to_their_topic(site):
    sid = story_id(site, "حمرين")
    page = get(site, f"/s/{sid}").text
    coverage = page[page.index('id="coverage"') :]
    times = re.findall(r'<time datetime="([^"]+)"', coverage)
    assert times == sorted(times, reverse=True) and len(times) >= 3
    links = re.findall(r'<a href="(/topic\?q=[^"]+)"', page)
    assert links, "each key actor links to /topic"
    assert get(site, links[0].replace("&amp;", "&")).status_code == 200


def test_the_page_is_arabic_right_to_left_and_english_on_request(site):
    sid = story_id(site, "حمرين")
    assert '<html lang="ar" dir="rtl">' in get(site, f"/s/{sid}").text
    english = get(site, f"/s/{sid}", lang="en").text
    assert '<html lang="en" dir="ltr">' in english and "Full coverage" in english
    assert '<html lang="en" dir="ltr">' in get(site, "/", lang="en").text


def test_a_hostile_headline_is_text_never_markup(site):
    sid = story_id(site, "مصنع")
    page = get(site, f"/s/{sid}").text
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page or "alert" not in page  # escaped where the cleaner kept it
    assert "<b>Acme</b>" not in page
    assert 'x="><script>' not in page
    for path in ("/", "/topic?q=مصنع&since=all", "/digest.atom"):
        assert "<script" not in get(site, path).text.lower()


def test_every_response_forbids_script_and_hides_internal_errors(world, caplog):
    broken = make_engine("sqlite:////nonexistent-folder/mawjaz.sqlite")
    with serving(broken) as base, caplog.at_level(logging.ERROR):
        page = get(base, "/")
        api = get(base, "/api/stories")
    assert page.status_code == 500 and api.status_code == 500
    assert "sqlite" not in page.text.lower() and "Traceback" not in page.text and "nonexistent" not in page.text
    assert api.json() == {"error": "internal error"}
    assert "GET / failed" in caplog.text  # logged, with its traceback, for the operator
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp and "unsafe-inline" not in csp


def test_an_unknown_story_is_a_plain_404(site):
    response = get(site, "/s/999999")
    assert response.status_code == 404 and "لا توجد هذه الصفحة" in response.text
    assert get(site, "/s/abc").status_code == 404


def test_topic_limits_apply_on_the_page_and_the_api(site):
    page = get(site, "/topic", q="x" * 900)
    assert page.status_code == 400 and "too long" in page.text.lower() or "طويل" in page.text
    api = get(site, "/api/topic", q="؟؟")
    assert api.status_code == 400 and "error" in api.json()
    assert get(site, "/api/topic", q="داعش", limit="100000").status_code == 400
    assert get(site, "/api/stories", since="yesterday-ish").status_code == 400


def test_each_client_has_a_request_budget(world):
    with serving(world.engine, options(budget=Budget(burst=3, per_second=0.01))) as base:
        codes = [get(base, "/healthz").status_code for _ in range(2)]  # the health check is never counted
        codes += [get(base, "/api/openapi.json").status_code for _ in range(4)]
        last = get(base, "/")
    assert codes == [200, 200, 200, 200, 200, 429]
    assert last.status_code == 429 and int(last.headers["retry-after"]) >= 1


def test_the_api_answers_exactly_as_the_cli(world, site):
    url = world.engine.url.render_as_string(hide_password=False)
    runner = CliRunner()
    cli_stories = runner.invoke(cli, ["--database", url, "stories", "--all", "--json"])
    cli_topic = runner.invoke(cli, ["--database", url, "topic", "داعش", "--all", "--json"])
    assert cli_stories.exit_code == 0 and cli_topic.exit_code == 0, cli_stories.stderr + cli_topic.stderr
    assert get(site, "/api/stories", since="all").json() == json.loads(cli_stories.stdout)
    assert get(site, "/api/topic", q="داعش", since="all").json() == json.loads(cli_topic.stdout)


def test_the_digest_feed_parses_without_a_bozo_flag_and_links_each_story_page(site):
    feed = feedparser.parse(get(site, "/digest.atom").content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries, "the samples' day has stories"
    for entry in feed.entries:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/s/\d+", entry.link)
        assert (
            get(site, entry.link.split(":", 2)[2].partition("/")[2] and "/" + entry.link.split("/", 3)[3]).status_code
            == 200
        )


def test_links_use_the_public_address_when_set(world):
    with serving(world.engine, options(public_url="https://news.example.org/mawjaz")) as base:
        feed = feedparser.parse(get(base, "/digest.atom").content)
    assert all(e.link.startswith("https://news.example.org/mawjaz/s/") for e in feed.entries)


def test_today_ranks_as_the_digest_does_and_the_window_is_selectable(world, site):
    url = world.engine.url.render_as_string(hide_password=False)
    page = get(site, "/", since="all").text
    digest = CliRunner().invoke(cli, ["--database", url, "digest", "--all", "--format", "json"])
    ids = [s["id"] for s in json.loads(digest.stdout)]
    shown = [int(i) for i in re.findall(r'<h2><a href="/s/(\d+)"', page)]
    assert shown == ids
    assert '<option value="all" selected>' in page
    assert HOSTILE_TITLE not in page  # only ever escaped


def test_a_merged_story_s_old_id_redirects_to_the_story_it_joined(fresh_db):
    """A story merged into another (issue 18, ``stories.merged_into``) keeps its address: it redirects."""
    from sqlalchemy import update

    from mawjaz.ingest.record import Article
    from mawjaz.pipeline import IngestReport, store_items
    from mawjaz.storage.models import Story

    items = [
        Article(title=title, body=body, source=f"o{n}", external_id=str(n), url=None)
        for n, (title, body) in enumerate(
            [
                (
                    "زلزال يضرب شمال البلاد",
                    "ضرب زلزال بقوة ست درجات قرى الشمال فجر اليوم وهرعت فرق الإنقاذ إلى المنطقة.",
                ),
                (
                    "مباراة حاسمة في الدوري",
                    "يلتقي الفريقان مساء الجمعة في مباراة حاسمة على لقب الدوري أمام جمهور كبير.",
                ),
            ]
        )
    ]
    store_items(fresh_db, items, IngestReport())
    with fresh_db.begin() as connection:
        ids = sorted(
            row[0] for row in connection.execute(Story.__table__.select().with_only_columns(Story.__table__.c.id))
        )
        connection.execute(update(Story.__table__).where(Story.__table__.c.id == ids[1]).values(merged_into=ids[0]))
    with serving(fresh_db) as base:
        response = httpx.get(f"{base}/s/{ids[1]}", follow_redirects=False, timeout=30)
    assert response.status_code == 301 and response.headers["location"] == f"/s/{ids[0]}"


def test_today_lists_the_stories_of_topics_several_readers_follow_and_never_one_reader_s(fresh_db):
    from mawjaz.pipeline import ingest
    from mawjaz.storage import subscribers
    from mawjaz.storage.engine import transaction
    from mawjaz.storage.subscribers import Chat, Defaults

    ingest(fresh_db, [str(SAMPLES / "jsonl")], Settings(), actors=False)
    with transaction(fresh_db) as session:
        for n, topics in enumerate([("داعش", "السودان"), ("داعش",), ("الكهرباء",)]):
            reader = subscribers.ensure(session, Chat("telegram", str(n), None, "private"), Defaults())
            for topic in topics:
                subscribers.follow(session, reader.id, topic, topic)
    with serving(fresh_db) as base:
        page = get(base, "/", since="all").text
    section = page[page.index("مواضيع يتابعها القراء") :]
    assert f'href="/topic?{urlencode({"q": "داعش", "since": "all"}).replace("&", "&amp;")}"' in section
    assert "حمرين" in section and "<h4><a href=\"/s/" in section  # the Hamrin story, under داعش, one level down
    assert "q=%D8%A7%D9%84%D8%B3%D9%88%D8%AF%D8%A7%D9%86" not in section  # one reader's topic stays private
