"""A quote index in Milvus: the database's units (dense vectors) and statements (BM25 over their words) in an
engine that shards across machines, for databases beyond one machine's memory.

    claims db sync-index --to quotes.milvus.db          # Milvus Lite, embedded, one file
    claims db sync-index --to http://milvus:19530       # a standalone or distributed Milvus
    claims check draft.txt --index http://milvus:19530

The same client code talks to both (pymilvus; `pip install -e '.[milvus]'`). The SQLite database stays the
record: the index holds what is searched (vectors, words, spans), the database the statements' texts, speakers,
dates and history, looked up by id.

Three collections:
- `claims_units`: one row per unit (statement, sentence, window of two sentences) with its vector, statement
  id, kind and span, under an HNSW graph with the links and breadth of the database's own (or FLAT, IVF,
  DiskANN: `--index-type`);
- `claims_statements`: one row per statement with its words (speaker and text, as the database's FTS5 table
  holds them) and language; Milvus computes their BM25 vectors itself;
- `claims_sync`: which ranges of statement rows are in the index, and the signature of each, so that
  `sync-index` resumes where it stopped and later sends only the ranges that changed.
"""
from __future__ import annotations

import hashlib
import logging
import re
import sys
from contextlib import contextmanager

import numpy as np

from claims.match.local import CONNECTIVITY, EXPANSION_ADD, EXPANSION_SEARCH
from claims.match.retrieval import IndexUnavailable, UnitHit

UNITS, STATEMENTS, SYNC = "claims_units", "claims_statements", "claims_sync"
ROWS_PER_RANGE = 2_000  # statement rows (by SQLite rowid) per range the sync sends and records as one
INSERT_BATCH = 5_000
SENDING = "sending"  # the signature of a range whose rows are going in
SUMMARY = -1  # the SYNC row of the database's summary when the last sync completed
NPROBE = 64  # clusters an IVF index searches
ID_LENGTH = 512
TEXT_LENGTH = 65_535
_SERVER = re.compile(r"^(?:https?|tcp|grpc|milvus)://", re.IGNORECASE)


def milvus_uri(value: str) -> str:
    """What pymilvus opens for an `--index` value: a server address (http://HOST:19530; milvus://HOST:PORT is
    read as http) or a local Milvus Lite file, whose name must end in .db."""
    if _SERVER.match(value):
        return re.sub(r"^milvus://", "http://", value, flags=re.IGNORECASE)
    if value.endswith(".db"):
        return value
    raise IndexUnavailable(f"{value}: not an index; give a Milvus address (http://HOST:19530) or a Milvus Lite "
                           f"file ending in .db")


def _client(uri: str):
    try:
        from pymilvus import MilvusClient
    except ImportError:
        raise IndexUnavailable("a Milvus index needs pymilvus: pip install -e '.[milvus]'") from None
    # pymilvus logs every failed call with its traceback; the caller reports the failure in one line
    logging.getLogger("pymilvus").setLevel(logging.CRITICAL)
    try:
        return MilvusClient(milvus_uri(uri))
    except IndexUnavailable:
        raise
    except Exception as exc:  # pymilvus raises its own errors and grpc's for an address nobody answers at
        raise IndexUnavailable(f"{uri}: cannot open the Milvus index ({str(exc).splitlines()[0][:200]})") from None


@contextmanager
def _answers(uri: str):
    """A failure of the engine (a call it rejects, a server gone) as one line naming the index."""
    from pymilvus.exceptions import MilvusException

    try:
        yield
    except MilvusException as exc:
        raise IndexUnavailable(f"{uri}: the Milvus index failed: {getattr(exc, 'message', str(exc))[:200]}") from None


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


