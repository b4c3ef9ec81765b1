"""Input files of statements (JSON Lines, a JSON array or CSV): reading them, checking each row, and the keys a
row is stored under."""
from __future__ import annotations

import bz2
import csv
import datetime as dt
import hashlib
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from claims.store.schema import StoreError

FIELDS = ("id", "speaker", "speaker_aliases", "role", "date", "venue", "url", "lang", "kind", "text")


@dataclass
class RowError:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)

    def __str__(self) -> str:
        return f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, skipped {self.skipped}"


def normalise_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def check_row(raw, file: str, line: int) -> tuple[dict | None, RowError | None]:
    if not isinstance(raw, dict):
        return None, RowError(file, line, "not an object")
    row = {k: raw.get(k) for k in FIELDS}
    text = row["text"]
    if not isinstance(text, str) or not text.strip():
        return None, RowError(file, line, "missing text" if text in (None, "") else "text is not a string")
    for key in ("id", "speaker", "role", "date", "venue", "url", "lang", "kind"):
        value = row[key]
        if value is None or value == "":
            row[key] = None
        elif isinstance(value, (int, float)) and key == "id" and not isinstance(value, bool):
            row[key] = str(value)
        elif not isinstance(value, str):
            return None, RowError(file, line, f"{key} is {type(value).__name__}, not a string")
    aliases = row["speaker_aliases"]
    if aliases in (None, ""):
        aliases = []
    elif isinstance(aliases, str):
        aliases = _parse_alias_string(aliases)
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        return None, RowError(file, line, "speaker_aliases is not a list of strings")
    row["speaker_aliases"] = [a.strip() for a in aliases if a.strip()]
    if row["date"] and not is_iso_date(row["date"]):
        return None, RowError(file, line, f"date {row['date']!r} is not ISO 8601 (YYYY-MM-DD)")
    row["text"] = unicodedata.normalize("NFC", text.strip())
    return row, None


def is_iso_date(value: str) -> bool:
    """A date or a date and time in ISO 8601, or its reduced precision ("2024", "2024-05")."""
    try:
        if re.fullmatch(r"\d{4}(-\d{2})?", value):
            dt.date.fromisoformat(value + "-01" * (2 - value.count("-")))
        elif len(value) <= 10:
            dt.date.fromisoformat(value)
        else:
            dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _parse_alias_string(value: str) -> list[str] | object:
    value = value.strip()
    if value.startswith("["):
        try:
            return json.loads(value)
        except ValueError:
            return object()  # reported as "not a list of strings"
    return [a for a in re.split(r"[|;]", value) if a.strip()]


def read_rows(path: str | Path) -> Iterator[tuple[int, object, str | None]]:
    """(line number, raw row or None, parse error) for a JSON Lines (also bz2-compressed), JSON array or CSV file.
    JSON Lines are read a line at a time, so a dump of millions of rows never sits in memory. Rows in
    Quotebank's quotation-centric format ("quoteID", "quotation", …) become statements (`from_quotebank`)."""
    path = Path(path)
    if path.is_dir() or path.suffix.lower() == ".parquet":
        yield from _read_parquet(path)
        return
    compressed = path.suffix.lower() == ".bz2"
    try:
        with (bz2.open(path, "rb") if compressed else path.open("rb")) as file:
            head = file.read(8192)
    except (OSError, EOFError) as exc:
        raise StoreError(f"{path}: cannot read ({exc.__class__.__name__}: {exc})") from None
    if not head.strip():
        raise StoreError(f"{path}: empty file")
    if b"\x00" in head:
        raise StoreError(f"{path}: binary file, not JSON Lines, JSON or CSV")
    suffix = Path(path.stem).suffix.lower() if compressed else path.suffix.lower()
    if suffix == ".csv" or (not compressed and suffix != ".jsonl" and head.lstrip().startswith(b"[")):
        yield from _read_whole(path, suffix)
        return
    opened = bz2.open(path, "rt", encoding="utf-8-sig") if compressed else path.open(encoding="utf-8-sig")
    with opened as file:
        number = 0
        try:
            for number, line in enumerate(file, start=1):
                if not line.strip():
                    continue
                try:
                    raw = json.loads(line)
                except ValueError as exc:
                    yield number, None, f"invalid JSON ({exc.msg})"
                    continue
                yield number, from_quotebank(raw) if _is_quotebank(raw) else raw, None
        except UnicodeDecodeError:
            raise StoreError(f"{path}:{number + 1}: not UTF-8") from None
        except (OSError, EOFError) as exc:
            raise StoreError(f"{path}:{number + 1}: cannot read ({exc.__class__.__name__}: {exc})") from None


