"""Link a statement to the source statements that may be its origin.

Retrieval fuses two rankings by reciprocal rank fusion (RRF, k = 60):

- embedding similarity of the query (e5 "query:" prompt) to every stored unit:
  whole statements, their sentences, and windows of two adjacent sentences
  (the normalised sum of their vectors), so a fragment or a merge of a longer
  statement still finds its best-aligned span;
- FTS5 BM25 over the statements' words, which is as good as embeddings within
  one language and adds nothing across languages.

The attributed speaker counts but does not filter: statements by that speaker
(by name or alias) form a third ranking in the fusion, and a near-verbatim
candidate by someone else still comes back, which is how misattribution shows.
Search is exact (one matrix product over float32 vectors).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from claims.store import QuoteStore, normalise_name

RRF_K = 60
DEPTH = 50  # how deep each ranking goes before fusion
WINDOW_PENALTY = 0.02


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

    def to_dict(self) -> dict:
        d = asdict(self)
        d["span"] = list(self.span)
        return d


class Matcher:
    def __init__(self, store: QuoteStore, model: str | None = None):
        self.store = store
        self.model = model
        self._units_version = None

    def _units(self):
        """Stored vectors plus two-sentence windows, with each unit's statement and span."""
        version = self.store._version()
        if self._units_version == version:
            return self._matrix, self._meta
        matrix, rows = self.store.vectors()
        spans = {sid: (unit, start, end) for sid, unit, start, end in self.store.db.execute(
            "SELECT id, unit, start, \"end\" FROM statement_sentences")}
        meta = []
        for sentence_id, statement_id, unit, text in rows:
            _, start, end = spans[sentence_id]
            meta.append((statement_id, unit, start, end, text))
        windows, window_meta = [], []
        by_statement: dict[str, list[int]] = {}
        for i, (statement_id, unit, _start, _end, _text) in enumerate(meta):
            if unit == "sentence":
                by_statement.setdefault(statement_id, []).append(i)
        texts = dict(self.store.db.execute("SELECT id, text FROM statements").fetchall())
        for statement_id, idx in by_statement.items():
            idx.sort(key=lambda i: meta[i][2])
            for a, b in zip(idx, idx[1:]):
                v = matrix[a] + matrix[b]
                windows.append(v / max(np.linalg.norm(v), 1e-9))
                start, end = meta[a][2], meta[b][3]
                window_meta.append((statement_id, "window", start, end, texts[statement_id][start:end]))
        if windows:
            matrix = np.vstack([matrix, np.array(windows, dtype=np.float32)])
            meta = meta + window_meta
        self._matrix, self._meta, self._units_version = matrix, meta, version
        return matrix, meta

    def match(self, text: str, speaker: str | None = None, top: int = 5) -> list[Candidate]:
        from claims.nlp.encoder import embed

        matrix, meta = self._units()
        if not meta:
            return []
        encoder = self.store._encoder(self.model)
        q = embed(encoder, [text], kind="query")[0]
        scores = matrix @ q

        # a window must beat its own sentences clearly before it counts as the aligned span
        ranked = scores - np.array([WINDOW_PENALTY if m[1] == "window" else 0.0 for m in meta], dtype=np.float32)
        best_unit: dict[str, int] = {}
        for i in np.argsort(-ranked):
            statement_id = meta[i][0]
            if statement_id not in best_unit:
                best_unit[statement_id] = int(i)
            if len(best_unit) >= DEPTH:
                break
        dense = list(best_unit)
        # words only count within one language: a Vietnamese quote sharing "AI" or "GPU" with an English
        # statement says nothing about their meaning
        from claims.ingest import detect_language

        query_lang = detect_language(text)
        lexical = [h["statement_id"] for h in self.store.search(text, top=DEPTH)
                   if not h.get("lang") or h["lang"] == query_lang]
        speaker_ids = self._speaker_statements(speaker) if speaker else set()
        own = [s for s in dense if s in speaker_ids]

        fused: dict[str, float] = {}
        for ranking in (dense, lexical, own):
            for rank, statement_id in enumerate(ranking):
                fused[statement_id] = fused.get(statement_id, 0.0) + 1.0 / (RRF_K + rank + 1)
        info = self.store._statement_info()
        results = []
        for statement_id, value in sorted(fused.items(), key=lambda kv: -kv[1])[:top]:
            unit = best_unit.get(statement_id)
            if unit is None:  # found by words only: score its best unit anyway
                units = [i for i, m in enumerate(meta) if m[0] == statement_id]
                unit = max(units, key=lambda i: scores[i]) if units else None
            spk, date, url, lang, full, _ = info[statement_id]
            _, _, start, end, sentence = meta[unit] if unit is not None else (None, None, 0, len(full), full)
            results.append(Candidate(statement_id, sentence, spk, round(float(scores[unit]), 4) if unit is not None
                                     else 0.0, date, url, (start, end), round(value, 5),
                                     statement_id in speaker_ids, lang or detect_language(full)))
        return results

    def _speaker_statements(self, speaker: str) -> set[str]:
        names = sorted(self.store.speaker_names(speaker))
        rows = self.store.db.execute(
            f"SELECT id FROM statements WHERE speaker_id IN (SELECT speaker_id FROM aliases WHERE alias_key IN "
            f"({','.join('?' * len(names))}))", names).fetchall()
        found = {r[0] for r in rows}
        if not found:  # an unknown speaker may still be named in the statements' speaker field
            key = normalise_name(speaker)
            found = {sid for sid, (spk, *_rest) in self.store._statement_info().items()
                     if spk and normalise_name(spk) == key}
        return found