class MilvusRetrieval:
    """claims.match.retrieval.Retrieval over a Milvus index filled by `sync_index`."""

    kind = "milvus"

    def __init__(self, store, uri: str):
        self.store = store
        self.uri = uri
        self.client = _client(uri)
        with _answers(uri):
            if not all(self.client.has_collection(name) for name in (UNITS, STATEMENTS, SYNC)):
                raise IndexUnavailable(f"{uri}: no claims index here; fill it with: claims db sync-index --to {uri}")
            for name in (UNITS, STATEMENTS, SYNC):
                self.client.load_collection(name)
            behind = self.behind()
            index_type = self.client.describe_index(UNITS, "vector").get("index_type", "FLAT")
        self._count = None
        # how broadly the vector index is searched: as broadly as the database's own HNSW graph is
        self._breadth = {"HNSW": "ef", "IVF_FLAT": "nprobe", "IVF_SQ8": "nprobe", "IVF_PQ": "nprobe"}.get(index_type)
        if behind:
            print(f"note: {uri} is behind the database ({behind}); run: claims db sync-index --to {uri}",
                  file=sys.stderr)

    def behind(self) -> str | None:
        """Why the index may not hold what the database holds, or None when it does: the database's summary
        (`_database_summary`) is not the one the last complete sync recorded. Reading every range's signature
        instead would read the whole database on every check (27 s at 1M statements)."""
        rows = self.client.query(SYNC, filter=f"range == {SUMMARY}", output_fields=["signature"])
        if not rows:
            return "no sync has completed"
        if rows[0]["signature"] != _database_summary(self.store):
            return "the database changed since the last sync"
        return None

    def unit_count(self) -> int:
        if self._count is None:
            with _answers(self.uri):
                rows = self.client.query(UNITS, filter="", output_fields=["count(*)"])
            self._count = int(rows[0]["count(*)"]) if rows else 0
        return self._count

    def nearest(self, q: np.ndarray, k: int) -> list[UnitHit]:
        with _answers(self.uri):
            found = self.client.search(UNITS, data=[np.asarray(q, dtype=np.float32).tolist()], anns_field="vector",
                                       limit=k, output_fields=["statement", "kind", "start", "end"],
                                       search_params=self._search_params(k))
        return [UnitHit(h["entity"]["statement"], int(h["entity"]["start"]), int(h["entity"]["end"]),
                        int(h["entity"]["kind"]), float(h["distance"])) for h in (found[0] if found else [])]

    def _search_params(self, k: int) -> dict:
        if self._breadth == "ef":
            return {"metric_type": "IP", "params": {"ef": max(EXPANSION_SEARCH, k)}}
        if self._breadth == "nprobe":
            return {"metric_type": "IP", "params": {"nprobe": NPROBE}}
        return {"metric_type": "IP"}

    def statement_units(self, statement_ids: list[str], q: np.ndarray) -> dict[str, list[UnitHit]]:
        # from the database, which holds the same vectors: a Milvus query by statement id took seconds in
        # Milvus Lite at 300k statements (bench/index.py), an indexed SQLite read takes a millisecond
        from claims.match.local import units_from

        if not statement_ids:
            return {}
        units = units_from(*self.store.unit_vectors(statements=list(statement_ids)))
        scores = units.matrix @ np.asarray(q, dtype=np.float32) if len(units.statement) else np.zeros(0)
        out: dict[str, list[UnitHit]] = {}
        for row, statement in enumerate(units.statement.tolist()):
            statement_id = units.ids[statement]
            out.setdefault(statement_id, []).append(UnitHit(statement_id, int(units.start[row]), int(units.end[row]),
                                                            int(units.kind[row]), float(scores[row])))
        return out

    def lexical(self, text: str, top: int) -> list[tuple[str, str | None]]:
        if not re.search(r"\w", text):
            return []
        with _answers(self.uri):
            found = self.client.search(STATEMENTS, data=[text], anns_field="sparse", limit=top,
                                       output_fields=["statement", "lang"], search_params={"metric_type": "BM25"})
        return [(h["entity"]["statement"], h["entity"]["lang"] or None) for h in (found[0] if found else [])]


# ------------------------------------------------------------------------------------------------- sync

