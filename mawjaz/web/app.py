"""The web application (Starlette): the story pages, the Atom feed, the JSON API, and the bots' webhooks.

Read-only and safe by construction:

* every page is a Jinja2 template with autoescape on; outside text (headlines,
  outlet names, actors) sits in ``<bdi>`` or ``dir="auto"`` elements, so a
  left-to-right run inside Arabic (or a feed's stray bidi control) stays in
  its own box;
* every response carries a Content-Security-Policy allowing no script at all
  (the pages have none) and styles from this origin only;
* an unexpected error is logged with its traceback and answered with a
  generic page (or JSON), never the error; a bad parameter is a 400;
* each client (by address) has a request budget, a token bucket
  (:class:`mawjaz.bot.command_budget.CommandThrottle`, the bots' own); past it, 429 with
  ``Retry-After``. Slack and Telegram requests are not counted: their senders are
  checked by signature and secret instead;
* ``/topic`` applies the bots' query limits (:func:`mawjaz.digest.topic.check_query`)
  and a result limit.

Database work runs in Starlette's thread pool (the endpoints are plain
functions), as do the bots' routes (:mod:`mawjaz.bot.routes`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mawjaz.bot.command_budget import Budget, CommandThrottle
from mawjaz.bot.routes import MAX_BODY
from mawjaz.bot.routes import Route as BotRoute
from mawjaz.digest import dates, render
from mawjaz.digest.build import story_views
from mawjaz.digest.pick import build_digest
from mawjaz.digest.topic import find_topic
from mawjaz.digest.when import parse_when
from mawjaz.errors import CommandError
from mawjaz.storage import stories as stories_repo
from mawjaz.storage.engine import reading
from mawjaz.storage.models import utcnow
from mawjaz.web import atom, openapi, pages
from mawjaz.web.texts import texts

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from mawjaz.config import Settings
    from mawjaz.text.aliases import AliasIndex

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
WINDOWS = ("24h", "3d", "7d", "30d", "all")  # the choices the pages offer; ?since= takes any WHEN
STORIES_LIMIT = 200
TOPIC_LIMIT = 50
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


@dataclass(frozen=True)
class WebOptions:
    """What the pages need from the settings: built once by :meth:`from_settings`; tests pass their own."""

    public_url: str | None = None  # MAWJAZ_PUBLIC_URL without its trailing slash
    digest_size: int = 10
    zone: str | None = None  # times shown in the default subscriber zone
    aliases: AliasIndex | None = None
    budget: Budget = field(default_factory=lambda: Budget(burst=60, per_second=2.0))
    clock: Callable[[], datetime] = utcnow

    @classmethod
    def from_settings(cls, settings: Settings, aliases: AliasIndex | None = None) -> WebOptions:
        return cls(
            public_url=settings.public_base,
            digest_size=settings.digest_size,
            zone=settings.default_timezone,
            aliases=aliases,
        )


# --- the request budget and the security headers (one small ASGI layer) ------------------------------


class Guard:
    """Adds the security headers to every response and spends the client's request budget on every GET."""

    def __init__(self, app: ASGIApp, throttle: CommandThrottle, exempt: frozenset[str]) -> None:
        self.app = app
        self.throttle = throttle
        self.exempt = exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        client = (scope.get("client") or ("?", 0))[0]
        if scope["path"] not in self.exempt and not self.throttle.allow(f"web:{client}"):
            wait = max(1, round(self.throttle.wait_for(f"web:{client}")))
            lang = "en" if b"lang=en" in scope.get("query_string", b"") else "ar"
            response = PlainTextResponse(
                texts(lang)["too_many"].format(n=wait), status_code=429, headers={"Retry-After": str(wait)}
            )
            await response(scope, receive, with_headers)
            return
        await self.app(scope, receive, with_headers)


# --- small helpers the templates use ------------------------------------------------------------------


