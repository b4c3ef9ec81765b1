"""`claims models`: the NLP and embedding models, their status and how they are built."""
from __future__ import annotations

import json
import sys

import click

from claims.cli.base import InputError, main


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