def _range_signatures(store) -> dict[int, str]:
    """{range number: signature} of the database's statements, by rowid ranges of ROWS_PER_RANGE: a range's
    signature changes when one of its statements is added, removed, edited, re-attributed or embedded again."""
    digests: dict[int, "hashlib._Hash"] = {}
    rows = store.db.conn.execute(
        "SELECT st.rowid, st.id, st.content_hash, coalesce(st.speaker, ''), coalesce(st.lang, ''), "
        "count(e.sentence_id), coalesce(max(e.sentence_id), 0), coalesce(max(e.model), '') "
        "FROM statements st LEFT JOIN embeddings e ON e.statement_id = st.id GROUP BY st.rowid ORDER BY st.rowid")
    for row in rows:
        digest = digests.setdefault(row[0] // ROWS_PER_RANGE, hashlib.sha1())
        digest.update("\x1f".join(map(str, row)).encode("utf-8") + b"\x1e")
    return {k: d.hexdigest() for k, d in digests.items()}


def _database_summary(store) -> str:
    """A signature of the database that any import, edit, deletion or new vector changes, read from indexes and
    counts rather than from every row."""
    statements = store.db.execute("SELECT count(*), max(rowid), max(updated_at) FROM statements").fetchone()
    return hashlib.sha1(repr((tuple(statements), tuple(store.embedding_signature()))).encode()).hexdigest()


def _synced_ranges(client) -> list[tuple[int, str]]:
    client.load_collection(SYNC)
    rows = client.query(SYNC, filter="range >= 0", output_fields=["range", "signature"])
    return [(int(r["range"]), r["signature"]) for r in rows]


def _create(client, dim: int, index_type: str) -> None:
    from pymilvus import DataType, Function, FunctionType

    if not client.has_collection(UNITS):
        schema = client.create_schema(auto_id=True)
        schema.add_field("key", DataType.INT64, is_primary=True)
        schema.add_field("row", DataType.INT64)  # the statement's rowid in the database: what a range deletes by
        schema.add_field("statement", DataType.VARCHAR, max_length=ID_LENGTH)
        schema.add_field("kind", DataType.INT8)
        schema.add_field("start", DataType.INT64)
        schema.add_field("end", DataType.INT64)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dim)
        index = client.prepare_index_params()
        params = {"HNSW": {"M": CONNECTIVITY, "efConstruction": EXPANSION_ADD}}.get(index_type) or \
            ({"nlist": 4096} if index_type.startswith("IVF") else {})
        index.add_index("vector", index_type=index_type, metric_type="IP", params=params)
        index.add_index("statement", index_type="INVERTED")
        index.add_index("row", index_type="INVERTED")
        client.create_collection(UNITS, schema=schema, index_params=index)
    if not client.has_collection(STATEMENTS):
        schema = client.create_schema(auto_id=True)
        schema.add_field("key", DataType.INT64, is_primary=True)
        schema.add_field("row", DataType.INT64)
        schema.add_field("statement", DataType.VARCHAR, max_length=ID_LENGTH)
        schema.add_field("lang", DataType.VARCHAR, max_length=16)
        schema.add_field("words", DataType.VARCHAR, max_length=TEXT_LENGTH, enable_analyzer=True,
                         analyzer_params={"type": "standard"})
        schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        schema.add_function(Function(name="bm25", function_type=FunctionType.BM25, input_field_names=["words"],
                                     output_field_names=["sparse"]))
        index = client.prepare_index_params()
        index.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25")
        index.add_index("row", index_type="INVERTED")
        client.create_collection(STATEMENTS, schema=schema, index_params=index)
    if not client.has_collection(SYNC):
        schema = client.create_schema(auto_id=False)
        schema.add_field("range", DataType.INT64, is_primary=True)
        schema.add_field("signature", DataType.VARCHAR, max_length=64)
        schema.add_field("placeholder", DataType.FLOAT_VECTOR, dim=2)  # Milvus wants a vector in every collection
        index = client.prepare_index_params()
        index.add_index("placeholder", index_type="FLAT", metric_type="L2")
        client.create_collection(SYNC, schema=schema, index_params=index)


