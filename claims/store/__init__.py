"""The quote database: known source statements in a plain SQLite file.

Tables (all plain, `datasette claims.db` shows them):

- `meta`: key/value: schema_version, embedding model name and dimension.
- `speakers`: one row per speaker (name, role).
- `aliases`: every name a speaker goes by (including the name itself), for merging and lookup.
- `statements`: what was said: id (stable key), speaker, role, date, venue, url, lang, kind, text.
- `statement_sentences`: each statement split into sentences, with character offsets; unit `statement`
  is the whole text, unit `sentence` one sentence of it.
- `embeddings`: one float32 vector per statement_sentences row, with the model that made it.
- `history`: earlier versions of statements that were changed by a later import.
- `statements_fts`: SQLite FTS5 index over statements (text, speaker).

Writes happen in transactions of at most `BATCH` rows, so a killed import
leaves whole batches; the file is in WAL mode so readers never block writers.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import sqlite3
import time
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np
import sqlite_utils

SCHEMA_VERSION = 1
BATCH = 500
FIELDS = ("id", "speaker", "speaker_aliases", "role", "date", "venue", "url", "lang", "kind", "text")
SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreError(Exception):
    """A database the tool refuses to touch, or input it refuses to import; one line."""


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


# ---------------------------------------------------------------------------- opening

def open_db(path: str | Path, create: bool = True) -> sqlite_utils.Database:
    """Open (and create or migrate) a claims database; refuses files that are not ours."""
    path = Path(path)
    if path.exists():
        if path.is_dir():
            raise StoreError(f"{path}: is a directory, not a database file")
        with path.open("rb") as f:
            head = f.read(16)
        if head and head != SQLITE_MAGIC:
            raise StoreError(f"{path}: not an SQLite database; refusing to touch it")
    elif not create:
        raise StoreError(f"{path}: no such database (create it with 'claims db init')")
    conn = sqlite3.connect(str(path), timeout=120, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 120000")
    db = sqlite_utils.Database(conn)
    try:
        version = _schema_version(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path}: damaged or not a database ({exc})") from None
    if version is not None and version > SCHEMA_VERSION:
        conn.close()
        raise StoreError(f"{path}: schema version {version} is newer than this claims ({SCHEMA_VERSION}); "
                         "upgrade claims")
    if version is None and db.table_names() and "statements" not in db.table_names():
        conn.close()
        raise StoreError(f"{path}: an SQLite database of another application; refusing to touch it")
    _enter_wal(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    if version is None or version < SCHEMA_VERSION:
        migrate(db, version or 0)
    return db


def _enter_wal(conn: sqlite3.Connection, seconds: float = 120.0) -> None:
    """Switch a database to WAL. The switch needs the file to itself and SQLite answers "locked" at once,
    without waiting on the busy timeout, when another process is creating or switching the same new file."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _schema_version(db: sqlite_utils.Database) -> int | None:
    if "meta" not in db.table_names():
        return None
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else None


def migrate(db: sqlite_utils.Database, from_version: int) -> None:
    """Bring the schema to SCHEMA_VERSION, one step at a time, each in its own transaction."""
    steps: dict[int, Callable[[sqlite_utils.Database], None]] = {0: _create_v1}
    for version in range(from_version, SCHEMA_VERSION):
        with _write(db):
            current = _schema_version(db)
            if current is not None and current > version:
                continue  # another process migrated meanwhile
            steps[version](db)
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", [str(version + 1)])


