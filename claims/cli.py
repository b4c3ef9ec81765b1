"""The `claims` command line: a thin layer over the Python API, one command per function."""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager

import click

# Usage and input errors exit with 2, like click's own usage errors.
EXIT_INPUT = 2


class InputError(click.ClickException):
    exit_code = EXIT_INPUT

    def show(self, file=None):
        click.echo(f"claims: error: {self.message}", err=True)


@click.group()
@click.version_option(package_name="claims")
def main() -> None:
    """Check who is quoted in an article, whether each quote is theirs, and which claims have no source."""
    from claims.nlp.encoder import quiet_libraries

    quiet_libraries()


# ------------------------------------------------------------------ models

@main.group()
def models() -> None:
    """The NLP models: stanza pipelines (vi, en) and the sentence encoder."""


@models.command("status")
@click.option("--json", "as_json", is_flag=True, help="print JSON instead of a table")
@click.option("--model", envvar="CLAIMS_EMBED_MODEL", help="sentence-transformers model id or folder")
def models_status_cmd(as_json: bool, model: str | None) -> None:
    """Where each model is, whether it loads, and its test score."""
    from claims.nlp.status import models_status

    rows = models_status(model)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for row in rows:
            mark = click.style("ok  ", fg="green") if row["ok"] else click.style("FAIL", fg="red")
            score = ", ".join(f"{k} {v}" for k, v in row.get("score", {}).items())
            click.echo(f"{mark} {row['model']:<22} {row.get('source', row.get('name', '')):<9} {score}")
            if row.get("error"):
                click.echo(f"     {row['error']}")
    if not all(row["ok"] for row in rows):
        sys.exit(1)


@models.command("build")
@click.option("--force", is_flag=True, help="rebuild even if the encoder is already built")
def models_build_cmd(force: bool) -> None:
    """Build the default sentence encoder (multilingual-e5-small) into the cache."""
    from claims.nlp.encoder import EncoderUnavailable, build_encoder

    try:
        path = build_encoder(force=force)
    except EncoderUnavailable as exc:
        raise InputError(str(exc)) from exc
    click.echo(str(path))


@models.command("download")
@click.argument("langs", nargs=-1)
def models_download_cmd(langs: tuple[str, ...]) -> None:
    """Fetch stanza's official models (needs internet); claims then prefers them."""
    from claims.nlp.pipeline import LANGUAGES
    from claims.nlp.status import download_official

    chosen = list(langs) or list(LANGUAGES)
    unknown = [lang for lang in chosen if lang not in LANGUAGES]
    if unknown:
        raise InputError(f"unknown language {', '.join(unknown)}; choose from {', '.join(LANGUAGES)}")
    try:
        done = download_official(chosen)
    except Exception as exc:  # requests raises many kinds; all mean the same here
        click.echo("claims: no internet connection to stanza's model host; the bundled models stay in use "
                   f"({type(exc).__name__})", err=True)
        sys.exit(1)
    click.echo(f"downloaded official stanza models for {', '.join(done)}")


# ------------------------------------------------------------------ detect

def _read_inputs(files: tuple[str, ...], lang: str | None):
    """Yield (name, Document or InputError) for each file, "-" meaning standard input."""
    from claims.ingest import InputError as BadInput
    from claims.ingest import read_bytes, read_file

    for name in files:
        try:
            if name == "-":
                data = sys.stdin.buffer.read(5 * 1024 * 1024 + 1)
                yield name, read_bytes(data, "-", lang)
            else:
                yield name, read_file(name, lang)
        except BadInput as exc:
            yield name, exc


@main.command("detect")
@click.argument("files", nargs=-1, required=True)
@click.option("--lang", type=click.Choice(["auto", "vi", "en"]), default="auto", show_default=True,
              help="language of the articles (auto detects it per file)")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "text"]), default=None,
              help="json for one file, jsonl for several (the default), or a readable table")
