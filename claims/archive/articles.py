"""The articles of an archive: a folder of article files, JSON Lines, or Parquet, each article with
`id, url, date, lang, text`."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from claims.archive.rows import ARTICLE_FIELDS

ARTICLE_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}


class ArchiveError(ValueError):
    """An input the extraction cannot read at all (one line); a bad article is an error row instead."""


def input_kind(path: str | Path) -> str:
    path = Path(path)
    if path.is_dir():
        return "folder"
    if not path.exists():
        raise ArchiveError(f"{path}: no such file or folder")
    name = path.name.lower()
    if name.endswith(".parquet"):
        return "parquet"
    if name.endswith((".jsonl", ".json", ".jsonl.bz2", ".json.bz2", ".ndjson")):
        return "jsonl"
    raise ArchiveError(f"{path}: give a folder of articles, JSON Lines (.jsonl) or Parquet (.parquet)")


def read_articles(path: str | Path) -> Iterator[dict]:
    """Each article as {id, url, date, lang, text}; a folder's files keep their bytes (`text` is bytes) so that
    decoding and HTML are handled as for `claims check`, and a JSON line that is not an object becomes an
    article whose `text` is missing (an error row, not a stop)."""
    path = Path(path)
    kind = input_kind(path)
    if kind == "folder":
        for file in sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES):
            yield {"id": str(file.relative_to(path)), "url": None, "date": None, "lang": None,
                   "text": file.read_bytes()}
    elif kind == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        missing = [c for c in ("id", "text") if c not in table.column_names]
        if missing:
            raise ArchiveError(f"{path}: no column {', '.join(missing)} (columns: {', '.join(ARTICLE_FIELDS)})")
        for batch in table.to_batches(max_chunksize=1000):
            for row in batch.to_pylist():
                yield {k: row.get(k) for k in ARTICLE_FIELDS}
    else:
        import bz2

        opened = bz2.open(path, "rt", encoding="utf-8-sig") if path.name.lower().endswith(".bz2") else \
            path.open(encoding="utf-8-sig")
        with opened as file:
            try:
                for number, line in enumerate(file, start=1):
                    if line.strip():
                        yield parse_article_line(path.name, number, line)
            except (UnicodeDecodeError, OSError, EOFError) as exc:
                raise ArchiveError(f"{path}: cannot read ({exc.__class__.__name__})") from None


def parse_article_line(name: str, number: int, line: str) -> dict:
    """One JSON line as an article; a line that is not a JSON object becomes an article with no text (an error
    row of the run, not a stop), and an article with no id is named by its line."""
    try:
        row = json.loads(line)
    except ValueError:
        row = None
    if not isinstance(row, dict):
        return {"id": f"{name}:{number}", "url": None, "date": None, "lang": None, "text": None}
    article = {k: row.get(k) for k in ARTICLE_FIELDS}
    article["id"] = str(article["id"]) if article["id"] not in (None, "") else f"{name}:{number}"
    return article