def _range_rows(store, number: int) -> tuple[list[dict], list[dict]]:
    """The units and statements of one range of statement rows, as the index stores them."""
    from claims.match.local import units_from

    low, high = number * ROWS_PER_RANGE, (number + 1) * ROWS_PER_RANGE - 1
    statements = store.db.conn.execute(
        "SELECT rowid, id, coalesce(lang, ''), coalesce(text, ''), coalesce(speaker, '') FROM statements "
        "WHERE rowid BETWEEN ? AND ?", [low, high]).fetchall()
    row_of = {sid: rowid for rowid, sid, *_ in statements}
    units = units_from(*store.unit_vectors(rows=(low, high)))
    unit_rows = [{"row": row_of[units.ids[s]], "statement": units.ids[s], "kind": int(k), "start": int(a),
                  "end": int(b), "vector": v.tolist()}
                 for s, k, a, b, v in zip(units.statement.tolist(), units.kind.tolist(), units.start.tolist(),
                                          units.end.tolist(), units.matrix)]
    # the words FTS5 indexes: the text and the speaker's name
    statement_rows = [{"row": rowid, "statement": sid, "lang": lang, "words": f"{text} {speaker}"[:TEXT_LENGTH]}
                      for rowid, sid, lang, text, speaker in statements]
    return unit_rows, statement_rows


def sync_index(store, uri: str, index_type: str | None = None, progress=None) -> dict:
    """Fill the Milvus index at `uri` from the database: every range of statement rows whose signature the
    index does not have yet is deleted from it and sent again, then recorded. Stopped at any point, it resumes
    with the first range not recorded; run again after a change, it sends only the ranges that changed.
    `index_type`: the vector index of a new collection (HNSW by default, with the links and breadth of the
    database's own graph; FLAT for exact search).
    Returns what it did: {"ranges", "sent", "kept", "removed", "units", "statements"}."""
    client = _client(uri)
    count, _, _ = store.embedding_signature()
    dim = store.db.execute("SELECT max(dim) FROM embeddings").fetchone()[0]
    if not count or not dim:
        raise IndexUnavailable(f"{store.path}: no statement has a vector yet; embed them first "
                               f"(claims db import FILE, without --no-embed)")
    with _answers(uri):
        return _sync(client, store, int(dim), index_type or "HNSW", progress)


def _sync(client, store, dim: int, index_type: str, progress) -> dict:
    _create(client, dim, index_type)
    wanted = _range_signatures(store)
    have = dict(_synced_ranges(client))
    summary = {"ranges": len(wanted), "sent": 0, "kept": 0, "removed": 0, "units": 0, "statements": 0}
    for number in sorted(set(have) - set(wanted)):
        _delete_range(client, number)
        summary["removed"] += 1
    for number, signature in sorted(wanted.items()):
        if have.get(number) == signature:
            summary["kept"] += 1
            continue
        units, statements = _range_rows(store, number)
        if number in have:
            # an older version of the range, or part of it (an interruption): emptied before it is sent again
            _delete_range(client, number)
        # recorded as being sent before its rows go in, so that a run stopped halfway empties it next time
        client.upsert(SYNC, [{"range": number, "signature": SENDING, "placeholder": [0.0, 0.0]}])
        for i in range(0, len(units), INSERT_BATCH):
            client.insert(UNITS, units[i:i + INSERT_BATCH])
        for i in range(0, len(statements), INSERT_BATCH):
            client.insert(STATEMENTS, statements[i:i + INSERT_BATCH])
        client.upsert(SYNC, [{"range": number, "signature": signature, "placeholder": [0.0, 0.0]}])
        summary["sent"] += 1
        summary["units"] += len(units)
        summary["statements"] += len(statements)
        if progress:
            progress(summary)
    client.upsert(SYNC, [{"range": SUMMARY, "signature": _database_summary(store), "placeholder": [0.0, 0.0]}])
    for name in (UNITS, STATEMENTS, SYNC):
        client.flush(name)
    return summary


def _delete_range(client, number: int) -> None:
    low, high = number * ROWS_PER_RANGE, (number + 1) * ROWS_PER_RANGE - 1
    for name in (UNITS, STATEMENTS):
        client.delete(name, filter=f"row >= {low} and row <= {high}")
    client.delete(SYNC, filter=f"range == {number}")
