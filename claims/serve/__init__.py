"""`claims serve`: the newsroom workbench, a local web app over the same Python API as the command line.

Pages: check a pasted or uploaded article and read its report (the report's own template, with the
workbench's navigation and actions around it); search the database by words or meaning; a statement with its
appearances and history; a speaker with their names and statements; add a statement or an alias; confirm a
check's verified quotes into the database.

The models load once per server process. Model and database work runs on one worker thread at a time
(`WORK`), so several checks at once queue instead of oversubscribing the cores; pages wait for it too, since
they share the database connection.
"""
from __future__ import annotations

import secrets
from collections import OrderedDict
from pathlib import Path

import anyio
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from claims.serve.guard import CSRF_COOKIE, CSRF_FIELD, MAX_BODY, BodyTooLarge, Guard, new_token, token_matches

TEMPLATES = Path(__file__).parent / "templates"
KEPT_RESULTS = 50          # checks kept in memory for their downloads and confirmation
MAX_UPLOAD = 5 * 1024 * 1024
LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
DOWNLOADS = {"json": "application/json", "md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8"}


def _environment() -> Environment:
    from claims.report.render import TEMPLATES as REPORT_TEMPLATES
    from claims.report.render import _environment as report_environment

    report = report_environment()
    env = Environment(loader=ChoiceLoader([FileSystemLoader(str(TEMPLATES)), FileSystemLoader(str(REPORT_TEMPLATES))]),
                      autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)
    env.filters.update(report.filters)
    env.globals.update(report.globals)
    return env