def _create_v1(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
    db.execute("""CREATE TABLE IF NOT EXISTS speakers (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT)""")
    db.execute("""CREATE TABLE IF NOT EXISTS aliases (
        alias_key TEXT PRIMARY KEY, alias TEXT NOT NULL,
        speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE)""")
    db.execute("""CREATE TABLE IF NOT EXISTS statements (
        id TEXT PRIMARY KEY, speaker_id INTEGER REFERENCES speakers(id), speaker TEXT, role TEXT,
        date TEXT, venue TEXT, url TEXT, lang TEXT, kind TEXT, text TEXT NOT NULL,
        content_hash TEXT NOT NULL, added_at TEXT, updated_at TEXT)""")
    db.execute("""CREATE TABLE IF NOT EXISTS statement_sentences (
        id INTEGER PRIMARY KEY, statement_id TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
        unit TEXT NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        text TEXT NOT NULL)""")
    db.execute("CREATE INDEX IF NOT EXISTS statement_sentences_statement ON statement_sentences(statement_id)")
    db.execute("""CREATE TABLE IF NOT EXISTS embeddings (
        sentence_id INTEGER PRIMARY KEY REFERENCES statement_sentences(id) ON DELETE CASCADE,
        statement_id TEXT NOT NULL, model TEXT NOT NULL, dim INTEGER NOT NULL, vector BLOB NOT NULL)""")
    db.execute("CREATE INDEX IF NOT EXISTS embeddings_statement ON embeddings(statement_id)")
    db.execute("CREATE INDEX IF NOT EXISTS statements_speaker ON statements(speaker_id)")
    db.execute("""CREATE TABLE IF NOT EXISTS history (
        id INTEGER PRIMARY KEY, statement_id TEXT NOT NULL, replaced_at TEXT NOT NULL, old TEXT NOT NULL)""")
    db.execute("CREATE INDEX IF NOT EXISTS history_statement ON history(statement_id)")
    db.execute("""CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts USING fts5(
        text, speaker, content=[statements], content_rowid=[rowid], tokenize='unicode61 remove_diacritics 0')""")
    db.execute("""CREATE TRIGGER IF NOT EXISTS statements_ai AFTER INSERT ON statements BEGIN
        INSERT INTO statements_fts(rowid, text, speaker) VALUES (new.rowid, new.text, new.speaker); END""")
    db.execute("""CREATE TRIGGER IF NOT EXISTS statements_ad AFTER DELETE ON statements BEGIN
        INSERT INTO statements_fts(statements_fts, rowid, text, speaker)
        VALUES ('delete', old.rowid, old.text, old.speaker); END""")
    db.execute("""CREATE TRIGGER IF NOT EXISTS statements_au AFTER UPDATE ON statements BEGIN
        INSERT INTO statements_fts(statements_fts, rowid, text, speaker)
        VALUES ('delete', old.rowid, old.text, old.speaker);
        INSERT INTO statements_fts(rowid, text, speaker) VALUES (new.rowid, new.text, new.speaker); END""")


class _write:
    """BEGIN IMMEDIATE ... COMMIT: takes the write lock up front so concurrent writers queue, not deadlock."""

    def __init__(self, db: sqlite_utils.Database):
        self.conn = db.conn

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")
        return self

    def __exit__(self, kind, value, tb):
        self.conn.execute("COMMIT" if kind is None else "ROLLBACK")
        return False


def meta(db: sqlite_utils.Database) -> dict:
    return {k: v for k, v in db.execute("SELECT key, value FROM meta").fetchall()}


# ---------------------------------------------------------------------------- reading input files

def _check_row(raw, file: str, line: int) -> tuple[dict | None, RowError | None]:
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
    if row["date"]:
        try:
            if re.fullmatch(r"\d{4}(-\d{2})?", row["date"]):  # ISO 8601 reduced precision
                dt.date.fromisoformat(row["date"] + "-01" * (2 - row["date"].count("-")))
            elif len(row["date"]) <= 10:
                dt.date.fromisoformat(row["date"])
            else:
                dt.datetime.fromisoformat(row["date"])
        except ValueError:
            return None, RowError(file, line, f"date {row['date']!r} is not ISO 8601 (YYYY-MM-DD)")
    row["text"] = unicodedata.normalize("NFC", text.strip())
    return row, None


def _parse_alias_string(value: str) -> list[str] | object:
    value = value.strip()
    if value.startswith("["):
        try:
            return json.loads(value)
        except ValueError:
            return object()  # reported as "not a list of strings"
    return [a for a in re.split(r"[|;]", value) if a.strip()]


def read_rows(path: str | Path) -> Iterator[tuple[int, object, str | None]]:
    """(line number, raw row or None, parse error) for a JSON Lines, JSON array or CSV file."""
    path = Path(path)
    data = path.read_bytes()
    if not data.strip():
        raise StoreError(f"{path}: empty file")
    if b"\x00" in data[:8192]:
        raise StoreError(f"{path}: binary file, not JSON Lines, JSON or CSV")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise StoreError(f"{path}: not UTF-8") from None
    suffix = path.suffix.lower()
    stripped = text.lstrip()
    if suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "text" not in reader.fieldnames:
            raise StoreError(f"{path}: a CSV file needs a header row with a 'text' column")
        for number, row in enumerate(reader, start=2):
            if None in row:
                yield number, None, "more fields than the header"
                continue
            yield number, row, None
    elif stripped.startswith("[") and suffix != ".jsonl":
        try:
            rows = json.loads(text)
        except ValueError as exc:
            raise StoreError(f"{path}: invalid JSON array ({exc})") from None
        for number, row in enumerate(rows, start=1):
            yield number, row, None
    else:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line), None
            except ValueError as exc:
                yield number, None, f"invalid JSON ({exc.msg})"