@click.option("--db", "db_path", help="link speakers to this quote database's speakers (by name and alias)")
def detect_cmd(files: tuple[str, ...], lang: str, fmt: str | None, db_path: str | None) -> None:
    """Find attributed statements, their speakers, and unattributed claims."""
    from claims.detect import detect_document
    from claims.report.text import detection_table

    fmt = fmt or ("json" if len(files) == 1 else "jsonl")
    store = _store(db_path, create=False) if db_path else None
    failed = 0
    for _name, doc in _read_inputs(files, None if lang == "auto" else lang):
        if isinstance(doc, Exception):
            click.echo(f"claims: error: {doc}", err=True)
            failed += 1
            continue
        result = detect_document(doc, store).to_dict()
        if fmt == "json":
            click.echo(json.dumps(result, ensure_ascii=False, indent=1))
        elif fmt == "jsonl":
            click.echo(json.dumps(result, ensure_ascii=False))
        else:
            click.echo(detection_table(result))
    if failed:
        sys.exit(EXIT_INPUT)


# ------------------------------------------------------------------ db

def _store(db_path: str, create: bool = True):
    from claims.store import QuoteStore, StoreError

    try:
        return QuoteStore(db_path, create=create)
    except StoreError as exc:
        raise InputError(str(exc)) from None


def _db_option(f):
    return click.option("--db", "db_path", envvar="CLAIMS_DB", default="claims.db", show_default=True,
                        help="database file (or CLAIMS_DB)")(f)


@main.group()
def db() -> None:
    """The quote database: known source statements (a plain SQLite file)."""


@db.command("init")
@_db_option
def db_init_cmd(db_path: str) -> None:
    """Create the database, or migrate an older one."""
    store = _store(db_path)
    click.echo(f"{db_path}: schema version {store.stats()['schema_version']}")


@db.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@_db_option
@click.option("--on-error", type=click.Choice(["abort", "skip"]), default="abort", show_default=True,
              help="abort: a bad row keeps its whole file out; skip: import every good row")
@click.option("--no-embed", is_flag=True, help="store the statements now, compute embeddings later (db reembed)")
@click.option("--model", envvar="CLAIMS_EMBED_MODEL", help="sentence-transformers model id or folder")
def db_import_cmd(files, db_path, on_error, no_embed, model) -> None:
    """Import statements from JSON Lines, JSON arrays or CSV (fields: id, speaker, speaker_aliases, role,
    date, venue, url, lang, kind, text; only text is required)."""
    from claims.store import StoreError, read_rows

    store = _store(db_path)
    failed = False
    for path in files:
        try:
            rows = sum(1 for _ in read_rows(path))
            if rows >= 1000:
                with click.progressbar(length=rows, label=f"importing {path}", file=sys.stderr) as bar:
                    summary = store.import_file(path, on_error=on_error, embed=not no_embed, progress=bar.update,
                                                model=model)
            else:
                summary = store.import_file(path, on_error=on_error, embed=not no_embed, model=model)
        except StoreError as exc:
            click.echo(f"claims: error: {exc}", err=True)
            failed = True
            continue
        for error in summary.errors:
            click.echo(f"claims: bad row: {error}", err=True)
        if summary.errors and on_error == "abort":
            click.echo(f"{path}: nothing imported ({len(summary.errors)} bad rows; --on-error skip imports the "
                       "good ones)", err=True)
            failed = True
            continue
        click.echo(f"{path}: {summary}")
    if failed:
        sys.exit(EXIT_INPUT)


@db.command("add")
@click.option("--text", required=True, help="what was said")
@click.option("--speaker", help="who said it")
@click.option("--alias", "aliases", multiple=True, help="another name of the speaker (repeatable)")
@click.option("--role")
@click.option("--date", help="ISO date, YYYY-MM-DD")
@click.option("--url")
@click.option("--venue")
@click.option("--lang")
@click.option("--kind")
@click.option("--id", "statement_id", help="stable key (default: derived from the content)")
@_db_option
@click.option("--model", envvar="CLAIMS_EMBED_MODEL")
def db_add_cmd(text, speaker, aliases, role, date, url, venue, lang, kind, statement_id, db_path, model) -> None:
    """Add a single statement."""
    from claims.store import StoreError

    store = _store(db_path)
    try:
        statement_id, summary = store.add(text, speaker, model=model, speaker_aliases=list(aliases), role=role,
                                          date=date, url=url, venue=venue, lang=lang, kind=kind, id=statement_id)
    except StoreError as exc:
        raise InputError(str(exc)) from None
    click.echo(f"{statement_id}: {summary}")


