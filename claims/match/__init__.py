"""Link a statement to the source statements that may be its origin.

Retrieval fuses rankings by reciprocal rank fusion (RRF, k = 60):

- embedding similarity of the query (e5 "query:" prompt) to every stored unit:
  whole statements, their sentences, and windows of two adjacent sentences
  (the normalised sum of their vectors), so a fragment or a merge of a longer
  statement still finds its best-aligned span;
- FTS5 BM25 over the statements' words, which is as good as embeddings within
  one language and adds nothing across languages, so it only counts for
  statements in the query's language;
- the attributed speaker's own statements among the embedding hits. The
  speaker counts but does not filter: a near-verbatim candidate by someone
  else still comes back, which is how misattribution shows;
- then, among the leaders in the quote's language, their wording: the share
  of the quote's words they say in the same order (longest common
  subsequence, rapidfuzz), added to the fusion in proportion to that share
  (a whole quote said word for word counts as much as a first rank).

Embedding search is exact (one matrix product over float32 vectors) up to
`EXACT_LIMIT` stored vectors and an HNSW index (usearch, float16) beyond it,
kept in files beside the database and rebuilt when the stored vectors change.
bench/match.py measures both at 10k, 100k and 1M statements.
"""
from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np
from rapidfuzz.distance import LCSseq

from claims.match.query import search_text
from claims.store import QuoteStore

RRF_K = 60
DEPTH = 50  # how deep each ranking goes before fusion
WINDOW_PENALTY = 0.02
WORDING_POOL = 20  # how many fused leaders are compared word by word with the query
WORDING_MIN = 0.5  # share of the quote's words a statement must say in order for its wording to count
DENSE_KEPT = 2  # the embedding ranking's leaders always among the candidates
EXACT_LIMIT = 80_000  # stored vectors (about 110k units with windows): beyond, exact search passes 10 ms
SENTENCE, STATEMENT, WINDOW = 0, 1, 2


@dataclass
class Candidate:
    statement_id: str
    sentence: str        # the best-aligned span of the source
    speaker: str | None
    score: float         # cosine of the query with that span
    date: str | None
    url: str | None
    span: tuple[int, int]
    fused: float         # the RRF score the ranking is by
    same_speaker: bool
    lang: str | None = None  # the source statement's language
    p_link: float = 0.0      # how likely the quote comes from this statement (claims.verify.link)
    linked: bool = False     # the one candidate the quote is linked to, if any

    def to_dict(self) -> dict:
        d = asdict(self)
        d["span"] = list(self.span)
        return d


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
    matrix, statement_ids, is_statement, start, end = store.unit_vectors()
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
    # windows of two adjacent sentences of one statement (rows come ordered by statement, then start)
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


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