def _read_whole(path: Path, suffix: str) -> Iterator[tuple[int, object, str | None]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StoreError(f"{path}: not UTF-8") from None
    if suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "text" not in reader.fieldnames:
            raise StoreError(f"{path}: a CSV file needs a header row with a 'text' column")
        for number, row in enumerate(reader, start=2):
            if None in row:
                yield number, None, "more fields than the header"
                continue
            yield number, row, None
        return
    try:
        rows = json.loads(text)
    except ValueError as exc:
        raise StoreError(f"{path}: invalid JSON array ({exc})") from None
    for number, row in enumerate(rows, start=1):
        yield number, row, None


def _read_parquet(path: Path) -> Iterator[tuple[int, object, str | None]]:
    """The Parquet tables of `claims extract` (a file or a folder of part files), a batch at a time:
    `quotations` gives one statement per quotation, `attributions` one per attributed statement."""
    try:
        import pyarrow.dataset as ds

        dataset = ds.dataset(path, format="parquet")
        columns = set(dataset.schema.names)
    except Exception as exc:  # pyarrow's errors for a file that is not Parquet vary by version
        raise StoreError(f"{path}: not a Parquet file or folder ({exc.__class__.__name__})") from None
    if {"quote_id", "quotation"} <= columns:
        convert = _from_quotations
    elif {"article_id", "content", "start"} <= columns:
        convert = _from_attributions
    elif "text" in columns:
        convert = dict
    else:
        raise StoreError(f"{path}: a Parquet table of claims extract (quotations or attributions) or with a "
                         "'text' column")
    number = 0
    for batch in dataset.to_batches(batch_size=1000):
        for row in batch.to_pylist():
            number += 1
            yield number, convert(row), None


def _from_quotations(row: dict) -> dict:
    urls = row.get("urls") or []
    return {"id": row["quote_id"], "speaker": row.get("speaker"), "speaker_aliases": row.get("speaker_aliases") or [],
            "text": row.get("quotation"), "date": row.get("date"), "url": urls[0] if urls else None,
            "lang": row.get("lang"), "kind": "quotation", "venue": "claims extract"}


def _from_attributions(row: dict) -> dict:
    return {"id": f"{row['article_id']}#{row['start']}", "speaker": row.get("speaker"),
            "role": row.get("role"), "text": row.get("content"), "date": row.get("date"), "url": row.get("url"),
            "lang": row.get("lang"), "kind": row.get("kind"), "venue": row.get("article_id")}


def _is_quotebank(raw) -> bool:
    return isinstance(raw, dict) and "quotation" in raw and "quoteID" in raw and "text" not in raw


def from_quotebank(raw: dict) -> dict:
    """A row of Quotebank's quotation-centric dump as a statement: its id, the quotation, its most probable
    speaker (Quotebank writes "None" when it found none), the earliest date and the first URL."""
    speaker = raw.get("speaker")
    urls = raw.get("urls") if isinstance(raw.get("urls"), list) else []
    date = raw.get("date")
    return {"id": f"quotebank-{raw['quoteID']}" if raw.get("quoteID") not in (None, "") else None,
            "speaker": None if speaker in (None, "", "None") else speaker,
            "text": raw.get("quotation"),
            "date": date[:10] if isinstance(date, str) and len(date) >= 10 else date,
            "url": urls[0] if urls and isinstance(urls[0], str) else None,
            "venue": "Quotebank", "kind": "quotation", "lang": raw.get("lang") or "en"}


def derive_id(row: dict) -> str:
    key = "\x1f".join([normalise_name(row.get("speaker") or ""), row.get("date") or "",
                       " ".join(row["text"].split())])
    return "s-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def content_hash(row: dict) -> str:
    payload = json.dumps([row.get(k) for k in FIELDS if k != "id"], ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()