class Workbench:
    """The server's state: the checker (models and database), the checks kept for download, the templates."""

    def __init__(self, checker, writable: bool, database: str):
        self.checker = checker
        self.store = checker.store
        self.writable = writable
        self.database = database
        self.results: OrderedDict[str, dict] = OrderedDict()
        self.env = _environment()
        self.work = anyio.CapacityLimiter(1)

    async def run(self, fn, *args):
        """Model or database work, one piece at a time, off the event loop."""
        return await anyio.to_thread.run_sync(fn, *args, limiter=self.work)

    def page(self, request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        token = request.cookies.get(CSRF_COOKIE) or new_token()
        html = self.env.get_template(template).render(csrf=token, csrf_field=CSRF_FIELD, writable=self.writable,
                                                      database=self.database, **context)
        response = HTMLResponse(html, status_code=status)
        if request.cookies.get(CSRF_COOKIE) != token:
            response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")
        return response

    async def form(self, request: Request, writes: bool = True):
        """The posted form, after its CSRF token is checked; a write to a read-only database is refused."""
        form = await request.form(max_files=1, max_fields=20, max_part_size=MAX_BODY)
        if not token_matches(request.cookies.get(CSRF_COOKIE), form.get(CSRF_FIELD)):
            raise HTTPException(403, "The form's security token is missing or stale; reload the page and try again.")
        if writes and not self.writable:
            raise HTTPException(403, "This workbench reads the bundled sources, which are read-only; start it with "
                                     "claims serve --db FILE to add statements.")
        return form

    def keep(self, result: dict) -> str:
        key = secrets.token_urlsafe(12)
        self.results[key] = result
        while len(self.results) > KEPT_RESULTS:
            self.results.popitem(last=False)
        return key

    def kept(self, key: str) -> dict:
        result = self.results.get(key)
        if result is None:
            raise HTTPException(404, "That check is no longer kept (the server keeps the last 50); check the text "
                                     "again.")
        return result


# ------------------------------------------------------------------ pages


async def check_form(request: Request):
    return request.app.state.bench.page(request, "check.html.j2")


async def check_post(request: Request):
    from claims.checker import CheckError
    from claims.ingest import InputError, read_bytes

    bench: Workbench = request.app.state.bench
    form = await bench.form(request, writes=False)
    lang = form.get("lang") if form.get("lang") in ("vi", "en", "zh") else None
    upload = form.get("file")
    text = form.get("text") or ""
    try:
        if upload is not None and getattr(upload, "filename", None):
            data = await upload.read(MAX_UPLOAD + 1)
            if len(data) > MAX_UPLOAD:
                raise InputError(f"{upload.filename}: over the 5 MB limit")
            # the name only labels the report and tells HTML apart; nothing is read from the server's disk
            name = Path(upload.filename).name or "upload"
            doc = read_bytes(data, name, lang)
            result = await bench.run(bench.checker.check_document, doc)
        elif text.strip():
            result = await bench.run(bench.checker.check_text, text, lang, "pasted text")
        else:
            raise InputError("Paste an article or choose a file to check.")
    except (InputError, CheckError) as exc:
        return bench.page(request, "check.html.j2", status=400, error=str(exc), text=text)
    return RedirectResponse(f"/check/{bench.keep(result)}", status_code=303)


async def check_result(request: Request):
    from claims.report.render import article_segments, comparisons

    bench: Workbench = request.app.state.bench
    key = request.path_params["key"]
    result = bench.kept(key)
    return bench.page(request, "result.html.j2", r=result, key=key, segments=article_segments(result),
                      comparisons=comparisons(result), confirmed=request.query_params.get("confirmed"))


async def check_download(request: Request):
    from claims.report.render import render

    bench: Workbench = request.app.state.bench
    fmt = request.path_params["fmt"]
    if fmt not in DOWNLOADS:
        raise HTTPException(404, "Downloads are JSON, Markdown or HTML.")
    result = bench.kept(request.path_params["key"])
    stem = Path(result["file"]).stem.replace('"', "") or "report"
    return Response(render(result, fmt), media_type=DOWNLOADS[fmt],
                    headers={"content-disposition": f'attachment; filename="{stem}.{fmt}"'})


async def check_confirm(request: Request):
    from claims.store import StoreError

    bench: Workbench = request.app.state.bench
    key = request.path_params["key"]
    result = bench.kept(key)
    form = await bench.form(request)
    verdicts = [v for v in form.getlist("verdict") if v in ("verified", "paraphrase")] or ["verified"]
    date = (form.get("date") or "").strip() or None
    try:
        summary, seen = await bench.run(bench.store.add_from_check, [result], verdicts, date)
    except StoreError as exc:
        raise HTTPException(400, str(exc)) from None
    added = summary.added + summary.updated if summary else 0
    return RedirectResponse(f"/check/{key}?confirmed={added}-{seen}", status_code=303)


async def database_page(request: Request):
    from claims.store import StoreError

    bench: Workbench = request.app.state.bench
    query = (request.query_params.get("q") or "").strip()[:2000]
    semantic = request.query_params.get("semantic") == "1"
    speaker = (request.query_params.get("speaker") or "").strip()[:200] or None
    results, error = [], None
    if query:
        try:
            results = await bench.run(lambda: bench.store.search(query, semantic=semantic, speaker=speaker,
                                                                 top=25))
        except StoreError as exc:
            error = str(exc)
    stats = await bench.run(lambda: {"statements": bench.store.statement_count(),
                                     "speakers": bench.store.db.execute("SELECT count(*) FROM speakers").fetchone()[0]})
    return bench.page(request, "database.html.j2", q=query, semantic=semantic, speaker=speaker or "",
                      results=results, error=error, stats=stats)


async def statement(request: Request):
    bench: Workbench = request.app.state.bench
    row = await bench.run(bench.store.show, request.path_params["statement_id"])
    if row is None:
        raise HTTPException(404, "No such statement.")
    document = await bench.run(bench.store.document, row["document_id"]) if row.get("document_id") else None
    return bench.page(request, "statement.html.j2", s=row, document=document)


async def speaker(request: Request):
    bench: Workbench = request.app.state.bench
    name = request.path_params["name"]
    info = await bench.run(bench.store.speaker, name, False)
    if info is None:
        raise HTTPException(404, "No such speaker.")
    statements = await bench.run(bench.store.speaker_statements, info["name"])
    return bench.page(request, "speaker.html.j2", sp=info, statements=statements,
                      added=request.query_params.get("added"))


async def speaker_alias(request: Request):
    from claims.store import StoreError

    bench: Workbench = request.app.state.bench
    form = await bench.form(request)
    name = (form.get("speaker") or "").strip()
    aliases = [a.strip() for a in (form.get("alias") or "").split("|") if a.strip()]
    if not aliases:
        raise HTTPException(400, "Give the other name.")
    try:
        info = await bench.run(bench.store.add_alias, name, aliases)
    except StoreError as exc:
        raise HTTPException(400, str(exc)) from None
    return RedirectResponse(f"/db/speaker/{_path(info['name'])}?added=1", status_code=303)


async def add_form(request: Request):
    return request.app.state.bench.page(request, "add.html.j2", values={})


async def add_post(request: Request):
    from claims.store import StoreError

    bench: Workbench = request.app.state.bench
    form = await bench.form(request)
    fields = ("text", "speaker", "role", "date", "url", "venue", "lang")
    values = {k: (form.get(k) or "").strip() or None for k in fields}
    try:
        statement_id, _ = await bench.run(lambda: bench.store.add(values.pop("text") or "", values.pop("speaker"),
                                                                  **values))
    except StoreError as exc:
        return bench.page(request, "add.html.j2", status=400, error=str(exc),
                          values={k: form.get(k) or "" for k in fields})
    return RedirectResponse(f"/db/statement/{_path(statement_id)}", status_code=303)


def _path(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")


async def error_page(request: Request, exc: Exception):
    bench: Workbench = request.app.state.bench
    if isinstance(exc, BodyTooLarge):
        status, message = 413, f"Request too large: at most {MAX_BODY // (1024 * 1024)} MB."
    elif isinstance(exc, HTTPException):
        status, message = exc.status_code, exc.detail
    else:
        status, message = 500, "Something went wrong on the server; the database is unchanged by this request."
    return bench.page(request, "message.html.j2", status=status, message=message, status_code=status)


def create_app(checker, writable: bool = True, database: str = "", hosts: list[str] | None = None) -> Starlette:
    """The workbench over `checker` (a `claims.checker.Checker`, models loaded); `hosts` are the Host headers it
    answers (localhost by default: a page elsewhere cannot reach it by rebinding a name to 127.0.0.1)."""
    routes = [
        Route("/", check_form), Route("/check", check_post, methods=["POST"]),
        Route("/check/{key}", check_result), Route("/check/{key}/confirm", check_confirm, methods=["POST"]),
        Route("/check/{key}/download/{fmt}", check_download),
        Route("/db", database_page), Route("/db/statement/{statement_id:path}", statement),
        Route("/db/speaker/{name:path}", speaker), Route("/db/alias", speaker_alias, methods=["POST"]),
        Route("/db/add", add_form), Route("/db/add", add_post, methods=["POST"]),
    ]
    handlers = {HTTPException: error_page, BodyTooLarge: error_page, Exception: error_page}
    app = Starlette(routes=routes, exception_handlers=handlers,
                    middleware=[Middleware(Guard), Middleware(TrustedHostMiddleware,
                                                              allowed_hosts=hosts or LOCAL_HOSTS)])
    app.state.bench = Workbench(checker, writable, database)
    return app


__all__ = ["Workbench", "create_app"]