class Matcher:
    def __init__(self, store: QuoteStore, model: str | None = None, index: str = "auto"):
        """`index`: "exact", "approximate", or "auto" (exact up to EXACT_LIMIT stored vectors)."""
        self.store = store
        self.model = model
        self.index_choice = index
        self._version = None
        self._units = None
        self._ann: ApproximateIndex | None = None
        self.index_kind: str | None = None  # which search answered last: "exact" or "approximate"

    def _refresh(self) -> None:
        version = self.store.version()
        if self._version == version:
            return
        count, last, model = self.store.embedding_signature()
        kind = self.index_choice if self.index_choice != "auto" else \
            "approximate" if count > EXACT_LIMIT else "exact"
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
        self.index_kind = kind
        self._version = version

    def units(self) -> Units:
        self._refresh()
        return self._units

    def _approximate(self) -> ApproximateIndex | None:
        self._refresh()
        return self._ann

    def unit_count(self) -> int:
        return len(self.units().statement)

    def nearest_units(self, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k units ranked best for the query (window units pay a penalty), with their cosines."""
        units = self.units()
        if self._ann is not None:
            hits, scores = self._ann.search(q, k)
            keep = hits >= 0
            hits, scores = hits[keep], scores[keep]
        else:
            scores_all = units.matrix @ q
            k = min(k, len(scores_all))
            hits = np.argpartition(-scores_all, k - 1)[:k]
            scores = scores_all[hits]
        ranked = scores - WINDOW_PENALTY * (units.kind[hits] == WINDOW)
        order = np.argsort(-ranked)
        return hits[order], scores[order]

    def _unit_scores(self, unit_ids: np.ndarray, q: np.ndarray) -> np.ndarray:
        vectors = self._ann.vectors(unit_ids) if self._ann is not None else self._units.matrix[unit_ids]
        return vectors @ q

    def realign(self, candidates: list[Candidate], q: np.ndarray) -> list[Candidate]:
        """Copies of `candidates` whose span is each statement's unit closest to another query vector `q` (one
        sentence of a longer quote), chosen the way `match_vector` chooses; a statement without vectors keeps
        its span."""
        units = self.units()
        texts = self.store.statement_rows([c.statement_id for c in candidates])
        found = []
        for c in candidates:
            index = units.by_id.get(c.statement_id)
            if index is None or c.statement_id not in texts:
                found.append(c)
                continue
            own = units.units_of(index)
            scores = self._unit_scores(own, q)
            best = int(np.argmax(scores - WINDOW_PENALTY * (units.kind[own] == WINDOW)))
            start, end = int(units.start[own[best]]), int(units.end[own[best]])
            found.append(replace(c, sentence=texts[c.statement_id][4][start:end], score=round(float(scores[best]), 4),
                                 span=(start, end)))
        return found

    def match(self, text: str, speaker: str | None = None, top: int = 5) -> list[Candidate]:
        return self.match_many([text], [speaker], top)[0]

    def match_many(self, texts: list[str], speakers: list[str | None], top: int = 5) -> list[list[Candidate]]:
        """`match` for several statements, their queries embedded in one batch."""
        if not texts or not self.unit_count():
            return [[] for _ in texts]
        vectors = self.embed_queries(texts)
        return [self.match_vector(q, text, speaker, top) for q, text, speaker in zip(vectors, texts, speakers)]

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        from claims.nlp.encoder import embed

        # small batches: statements differ in length, and on a CPU padding is paid in full. The seed
        # article's 27 statements: 1.17 s in batches of 32, 0.60 s in batches of 8, 0.55 s in batches of 4
        return embed(self.store.encoder(self.model), [search_text(t) for t in texts], kind="query", batch_size=4)

    def match_vector(self, q: np.ndarray, text: str, speaker: str | None = None, top: int = 5) -> list[Candidate]:
        """`match` for a query already embedded (the benchmark times the two apart)."""
        from claims.ingest import detect_language

        units = self.units()
        if not len(units.statement):
            return []
        text = search_text(text)
        hits, scores = self.nearest_units(q, DEPTH * 4)
        best_unit: dict[str, tuple[int, float]] = {}
        for unit, score in zip(hits.tolist(), scores.tolist()):
            statement_id = units.ids[units.statement[unit]]
            if statement_id not in best_unit:
                best_unit[statement_id] = (unit, score)
            if len(best_unit) >= DEPTH:
                break
        dense = list(best_unit)
        # words only count within one language: a Vietnamese quote sharing "AI" or "GPU" with an English
        # statement says nothing about their meaning
        query_lang = detect_language(text)
        lexical = [sid for sid, lang in self.store.rare_word_search(text, top=DEPTH) if not lang or lang == query_lang]
        speaker_ids = self.store.speaker_statement_ids(speaker, set(dense) | set(lexical)) if speaker else set()
        own = [s for s in dense if s in speaker_ids]

        fused: dict[str, float] = {}
        for ranking in (dense, lexical, own):
            for rank, statement_id in enumerate(ranking):
                fused[statement_id] = fused.get(statement_id, 0.0) + 1.0 / (RRF_K + rank + 1)
        # the leaders again by wording: e5 scores a statement and its contradiction alike, and ranks alone keep
        # no trace of how much of the quote a statement says word for word
        pool = [sid for sid, _ in sorted(fused.items(), key=lambda kv: -kv[1])[:WORDING_POOL]]
        info = self.store.statement_rows(pool)
        query_words = _words(text)
        said = {sid: LCSseq.similarity(query_words, _words(info[sid][4])) / max(len(query_words), 1)
                for sid in pool if sid in info and (info[sid][3] or query_lang) == query_lang}
        for statement_id, share in said.items():
            if share >= WORDING_MIN:  # by its share, not its rank: saying 12 of 12 words beats 9 of 12 clearly
                fused[statement_id] += share / (RRF_K + 1)
        chosen = sorted(((sid, fused[sid]) for sid in pool), key=lambda kv: -kv[1])[:top]
        # the closest statements in meaning stay in the list whoever said them: the attributed speaker's
        # statements all lead the fusion, and a quote put in the wrong mouth must still meet its true source
        taken = {sid for sid, _ in chosen}
        chosen += [(sid, fused[sid]) for sid in dense[:DENSE_KEPT] if sid not in taken and sid in fused]
        results = []
        for statement_id, value in chosen:
            if statement_id not in info:
                continue
            spk, date, url, lang, full = info[statement_id]
            if statement_id in best_unit:
                unit, score = best_unit[statement_id]
            elif statement_id in units.by_id:  # found by words only: score its best unit anyway
                own_units = units.units_of(units.by_id[statement_id])
                unit_scores = self._unit_scores(own_units, q)
                unit, score = int(own_units[np.argmax(unit_scores)]), float(unit_scores.max())
            else:  # no vectors yet
                unit, score = None, 0.0
            start, end = (int(units.start[unit]), int(units.end[unit])) if unit is not None else (0, len(full))
            results.append(Candidate(statement_id, full[start:end], spk, round(score, 4), date, url, (start, end),
                                     round(value, 5), statement_id in speaker_ids, lang or detect_language(full)))
        return results
