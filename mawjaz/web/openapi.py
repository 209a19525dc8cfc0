"""The OpenAPI 3.1 document of ``/api/*``: the README's JSON contract (``stories --json``, ``topic --json``) as schemas.

Written by hand from :mod:`mawjaz.digest.views` (the ``to_json`` methods are
the contract); ``tests/web/test_api.py`` checks the live API against it with
schemathesis, so the two cannot drift apart unnoticed.
"""

from __future__ import annotations

from typing import Any

_NULLABLE_STRING = {"type": ["string", "null"]}
_TIME = {"type": ["string", "null"], "format": "date-time"}

SCHEMAS: dict[str, Any] = {
    "Copy": {
        "type": "object",
        "required": ["source", "url", "external_id", "source_name"],
        "properties": {
            "source": {"type": "string"},
            "url": _NULLABLE_STRING,
            "external_id": _NULLABLE_STRING,
            "source_name": _NULLABLE_STRING,
        },
    },
    "Article": {
        "type": "object",
        "required": ["id", "title", "source", "url", "published", "copies", "source_name"],
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "source": {"type": "string"},
            "url": _NULLABLE_STRING,
            "published": _TIME,
            "copies": {"type": "array", "items": {"$ref": "#/components/schemas/Copy"}},
            "source_name": _NULLABLE_STRING,
            "about": {"type": "boolean", "description": "a /topic answer: about the topic, or a passing mention"},
        },
    },
    "Actor": {
        "type": "object",
        "required": ["name", "type", "score"],
        "properties": {
            "name": {"type": "string"},
            "type": {"type": "string", "enum": ["PER", "ORG", "LOC"]},
            "score": {"type": "number"},
        },
    },
    "Story": {
        "type": "object",
        "required": ["id", "headline", "summary", "actors", "first_seen", "last_seen", "articles"],
        "properties": {
            "id": {"type": "integer"},
            "headline": {"type": "string"},
            "summary": {"type": "string"},
            "actors": {"type": "array", "items": {"$ref": "#/components/schemas/Actor"}},
            "first_seen": {"type": "string", "format": "date-time"},
            "last_seen": {"type": "string", "format": "date-time"},
            "articles": {"type": "array", "items": {"$ref": "#/components/schemas/Article"}},
            "article_count": {"type": "integer", "description": "a /topic answer: all the articles the story holds"},
        },
    },
    "TopicAnswer": {
        "type": "object",
        "required": ["query", "terms", "stories", "names", "since", "older"],
        "properties": {
            "query": {"type": "string"},
            "terms": {"type": "array", "items": {"type": "string"}},
            "stories": {"type": "array", "items": {"$ref": "#/components/schemas/Story"}},
            "names": {"type": "array", "items": {"type": "string"}},
            "since": _TIME,
            "older": {"type": "integer"},
        },
    },
    "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
}


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


_SINCE = {
    "name": "since",
    "in": "query",
    "required": False,
    "description": "WHEN as for --since (90m, 24h, 3d, 2w or an ISO date), or `all` (--all); default 24h",
    "schema": {
        "anyOf": [
            {"type": "string", "pattern": "^(all|[0-9]{1,5}[mhdw])$"},
            {"type": "string", "format": "date"},
        ]
    },
}


def document(stories_limit: int, topic_limit: int) -> dict[str, Any]:
    """The document, with the limits the server enforces."""
    common = {
        "400": _error("a malformed parameter, or a query that cannot be searched"),
        "429": _error("over the budget"),
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Mawjaz", "version": "1", "description": "The stories and /topic, as `mawjaz … --json`."},
        "paths": {
            "/api/stories": {
                "get": {
                    "operationId": "stories",
                    "summary": "mawjaz stories --json: stories, the most recent first",
                    "parameters": [
                        _SINCE,
                        {
                            "name": "limit",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "integer", "minimum": 1, "maximum": stories_limit, "default": 50},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "the stories",
                            "content": {
                                "application/json": {
                                    "schema": {"type": "array", "items": {"$ref": "#/components/schemas/Story"}}
                                }
                            },
                        },
                        **common,
                    },
                }
            },
            "/api/topic": {
                "get": {
                    "operationId": "topic",
                    "summary": "mawjaz topic QUERY --json: stories about a topic in all its names",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "required": True,
                            "description": "the topic; one with nothing searchable (empty, punctuation, stop words) "
                            "or over 200 characters is a 400",
                            "schema": {"type": "string"},
                        },
                        _SINCE,
                        {
                            "name": "limit",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "integer", "minimum": 1, "maximum": topic_limit, "default": 10},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "the answer",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TopicAnswer"}}},
                        },
                        **common,
                    },
                }
            },
        },
        "components": {"schemas": SCHEMAS},
    }
