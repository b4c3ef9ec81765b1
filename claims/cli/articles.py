"""`claims detect`, `claims check`, `claims report` and `claims eval`: articles in, findings out."""
from __future__ import annotations

import json
import sys

import click

from claims.cli.base import (EXIT_INPUT, InputError, chosen_database, db_option, emit, index_option, main,
                              open_store,
                             parse_formats, read_inputs, read_results)


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
    store = open_store(db_path, create=False) if db_path else None
    failed = 0
    for _name, doc in read_inputs(files, None if lang == "auto" else lang):
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


@main.command("check")
@click.argument("articles", nargs=-1, required=True)
@db_option
@click.option("--format", "fmt", default="text", show_default=True,
              help="text, md, html or json; several with commas (text,md,html,json)")
@click.option("--out", type=click.Path(), help="file (one article, one format) or folder to write the reports to")
@click.option("--fail-on", default="altered,misattributed", show_default=True,
              help="exit 1 when any of these is found: altered, misattributed, unverified, unattributed, vague "
                   "(none: always 0)")
@click.option("--lang", type=click.Choice(["auto", "vi", "en"]), default="auto", show_default=True)
@click.option("--model", envvar="CLAIMS_EMBED_MODEL", help="sentence-transformers model id or folder")
@index_option
def check_cmd(articles, db_path, fmt, out, fail_on, lang, model, index) -> None:
    """Check the quotes and claims of articles against the quote database; exit 1 if --fail-on is found."""
    from claims.checker import FAIL_ON, CheckError, Checker, failures

    formats = parse_formats(fmt)
    fail_kinds = [k.strip() for k in fail_on.split(",") if k.strip() and k.strip() != "none"]
    unknown = [k for k in fail_kinds if k not in FAIL_ON]
    if unknown:
        raise InputError(f"unknown --fail-on {', '.join(unknown)}; choose from {', '.join(FAIL_ON)}")
    try:
        checker = Checker(chosen_database(db_path, announce=False), model, index)  # its report names it
    except CheckError as exc:
        raise InputError(str(exc)) from None
    results, failed = [], 0
    docs = read_inputs(articles, None if lang == "auto" else lang)
    with click.progressbar(docs, length=len(articles), label="checking", file=sys.stderr,
                           hidden=len(articles) < 2 or not sys.stderr.isatty()) as bar:
        for name, doc in bar:
            if isinstance(doc, Exception):
                click.echo(f"claims: error: {doc}", err=True)
                failed += 1
                continue
            results.append(checker.check_document(doc))
    checker.close()
    emit(results, formats, out)
    if failed:
        sys.exit(EXIT_INPUT)
    if any(failures(r, fail_kinds) for r in results):
        sys.exit(1)


@main.command("report")
@click.argument("result", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", default="html", show_default=True, help="text, md, html or json (commas for several)")
@click.option("--out", type=click.Path(), help="file or folder to write to (default: standard output)")
def report_cmd(result, fmt, out) -> None:
    """Render a saved `claims check --format json` result again, without the models."""
    results = read_results(result)
    try:
        emit(results, parse_formats(fmt), out)
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{result}: a result is missing a field ({exc})") from None


@main.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--pred", "preds", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="detector output (JSON) for each GOLD file, in the same order; "
                   "without it the detector runs on the article each gold file names")
@click.option("--articles", type=click.Path(exists=True, file_okay=False),
              help="folder of the articles (default: fixtures/articles beside the gold folder)")
@click.option("--json", "as_json", is_flag=True, help="print the figures as JSON")
@click.option("--quiet", is_flag=True, help="only the figures, not every miss")
@click.option("--recall-overlap", type=click.FloatRange(0, 1), default=None,
              help="match a prediction to a gold statement when it holds more than this share of the gold "
                   "content's tokens (the shared scorer's --recall-overlap), instead of token F1 >= 0.5")
def eval_cmd(gold: tuple[str, ...], preds: tuple[str, ...], articles: str | None, as_json: bool, quiet: bool,
             recall_overlap: float | None) -> None:
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
            try:
                pred = json.loads(Path(preds[k]).read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError) as exc:
                raise InputError(f"{preds[k]}: not a detector result in JSON ({exc})") from None
            if not isinstance(pred, dict):
                raise InputError(f"{preds[k]}: not a detector result (expected a JSON object)")
        else:
            from claims.detect import detect_document
            from claims.ingest import read_file

            folder = Path(articles) if articles else Path(gold_path).parent.parent / "articles"
            doc = read_file(folder / gold_data["article"], gold_data.get("language"))
            pred = detect_document(doc).to_dict()
        result = score(gold_data, pred, recall_overlap)
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