@db.command("search")
@click.argument("query")
@_db_option
@click.option("--semantic", is_flag=True, help="by meaning (any language) instead of by words")
@click.option("--speaker", help="only this speaker (any of their names)")
@click.option("--lang", help="only statements in this language")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--model", envvar="CLAIMS_EMBED_MODEL")
def db_search_cmd(query, db_path, semantic, speaker, lang, top, fmt, model) -> None:
    """Full-text search (FTS5, safe with any string), or --semantic search."""
    from claims.store import StoreError

    store = _store(db_path, create=False)
    try:
        results = store.search(query, semantic=semantic, speaker=speaker, lang=lang, top=top, model=model)
    except StoreError as exc:
        raise InputError(str(exc)) from None
    if fmt == "json":
        click.echo(json.dumps(results, ensure_ascii=False, indent=1))
        return
    for r in results:
        text = r.get("sentence") or r["text"]
        click.echo(f"{r['score']:>8}  {r['statement_id']}  {r['speaker'] or '-'}  {r['date'] or ''}")
        click.echo(f"          {' '.join(text.split())[:200]}")


@db.command("speakers")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def db_speakers_cmd(db_path, fmt) -> None:
    """List speakers, their aliases and how many statements each has."""
    rows = _store(db_path, create=False).speakers()
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for r in rows:
        aliases = f"  (also: {', '.join(r['aliases'])})" if r["aliases"] else ""
        click.echo(f"{r['statements']:>5}  {r['name']}{aliases}")


@db.command("alias")
@click.argument("speaker")
@click.argument("aliases", nargs=-1, required=True)
@_db_option
def db_alias_cmd(speaker, aliases, db_path) -> None:
    """Give SPEAKER more names: claims db alias "Lin Jian" "Lâm Kiếm" 林剑"""
    from claims.store import StoreError

    try:
        info = _store(db_path, create=False).add_alias(speaker, list(aliases))
    except StoreError as exc:
        raise InputError(str(exc)) from None
    click.echo(f"{info['name']}: {', '.join(info['aliases'])}")


@db.command("show")
@click.argument("statement_id")
@_db_option
def db_show_cmd(statement_id, db_path) -> None:
    """A statement with its sentences and history, as JSON."""
    row = _store(db_path, create=False).show(statement_id)
    if row is None:
        raise InputError(f"no statement {statement_id!r}")
    click.echo(json.dumps(row, ensure_ascii=False, indent=1))


@db.command("delete")
@click.argument("statement_id")
@_db_option
def db_delete_cmd(statement_id, db_path) -> None:
    """Delete a statement (its sentences and embeddings go with it)."""
    if not _store(db_path, create=False).delete(statement_id):
        raise InputError(f"no statement {statement_id!r}")
    click.echo(f"deleted {statement_id}")


@db.command("stats")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def db_stats_cmd(db_path, fmt) -> None:
    """Counts, languages, embedding model and size."""
    stats = _store(db_path, create=False).stats()
    if fmt == "json":
        click.echo(json.dumps(stats, ensure_ascii=False, indent=1))
        return
    for key, value in stats.items():
        click.echo(f"{key:<20} {value}")


@db.command("export")
@_db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), help="file to write (default: standard output)")
def db_export_cmd(db_path, fmt, out) -> None:
    """Every statement, in the import format (export then import gives the same database)."""
    store = _store(db_path, create=False)
    if out:
        with _atomic_file(out, newline="") as file:  # never a half-written export
            n = store.export(file, fmt)
        click.echo(f"{out}: {n} statements", err=True)
    else:
        store.export(sys.stdout, fmt)


@db.command("reembed")
@_db_option
@click.option("--model", envvar="CLAIMS_EMBED_MODEL", help="sentence-transformers model id or folder")
@click.option("--missing", is_flag=True, help="only compute the embeddings that are missing")
def db_reembed_cmd(db_path, model, missing) -> None:
    """Rebuild the embeddings (after changing the model, or after import --no-embed)."""
    store = _store(db_path, create=False)
    n = store.reembed(model=model, only_missing=missing)
    click.echo(f"embedded {n} statements with {store.stats()['embed_model']}")


