"""What every command group shares: the `claims` group, input errors, reading inputs, writing outputs."""
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


def read_inputs(files: tuple[str, ...], lang: str | None):
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


WORKING_DB = "claims.db"


def chosen_database(db_path: str | None, write: bool = False, announce: bool = True) -> str | None:
    """The database a command uses, the same rule for every command: --db or CLAIMS_DB, else claims.db in the
    working directory if it is there, else (to read) the bundled sources, which None stands for. A command that
    writes never writes into the bundled sources: it uses claims.db in the working directory. The choice is
    told on standard error unless the command's own output names the database (`announce`)."""
    from pathlib import Path

    if db_path:
        return db_path
    if Path(WORKING_DB).is_file() or write:
        if announce:
            click.echo(f"claims: database: {WORKING_DB} (in the working directory; --db or CLAIMS_DB chooses another)",
                       err=True)
        return WORKING_DB
    if announce:
        click.echo("claims: database: the bundled sources, read-only (--db or CLAIMS_DB chooses another)", err=True)
    return None


def open_store(db_path: str | None, create: bool = True, write: bool = False, model: str | None = None):
    """Open the chosen database; `create` makes a new file, `write` never falls back on the bundled sources."""
    from claims.store import QuoteStore, StoreError

    path = chosen_database(db_path, write=write or create)
    try:
        if path is None:
            from claims.checker import CheckError, default_database

            try:
                path = default_database(model)
            except CheckError as exc:
                raise InputError(str(exc)) from None
        return QuoteStore(path, create=create)
    except StoreError as exc:
        raise InputError(str(exc)) from None


def db_option(f):
    return click.option("--db", "db_path", envvar="CLAIMS_DB",
                        help="database file (or CLAIMS_DB; default: claims.db here if present, else the bundled "
                             "sources to read)")(f)


def index_option(f):
    return click.option("--index", "index", envvar="CLAIMS_INDEX",
                        help="search a Milvus index filled by `claims db sync-index` instead of the database's own "
                             "(http://HOST:19530, or a Milvus Lite file ending in .db; or CLAIMS_INDEX)")(f)


EXTENSIONS = {"text": ".summary.txt", "md": ".md", "html": ".html", "json": ".json"}


def parse_formats(value: str) -> list[str]:
    from claims.report.render import FORMATS

    chosen = [f.strip() for f in value.split(",") if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise InputError(f"unknown format {', '.join(unknown) or repr(value)}; choose from {', '.join(FORMATS)} "
                         f"(several with commas)")
    return chosen


@contextmanager
def atomic_file(path, newline: str | None = None):
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


def emit(results: list[dict], formats: list[str], out: str | None) -> None:
    """Print or write each result in each format: to standard output without --out; with --out, to that file
    (one article, one format) or into that folder as ARTICLE-NAME.EXT."""
    from pathlib import Path

    from claims.report.render import render

    if not out:
        for fmt in formats:
            if fmt == "json" and len(results) > 1:
                for result in results:
                    click.echo(json.dumps(result, ensure_ascii=False))
                continue
            for result in results:
                click.echo(render(result, fmt, colour=sys.stdout.isatty()), nl=False)
        return
    target = Path(out)
    as_file = len(results) == 1 and len(formats) == 1 and not target.is_dir() and target.suffix
    written = []
    # every file first: a terminal that stops reading (`| head`) must not cost the reports
    for fmt in formats:
        for result in results:
            stem = Path(result["file"]).stem if result["file"] != "-" else "stdin"
            path = target if as_file else target / (stem + EXTENSIONS[fmt])
            with atomic_file(path) as file:
                file.write(render(result, fmt))
            written.append(path)
    if "text" in formats:  # the summary is always shown; written too when asked for
        for result in results:
            click.echo(render(result, "text", colour=sys.stdout.isatty()), nl=False)
    for path in written:
        click.echo(f"wrote {path}", err=True)


def read_results(path: str) -> list[dict]:
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