def derive_id(row: dict) -> str:
    key = "\x1f".join([normalise_name(row.get("speaker") or ""), row.get("date") or "",
                       " ".join(row["text"].split())])
    return "s-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def content_hash(row: dict) -> str:
    payload = json.dumps([row.get(k) for k in FIELDS if k != "id"], ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------- sentences

_SENTENCE_END = re.compile(r"(?<=[.!?。！？…])[\"'”’»)]*\s+(?=[\"'“‘«(\[]?[A-ZÀ-ỸĐ0-9])")


def _fts_string(word: str) -> str:
    """A word as a quoted FTS5 string: operators and punctuation in it are plain text."""
    return '"' + word.replace('"', '""') + '"'


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Words whose full stop ends the word, not the sentence ("Mr.", "TT.", "U.S."), in every language."""
    from claims.detect.langdata import available_languages, load_language

    return frozenset(a.casefold() for lang in available_languages()
                     for a in load_language(lang).get("abbreviations", []))


def _ends_abbreviation(text: str, end: int) -> bool:
    word = text[:end].rsplit(None, 1)[-1] if text[:end].strip() else ""
    word = word.lstrip("\"'“‘«([")
    return word.casefold() in _abbreviations() or bool(re.fullmatch(r"[A-ZÀ-ỸĐ]\.", word))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a source statement (edited text: a full stop, a space and a capital, not after an
    abbreviation or an initial)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if text[m.start() - 1] == "." and _ends_abbreviation(text, m.start()):
            continue
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


# ---------------------------------------------------------------------------- the store

class QuoteStore:
    """The Python API behind `claims db`; each method is one command."""

    def __init__(self, path: str | Path, create: bool = True):
        self.path = Path(path)
        self.db = open_db(self.path, create=create)

    def close(self) -> None:
        self.db.conn.close()

    # -- speakers

    def _speaker_for(self, names: list[str], role: str | None) -> tuple[int | None, str | None]:
        """The speaker known by any of `names`, created or merged; its new names become aliases."""
        names = [n for n in names if n and n.strip()]
        if not names:
            return None, None
        keys = [normalise_name(n) for n in names]
        found = self.db.execute(
            f"SELECT speaker_id FROM aliases WHERE alias_key IN ({','.join('?' * len(keys))})", keys).fetchall()
        if found:
            speaker_id = found[0][0]
        else:
            cur = self.db.execute("INSERT INTO speakers (name, role) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
                                  [names[0].strip(), role])
            speaker_id = cur.lastrowid if cur.rowcount else self.db.execute(
                "SELECT id FROM speakers WHERE name = ?", [names[0].strip()]).fetchone()[0]
        for name, key in zip(names, keys):
            self.db.execute("INSERT OR IGNORE INTO aliases (alias_key, alias, speaker_id) VALUES (?, ?, ?)",
                            [key, name.strip(), speaker_id])
        if role:
            self.db.execute("UPDATE speakers SET role = ? WHERE id = ? AND role IS NULL", [role, speaker_id])
        name = self.db.execute("SELECT name FROM speakers WHERE id = ?", [speaker_id]).fetchone()[0]
        return speaker_id, name

    def add_alias(self, speaker: str, aliases: list[str]) -> dict:
        with _write(self.db):
            row = self.db.execute("SELECT speaker_id FROM aliases WHERE alias_key = ?",
                                  [normalise_name(speaker)]).fetchone()
            if row is None:
                raise StoreError(f"no speaker called {speaker!r}")
            for alias in aliases:
                key = normalise_name(alias)
                other = self.db.execute("SELECT speaker_id FROM aliases WHERE alias_key = ?", [key]).fetchone()
                if other and other[0] != row[0]:
                    raise StoreError(f"{alias!r} already names another speaker")
                self.db.execute("INSERT OR IGNORE INTO aliases (alias_key, alias, speaker_id) VALUES (?, ?, ?)",
                                [key, alias.strip(), row[0]])
        return self.speaker(speaker)

    def alias_names(self, limit: int) -> list[tuple[str, str]]:
        """(alias, speaker name) for every name a speaker is known by, at most `limit` of them."""
        return self.db.execute("SELECT a.alias, s.name FROM aliases a JOIN speakers s ON s.id = a.speaker_id "
                               "ORDER BY a.alias_key LIMIT ?", [limit]).fetchall()

    def _speaker_id(self, name: str, parts: bool = True) -> int | None:
        """The speaker known by `name`, or by its head when it only adds where they are ("Đại sứ quán Trung
        Quốc tại Hoa Kỳ" is "Đại sứ quán Trung Quốc", "the Chinese Embassy in Washington" the Chinese Embassy)."""
        key = normalise_name(name)
        candidates = [key] + [key[:m.start()] for m in re.finditer(r" (?:tại|ở|in|at) |, ", key)]
        for candidate in candidates:
            if candidate.count(" ") < 1 and candidate != key:
                continue  # a one-word head ("Bộ", "the") names nobody in particular
            row = self.db.execute("SELECT speaker_id FROM aliases WHERE alias_key = ?", [candidate]).fetchone()
            if row:
                return row[0]
        return self._speaker_by_name_part(key) if parts else None

    def _speaker_by_name_part(self, key: str) -> int | None:
        """The one speaker with a name of which `key` is a part, in any order: Chinese and Vietnamese names put
        the family name first, so "Lin" and "Jian" are both Lin Jian and "ông Kiếm" is Lâm Kiếm. A part two or
        more speakers share names none of them."""
        words = set(key.split())
        if len(words) != 1 or len(key) < 3:
            return None  # one word of a name; longer phrases are names of their own or descriptions
        version = self.version()
        cached = getattr(self, "_name_parts", None)
        if cached is None or cached[0] != version:
            index: dict[str, set[int]] = {}
            for alias_key, speaker_id in self.db.execute("SELECT alias_key, speaker_id FROM aliases"):
                for word in set(alias_key.split()):
                    index.setdefault(word, set()).add(speaker_id)
            cached = self._name_parts = (version, index)
        index = cached[1]
        if not all(w in index for w in words):
            return None
        found = set.intersection(*(index[w] for w in words))
        # every word must come from one alias of the speaker, not from two different names
        found = {sid for sid in found if any(words <= set(k.split()) for (k,) in self.db.execute(
            "SELECT alias_key FROM aliases WHERE speaker_id = ?", [sid]))}
        return found.pop() if len(found) == 1 else None

    def speaker(self, name: str, parts: bool = True) -> dict | None:
        """The speaker known by `name`: by a name or alias, by its head, or (with `parts`) by one word of
        exactly one speaker's name."""
        speaker_id = self._speaker_id(name, parts)
        row = None if speaker_id is None else self.db.execute(
            "SELECT id, name, role FROM speakers WHERE id = ?", [speaker_id]).fetchone()
        if row is None:
            return None
        aliases = [a for (a,) in self.db.execute("SELECT alias FROM aliases WHERE speaker_id = ? ORDER BY alias",
                                                  [row[0]]).fetchall() if a != row[1]]
        count = self.db.execute("SELECT count(*) FROM statements WHERE speaker_id = ?", [row[0]]).fetchone()[0]
        return {"name": row[1], "role": row[2], "aliases": aliases, "statements": count}

    def speakers(self) -> list[dict]:
        names = [n for (n,) in self.db.execute("SELECT name FROM speakers ORDER BY name").fetchall()]
        return [self.speaker(n) for n in names]

    def speaker_names(self, name: str) -> set[str]:
        """Every name of the speaker called `name` (normalised), or just `name` when unknown."""
        speaker_id = self._speaker_id(name)
        if speaker_id is None:
            return {normalise_name(name)}
        return {k for (k,) in self.db.execute("SELECT alias_key FROM aliases WHERE speaker_id = ?", [speaker_id])}

    def speaker_statement_ids(self, name: str, among: set[str]) -> set[str]:
        """Which of the statements `among` the speaker called `name` (by any of their names) made; asking about
        those only keeps it one indexed lookup each, however much the speaker has said."""
        speaker_id = self._speaker_id(name)
        if speaker_id is None or not among:
            return set()
        candidates = sorted(among)
        # "+speaker_id": look the candidates up by key; the speaker index would read every statement they made
        rows = self.db.execute(
            f"SELECT id FROM statements WHERE id IN ({','.join('?' * len(candidates))}) AND +speaker_id = ?",
            [*candidates, speaker_id]).fetchall()
        return {r[0] for r in rows}

    # -- import

    def import_files(self, paths: Iterable[str | Path], on_error: str = "abort", embed: bool = True,
                     progress: Callable[[int], None] | None = None, model: str | None = None) -> ImportSummary:
        total = ImportSummary()
        for path in paths:
            summary = self.import_file(path, on_error=on_error, embed=embed, progress=progress, model=model)
            total.added += summary.added
            total.updated += summary.updated
            total.unchanged += summary.unchanged
            total.skipped += summary.skipped
            total.errors.extend(summary.errors)
        return total

    def import_file(self, path: str | Path, on_error: str = "abort", embed: bool = True,
                    progress: Callable[[int], None] | None = None, model: str | None = None) -> ImportSummary:
        """Validate the whole file first: under abort a bad row means nothing from the file is written."""
        summary = ImportSummary()
        rows = []
        for line, raw, error in read_rows(path):
            row, problem = (None, RowError(str(path), line, error)) if error else _check_row(raw, str(path), line)
            if problem:
                summary.errors.append(problem)
                summary.skipped += 1
                continue
            rows.append(row)
        if summary.errors and on_error == "abort":
            return summary
        self.write_rows(rows, summary, embed=embed, progress=progress, model=model)
        return summary

    def add(self, text: str, speaker: str | None = None, embed: bool = True, model: str | None = None,
            **fields) -> tuple[str, ImportSummary]:
        """Add one statement; `fields` are any of id, speaker_aliases, role, date, venue, url, lang, kind."""
        raw = {"text": text, "speaker": speaker, **{k: v for k, v in fields.items() if v is not None}}
        row, problem = _check_row(raw, "<add>", 1)
        if problem:
            raise StoreError(problem.reason)
        summary = ImportSummary()
        self.write_rows([row], summary, embed=embed, model=model)
        return row["id"] or derive_id(row), summary

    def add_rows(self, rows: list[dict], embed: bool = True, model: str | None = None,
                 source: str = "<add>") -> ImportSummary:
        """Add several statements (dicts of FIELDS); all are checked first, and one bad row adds none."""
        checked = []
        for number, raw in enumerate(rows, start=1):
            row, problem = _check_row(raw, source, number)
            if problem:
                raise StoreError(f"{problem.file}:{problem.line}: {problem.reason}")
            checked.append(row)
        summary = ImportSummary()
        self.write_rows(checked, summary, embed=embed, model=model)
        return summary

    def write_rows(self, rows: list[dict], summary: ImportSummary, embed: bool = True,
                   progress: Callable[[int], None] | None = None, model: str | None = None) -> None:
        encoder = None
        if embed and rows:
            encoder = self.encoder(model)
        for start in range(0, len(rows), BATCH):
            batch = rows[start:start + BATCH]
            changed: list[str] = []
            with _write(self.db):
                for row in batch:
                    row["id"] = row["id"] or derive_id(row)
                    outcome = self._upsert(row)
                    setattr(summary, outcome, getattr(summary, outcome) + 1)
                    if outcome != "unchanged":
                        changed.append(row["id"])
                if encoder is not None and changed:
                    self._embed_statements(changed, encoder)
            if progress:
                progress(len(batch))

    def _upsert(self, row: dict) -> str:
        row = dict(row)
        row["id"] = row["id"] or derive_id(row)
        digest = content_hash(row)
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        existing = self.db.execute("SELECT * FROM statements WHERE id = ?", [row["id"]]).fetchone()
        names = [row["speaker"]] + row["speaker_aliases"] if row["speaker"] else row["speaker_aliases"]
        speaker_id, speaker_name = self._speaker_for(names, row["role"])
        values = {"speaker_id": speaker_id, "speaker": speaker_name or row["speaker"], "role": row["role"],
                  "date": row["date"], "venue": row["venue"], "url": row["url"], "lang": row["lang"],
                  "kind": row["kind"], "text": row["text"], "content_hash": digest}
        if existing is None:
            self.db.execute(
                "INSERT INTO statements (id, speaker_id, speaker, role, date, venue, url, lang, kind, text, "
                "content_hash, added_at, updated_at) VALUES (:id, :speaker_id, :speaker, :role, :date, :venue, :url, "
                ":lang, :kind, :text, :content_hash, :now, :now)", {**values, "id": row["id"], "now": now})
            self._write_sentences(row["id"], row["text"])
            return "added"
        columns = [d[0] for d in self.db.execute("SELECT * FROM statements LIMIT 0").description]
        old = dict(zip(columns, existing))
        if old["content_hash"] == digest:
            return "unchanged"
        self.db.execute("INSERT INTO history (statement_id, replaced_at, old) VALUES (?, ?, ?)",
                        [row["id"], now, json.dumps(old, ensure_ascii=False)])
        self.db.execute(
            "UPDATE statements SET speaker_id = :speaker_id, speaker = :speaker, role = :role, date = :date, "
            "venue = :venue, url = :url, lang = :lang, kind = :kind, text = :text, content_hash = :content_hash, "
            "updated_at = :now WHERE id = :id", {**values, "id": row["id"], "now": now})
        if old["text"] != row["text"]:
            self.db.execute("DELETE FROM statement_sentences WHERE statement_id = ?", [row["id"]])
            self._write_sentences(row["id"], row["text"])
        return "updated"

    def _write_sentences(self, statement_id: str, text: str) -> None:
        self.db.execute("INSERT INTO statement_sentences (statement_id, unit, idx, start, \"end\", text) "
                        "VALUES (?, 'statement', 0, 0, ?, ?)", [statement_id, len(text), text])
        spans = split_sentences(text)
        if len(spans) > 1:
            for idx, (a, b) in enumerate(spans):
                self.db.execute("INSERT INTO statement_sentences (statement_id, unit, idx, start, \"end\", text) "
                                "VALUES (?, 'sentence', ?, ?, ?, ?)", [statement_id, idx, a, b, text[a:b]])

    # -- embeddings

    def encoder(self, model: str | None = None):
        """The sentence encoder for this database's vectors (loaded once per process); a different model
        than the one the stored vectors were made with is an error."""
        from claims.nlp.encoder import DEFAULT_MODEL_NAME, load_encoder

        name = model or DEFAULT_MODEL_NAME
        stored = meta(self.db)
        encoder = load_encoder(model)
        dim = (encoder.get_embedding_dimension() if hasattr(encoder, "get_embedding_dimension")
               else encoder.get_sentence_embedding_dimension())
        if "embed_model" in stored and (stored["embed_model"] != name or int(stored["embed_dim"]) != dim):
            count = self.db.execute("SELECT count(*) FROM embeddings").fetchone()[0]
            if count:
                raise StoreError(f"the database's embeddings were made with {stored['embed_model']} "
                                 f"({stored['embed_dim']}-d), not {name} ({dim}-d); run 'claims db reembed'")
        if stored.get("embed_model") != name or stored.get("embed_dim") != str(dim):
            with _write(self.db):
                self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('embed_model', ?)", [name])
                self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('embed_dim', ?)", [str(dim)])
        encoder.claims_model_name = name
        return encoder

    def _embed_statements(self, statement_ids: list[str], encoder) -> None:
        from claims.nlp.encoder import embed

        marks = ",".join("?" * len(statement_ids))
        rows = self.db.execute(f"SELECT id, statement_id, text FROM statement_sentences "
                               f"WHERE statement_id IN ({marks})", statement_ids).fetchall()
        if not rows:
            return
        vectors = embed(encoder, [r[2] for r in rows], kind="passage", batch_size=64)
        name, dim = encoder.claims_model_name, vectors.shape[1]
        self.db.conn.executemany(
            "INSERT OR REPLACE INTO embeddings (sentence_id, statement_id, model, dim, vector) VALUES (?, ?, ?, ?, ?)",
            [(r[0], r[1], name, dim, v.astype(np.float32).tobytes()) for r, v in zip(rows, vectors)])

    def reembed(self, model: str | None = None, progress: Callable[[int], None] | None = None,
                only_missing: bool = False) -> int:
        """Rebuild every embedding with `model` (or fill in the missing ones)."""
        if not only_missing:
            with _write(self.db):
                self.db.execute("DELETE FROM embeddings")
                self.db.execute("DELETE FROM meta WHERE key IN ('embed_model', 'embed_dim')")
        encoder = self.encoder(model)
        ids = [i for (i,) in self.db.execute(
            "SELECT DISTINCT s.statement_id FROM statement_sentences s LEFT JOIN embeddings e "
            "ON e.sentence_id = s.id WHERE e.sentence_id IS NULL").fetchall()]
        for start in range(0, len(ids), BATCH):
            batch = ids[start:start + BATCH]
            with _write(self.db):
                self._embed_statements(batch, encoder)
            if progress:
                progress(len(batch))
        return len(ids)

    def version(self) -> tuple[int, int]:
        """Changes when this connection or any other commits a write."""
        return self.db.execute("PRAGMA data_version").fetchone()[0], self.db.conn.total_changes

    def vectors(self) -> tuple[np.ndarray, list[tuple[int, str, str, str]]]:
        """All stored vectors (float32 matrix) with (sentence_id, statement_id, unit, text) per row;
        read once and kept until the database changes."""
        cached = getattr(self, "_vector_cache", None)
        if cached is not None and cached[0] == self.version():
            return cached[1], cached[2]
        version = self.version()
        matrix, rows = self._read_vectors()
        self._vector_cache = (version, matrix, rows)
        return matrix, rows

    def statement_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM statements").fetchone()[0]

    def embedding_signature(self) -> tuple[int, int | None, str | None]:
        """(how many vectors, the last one's row, their model): changes whenever the stored vectors do."""
        return self.db.execute("SELECT count(*), max(rowid), max(model) FROM embeddings").fetchone()

    def unit_vectors(self) -> tuple[np.ndarray, list[str], np.ndarray, np.ndarray, np.ndarray]:
        """Every stored vector with its statement id, unit ("statement" is 1, "sentence" 0) and span, read
        straight into one float32 matrix (no texts, no second copy: a million statements fit in memory)."""
        n = self.db.execute("SELECT count(*) FROM embeddings").fetchone()[0]
        dim = self.db.execute("SELECT max(dim) FROM embeddings").fetchone()[0] or 0
        matrix = np.empty((n, dim), dtype=np.float32)
        statement_ids: list[str] = []
        is_statement = np.empty(n, dtype=np.int8)
        starts = np.empty(n, dtype=np.int64)
        ends = np.empty(n, dtype=np.int64)
        cursor = self.db.conn.execute(
            'SELECT e.statement_id, s.unit = \'statement\', s.start, s."end", e.vector FROM embeddings e '
            "JOIN statement_sentences s ON s.id = e.sentence_id ORDER BY e.statement_id, s.start")
        i = 0
        while True:
            rows = cursor.fetchmany(20_000)
            if not rows:
                break
            k = len(rows)
            matrix[i:i + k] = np.frombuffer(b"".join(r[4] for r in rows), dtype=np.float32).reshape(k, dim)
            statement_ids.extend(r[0] for r in rows)
            is_statement[i:i + k] = [r[1] for r in rows]
            starts[i:i + k] = [r[2] for r in rows]
            ends[i:i + k] = [r[3] for r in rows]
            i += k
        return matrix[:i], statement_ids, is_statement[:i], starts[:i], ends[:i]

    def statement_rows(self, ids: list[str]) -> dict[str, tuple]:
        """(speaker, date, url, lang, text) of the given statements."""
        found = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            found.update({r[0]: r[1:] for r in self.db.execute(
                f"SELECT id, speaker, date, url, lang, text FROM statements WHERE id IN ({','.join('?' * len(chunk))})",
                chunk)})
        return found

    def _statement_info(self) -> dict:
        cached = getattr(self, "_info_cache", None)
        if cached is not None and cached[0] == self.version():
            return cached[1]
        version = self.version()
        info = {sid: (spk, date, url, lg, text, spk_id) for sid, spk, date, url, lg, text, spk_id in
                self.db.execute("SELECT id, speaker, date, url, lang, text, speaker_id FROM statements")}
        self._info_cache = (version, info)
        return info

    def _read_vectors(self) -> tuple[np.ndarray, list[tuple[int, str, str, str]]]:
        rows = self.db.execute(
            "SELECT e.sentence_id, e.statement_id, s.unit, s.text, e.vector, e.dim FROM embeddings e "
            "JOIN statement_sentences s ON s.id = e.sentence_id ORDER BY e.sentence_id").fetchall()
        if not rows:
            return np.zeros((0, 0), dtype=np.float32), []
        matrix = np.frombuffer(b"".join(r[4] for r in rows), dtype=np.float32).reshape(len(rows), rows[0][5])
        return matrix, [(r[0], r[1], r[2], r[3]) for r in rows]

    # -- reading

    def show(self, statement_id: str) -> dict | None:
        row = self.db.execute("SELECT * FROM statements WHERE id = ?", [statement_id]).fetchone()
        if row is None:
            return None
        columns = [d[0] for d in self.db.execute("SELECT * FROM statements LIMIT 0").description]
        result = dict(zip(columns, row))
        result["speaker_aliases"] = self.speaker(result["speaker"])["aliases"] if result["speaker"] else []
        result["sentences"] = [{"unit": u, "idx": i, "start": a, "end": b, "text": t} for u, i, a, b, t in
                               self.db.execute("SELECT unit, idx, start, \"end\", text FROM statement_sentences "
                                               "WHERE statement_id = ? ORDER BY unit, idx", [statement_id])]
        result["history"] = [{"replaced_at": r, "old": json.loads(o)} for r, o in self.db.execute(
            "SELECT replaced_at, old FROM history WHERE statement_id = ? ORDER BY id", [statement_id])]
        return result

    def delete(self, statement_id: str) -> bool:
        with _write(self.db):
            cur = self.db.execute("DELETE FROM statements WHERE id = ?", [statement_id])
        return cur.rowcount > 0

    def stats(self) -> dict:
        count = lambda sql: self.db.execute(sql).fetchone()[0]  # noqa: E731
        info = meta(self.db)
        return {"path": str(self.path), "schema_version": int(info.get("schema_version", 0)),
                "statements": count("SELECT count(*) FROM statements"),
                "speakers": count("SELECT count(*) FROM speakers"),
                "aliases": count("SELECT count(*) FROM aliases"),
                "sentences": count("SELECT count(*) FROM statement_sentences WHERE unit = 'sentence'"),
                "embeddings": count("SELECT count(*) FROM embeddings"),
                "missing_embeddings": count("SELECT count(*) FROM statement_sentences s LEFT JOIN embeddings e "
                                            "ON e.sentence_id = s.id WHERE e.sentence_id IS NULL"),
                "history": count("SELECT count(*) FROM history"),
                "languages": dict(self.db.execute("SELECT coalesce(lang, '?'), count(*) FROM statements "
                                                  "GROUP BY 1 ORDER BY 2 DESC").fetchall()),
                "embed_model": info.get("embed_model"), "embed_dim": int(info.get("embed_dim", 0)) or None,
                "bytes": sum(p.stat().st_size for p in (self.path, Path(f"{self.path}-wal")) if p.exists())}

    def export_rows(self) -> Iterator[dict]:
        for (statement_id,) in self.db.execute("SELECT id FROM statements ORDER BY rowid").fetchall():
            row = self.show(statement_id)
            yield {"id": row["id"], "speaker": row["speaker"], "speaker_aliases": row["speaker_aliases"],
                   "role": row["role"], "date": row["date"], "venue": row["venue"], "url": row["url"],
                   "lang": row["lang"], "kind": row["kind"], "text": row["text"]}

    def export(self, out, fmt: str = "jsonl") -> int:
        n = 0
        if fmt == "csv":
            writer = csv.DictWriter(out, fieldnames=list(FIELDS))
            writer.writeheader()
            for row in self.export_rows():
                writer.writerow({**row, "speaker_aliases": json.dumps(row["speaker_aliases"], ensure_ascii=False)})
                n += 1
        else:
            for row in self.export_rows():
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
        return n

    # -- search

    def search(self, query: str, semantic: bool = False, speaker: str | None = None, lang: str | None = None,
               top: int = 10, model: str | None = None) -> list[dict]:
        if semantic:
            return self._semantic_search(query, speaker, lang, top, model)
        return self._text_search(query, speaker, lang, top)

    def _text_search(self, query: str, speaker: str | None, lang: str | None, top: int) -> list[dict]:
        words = re.findall(r"\w+", unicodedata.normalize("NFC", query))
        if not words:
            return []
        # every word becomes a quoted FTS5 string, so operators and punctuation in the query are plain text
        phrase = " ".join(_fts_string(w) for w in words)
        for match in (phrase, self._rare_terms(words)):
            if not match:
                continue
            sql = ("SELECT s.id, s.speaker, s.date, s.url, s.lang, s.text, bm25(statements_fts) AS rank "
                   "FROM statements_fts JOIN statements s ON s.rowid = statements_fts.rowid "
                   "WHERE statements_fts MATCH ?")
            params: list = [match]
            if lang:
                sql += " AND s.lang = ?"
                params.append(lang)
            if speaker:
                names = sorted(self.speaker_names(speaker))
                sql += f" AND s.speaker_id IN (SELECT speaker_id FROM aliases WHERE alias_key IN " \
                       f"({','.join('?' * len(names))}))"
                params.extend(names)
            sql += " ORDER BY rank LIMIT ?"
            params.append(top)
            rows = self.db.execute(sql, params).fetchall()
            if rows:
                return [{"statement_id": r[0], "speaker": r[1], "date": r[2], "url": r[3], "lang": r[4],
                         "text": r[5], "score": round(-r[6], 4)} for r in rows]
        return []

    def rare_word_search(self, query: str, top: int = 50) -> list[tuple[str, str | None]]:
        """(statement id, lang) of the statements BM25 ranks best for the query's rarest words: the matcher's
        full-text ranking. Unlike `search` it never asks for every word (at a million statements an AND of
        common words reads most of the index: 100 ms and more)."""
        words = re.findall(r"\w+", unicodedata.normalize("NFC", query))
        # a word in more than 1,000 statements tells little about which one a quote comes from; up to 32
        # words, as many as fit in 10,000 postings (CheckThat! dev: recall@5 0.55 with the 6 rarest, 0.74)
        match = self._rare_terms(words, most=32, postings=10_000, strict=True, per_word=1_000) if words else ""
        if not match:
            return []
        return self.db.execute(
            "SELECT s.id, s.lang FROM statements_fts JOIN statements s ON s.rowid = statements_fts.rowid "
            "WHERE statements_fts MATCH ? ORDER BY bm25(statements_fts) LIMIT ?", [match, top]).fetchall()

    def _rare_terms(self, words: list[str], most: int = 6, postings: int = 2_000, strict: bool = False,
                    per_word: int | None = None) -> str:
        """An OR query of the query's rarest indexed words, as many as fit in `postings` documents: common
        words ("the", "của") add little to the ranking and make BM25 read most of the index (80 ms instead
        of 4 at 100k statements, bench/match.py). Unless `strict`, the rarest word is kept whatever its count."""
        counts = self._document_frequencies()
        terms = sorted({w.lower() for w in words if w.lower() in counts}, key=lambda t: counts[t])
        chosen, total = [], 0
        for term in terms:
            if (chosen or strict) and (len(chosen) >= most or total + counts[term] > postings
                                       or (per_word is not None and counts[term] > per_word)):
                break
            chosen.append(term)
            total += counts[term]
        return " OR ".join(_fts_string(t) for t in chosen)

    def _document_frequencies(self) -> dict[str, int]:
        cached = getattr(self, "_df_cache", None)
        if cached is not None and cached[0] == self.version():
            return cached[1]
        version = self.version()
        self.db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.statements_vocab "
                        "USING fts5vocab(main, statements_fts, row)")
        counts = dict(self.db.execute("SELECT term, doc FROM temp.statements_vocab").fetchall())
        self._df_cache = (version, counts)
        return counts

    def _semantic_search(self, query: str, speaker: str | None, lang: str | None, top: int,
                         model: str | None) -> list[dict]:
        from claims.nlp.encoder import embed

        if not self.vectors()[1]:
            return []
        encoder = self.encoder(model)
        return self.search_vector(embed(encoder, [query], kind="query")[0], speaker, lang, top)

    def search_vector(self, q: np.ndarray, speaker: str | None = None, lang: str | None = None,
                      top: int = 10) -> list[dict]:
        """Statements nearest to an already embedded query (exact cosine over all stored vectors)."""
        matrix, rows = self.vectors()
        if not rows:
            return []
        scores = matrix @ q
        info = self._statement_info()
        allowed = None
        if speaker:
            names = self.speaker_names(speaker)
            allowed = {i for (i,) in self.db.execute(
                f"SELECT speaker_id FROM aliases WHERE alias_key IN ({','.join('?' * len(names))})", sorted(names))}
        best: dict[str, tuple[float, str]] = {}
        # only the best few hundred rows can matter unless filters throw most of them away
        candidates = np.argsort(-scores) if (lang or allowed is not None) else \
            np.argpartition(-scores, min(len(scores) - 1, top * 20))[:top * 20 + 1]
        candidates = candidates[np.argsort(-scores[candidates])]
        for k in candidates:
            _, statement_id, _, sentence = rows[k]
            spk, date, url, lg, text, spk_id = info[statement_id]
            if (lang and lg != lang) or (allowed is not None and spk_id not in allowed):
                continue
            if statement_id not in best:
                best[statement_id] = (float(scores[k]), sentence)
                if len(best) >= top:
                    break
        return [{"statement_id": sid, "speaker": info[sid][0], "date": info[sid][1], "url": info[sid][2],
                 "lang": info[sid][3], "text": info[sid][4], "sentence": sentence, "score": round(score, 4)}
                for sid, (score, sentence) in best.items()]