# ------------------------------------------------------------------ match

@main.command("match")
@click.argument("text", required=False)
@click.option("--file", "queries", type=click.Path(exists=True, dir_okay=False),
              help='JSON Lines of {"id", "text", "speaker", "kind"} to match in one run')
@click.option("--speaker", help="who the statement is attributed to (ranks their statements higher)")
@click.option("--kind", type=click.Choice(["direct", "indirect", "mixed", "according_to", "continuation"]),
              help="how the article reports it, as `claims detect` gives it (reported speech links more loosely "
                   "to the speaker's own statements)")
@click.option("--top", default=5, show_default=True, type=click.IntRange(1, 100))
@_db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--model", envvar="CLAIMS_EMBED_MODEL")
def match_cmd(text, queries, speaker, top, db_path, fmt, model, kind) -> None:
    """Find the source statements a quote may come from, in any language, each with the probability that
    it is the quote's source (p_link); the one a check would link is marked."""
    from claims.match import Matcher
    from claims.verify import Verifier

    if bool(text) == bool(queries):
        raise InputError("give either TEXT or --file QUERIES.jsonl")
    matcher = Matcher(_store(db_path, create=False), model)
    verifier = Verifier(matcher)
    if text:
        items = [{"id": None, "text": text, "speaker": speaker}]
    else:
        items = []
        try:
            with open(queries, encoding="utf-8") as file:
                lines = file.read().splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{queries}: cannot read as UTF-8 text ({exc.__class__.__name__})") from None
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError:
                raise InputError(f"{queries}:{number}: invalid JSON") from None
            if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"].strip():
                raise InputError(f"{queries}:{number}: needs a non-empty \"text\"")
            items.append(item)
    for k in range(0, len(items), 32):
        batch = items[k:k + 32]
        vectors = matcher.embed_queries([item["text"] for item in batch]) if matcher.unit_count() else []
        found = verifier.candidates_many([(item["text"], item.get("speaker") or speaker, item.get("kind") or kind)
                                          for item in batch], vectors, top) if len(vectors) else []
        for item, candidates in zip(batch, found):
            _print_candidates(item, candidates, fmt == "json" or bool(queries))
        if not len(vectors):
            for item in batch:
                _print_candidates(item, [], fmt == "json" or bool(queries))


def _print_candidates(item: dict, found: list, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps({"id": item.get("id"), "candidates": [c.to_dict() for c in found]},
                              ensure_ascii=False))
        return
    for c in found:
        mark = ("linked " if c.linked else "       ") + ("*" if c.same_speaker else " ")
        click.echo(f"p={c.p_link:.2f} cos={c.score:.4f} {mark} {c.statement_id}  {c.speaker or '-'}  {c.date or ''}")
        click.echo(f"         {' '.join(c.sentence.split())[:200]}")


# ------------------------------------------------------------------ check and reports

FORMATS = ("text", "md", "html", "json")
EXTENSIONS = {"text": ".summary.txt", "md": ".md", "html": ".html", "json": ".json"}


