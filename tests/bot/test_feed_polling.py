"""Feed polling in ``mawjaz run``: due feeds are fetched once, stored, revalidated, and backed off on errors."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlmodel import select

from mawjaz.config import Settings
from mawjaz.pipeline.polling import http_client, poll_due_feeds
from mawjaz.storage import feeds
from mawjaz.storage.engine import transaction
from mawjaz.storage.models import Article, Feed, utcnow

FEED = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "feeds" / "rss_full_text_in_content_encoded.xml"


class FeedSite:
    """A tiny site serving one feed with an ETag (304 when it matches), and a broken path."""

    def __init__(self) -> None:
        body = FEED.read_bytes()
        site = self
        self.hits: list[tuple[str, str | None]] = []

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                site.hits.append((self.path, self.headers.get("If-None-Match")))
                if self.path == "/broken.xml":
                    self.send_response(500)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif self.headers.get("If-None-Match") == '"v1"':
                    self.send_response(304)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                else:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                    self.send_header("ETag", '"v1"')
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"


@pytest.fixture
def site() -> Iterator[FeedSite]:
    served = FeedSite()
    yield served
    served.server.shutdown()


def _poll(engine, worker: str = "w1"):
    settings = Settings(database_url=str(engine.url))
    with http_client(settings) as client:
        return poll_due_feeds(engine, settings, worker, client)


def test_a_due_feed_is_fetched_and_its_articles_stored(fresh_db, site):
    with transaction(fresh_db) as session:
        feeds.add(session, site.url("/rss.xml"), 900)
    [polled] = _poll(fresh_db)
    assert polled.status == 200 and polled.new >= 1 and polled.error is None
    with transaction(fresh_db) as session:
        assert session.exec(select(Article)).all()
        feed = session.exec(select(Feed)).one()
    assert feed.etag == '"v1"' and feed.error_count == 0 and feed.lease_owner is None
    assert feed.next_fetch_at > utcnow() + timedelta(seconds=800)


def test_a_feed_is_not_fetched_again_before_its_interval(fresh_db, site):
    with transaction(fresh_db) as session:
        feeds.add(session, site.url("/rss.xml"), 900)
    _poll(fresh_db)
    assert _poll(fresh_db) == [] and len(site.hits) == 1


def test_the_next_fetch_is_conditional(fresh_db, site):
    with transaction(fresh_db) as session:
        feeds.add(session, site.url("/rss.xml"), 900)
    _poll(fresh_db)
    with transaction(fresh_db) as session:
        session.exec(select(Feed)).one().next_fetch_at = utcnow() - timedelta(seconds=1)
    [polled] = _poll(fresh_db)
    assert polled.status == 304 and polled.new == 0 and site.hits[-1][1] == '"v1"'


def test_a_failing_feed_backs_off_exponentially_and_the_others_go_on(fresh_db, site):
    with transaction(fresh_db) as session:
        feeds.add(session, site.url("/broken.xml"), 600)
        feeds.add(session, site.url("/rss.xml"), 600)
    results = {p.url.rsplit("/", 1)[1]: p for p in _poll(fresh_db)}
    assert results["broken.xml"].error and results["rss.xml"].new >= 1
    with transaction(fresh_db) as session:
        broken = session.exec(select(Feed).where(Feed.url == site.url("/broken.xml"))).one()
    assert broken.error_count == 1 and broken.last_error
    assert broken.next_fetch_at > utcnow() + timedelta(seconds=1100)  # 600 s × 2
    assert feeds.backoff(600, 3) == timedelta(seconds=4800) and feeds.backoff(600, 30) == timedelta(hours=24)


def test_two_workers_never_fetch_the_same_feed_at_once(fresh_db, site):
    with transaction(fresh_db) as session:
        feeds.add(session, site.url("/rss.xml"), 900)
        jobs_a = feeds.claim_due(session, "a", utcnow(), timedelta(minutes=10), 10)
    with transaction(fresh_db) as session:
        jobs_b = feeds.claim_due(session, "b", utcnow(), timedelta(minutes=10), 10)
    assert len(jobs_a) == 1 and jobs_b == []
