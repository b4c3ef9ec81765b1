"""Where the matcher's candidates come from: one small interface over the engines that hold a quote database's
units (statements, their sentences and windows of two sentences) and its statements' words.

- `claims.match.local.LocalRetrieval`, the default: the database itself, with exact search over its vectors
  up to `EXACT_LIMIT` and an HNSW graph (usearch) saved beside it beyond, and SQLite FTS5 for the words;
- `claims.match.milvus.MilvusRetrieval`: a Milvus collection filled from the database by
  `claims db sync-index --to URI`, dense and BM25 search in one engine that shards across machines.

The matcher fuses their rankings (claims.match.Matcher.match_vector) and reads statements' texts and speakers
from the database by id, whichever engine found them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

SENTENCE, STATEMENT, WINDOW = 0, 1, 2  # the kinds of unit


@dataclass(frozen=True)
class UnitHit:
    """One unit of a statement and its cosine with a query."""
    statement_id: str
    start: int
    end: int
    kind: int
    score: float


class Retrieval(Protocol):
    kind: str  # "exact", "approximate" or "milvus": which engine answers

    def unit_count(self) -> int:
        """How many units can be found."""

    def nearest(self, q: np.ndarray, k: int) -> list[UnitHit]:
        """The k units closest to the unit-normalised query vector `q`, by cosine, closest first."""

    def statement_units(self, statement_ids: list[str], q: np.ndarray) -> dict[str, list[UnitHit]]:
        """Every unit of each of the statements with its cosine with `q` (statements without vectors are left
        out)."""

    def lexical(self, text: str, top: int) -> list[tuple[str, str | None]]:
        """(statement id, language) of the `top` statements BM25 ranks best for the words of `text`."""


class IndexUnavailable(ValueError):
    """An index URI that cannot be opened or used."""


def is_index_uri(value: str) -> bool:
    """Whether `value` names an external index rather than one of the database's own searches."""
    return value not in ("auto", "exact", "approximate")


def open_retrieval(store, index: str = "auto") -> Retrieval:
    """The engine for `index`: "auto" (exact search up to EXACT_LIMIT vectors, the HNSW graph beyond), "exact",
    "approximate", or a Milvus URI (claims.match.milvus.milvus_uri)."""
    if not is_index_uri(index):
        from claims.match.local import LocalRetrieval

        return LocalRetrieval(store, index)
    from claims.match.milvus import MilvusRetrieval

    return MilvusRetrieval(store, index)
