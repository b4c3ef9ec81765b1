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

The units and words are searched by a retrieval engine
(claims.match.retrieval): the database's own by default (exact embedding
search up to `EXACT_LIMIT` stored vectors, an HNSW graph beyond it, FTS5 for
words), or a Milvus collection synced from it (`--index URI`).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace

import numpy as np
from rapidfuzz.distance import LCSseq

from claims.match.local import EXACT_LIMIT, EXPANSION_SEARCH, ApproximateIndex
from claims.match.query import search_text
from claims.match.retrieval import WINDOW, Retrieval, UnitHit, open_retrieval
from claims.store import QuoteStore

__all__ = ["Candidate", "Matcher", "EXACT_LIMIT", "EXPANSION_SEARCH", "ApproximateIndex"]

RRF_K = 60
DEPTH = 50  # how deep each ranking goes before fusion
WINDOW_PENALTY = 0.02
WORDING_POOL = 20  # how many fused leaders are compared word by word with the query
WORDING_MIN = 0.5  # share of the quote's words a statement must say in order for its wording to count
DENSE_KEPT = 2  # the embedding ranking's leaders always among the candidates


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


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


class Matcher:
    def __init__(self, store: QuoteStore, model: str | None = None, index: str = "auto"):
        """`index`: "exact", "approximate", "auto" (exact up to EXACT_LIMIT stored vectors), or the URI of a
        Milvus index filled by `claims db sync-index` (claims.match.milvus)."""
        self.store = store
        self.model = model
        self.retrieval: Retrieval = open_retrieval(store, index)

    @property
    def index_kind(self) -> str | None:
        """Which search answers: "exact", "approximate" or "milvus"."""
        return self.retrieval.kind

    @property
    def _ann(self):
        return getattr(self.retrieval, "approximate", None)

    def unit_count(self) -> int:
        return self.retrieval.unit_count()

    def nearest_units(self, q: np.ndarray, k: int):
        """The database's own search: the k units closest to `q` as rows of its units, with their cosines."""
        return self.retrieval.nearest_units(q, k)

    def nearest(self, q: np.ndarray, k: int) -> list[UnitHit]:
        """The k units ranked best for the query (window units pay a penalty)."""
        hits = self.retrieval.nearest(q, k)
        return sorted(hits, key=lambda h: -(h.score - WINDOW_PENALTY * (h.kind == WINDOW)))

    @staticmethod
    def _best(units: list[UnitHit]) -> UnitHit:
        return max(units, key=lambda h: h.score - WINDOW_PENALTY * (h.kind == WINDOW))

    def realign(self, candidates: list[Candidate], q: np.ndarray) -> list[Candidate]:
        """Copies of `candidates` whose span is each statement's unit closest to another query vector `q` (one
        sentence of a longer quote), chosen the way `match_vector` chooses; a statement without vectors keeps
        its span."""
        texts = self.store.statement_rows([c.statement_id for c in candidates])
        own = self.retrieval.statement_units([c.statement_id for c in candidates if c.statement_id in texts], q)
        found = []
        for c in candidates:
            if c.statement_id not in own:
                found.append(c)
                continue
            best = self._best(own[c.statement_id])
            found.append(replace(c, sentence=texts[c.statement_id][4][best.start:best.end],
                                 score=round(best.score, 4), span=(best.start, best.end)))
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

        if not self.unit_count():
            return []
        text = search_text(text)
        best_unit: dict[str, UnitHit] = {}
        for hit in self.nearest(q, DEPTH * 4):
            if hit.statement_id not in best_unit:
                best_unit[hit.statement_id] = hit
            if len(best_unit) >= DEPTH:
                break
        dense = list(best_unit)
        # words only count within one language: a Vietnamese quote sharing "AI" or "GPU" with an English
        # statement says nothing about their meaning
        query_lang = detect_language(text)
        lexical = [sid for sid, lang in self.retrieval.lexical(text, DEPTH) if not lang or lang == query_lang]
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
        words_only = [sid for sid, _ in chosen if sid in info and sid not in best_unit]
        scored = self.retrieval.statement_units(words_only, q) if words_only else {}
        for statement_id, value in chosen:
            if statement_id not in info:
                continue
            spk, date, url, lang, full = info[statement_id]
            if statement_id in best_unit:
                hit = best_unit[statement_id]
            elif statement_id in scored:  # found by words only: score its best unit anyway
                hit = max(scored[statement_id], key=lambda h: h.score)
            else:  # no vectors yet
                hit = UnitHit(statement_id, 0, len(full), WINDOW, 0.0)
            results.append(Candidate(statement_id, full[hit.start:hit.end], spk, round(hit.score, 4), date, url,
                                     (hit.start, hit.end), round(value, 5), statement_id in speaker_ids,
                                     lang or detect_language(full)))
        return results
