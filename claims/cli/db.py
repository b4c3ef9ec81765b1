"""`claims db`: the quote database of known source statements (a plain SQLite file)."""
from __future__ import annotations

import json
import sys

import click

from claims.cli.base import EXIT_INPUT, InputError, atomic_file, db_option, main, open_store, read_results


@main.group()
def db() -> None:
    """The quote database: known source statements (a plain SQLite file)."""


@db.command("init")
@db_option
def db_init_cmd(db_path: str) -> None:
    """Create the database, or migrate an older one."""
    store = open_store(db_path)
    click.echo(f"{db_path}: schema version {store.stats()['schema_version']}")


@db.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True))
@db_option
@click.option("--on-error", type=click.Choice(["abort", "skip"]), default="abort", show_default=True,
              help="abort: a bad row keeps its whole file out; skip: import every good row")
@click.option("--no-embed", is_flag=True, help="store the statements now, compute embeddings later (db reembed)")
@click.option("--model", envvar="CLAIMS_EMBED_MODEL", help="sentence-transformers model id or folder")
def db_import_cmd(files, db_path, on_error, no_embed, model) -> None:
    """Import statements from JSON Lines, JSON arrays or CSV (fields: id, speaker, speaker_aliases, role,
    date, venue, url, lang, kind, text; only text is required), Quotebank dumps (.json.bz2) or the Parquet
    tables of claims extract (OUT/quotations or OUT/attributions)."""
    from claims.store import StoreError, read_rows

    store = open_store(db_path)
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
@db_option
@click.option("--model", envvar="CLAIMS_EMBED_MODEL")
def db_add_cmd(text, speaker, aliases, role, date, url, venue, lang, kind, statement_id, db_path, model) -> None:
    """Add a single statement."""
    from claims.store import StoreError

    store = open_store(db_path)
    try:
        statement_id, summary = store.add(text, speaker, model=model, speaker_aliases=list(aliases), role=role,
                                          date=date, url=url, venue=venue, lang=lang, kind=kind, id=statement_id)
    except StoreError as exc:
        raise InputError(str(exc)) from None
    click.echo(f"{statement_id}: {summary}")


@db.command("import-document")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--speaker", required=True, help="who issued or said it (a transcript's answers without a name)")
@click.option("--transcript", is_flag=True,
              help="turns with labels ('Q:', 'Lin Jian:'): one statement per answer, questions kept as context")
@click.option("--date", help="ISO date, YYYY-MM-DD")
@click.option("--url")
@click.option("--venue", help="where it was said or published (default: the file's name)")
@click.option("--lang", type=click.Choice(["auto", "vi", "en", "zh"]), default="auto", show_default=True)
@click.option("--id", "document_id", help="stable key of the document (default: from the file's name)")
@db_option
@click.option("--model", envvar="CLAIMS_EMBED_MODEL")
def db_import_document_cmd(file, speaker, transcript, date, url, venue, lang, document_id, db_path, model) -> None:
    """A source document (press release, speech, statement or briefing transcript; text, Markdown or HTML)
    becomes statements with their spans, in the document's language."""
    from claims.ingest import InputError as BadInput
    from claims.ingest import read_file
    from claims.store import StoreError

    try:
        doc = read_file(file, None if lang == "auto" else lang)
    except BadInput as exc:
        raise InputError(str(exc)) from None
    from claims.store.documents import document_parts

    try:
        document_parts(doc, [speaker], transcript)  # a file with nothing to store creates no database
    except StoreError as exc:
        raise InputError(str(exc)) from None
    store = open_store(db_path)
    try:
        summary = store.import_document(doc, speaker, transcript=transcript, date=date, url=url, venue=venue,
                                        model=model, document_id=document_id)
    except StoreError as exc:
        raise InputError(str(exc)) from None
    click.echo(f"{file}: {summary['document']}: added {summary['added']}, updated {summary['updated']}, "
               f"unchanged {summary['unchanged']}, removed {summary['removed']} statements "
               f"({', '.join(summary['speakers'])})")


@db.command("search")
@click.argument("query")
@db_option
@click.option("--semantic", is_flag=True, help="by meaning (any language) instead of by words")
@click.option("--speaker", help="only this speaker (any of their names)")
@click.option("--lang", help="only statements in this language")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--model", envvar="CLAIMS_EMBED_MODEL")
def db_search_cmd(query, db_path, semantic, speaker, lang, top, fmt, model) -> None:
    """Full-text search (FTS5, safe with any string), or --semantic search."""
    from claims.store import StoreError

    store = open_store(db_path, create=False, model=model)
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
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def db_speakers_cmd(db_path, fmt) -> None:
    """List speakers, their aliases and how many statements each has."""
    rows = open_store(db_path, create=False).speakers()
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    for r in rows:
        aliases = f"  (also: {', '.join(r['aliases'])})" if r["aliases"] else ""
        click.echo(f"{r['statements']:>5}  {r['name']}{aliases}")


@db.command("alias")
@click.argument("speaker")
@click.argument("aliases", nargs=-1, required=True)
@db_option
def db_alias_cmd(speaker, aliases, db_path) -> None:
    """Give SPEAKER more names: claims db alias "Lin Jian" "Lâm Kiếm" 林剑"""
    from claims.store import StoreError

    try:
        info = open_store(db_path, create=False, write=True).add_alias(speaker, list(aliases))
    except StoreError as exc:
        raise InputError(str(exc)) from None
    click.echo(f"{info['name']}: {', '.join(info['aliases'])}")


@db.command("show")
@click.argument("statement_id")
@db_option
def db_show_cmd(statement_id, db_path) -> None:
    """A statement with its sentences and history, as JSON."""
    row = open_store(db_path, create=False).show(statement_id)
    if row is None:
        raise InputError(f"no statement {statement_id!r}")
    click.echo(json.dumps(row, ensure_ascii=False, indent=1))


@db.command("delete")
@click.argument("statement_id")
@db_option
def db_delete_cmd(statement_id, db_path) -> None:
    """Delete a statement (its sentences and embeddings go with it)."""
    if not open_store(db_path, create=False, write=True).delete(statement_id):
        raise InputError(f"no statement {statement_id!r}")
    click.echo(f"deleted {statement_id}")


@db.command("stats")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def db_stats_cmd(db_path, fmt) -> None:
    """Counts, languages, embedding model and size."""
    stats = open_store(db_path, create=False).stats()
    if fmt == "json":
        click.echo(json.dumps(stats, ensure_ascii=False, indent=1))
        return
    for key, value in stats.items():
        click.echo(f"{key:<20} {value}")


@db.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), help="file to write (default: standard output)")
def db_export_cmd(db_path, fmt, out) -> None:
    """Every statement, in the import format (export then import gives the same database)."""
    store = open_store(db_path, create=False)
    if out:
        with atomic_file(out, newline="") as file:  # never a half-written export
            n = store.export(file, fmt)
        click.echo(f"{out}: {n} statements", err=True)
    else:
        store.export(sys.stdout, fmt)


