"""``mawjaz feeds`` as a feed reader's: a site's feed found, OPML in and out, bad URLs refused at once.

A tiny site on 127.0.0.1 serves a page that declares its feeds and the feed
itself; MAWJAZ_ALLOW_PRIVATE_URLS=1 lets these tests reach it, as an
intranet deployment would. Without it, the same URLs are refused.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from mawjaz.cli.app import cli

FEED = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "feeds" / "rss_full_text_in_content_encoded.xml"
OPML = Path(__file__).resolve().parents[1] / "fixtures" / "opml"
PRIVATE = {"MAWJAZ_ALLOW_PRIVATE_URLS": "1"}

PAGE = """<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>أخبار</title>
<link rel="alternate" type="application/rss+xml" title="الأخبار" href="/rss.xml">
<link rel="alternate" type="application/atom+xml" title="الرياضة" href="/sport/atom.xml">
<link rel="alternate" type="application/rss+xml" title="تعليقات" href="/comments/feed">
</head><body><h1>أخبار اليوم</h1><p>نص الصفحة الأولى.</p><p>فقرة ثانية.</p></body></html>"""
BARE_PAGE = "<!doctype html><html><head><title>x</title></head><body><p>no feed here</p><p>at all</p></body></html>"


class Site(ThreadingHTTPServer):
    """``/`` declares two feeds (and a comments feed), ``/rss.xml`` is a feed, ``/bare`` names none."""

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


@pytest.fixture
def site() -> Iterator[Site]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            routes = {
                "/": (PAGE.encode(), "text/html; charset=utf-8"),
                "/bare": (BARE_PAGE.encode(), "text/html"),
                "/rss.xml": (FEED.read_bytes(), "application/rss+xml"),
                "/sport/atom.xml": (FEED.read_bytes(), "application/rss+xml"),
            }
            body, kind = routes.get(self.path, (b"", ""))
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", kind or "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = Site(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield server
    server.shutdown()


@pytest.fixture
def mawjaz(db_url):
    """``mawjaz ARGS`` on an empty database (SQLite, then PostgreSQL), with ``env`` added."""
    runner = CliRunner()

    def run(*args: str, env: dict | None = None, input: bytes | None = None):
        return runner.invoke(cli, ["--database", db_url, *args], env=env, input=input, catch_exceptions=False)

    return run


def _feeds(mawjaz) -> list[dict]:
    return json.loads(mawjaz("feeds", "list", "--json").stdout)


def test_a_site_gets_the_first_feed_its_page_declares_and_says_which(mawjaz, site):
    result = mawjaz("feeds", "add", site.url("/"), env=PRIVATE)
    assert result.exit_code == 0, result.output
    first, second = result.stdout.splitlines()
    assert first == f"added {site.url('/rss.xml')} (every 900 s)"
    assert (
        second
        == f"the feed {site.url('/')} declares is {site.url('/rss.xml')}; it also names {site.url('/sport/atom.xml')}"
    )
    assert [f["url"] for f in _feeds(mawjaz)] == [site.url("/rss.xml")]


def test_a_feed_url_is_taken_as_it_is(mawjaz, site):
    result = mawjaz("feeds", "add", site.url("/rss.xml"), "--every", "10m", env=PRIVATE)
    assert result.stdout == f"added {site.url('/rss.xml')} (every 600 s)\n"
    again = mawjaz("feeds", "add", site.url("/rss.xml"), "--every", "1h", env=PRIVATE)
    assert again.stdout.startswith("updated") and _feeds(mawjaz)[0]["interval_s"] == 3600
    assert mawjaz("feeds", "remove", site.url("/rss.xml")).exit_code == 0 and _feeds(mawjaz) == []


def test_a_page_without_a_feed_adds_nothing(mawjaz, site):
    result = mawjaz("feeds", "add", site.url("/bare"), env=PRIVATE)
    assert result.exit_code == 2 and len(result.output.splitlines()) == 1
    assert "names no feed" in result.output and _feeds(mawjaz) == []


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://127.0.0.1/x.xml", "loopback"),
        ("http://10.0.0.7/rss", "private network"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
        ("http://[fe80::1]/rss", "link-local"),
        ("http://localhost:8080/rss", "loopback"),
        ("ftp://example.com/feed.xml", "only http:// and https://"),
        ("example.com/rss.xml", "only http:// and https://"),
        ("http://exa mple.com/rss", "has a space"),
        ("https://example..com/rss", "empty label"),
        ("https:///rss", "names no host"),
    ],
)
def test_a_url_the_poller_would_refuse_is_refused_at_once(mawjaz, url, why):
    result = mawjaz("feeds", "add", url)
    assert result.exit_code == 2, result.output
    [line] = result.output.splitlines()
    assert line.startswith("error:") and why in line
    assert _feeds(mawjaz) == []


def test_a_site_out_of_reach_is_one_line_and_adds_nothing(mawjaz, site):
    closed = site.url("/rss.xml")
    site.shutdown()
    site.server_close()
    result = mawjaz("feeds", "add", closed, env=PRIVATE)
    assert result.exit_code == 2 and len(result.output.splitlines()) == 1
    assert "nothing was added" in result.output and _feeds(mawjaz) == []


def test_the_poller_and_add_agree_on_a_local_site(mawjaz, site):
    """Without MAWJAZ_ALLOW_PRIVATE_URLS, the test site itself is refused: add checks what polling checks."""
    result = mawjaz("feeds", "add", site.url("/rss.xml"))
    assert result.exit_code == 2 and "loopback" in result.output


@pytest.mark.parametrize("name", ["miniflux.opml", "freshrss.opml", "nested.opml"])
def test_import_then_export_round_trips_a_readers_list(mawjaz, name, tmp_path):
    imported = mawjaz("feeds", "import", str(OPML / name), "--json")
    assert imported.exit_code == 0, imported.output
    done = json.loads(imported.stdout)
    exported = mawjaz("feeds", "export").stdout_bytes
    again = _outlines(exported)
    assert again == _outlines((OPML / name).read_bytes())
    assert len(done["added"]) == len(again) and done["refused"] == []
    # and the export, imported into another database, exports as the same list
    (tmp_path / "export.opml").write_bytes(exported)
    other = ["--database", f"sqlite:///{tmp_path / 'other.sqlite'}", "feeds"]
    CliRunner().invoke(cli, [*other, "import", str(tmp_path / "export.opml")], catch_exceptions=False)
    assert _outlines(CliRunner().invoke(cli, [*other, "export"]).stdout_bytes) == again


def _outlines(document: bytes) -> set[tuple[str, str | None, str | None]]:
    """(feed URL, name, innermost category) of each feed outline, each URL once (its first place)."""
    root = etree.fromstring(document)
    found: dict[str, tuple[str, str | None, str | None]] = {}
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        if not url or url in found:
            continue
        parent = outline.getparent()
        category = parent.get("text") if parent is not None and parent.tag == "outline" else None
        found[url] = (url, outline.get("text") or outline.get("title"), category)
    return set(found.values())


def test_import_counts_duplicates_and_leaves_existing_feeds_as_they_are(mawjaz):
    first = json.loads(mawjaz("feeds", "import", str(OPML / "freshrss.opml"), "--every", "1h", "--json").stdout)
    assert len(first["added"]) == 3 and first["duplicates"] == ["https://www.skynewsarabia.com/rss.xml"]
    again = mawjaz("feeds", "import", str(OPML / "freshrss.opml"))
    assert again.stdout == "added 0, already there 3, listed twice 1, refused 0\n"
    assert {f["interval_s"] for f in _feeds(mawjaz)} == {3600}


def test_import_refuses_the_feeds_the_poller_would_and_keeps_the_rest(mawjaz):
    result = mawjaz("feeds", "import", str(OPML / "refused.opml"), "--json")
    assert result.exit_code == 0
    done = json.loads(result.stdout)
    assert done["added"] == ["https://feeds.bbci.co.uk/arabic/rss.xml"]
    assert len(done["refused"]) == 5 and len(result.stderr.splitlines()) == 5
    assert [f["url"] for f in _feeds(mawjaz)] == ["https://feeds.bbci.co.uk/arabic/rss.xml"]


@pytest.mark.parametrize("name", ["truncated.opml", "not_opml.xml"])
def test_a_malformed_list_is_one_line_and_adds_nothing(mawjaz, name):
    result = mawjaz("feeds", "import", str(OPML / name))
    assert result.exit_code == 2
    [line] = result.output.splitlines()
    assert line.startswith("error:") and "nothing was imported" in line
    assert _feeds(mawjaz) == []


def test_an_entity_in_a_list_is_not_expanded(mawjaz, tmp_path):
    hostile = tmp_path / "xxe.opml"
    hostile.write_text(
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<opml version="2.0"><head><title>&x;</title></head><body>'
        '<outline text="&x;" type="rss" xmlUrl="https://news.example/rss"/></body></opml>'
    )
    mawjaz("feeds", "import", str(hostile))
    assert "root:" not in mawjaz("feeds", "export").stdout


def test_import_reads_stdin_and_a_missing_file_is_one_line(mawjaz):
    result = mawjaz("feeds", "import", "-", input=(OPML / "miniflux.opml").read_bytes())
    assert result.stdout.startswith("added 3")
    missing = mawjaz("feeds", "import", "/nonexistent/list.opml")
    assert missing.exit_code == 2 and missing.output.startswith("error:")


# --- /feeds add from chat finds the feed the same way ------------------------------------------


def _chat_feeds_add(db_url: str, url: str, env: dict[str, str]):
    """``/feeds add URL`` from a Mawjaz administrator, through the services the running bot builds from its settings."""
    from botkit import chat

    from mawjaz.bot.commands import dispatch_text
    from mawjaz.bot.values import CommandRequest
    from mawjaz.config import Settings
    from mawjaz.service import services_for
    from mawjaz.storage import migrate
    from mawjaz.storage.engine import make_engine

    settings = Settings(database_url=db_url, admins="telegram:42", **env)
    engine = make_engine(db_url)
    migrate.upgrade(engine)
    try:
        services = services_for(settings, engine)
        return dispatch_text(CommandRequest(chat("900"), "", f"/feeds add {url}", user_id="42"), services)
    finally:
        engine.dispose()


def test_a_site_added_from_chat_gets_the_feed_its_page_declares(mawjaz, db_url, site):
    reply = _chat_feeds_add(db_url, site.url("/"), {"allow_private_urls": True})
    assert site.url("/rss.xml") in reply.text and site.url("/") in reply.text.splitlines()[1]
    assert [f["url"] for f in _feeds(mawjaz)] == [site.url("/rss.xml")]


def test_a_page_without_a_feed_added_from_chat_is_one_clear_line_and_adds_nothing(mawjaz, db_url, site):
    reply = _chat_feeds_add(db_url, site.url("/bare"), {"allow_private_urls": True})
    assert "names no feed" in reply.text.splitlines()[0]  # the error, then the usage line
    assert _feeds(mawjaz) == []