def _formats(value: str) -> list[str]:
    chosen = [f.strip() for f in value.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise InputError(f"unknown format {', '.join(unknown) or repr(value)}; choose from {', '.join(FORMATS)} "
                         f"(several with commas)")
    return chosen


def _render(result: dict, fmt: str, colour: bool = False) -> str:
    from claims.report.render import to_html, to_markdown
    from claims.report.text import check_summary

    if fmt == "text":
        return check_summary(result, colour=colour) + "\n"
    if fmt == "md":
        return to_markdown(result)
    if fmt == "html":
        return to_html(result)
    return json.dumps(result, ensure_ascii=False, indent=1) + "\n"


@contextmanager
def _atomic_file(path, newline: str | None = None):
    """A file that appears at `path` whole or not at all, with the permissions of any file the user makes."""
    import os
    import tempfile
    from pathlib import Path

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as file:
            yield file
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes private files; a report or an export is an ordinary one
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _emit(results: list[dict], formats: list[str], out: str | None) -> None:
    """Print or write each result in each format: to standard output without --out; with --out, to that file
    (one article, one format) or into that folder as ARTICLE-NAME.EXT."""
    from pathlib import Path

    if not out:
        for fmt in formats:
            if fmt == "json" and len(results) > 1:
                for result in results:
                    click.echo(json.dumps(result, ensure_ascii=False))
                continue
            for result in results:
                click.echo(_render(result, fmt, colour=sys.stdout.isatty()), nl=False)
        return
    target = Path(out)
    as_file = len(results) == 1 and len(formats) == 1 and not target.is_dir() and target.suffix
    written = []
    # every file first: a terminal that stops reading (`| head`) must not cost the reports
    for fmt in formats:
        for result in results:
            stem = Path(result["file"]).stem if result["file"] != "-" else "stdin"
            path = target if as_file else target / (stem + EXTENSIONS[fmt])
            with _atomic_file(path) as file:
                file.write(_render(result, fmt))
            written.append(path)
    if "text" in formats:  # the summary is always shown; written too when asked for
        for result in results:
            click.echo(_render(result, "text", colour=sys.stdout.isatty()), nl=False)
    for path in written:
        click.echo(f"wrote {path}", err=True)


@main.command("check")
@click.argument("articles", nargs=-1, required=True)
@click.option("--db", "db_path", envvar="CLAIMS_DB",
              help="quote database (or CLAIMS_DB); without it, the bundled default sources")
@click.option("--format", "fmt", default="text", show_default=True,
              help="text, md, html or json; several with commas (text,md,html,json)")
@click.option("--out", type=click.Path(), help="file (one article, one format) or folder to write the reports to")
@click.option("--fail-on", default="altered,misattributed", show_default=True,
              help="exit 1 when any of these is found: altered, misattributed, unverified, unattributed, vague "
                   "(none: always 0)")
@click.option("--lang", type=click.Choice(["auto", "vi", "en"]), default="auto", show_default=True)
@click.option("--model", envvar="CLAIMS_EMBED_MODEL", help="sentence-transformers model id or folder")
def check_cmd(articles, db_path, fmt, out, fail_on, lang, model) -> None:
    """Check the quotes and claims of articles against the quote database; exit 1 if --fail-on is found."""
    from claims.checker import FAIL_ON, CheckError, Checker, failures

    formats = _formats(fmt)
    fail_kinds = [k.strip() for k in fail_on.split(",") if k.strip() and k.strip() != "none"]
    unknown = [k for k in fail_kinds if k not in FAIL_ON]
    if unknown:
        raise InputError(f"unknown --fail-on {', '.join(unknown)}; choose from {', '.join(FAIL_ON)}")
    try:
        checker = Checker(db_path, model)
    except CheckError as exc:
        raise InputError(str(exc)) from None
    results, failed = [], 0
    docs = _read_inputs(articles, None if lang == "auto" else lang)
    with click.progressbar(docs, length=len(articles), label="checking", file=sys.stderr,
                           hidden=len(articles) < 2 or not sys.stderr.isatty()) as bar:
        for name, doc in bar:
            if isinstance(doc, Exception):
                click.echo(f"claims: error: {doc}", err=True)
                failed += 1
                continue
            results.append(checker.check_document(doc))
    checker.close()
    _emit(results, formats, out)
    if failed:
        sys.exit(EXIT_INPUT)
    if any(failures(r, fail_kinds) for r in results):
        sys.exit(1)


def _read_results(path: str) -> list[dict]:
    from pathlib import Path

    from claims.checker import SCHEMA

    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc.__class__.__name__})") from None
    try:
        data = json.loads(text)
        results = data if isinstance(data, list) else [data]
    except ValueError:
        try:
            results = [json.loads(line) for line in text.splitlines() if line.strip()]
        except ValueError:
            raise InputError(f"{path}: not a JSON or JSON Lines result of claims check") from None
    for result in results:
        if not isinstance(result, dict) or result.get("schema") != SCHEMA or not isinstance(result.get("findings"),
                                                                                               list):
            raise InputError(f"{path}: not a claims check result (schema {SCHEMA})")
    return results


