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
- `documents`: source documents statements were taken from (`claims db import-document`); a statement taken
  from one has its `document_id`, its span `doc_start`..`doc_end` in the document's text, and for an answer in
  a transcript the question it replies to (`context`).
- `appearances`: where a statement was seen: the checked article, its date, the wording it used, the verdict.

Writes happen in transactions of at most `BATCH` rows, so a killed import
leaves whole batches; the file is in WAL mode so readers never block writers.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np

from claims.store.rows import (FIELDS, ImportSummary, RowError, check_row, content_hash, derive_id, normalise_name,
                               read_rows)
from claims.store.appearances import Appearances
from claims.store.documents import Documents
from claims.store.schema import SCHEMA_VERSION, StoreError, _write, meta, open_db
from claims.store.search import Search
from claims.store.sentences import split_sentences
from claims.store.speakers import Speakers

__all__ = ["BATCH", "FIELDS", "SCHEMA_VERSION", "ImportSummary", "QuoteStore", "RowError", "StoreError",
           "content_hash", "derive_id", "meta", "normalise_name", "open_db", "read_rows", "split_sentences"]

BATCH = 500


class QuoteStore(Speakers, Search, Documents, Appearances):
    """The Python API behind `claims db`; each method is one command."""

    def __init__(self, path: str | Path, create: bool = True):
        self.path = Path(path)
        self.db = open_db(self.path, create=create)

    def close(self) -> None:
        self.db.conn.close()

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
        """Stream the file into the database in batches. Under abort the whole file is validated first, so a bad
        row means nothing from the file is written; under skip every good row is."""
        summary = ImportSummary()

        def checked():
            for line, raw, error in read_rows(path):
                row, problem = (None, RowError(str(path), line, error)) if error else check_row(raw, str(path), line)
                if problem:
                    summary.errors.append(problem)
                    summary.skipped += 1
                    continue
                yield row

        if on_error == "abort":
            for _ in checked():
                pass
            if summary.errors:
                return summary
        batch: list[dict] = []
        for row in checked():
            batch.append(row)
            if len(batch) >= BATCH:
                self.write_rows(batch, summary, embed=embed, progress=progress, model=model)
                batch = []
        self.write_rows(batch, summary, embed=embed, progress=progress, model=model)
        return summary

    def add(self, text: str, speaker: str | None = None, embed: bool = True, model: str | None = None,
            **fields) -> tuple[str, ImportSummary]:
        """Add one statement; `fields` are any of id, speaker_aliases, role, date, venue, url, lang, kind."""
        raw = {"text": text, "speaker": speaker, **{k: v for k, v in fields.items() if v is not None}}
        row, problem = check_row(raw, "<add>", 1)
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
            row, problem = check_row(raw, source, number)
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

    def unit_vectors(self, rows: tuple[int, int] | None = None, statements: list[str] | None = None
                     ) -> tuple[np.ndarray, list[str], np.ndarray, np.ndarray, np.ndarray]:
        """Every stored vector with its statement id, unit ("statement" is 1, "sentence" 0) and span, read
        straight into one float32 matrix (no texts, no second copy: a million statements fit in memory);
        with `rows` (low, high), only those of the statements whose rowid is in that range; with
        `statements`, only those of these statements."""
        if rows is not None:
            where, args = "WHERE e.statement_id IN (SELECT id FROM statements WHERE rowid BETWEEN ? AND ?) ", list(rows)
        elif statements is not None:
            where, args = f"WHERE e.statement_id IN ({','.join('?' * len(statements))}) ", list(statements)
        else:
            where, args = "", []
        n, dim = self.db.execute(f"SELECT count(*), max(dim) FROM embeddings e {where}", args).fetchone()
        dim = dim or 0
        matrix = np.empty((n, dim), dtype=np.float32)
        statement_ids: list[str] = []
        is_statement = np.empty(n, dtype=np.int8)
        starts = np.empty(n, dtype=np.int64)
        ends = np.empty(n, dtype=np.int64)
        cursor = self.db.conn.execute(
            'SELECT e.statement_id, s.unit = \'statement\', s.start, s."end", e.vector FROM embeddings e '
            f"JOIN statement_sentences s ON s.id = e.sentence_id {where}ORDER BY e.statement_id, s.start", args)
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
        result["appearances"] = self.appearances(statement_id)
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
