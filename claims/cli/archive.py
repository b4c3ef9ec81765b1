"""`claims extract`: the attributions of an archive of articles, as Parquet."""
from __future__ import annotations

import click

from claims.cli.base import InputError, main


@main.command("extract")
@click.argument("source", type=click.Path())
@click.option("--out", required=True, type=click.Path(), help="folder for the Parquet tables")
@click.option("--engine", type=click.Choice(["local", "spark"]), default="local", show_default=True)
@click.option("--master", help="Spark master URL (default local[2]; spark://host:7077, yarn, k8s://…)")
@click.option("--workers", type=click.IntRange(1, 256), help="local engine: processes (default: the cores)")
@click.option("--overwrite", is_flag=True, help="replace OUT if it exists")
def extract_cmd(source, out, engine, master, workers, overwrite) -> None:
    """Extract every attribution of SOURCE (a folder of articles, JSON Lines or Parquet with id, url, date,
    lang, text) into OUT/attributions, OUT/quotations (one row per quotation across articles) and OUT/errors."""
    from claims.archive import ArchiveError, extract

    if engine == "spark":
        from importlib.util import find_spec

        if find_spec("pyspark") is None:
            raise InputError("--engine spark needs pyspark: pip install -e '.[spark]' (and Java 17)")
    try:
        summary = extract(source, out, engine=engine, master=master, workers=workers, overwrite=overwrite)
    except ArchiveError as exc:
        raise InputError(str(exc)) from None
    click.echo(f"{out}: {summary['articles']} articles, {summary['attributions']} attributions, "
               f"{summary['quotations']} quotations, {summary['errors']} errors in {summary['seconds']} s")
