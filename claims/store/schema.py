"""The database file: opening it (and refusing files that are not a claims database), the schema and its
migrations, and write transactions."""
from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Callable

import sqlite_utils

SCHEMA_VERSION = 2
SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreError(Exception):
    """A database the tool refuses to touch, or input it refuses to import; one line."""


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
    steps: dict[int, Callable[[sqlite_utils.Database], None]] = {0: _create_v1, 1: _documents_and_appearances}
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


def _documents_and_appearances(db: sqlite_utils.Database) -> None:
    """Version 2: source documents that statements were taken from (a press release, a briefing transcript),
    and the appearances of statements in checked articles."""
    db.execute("""CREATE TABLE IF NOT EXISTS documents (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, speaker TEXT, date TEXT, url TEXT, venue TEXT, lang TEXT,
        kind TEXT NOT NULL, text TEXT NOT NULL, content_hash TEXT NOT NULL, added_at TEXT, updated_at TEXT)""")
    columns = {c.name for c in db["statements"].columns}
    for column, kind in (("document_id", "TEXT REFERENCES documents(id) ON DELETE SET NULL"),
                         ("doc_start", "INTEGER"), ("doc_end", "INTEGER"), ("context", "TEXT")):
        if column not in columns:
            db.execute(f"ALTER TABLE statements ADD COLUMN {column} {kind}")
    db.execute("CREATE INDEX IF NOT EXISTS statements_document ON statements(document_id)")
    db.execute("""CREATE TABLE IF NOT EXISTS appearances (
        id INTEGER PRIMARY KEY, statement_id TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
        article TEXT NOT NULL, article_date TEXT, lang TEXT, wording TEXT NOT NULL, verdict TEXT,
        reasons TEXT, start INTEGER, "end" INTEGER, added_at TEXT, UNIQUE (statement_id, article, start))""")
    db.execute("CREATE INDEX IF NOT EXISTS appearances_statement ON appearances(statement_id)")


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
