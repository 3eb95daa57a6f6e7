"""A SPARQL 1.1 Protocol endpoint over the graph store, as an ASGI app run by uvicorn.

`/sparql` answers queries (GET, form POST, application/sparql-query POST) in the format
the Accept header asks for; `/` serves the interactive HTML and `/query` a small query
page. It is read-only unless built with `allow_update`: SPARQL Update and Graph Store
writes get 403. SERVICE is always refused, so a query cannot make the server fetch
other hosts. Each query has a time limit and a row limit (see graphbuild.querypool).

The workers open a read-only snapshot of the store when they start, so a build running
meanwhile does not disturb them and they do not see its results: restart the server
after a build (a worker replaced after a timeout opens a fresh snapshot, so until then
answers may mix the two states). With `allow_update`, the one worker holds the store's
lock, and a build fails with "store ... is locked" until the server stops.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from graphbuild.querypool import Answer, Job, QueryPool, error
from graphbuild.store import GraphStore, StoreError

MAX_QUERY_BYTES = 1 << 20
RESULT_TYPES = (("json", ("application/sparql-results+json", "application/json")),
                ("xml", ("application/sparql-results+xml", "application/xml", "text/xml")),
                ("csv", ("text/csv",)),
                ("tsv", ("text/tab-separated-values",)))
GRAPH_TYPES = (("turtle", ("text/turtle", "application/x-turtle", "application/turtle")),
               ("ntriples", ("application/n-triples", "text/plain")),
               ("rdfxml", ("application/rdf+xml",)),
               ("jsonld", ("application/ld+json",)))
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})
QUERY_PAGE_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'"
HOME_PAGE = ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>graphbuild</title></head>'
             '<body><h1>graphbuild</h1><p><a href="query">Query the graph</a> or send SPARQL to '
             '<code>/sparql</code>.</p></body></html>\n')

# What the parser may read as code once comments, strings, IRIs, variables and the local
# parts of prefixed names are blanked out. The local parts stop at a dot, because
# `ex:.SERVICE` parses as `ex:` `.` SERVICE: better to over-blank nothing than miss one.
_NOT_CODE = re.compile(r"""
    \#[^\r\n]*
  | '''(?:[^'\\]|\\.|'(?!''))*''' | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
  | '(?:[^'\\\r\n]|\\.)*' | "(?:[^"\\\r\n]|\\.)*"
  | <[^<>"{}|^`\\\x00-\x20]*>
  | [?$]\w+
  | (?<=:)(?:[\w:%-]|\\.)+
""", re.VERBOSE | re.DOTALL)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_WORD = re.compile(r"\w+:?")


def _unescape(text: str) -> str:
    """`text` with \\u and \\U escapes decoded, as the SPARQL grammar allows them anywhere."""
    def decode(match: re.Match[str]) -> str:
        code = int(match[1] or match[2], 16)
        return chr(code) if code <= 0x10FFFF else match[0]
    return _ESCAPE.sub(decode, text)


def _code(text: str) -> list[str]:
    """The text as the parser may read it, with and without escapes decoded (a query is refused
    when either reading holds a forbidden keyword)."""
    return [_NOT_CODE.sub(" ", variant) for variant in dict.fromkeys((text, _unescape(text)))]


def uses_service(text: str) -> bool:
    """Whether the query may hold a SERVICE clause; glued forms (`SERVICEex:x`, `5SERVICE`) count."""
    return any(re.search("service", code, re.IGNORECASE) for code in _code(text))


def is_update(text: str) -> bool:
    """Whether `text` is a SPARQL Update: its first keyword after the prologue is an update operation."""
    for code in _code(text):
        words = [w.upper() for w in _WORD.findall(code) if not w.endswith(":") and w.upper() not in ("PREFIX", "BASE")]
        if words and words[0] in UPDATE_KEYWORDS:
            return True
    return False


def _uses_load(text: str) -> bool:
    return any(re.search("load", code, re.IGNORECASE) for code in _code(text))


def negotiate(accept: str | None, offers: tuple[tuple[str, tuple[str, ...]], ...]) -> str | None:
    """The key of the offer `accept` prefers (q, then specificity, then the client's order), or None.

    An absent or empty Accept header takes the first offer.
    """
    ranges = []
    for index, item in enumerate((accept or "").split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = -1.0
        if media and q >= 0:
            ranges.append((media.lower(), q, index))
    if not ranges:
        return offers[0][0]
    best: tuple[float, int, int, int] | None = None
    choice = None
    for order, (key, names) in enumerate(offers):
        matches = [(_specificity(media, names), q, index) for media, q, index in ranges]
        specificity, q, index = max(matches, key=lambda match: match[0])
        rank = (q, specificity, -index, -order)
        if specificity and q > 0 and (best is None or rank > best):
            best, choice = rank, key
    return choice


def _specificity(media: str, names: tuple[str, ...]) -> int:
    """How closely a media range matches an offer: 3 by any of its names, 2 as type/* of its
    main name (aliases such as text/xml only match exactly), 1 as */*, 0 not at all."""
    if media in names:
        return 3
    if media.endswith("/*") and media != "*/*":
        return 2 if names[0].startswith(media[:-1]) else 0
    return 1 if media == "*/*" else 0


def _respond(answer: Answer) -> Response:
    headers = {"X-Content-Type-Options": "nosniff"}
    if answer.truncated:
        headers["X-Result-Truncated"] = "true"
    return Response(answer.body, status_code=answer.status, headers=headers, media_type=answer.content_type)


class Endpoint:
    """The request handlers, sharing one worker pool and the endpoint's limits."""

    def __init__(self, pool: QueryPool, allow_update: bool, max_results: int, html_path: Path | None) -> None:
        self.pool = pool
        self.allow_update = allow_update
        self.max_results = max_results
        self.html_path = html_path

    async def home(self, request: Request) -> Response:
        if self.html_path is None:
            return HTMLResponse(HOME_PAGE)
        try:
            return HTMLResponse(self.html_path.read_bytes())
        except OSError:
            return _respond(error(404, f"the graph page {self.html_path.name} is missing: build it first"))

    async def query_page(self, request: Request) -> Response:
        page = resources.files("graphbuild").joinpath("templates").joinpath("query.html").read_text("utf-8")
        return HTMLResponse(page, headers={"Content-Security-Policy": QUERY_PAGE_CSP})

    async def graph_store(self, request: Request) -> Response:
        if request.method in ("GET", "HEAD"):
            return _respond(error(404, "the Graph Store Protocol is not served here: query /sparql instead"))
        return _respond(self._write_refused())

    def _write_refused(self) -> Answer:
        if self.allow_update:
            return error(405, "Graph Store Protocol writes are not supported: send a SPARQL Update to /sparql")
        return error(403, "this endpoint is read-only: Graph Store Protocol writes are not allowed")

    async def sparql(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD", "POST"):
            return _respond(self._write_refused())
        params = {key: request.query_params.getlist(key) for key in request.query_params}
        body = b""
        if request.method == "POST":
            body = await request.body()
            if len(body) > MAX_QUERY_BYTES:
                return _respond(error(413, f"the request is larger than {MAX_QUERY_BYTES} bytes"))
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return _respond(error(400, "the request body is not UTF-8"))
        if request.method == "POST" and media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(text, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        elif request.method == "POST" and media in ("application/sparql-query", "application/sparql-update"):
            params.setdefault("update" if media.endswith("update") else "query", []).append(text)
        elif request.method == "POST" and "graph" not in params and "default" not in params:
            return _respond(error(415, f"unsupported content type {media or '(none)'!r}: send "
                                       "application/sparql-query, application/sparql-update or a form"))
        return _respond(await self._dispatch(request, params))

    async def _dispatch(self, request: Request, params: dict[str, list[str]]) -> Answer:
        if "update" in params:
            if not self.allow_update:
                return error(403, "this endpoint is read-only: SPARQL Update is not allowed")
            if request.method != "POST" or len(params["update"]) != 1:
                return error(400, "send exactly one update, by POST")
            return await self._run(params["update"][0], update=True)
        if "query" not in params:
            if request.method == "POST" and ("graph" in params or "default" in params):
                return self._write_refused()
            return error(400, "missing query: send query=... or POST a body of type application/sparql-query "
                              "(the page /query helps)")
        if len(params["query"]) != 1:
            return error(400, "send exactly one query")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return error(400, "default-graph-uri and named-graph-uri are not supported: the default graph is the "
                              "union of all documents; use GRAPH <document IRI> to pick one")
        return await self._run(params["query"][0], update=False, accept=request.headers.get("accept"))

    async def _run(self, text: str, update: bool, accept: str | None = None) -> Answer:
        if not text.strip():
            return error(400, "empty query")
        if uses_service(text):
            return error(400, "SERVICE (federated queries) is not allowed")
        if update and _uses_load(text):
            return error(400, "LOAD is not allowed: it would make the server fetch other hosts")
        if not update and is_update(text):
            if self.allow_update:
                return error(400, "this is a SPARQL Update: send it as update=... or as application/sparql-update")
            return error(403, "this endpoint is read-only: SPARQL Update is not allowed")
        job = Job(text, update=update, results_format=negotiate(accept, RESULT_TYPES),
                  graph_format=negotiate(accept, GRAPH_TYPES), max_results=self.max_results)
        return await self.pool.run(job)


def create_app(store_dir: Path, allow_update: bool = False, timeout: float = 10.0, max_results: int = 10000,
               html_path: Path | None = None, workers: int = 2) -> Starlette:
    """The endpoint as an ASGI app; StoreError now if there is no store at `store_dir`.

    The worker processes start with the app (its lifespan) and stop with it.
    """
    GraphStore(store_dir, read_only=True).close()
    pool = QueryPool(Path(store_dir), size=workers, timeout=timeout, writable=allow_update)
    endpoint = Endpoint(pool, allow_update, max_results, Path(html_path) if html_path else None)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            pool.close()

    write_methods = ["PUT", "POST", "DELETE", "PATCH"]
    return Starlette(routes=[
        Route("/", endpoint.home, methods=["GET"]),
        Route("/query", endpoint.query_page, methods=["GET"]),
        Route("/sparql", endpoint.sparql, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
        Route("/store", endpoint.graph_store, methods=["GET", *write_methods]),
    ], lifespan=lifespan)


def run(app: Starlette, host: str = "127.0.0.1", port: int = 7878) -> None:
    """Serve `app` with uvicorn until interrupted; loopback only unless `host` says otherwise."""
    uvicorn.run(app, host=host, port=port, log_level="info")


def main(argv: list[str] | None = None) -> int:
    """`python -m graphbuild.serve --store DIR [--port N]`: the endpoint without the full CLI."""
    parser = argparse.ArgumentParser(prog="python -m graphbuild.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="the store folder")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=7878)
    parser.add_argument("--allow-update", action="store_true", help="accept SPARQL Update")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per query")
    parser.add_argument("--max-results", type=int, default=10000, help="rows or triples per answer")
    parser.add_argument("--html", type=Path, help="the page to serve at /")
    args = parser.parse_args(argv)
    try:
        app = create_app(args.store, args.allow_update, args.timeout, args.max_results, args.html)
    except StoreError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    run(app, args.host, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