def _lang(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "ar"


def _window(value: str | None, default: str, now: datetime) -> tuple[str, datetime | None]:
    """``?since=``: a WHEN as for ``--since`` or ``all``; a malformed one is a 400."""
    text = (value or default).strip()
    if text == "all":
        return text, None
    try:
        return text, parse_when(text, now)
    except CommandError as exc:
        raise HTTPException(400, str(exc)) from None


def _limit(value: str | None, default: int, most: int) -> int:
    if value is None:
        return default
    if not re.fullmatch(r"\d{1,6}", value.strip()) or not 1 <= int(value) <= most:
        raise HTTPException(400, f"limit must be a whole number from 1 to {most}")
    return int(value)


def _reports(n: int, lang: str) -> str:
    """«تقرير واحد»، «تقريران»، «3 تقارير»، «11 تقريراً» / "1 report", "3 reports"."""
    if lang == "en":
        return "1 report" if n == 1 else f"{n} reports"
    return dates.count_ar(n, "تقرير واحد", "تقريران", "تقارير", "تقريراً", "تقرير")


class Site:
    """The application's endpoints over one engine; :func:`make_app` wires them."""

    def __init__(self, engine: Engine, options: WebOptions) -> None:
        self.engine = engine
        self.options = options
        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, undefined=jinja2.StrictUndefined
        )
        env.filters["when"] = self._when
        env.filters["sources"] = dates.sources
        env.filters["reports"] = _reports
        self.templates = Jinja2Templates(env=env)

    # --- rendering
    def _when(self, moment: datetime | None, lang: str) -> str:
        if moment is None:
            return ""
        day = dates.local(moment, self.options.zone)
        months = dates.MONTHS_EN if lang == "en" else dates.MONTHS_AR
        return f"{day.day} {months[day.month - 1]} {day.year} {day:%H:%M}"

    def page(self, request: Request, name: str, status: int = 200, **values: Any) -> Response:
        lang = _lang(request)

        def link(path: str, **params: Any) -> str:
            query = {k: v for k, v in params.items() if v is not None}
            if lang == "en":
                query["lang"] = "en"
            return path + ("?" + urlencode(query) if query else "")

        other = dict(request.query_params)
        if lang == "en":
            other.pop("lang", None)
        else:
            other["lang"] = "en"
        context = {
            "lang": lang,
            "dir": "ltr" if lang == "en" else "rtl",
            "t": texts(lang),
            "link": link,
            "other_lang": request.url.path + ("?" + urlencode(other) if other else ""),
            "windows": WINDOWS,
            "iso": lambda m: dates.local(m, "UTC").isoformat() if m else "",
            "latest": render.latest,
            "q": "",
            **values,
        }
        return self.templates.TemplateResponse(request, name, context, status_code=status)

    def _read(self, work: Callable[[Any], Any]) -> Any:
        with reading(self.engine) as session:
            return work(session)

    # --- pages
    def today(self, request: Request) -> Response:
        now = self.options.clock()
        since_text, since = _window(request.query_params.get("since"), "24h", now)
        lang = _lang(request)

        def read(session):
            digest = build_digest(session, since, self.options.digest_size, lang, now)
            return digest, pages.followed_sections(session, since, self.options.aliases)

        digest, sections = self._read(read)
        return self.page(request, "today.html", digest=digest, sections=sections, since=since_text)

    def story(self, request: Request) -> Response:
        story_id = request.path_params["story_id"]
        found = self._read(lambda s: pages.story_page(s, story_id))
        if isinstance(found, pages.Moved):
            return RedirectResponse(
                f"/s/{found.story_id}" + (f"?{request.url.query}" if request.url.query else ""), 301
            )
        if found is None:
            raise HTTPException(404)
        return self.page(request, "story.html", p=found, story=found.story)

    def topic(self, request: Request) -> Response:
        query = request.query_params.get("q", "")
        now = self.options.clock()
        since_text, since = _window(request.query_params.get("since"), "30d", now)
        if not query.strip():
            return self.page(request, "topic.html", answer=None, q="", since=since_text, problem=None)
        try:
            answer = self._read(lambda s: find_topic(s, query, since, 10, self.options.aliases))
        except CommandError as exc:
            return self.page(request, "topic.html", 400, answer=None, q=query, since=since_text, problem=str(exc))
        return self.page(request, "topic.html", answer=answer, q=answer.query, since=since_text, problem=None)

    def feed(self, request: Request) -> Response:
        now = self.options.clock()
        digest = self._read(lambda s: build_digest(s, now - timedelta(hours=24), self.options.digest_size, "ar", now))
        base = self.options.public_url or str(request.base_url).rstrip("/")
        title = render.title_of(digest) if digest.stories else texts("ar")["today"]
        body = atom.digest_feed(digest, base, now, title)
        return Response(body, media_type="application/atom+xml; charset=utf-8")

    # --- API: the CLI's JSON, byte for byte
    def api_stories(self, request: Request) -> Response:
        _, since = _window(request.query_params.get("since"), "24h", self.options.clock())
        limit = _limit(request.query_params.get("limit"), 50, STORIES_LIMIT)
        body = self._read(lambda s: render.render_json(story_views(s, stories_repo.recent(s, since, limit))))
        return Response(body, media_type="application/json")

    def api_topic(self, request: Request) -> Response:
        _, since = _window(request.query_params.get("since"), "24h", self.options.clock())
        limit = _limit(request.query_params.get("limit"), 10, TOPIC_LIMIT)
        try:
            answer = self._read(
                lambda s: find_topic(s, request.query_params.get("q", ""), since, limit, self.options.aliases)
            )
        except CommandError as exc:
            return JSONResponse({"error": str(exc)}, 400)
        return Response(render.render_json(answer), media_type="application/json")

    def api_document(self, request: Request) -> Response:
        return JSONResponse(openapi.document(STORIES_LIMIT, TOPIC_LIMIT))

    # --- errors
    def http_error(self, request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.detail}, exc.status_code)
        t = texts(_lang(request))
        message = {404: t["not_found"], 405: t["bad_request"]}.get(exc.status_code, exc.detail)
        if request.method != "GET":
            return PlainTextResponse(message, exc.status_code)
        return self.page(request, "error.html", exc.status_code, message=message)

    def server_error(self, request: Request, exc: Exception) -> Response:
        log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "internal error"}, 500)
        return PlainTextResponse(texts(_lang(request))["error"], 500)


