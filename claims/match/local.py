"""The database's own search: its stored vectors searched exactly (one matrix product) up to `EXACT_LIMIT`
stored vectors, and through an HNSW graph (usearch, float16) beyond it, kept in files beside the database and
rebuilt when the stored vectors change; its words through SQLite FTS5. bench/match.py measures both at 10k,
100k and 1M statements."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from claims.match.retrieval import SENTENCE, STATEMENT, WINDOW, UnitHit
from claims.store import QuoteStore

EXACT_LIMIT = 80_000  # stored vectors (about 110k units with windows): beyond, exact search passes 10 ms


@dataclass
class Units:
    """Every searchable unit: a row of `matrix`, the statement it belongs to and its character span."""
    matrix: np.ndarray | None  # (n, dim) float32, unit-normalised; None when an approximate index holds them
    statement: np.ndarray    # (n,) int: index into `ids`
    kind: np.ndarray         # (n,) int8: SENTENCE, STATEMENT or WINDOW
    start: np.ndarray
    end: np.ndarray
    ids: list[str]           # statement ids
    by_id: dict[str, int]

    def units_of(self, statement: int) -> np.ndarray:
        lo, hi = np.searchsorted(self.statement, [statement, statement + 1])
        return np.arange(lo, hi)


def build_units(store: QuoteStore) -> Units:
    return units_from(*store.unit_vectors())


def units_from(matrix: np.ndarray, statement_ids: list[str], is_statement: np.ndarray, start: np.ndarray,
               end: np.ndarray) -> Units:
    """Units from stored vectors (`QuoteStore.unit_vectors`, ordered by statement, then start), with a window
    of every two adjacent sentences of one statement added."""
    ids: list[str] = []
    by_id: dict[str, int] = {}
    statement = np.empty(len(statement_ids), dtype=np.int64)
    for i, statement_id in enumerate(statement_ids):
        index = by_id.get(statement_id)
        if index is None:
            index = by_id[statement_id] = len(ids)
            ids.append(statement_id)
        statement[i] = index
    del statement_ids
    kind = np.where(is_statement == 1, STATEMENT, SENTENCE).astype(np.int8)
    sentences = np.flatnonzero(kind == SENTENCE)
    same = statement[sentences[:-1]] == statement[sentences[1:]] if len(sentences) > 1 else np.zeros(0, bool)
    pairs, following = sentences[:-1][same], sentences[1:][same]
    if len(pairs):
        windows = matrix[pairs] + matrix[following]
        windows /= np.maximum(np.linalg.norm(windows, axis=1, keepdims=True), 1e-9)
        order = np.argsort(np.concatenate([statement, statement[pairs]]), kind="stable")
        matrix = np.concatenate([matrix, windows])[order]
        statement = np.concatenate([statement, statement[pairs]])[order]
        kind = np.concatenate([kind, np.full(len(pairs), WINDOW, dtype=np.int8)])[order]
        start = np.concatenate([start, start[pairs]])[order]
        end = np.concatenate([end, end[following]])[order]
    return Units(np.ascontiguousarray(matrix, dtype=np.float32), statement, kind, start, end, ids, by_id)


CONNECTIVITY, EXPANSION_ADD = 32, 128  # the HNSW graph's links per node, and its breadth while it is built
EXPANSION_SEARCH = 256  # its breadth while searching (at least k): candidates kept before the nearest k are taken


class ApproximateIndex:
    """An HNSW graph over the units (usearch, float16 vectors) with the units' statements and spans, saved
    beside the database (DB.units.usearch, DB.units.npz) so a later process opens it without reading a
    vector from SQLite."""

    def __init__(self, index, units: Units):
        self.index = index
        self.units = units

    @staticmethod
    def paths(store: QuoteStore) -> tuple[Path, Path] | None:
        if str(store.path) == ":memory:":
            return None
        return Path(f"{store.path}.units.usearch"), Path(f"{store.path}.units.npz")

    @classmethod
    def open(cls, store: QuoteStore, signature: str) -> ApproximateIndex | None:
        from usearch.index import Index

        paths = cls.paths(store)
        if not paths or not all(p.exists() for p in paths):
            return None
        try:
            saved = np.load(paths[1], allow_pickle=False)
            if str(saved["signature"]) != signature:
                return None
            ids = [str(x) for x in saved["ids"]]
            units = Units(None, saved["statement"], saved["kind"], saved["start"], saved["end"], ids,
                          {sid: i for i, sid in enumerate(ids)})
            index = Index.restore(str(paths[0]), view=True)
            # the file keeps the graph, not the search breadth: a restored index searches with usearch's default
            index.expansion_search = EXPANSION_SEARCH
            return cls(index, units)
        except (OSError, ValueError, KeyError):
            return None  # damaged or from another version: build again

    @classmethod
    def build(cls, store: QuoteStore, units: Units, signature: str) -> ApproximateIndex:
        from usearch.index import Index

        from claims.nlp.threads import available_cores

        index = Index(ndim=units.matrix.shape[1], metric="ip", dtype="f16", connectivity=CONNECTIVITY,
                      expansion_add=EXPANSION_ADD, expansion_search=EXPANSION_SEARCH)
        index.add(np.arange(len(units.matrix), dtype=np.uint64), units.matrix, threads=available_cores())
        paths = cls.paths(store)
        if paths:
            tmp_index = paths[0].with_name(paths[0].name + ".tmp")
            tmp_meta = paths[1].with_name(paths[1].name + ".tmp.npz")
            index.save(str(tmp_index))
            np.savez(tmp_meta, signature=np.array(signature), ids=np.array(units.ids), statement=units.statement,
                     kind=units.kind, start=units.start, end=units.end)
            os.replace(tmp_index, paths[0])
            os.replace(tmp_meta, paths[1])
        units.matrix = None  # the index holds the vectors now
        return cls(index, units)

    def search(self, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        found = self.index.search(q, k)
        keys = np.asarray(found.keys, dtype=np.int64)
        return keys, (1.0 - np.asarray(found.distances, dtype=np.float32))  # inner-product distance is 1 - cos

    def vectors(self, keys: np.ndarray) -> np.ndarray:
        return np.asarray(self.index.get(keys.astype(np.uint64)), dtype=np.float32).reshape(len(keys), -1)




class LocalRetrieval:
    """The database's vectors and words (claims.match.retrieval.Retrieval), read again when it changes."""

    def __init__(self, store: QuoteStore, index: str = "auto"):
        """`index`: "exact", "approximate", or "auto" (exact up to EXACT_LIMIT stored vectors)."""
        self.store = store
        self.choice = index
        self.kind: str | None = None
        self._version = None
        self._units: Units | None = None
        self._ann: ApproximateIndex | None = None

    def _refresh(self) -> None:
        version = self.store.version()
        if self._version == version:
            return
        count, last, model = self.store.embedding_signature()
        kind = self.choice if self.choice != "auto" else "approximate" if count > EXACT_LIMIT else "exact"
        self._units, self._ann = None, None
        if kind == "approximate" and count:
            # a graph built with other links per node or breadth is rebuilt, not reused
            signature = f"{count}:{last}:{model}:hnsw{CONNECTIVITY}/{EXPANSION_ADD}"
            self._ann = ApproximateIndex.open(self.store, signature)
            if self._ann is None:
                self._ann = ApproximateIndex.build(self.store, build_units(self.store), signature)
            self._units = self._ann.units
        else:
            self._units = build_units(self.store)
        self.kind = kind
        self._version = version

    @property
    def units(self) -> Units:
        self._refresh()
        return self._units

    @property
    def approximate(self) -> ApproximateIndex | None:
        self._refresh()
        return self._ann

    def unit_count(self) -> int:
        return len(self.units.statement)

    def nearest_units(self, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k units closest to `q` as rows of `units`, with their cosines, closest first."""
        units = self.units
        if self._ann is not None:
            hits, scores = self._ann.search(q, k)
            keep = hits >= 0
            hits, scores = hits[keep], scores[keep]
        else:
            scores_all = units.matrix @ q
            k = min(k, len(scores_all))
            hits = np.argpartition(-scores_all, k - 1)[:k]
            scores = scores_all[hits]
        order = np.argsort(-scores, kind="stable")
        return hits[order], scores[order]

    def _hits(self, rows: np.ndarray, scores: np.ndarray) -> list[UnitHit]:
        units = self._units
        return [UnitHit(units.ids[units.statement[r]], int(units.start[r]), int(units.end[r]), int(units.kind[r]),
                        float(s)) for r, s in zip(rows.tolist(), scores.tolist())]

    def nearest(self, q: np.ndarray, k: int) -> list[UnitHit]:
        return self._hits(*self.nearest_units(q, k))

    def statement_units(self, statement_ids: list[str], q: np.ndarray) -> dict[str, list[UnitHit]]:
        units = self.units
        found = {}
        for statement_id in statement_ids:
            index = units.by_id.get(statement_id)
            if index is None:
                continue
            rows = units.units_of(index)
            vectors = self._ann.vectors(rows) if self._ann is not None else units.matrix[rows]
            found[statement_id] = self._hits(rows, vectors @ q)
        return found

    def lexical(self, text: str, top: int) -> list[tuple[str, str | None]]:
        return self.store.rare_word_search(text, top=top)
