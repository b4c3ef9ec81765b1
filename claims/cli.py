"""The `claims` command line: a thin layer over the Python API, one command per function."""
from __future__ import annotations

import json
import os
import sys

import click

# Usage and input errors exit with 2, like click's own usage errors.
EXIT_INPUT = 2


class InputError(click.ClickException):
    exit_code = EXIT_INPUT

    def show(self, file=None):
        click.echo(f"claims: error: {self.message}", err=True)


def _quiet_libraries() -> None:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
    import logging
    import warnings

    warnings.filterwarnings("ignore")
    for name in ("stanza", "transformers", "sentence_transformers", "huggingface_hub"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        import transformers

        transformers.logging.set_verbosity_error()
        transformers.logging.disable_progress_bar()
    except ImportError:
        pass


@click.group()
@click.version_option(package_name="claims")
def main() -> None:
    """Check who is quoted in an article, whether each quote is theirs, and which claims have no source."""
    _quiet_libraries()


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
def detect_cmd(files: tuple[str, ...], lang: str, fmt: str | None) -> None:
    """Find attributed statements, their speakers, and unattributed claims."""
    from claims.detect import detect_document
    from claims.report.text import detection_table

    fmt = fmt or ("json" if len(files) == 1 else "jsonl")
    failed = 0
    for name, doc in _read_inputs(files, None if lang == "auto" else lang):
        if isinstance(doc, Exception):
            click.echo(f"claims: error: {doc}", err=True)
            failed += 1
            continue
        result = detect_document(doc).to_dict()
        if fmt == "json":
            click.echo(json.dumps(result, ensure_ascii=False, indent=1))
        elif fmt == "jsonl":
            click.echo(json.dumps(result, ensure_ascii=False))
        else:
            click.echo(detection_table(result))
    if failed:
        sys.exit(EXIT_INPUT)


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
