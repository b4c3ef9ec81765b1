"""`claims extract`: the attributions of an archive of articles, as Parquet, on one machine or on Spark.

    extract("articles/", "out/", engine="local")            # a process pool, one worker per core
    extract("articles.jsonl", "out/", engine="spark", master="local[2]")   # or spark://host:7077, yarn, …

OUT holds three Parquet datasets (folders of part files, as Spark writes them):

- `attributions/`: one row per attributed statement (`rows.ATTRIBUTION_FIELDS`): the detector's fields and
  the article's id, url and date, and `quote_id`, the key of its quotation;
- `quotations/`: one row per quotation across articles (`rows.QUOTATION_FIELDS`), in Quotebank's shape;
- `errors/`: each article that could not be read, with the reason; the run goes on without it.

Both engines run the same functions (`claims.archive.rows`); the models load once per worker process, never
per article. OUT appears whole or not at all.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from claims.archive.articles import ArchiveError, input_kind, read_articles
from claims.archive.rows import (ATTRIBUTION_FIELDS, ERROR_FIELDS, QUOTATION_FIELDS, extract_article,
                                 quotation_rows)

TABLES = {"attributions": ATTRIBUTION_FIELDS, "quotations": QUOTATION_FIELDS, "errors": ERROR_FIELDS}


def arrow_schema(fields):
    import pyarrow as pa

    kinds = {"string": pa.string(), "int64": pa.int64(), "list<string>": pa.list_(pa.string()),
             "list<struct<speaker:string,share:double>>": pa.list_(pa.struct([("speaker", pa.string()),
                                                                               ("share", pa.float64())]))}
    return pa.schema([(name, kinds[kind]) for name, kind in fields])


def write_table(rows: list[dict], fields, folder: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    schema = arrow_schema(fields)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), folder / "part-00000.parquet")


def _worker_start(threads: int) -> None:
    os.environ["CLAIMS_THREADS"] = str(threads)  # before torch starts: the workers share the cores


def run_local(source: str | Path, target: Path, workers: int | None = None) -> dict:
    """The local engine: articles through a process pool (or this process with one worker)."""
    from claims.nlp.threads import available_cores

    workers = workers or available_cores()
    attributions, errors, articles = [], [], 0
    if workers == 1:
        results = map(extract_article, read_articles(source))
        pool = None
    else:
        import multiprocessing

        pool = multiprocessing.get_context("spawn").Pool(
            workers, initializer=_worker_start, initargs=(max(1, available_cores() // workers),))
        results = pool.imap(extract_article, read_articles(source), chunksize=2)
    try:
        for rows, error in results:
            articles += 1
            attributions.extend(rows)
            if error:
                errors.append(error)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    quotations = quotation_rows(attributions)
    write_table(attributions, ATTRIBUTION_FIELDS, target / "attributions")
    write_table(quotations, QUOTATION_FIELDS, target / "quotations")
    write_table(errors, ERROR_FIELDS, target / "errors")
    return {"articles": articles, "attributions": len(attributions), "quotations": len(quotations),
            "errors": len(errors)}


def extract(source: str | Path, out: str | Path, engine: str = "local", master: str | None = None,
            workers: int | None = None, overwrite: bool = False) -> dict:
    """Extract the attributions of every article of `source` into Parquet under `out`; returns the counts
    and the seconds taken."""
    source, out = Path(source), Path(out)
    input_kind(source)  # an unreadable input is refused before anything starts
    occupied = (out.is_dir() and any(out.iterdir())) or out.is_file()
    if occupied and not overwrite:
        raise ArchiveError(f"{out}: already exists (--overwrite replaces it)")
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}."))
    started = time.perf_counter()
    try:
        if engine == "spark":
            from claims.archive.spark import run_spark

            summary = run_spark(source, work, master)
        elif engine == "local":
            summary = run_local(source, work, workers)
        else:
            raise ArchiveError(f"unknown engine {engine!r}: local or spark")
        if out.exists():
            shutil.rmtree(out) if out.is_dir() else out.unlink()
        os.replace(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    summary["seconds"] = round(time.perf_counter() - started, 2)
    return summary


__all__ = ["TABLES", "ArchiveError", "extract", "read_articles", "run_local"]