def bot_endpoint(route: BotRoute) -> Callable[[Request], Any]:
    """A Slack or Telegram route (:mod:`mawjaz.bot.routes`) as an endpoint: body capped, run in a thread."""

    async def endpoint(request: Request) -> Response:
        length = request.headers.get("content-length", "0")
        if not length.isdigit() or int(length) > MAX_BODY:
            return PlainTextResponse("too large", 413)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                return PlainTextResponse("too large", 413)
        headers = {k.lower(): v for k, v in request.headers.items()}
        answer = await run_in_threadpool(route, body, request.url.query, headers)
        return Response(answer.body, answer.status, headers=dict(answer.headers))

    return endpoint


def make_app(engine: Engine | None, options: WebOptions, bots: Mapping[str, BotRoute] | None = None) -> ASGIApp:
    """The application: the pages over ``engine`` (none: the bots' routes alone) and ``bots``' POST routes."""
    routes: list[Any] = [Route(path, bot_endpoint(route), methods=["POST"]) for path, route in (bots or {}).items()]
    routes.append(Route("/healthz", lambda request: PlainTextResponse("ok"), methods=["GET"]))
    site = None
    if engine is not None:
        site = Site(engine, options)
        routes += [
            Route("/", site.today, methods=["GET"]),
            Route("/s/{story_id:int}", site.story, methods=["GET"]),
            Route("/topic", site.topic, methods=["GET"]),
            Route("/digest.atom", site.feed, methods=["GET"]),
            Route("/api/stories", site.api_stories, methods=["GET"]),
            Route("/api/topic", site.api_topic, methods=["GET"]),
            Route("/api/openapi.json", site.api_document, methods=["GET"]),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ]
    handlers: dict[Any, Callable[[Request, Exception], Any]] = {}
    if site is not None:
        handlers = {HTTPException: site.http_error, Exception: site.server_error}
    app = Starlette(routes=routes, exception_handlers=handlers)
    return Guard(app, CommandThrottle(options.budget), frozenset(bots or {}) | {"/healthz"})