@db.command("reembed")
@db_option
@click.option("--model", envvar="CLAIMS_EMBED_MODEL", help="sentence-transformers model id or folder")
@click.option("--missing", is_flag=True, help="only compute the embeddings that are missing")
def db_reembed_cmd(db_path, model, missing) -> None:
    """Rebuild the embeddings (after changing the model, or after import --no-embed)."""
    store = open_store(db_path, create=False, write=True)
    n = store.reembed(model=model, only_missing=missing)
    click.echo(f"embedded {n} statements with {store.stats()['embed_model']}")


@db.command("sync-index")
@click.option("--to", "uri", required=True,
              help="the Milvus index: http://HOST:19530 for a server, or a Milvus Lite file ending in .db")
@click.option("--index-type", type=click.Choice(["HNSW", "FLAT", "IVF_FLAT", "IVF_SQ8", "DISKANN"]),
              help="the vector index of a new index (default: HNSW; FLAT searches exactly)")
@db_option
def db_sync_index_cmd(uri, index_type, db_path) -> None:
    """Fill a Milvus index from the database, for `check` and `match --index URI`. Resumes where it stopped;
    run again after a change, it sends only what changed."""
    from claims.match.milvus import sync_index
    from claims.match.retrieval import IndexUnavailable

    store = open_store(db_path, create=False)

    def progress(summary: dict) -> None:
        click.echo(f"  sent {summary['sent']} ranges ({summary['statements']:,} statements)", err=True)

    try:
        done = sync_index(store, uri, index_type, progress=progress if sys.stderr.isatty() else None)
    except IndexUnavailable as exc:
        raise InputError(str(exc)) from None
    click.echo(f"{uri}: statement ranges sent {done['sent']} of {done['ranges']} ({done['statements']:,} statements, "
               f"{done['units']:,} units), already there {done['kept']}, removed {done['removed']}")


# ------------------------------------------------------------------ match


@db.command("add-from-check")
@click.argument("result", type=click.Path(exists=True, dir_okay=False))
@click.option("--verdict", "verdicts", multiple=True, default=("verified",), show_default=True,
              help="add the statements with this verdict (repeatable)")
@click.option("--date", help="the article's date, YYYY-MM-DD (kept with each appearance)")
@db_option
@click.option("--model", envvar="CLAIMS_EMBED_MODEL")
def db_add_from_check_cmd(result, verdicts, date, db_path, model) -> None:
    """Add the statements of a check result that a fact-checker confirmed, with the article as their source,
    and record where each linked source statement appeared and in which words."""
    from claims.store import StoreError

    results = read_results(result)
    from claims.store.rows import is_iso_date

    if date and not is_iso_date(date):  # checked before a new database file is made
        raise InputError(f"--date {date!r} is not ISO 8601 (YYYY-MM-DD)")
    store = open_store(db_path)
    try:
        summary, seen = store.add_from_check(results, verdicts, date, model=model)
    except StoreError as exc:
        raise InputError(str(exc)) from None
    added = str(summary) if summary else f"no statements with verdict {', '.join(verdicts)}"
    click.echo(f"{store.path}: {added}; {seen} appearances of source statements recorded")
