"""Search of the stored statements: full text (SQLite FTS5, BM25) and semantic (exact cosine over the
stored vectors)."""
from __future__ import annotations

import re
import unicodedata

import numpy as np


def _fts_string(word: str) -> str:
    """A word as a quoted FTS5 string: operators and punctuation in it are plain text."""
    return '"' + word.replace('"', '""') + '"'


class Search:
    """The search methods of `QuoteStore` (its `db`, `vectors()`, `encoder()` and speakers)."""

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