@main.command("report")
@click.argument("result", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", default="html", show_default=True, help="text, md, html or json (commas for several)")
@click.option("--out", type=click.Path(), help="file or folder to write to (default: standard output)")
def report_cmd(result, fmt, out) -> None:
    """Render a saved `claims check --format json` result again, without the models."""
    results = _read_results(result)
    try:
        _emit(results, _formats(fmt), out)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{result}: a result is missing a field ({exc})") from None


@db.command("add-from-check")
@click.argument("result", type=click.Path(exists=True, dir_okay=False))
@click.option("--verdict", "verdicts", multiple=True, default=("verified",), show_default=True,
              help="add the statements with this verdict (repeatable)")
@_db_option
@click.option("--model", envvar="CLAIMS_EMBED_MODEL")
def db_add_from_check_cmd(result, verdicts, db_path, model) -> None:
    """Add the statements of a check result that a fact-checker confirmed, with the article as their source."""
    from claims.store import StoreError

    store = _store(db_path)
    rows = []
    for res in _read_results(result):
        for i, f in enumerate(res["findings"]):
            if f.get("verdict") in verdicts and f.get("speaker") and f.get("content", "").strip():
                rows.append({"id": f"{res['file']}#{f.get('start', i)}", "speaker": f.get("db_speaker") or f["speaker"],
                             "speaker_aliases": [f["speaker"]] if f.get("db_speaker") else [],
                             "role": f.get("role") or None, "venue": res["file"], "lang": res.get("language"),
                             "kind": f.get("kind"), "text": f["content"]})
    if not rows:
        click.echo(f"no statements with verdict {', '.join(verdicts)} in {result}")
        return
    try:
        summary = store.add_rows(rows, model=model)
    except StoreError as exc:
        raise InputError(str(exc)) from None
    click.echo(f"{db_path}: {summary}")


@main.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--pred", "preds", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="detector output (JSON) for each GOLD file, in the same order; "
                   "without it the detector runs on the article each gold file names")
@click.option("--articles", type=click.Path(exists=True, file_okay=False),
              help="folder of the articles (default: fixtures/articles beside the gold folder)")
@click.option("--json", "as_json", is_flag=True, help="print the figures as JSON")
@click.option("--quiet", is_flag=True, help="only the figures, not every miss")
def eval_cmd(gold: tuple[str, ...], preds: tuple[str, ...], articles: str | None, as_json: bool, quiet: bool) -> None:
    """Score the detector against hand-annotated articles (pooled over all files)."""
    from pathlib import Path

    from claims.detect.evaluate import Score, format_figures, score

    if preds and len(preds) != len(gold):
        raise InputError(f"{len(gold)} gold files but {len(preds)} --pred files")
    total, per_file = Score(), []
    for k, gold_path in enumerate(gold):
        try:
            gold_data = json.loads(Path(gold_path).read_text(encoding="utf-8"))
        except ValueError as exc:
            raise InputError(f"{gold_path}: not valid JSON ({exc})") from None
        if not isinstance(gold_data, dict) or "attributions" not in gold_data:
            raise InputError(f"{gold_path}: not a gold annotation file (no \"attributions\")")
        if preds:
            pred = json.loads(Path(preds[k]).read_text(encoding="utf-8"))
        else:
            from claims.detect import detect_document
            from claims.ingest import read_file

            folder = Path(articles) if articles else Path(gold_path).parent.parent / "articles"
            doc = read_file(folder / gold_data["article"], gold_data.get("language"))
            pred = detect_document(doc).to_dict()
        result = score(gold_data, pred)
        per_file.append((gold_path, result.figures()))
        total = total + result
        if not quiet and not as_json:
            for line in result.misses:
                click.echo(line)
    figures = total.figures()
    if as_json:
        click.echo(json.dumps({"total": figures, "files": {p: f for p, f in per_file}}, indent=1))
    else:
        if len(per_file) > 1:
            for path, f in per_file:
                click.echo(f"{Path(path).name:<28} {format_figures(f)}")
        click.echo(format_figures(figures))


if __name__ == "__main__":
    main()
