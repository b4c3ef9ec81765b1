"""Quote database benchmark: import throughput, search latency and size on disk.

    python bench/db.py [--sizes 10000,100000] [--embed-sample 2000] [--queries 50]

Statements are built from real sentences (bench/data/ud-sentences.jsonl, sampled
from UD English-EWT and Vietnamese-VTB): each statement is one to three of them,
with a speaker from a pool of 500.

- Import without embeddings is measured at every size.
- Import with embeddings (the default encoder, on this CPU) is measured on
  `--embed-sample` statements; embedding dominates and is linear in the count.
- Semantic search at each size needs a vector per sentence; computing them all
  would take hours here, so the vectors of the distinct base sentences are
  computed once and reused for every statement built from them (search latency
  does not depend on the vector values). FTS latency uses the real index.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.nlp.encoder import embed, load_encoder  # noqa: E402
from claims.store import BATCH, ImportSummary, QuoteStore  # noqa: E402

DATA = Path(__file__).parent / "data" / "ud-sentences.jsonl"


def sentences() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]


def statements(n: int, pool: list[dict], seed: int = 1) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        k = rng.randint(1, 3)
        picked = [pool[rng.randrange(len(pool))] for _ in range(k)]
        rows.append({"id": f"bench-{i}", "speaker": f"Speaker {rng.randrange(500)}", "speaker_aliases": [],
                     "role": None, "date": f"20{rng.randint(10, 24)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                     "venue": None, "url": None, "lang": picked[0]["lang"], "kind": "statement",
                     "text": " ".join(p["text"] for p in picked)})
    return rows


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q))


def fill_vectors(store: QuoteStore, base_vectors: dict[str, np.ndarray], model_name: str) -> None:
    """Store, for every sentence row, the vector of its base sentence (or of its first base sentence)."""
    rows = store.db.execute("SELECT id, statement_id, text FROM statement_sentences").fetchall()
    dim = next(iter(base_vectors.values())).shape[0]
    payload = []
    for sid, statement_id, text in rows:
        vector = base_vectors.get(text)
        if vector is None:
            vector = next((v for s, v in base_vectors.items() if text.startswith(s)), None)
        if vector is None:
            vector = base_vectors[next(iter(base_vectors))]
        payload.append((sid, statement_id, model_name, dim, vector.astype(np.float32).tobytes()))
    with store.db.conn:
        store.db.conn.execute("BEGIN")
        store.db.conn.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?, ?, ?)", payload)
        store.db.conn.execute("INSERT OR REPLACE INTO meta VALUES ('embed_model', ?)", [model_name])
        store.db.conn.execute("INSERT OR REPLACE INTO meta VALUES ('embed_dim', ?)", [str(dim)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--embed-sample", type=int, default=2000)
    parser.add_argument("--queries", type=int, default=50)
    args = parser.parse_args()
    pool = sentences()
    encoder = load_encoder()
    encoder.claims_model_name = "multilingual-e5-small"
    results = {"batch": BATCH, "sizes": {}}
    rng = random.Random(3)
    queries = [pool[rng.randrange(len(pool))]["text"] for _ in range(args.queries)]

    with tempfile.TemporaryDirectory() as tmp:
        if args.embed_sample:  # import with embeddings, on a sample
            store = QuoteStore(Path(tmp) / "embed.db")
            rows = statements(args.embed_sample, pool, seed=9)
            started = time.perf_counter()
            store.write_rows(rows, ImportSummary(), embed=True)
            elapsed = time.perf_counter() - started
            results["import_with_embeddings"] = {"statements": len(rows), "seconds": round(elapsed, 1),
                                                 "statements_per_s": round(len(rows) / elapsed, 1)}
            print("import with embeddings:", results["import_with_embeddings"], flush=True)
            store.close()

        started = time.perf_counter()
        base = embed(encoder, [p["text"] for p in pool], kind="passage", batch_size=64)
        base_vectors = {p["text"]: v for p, v in zip(pool, base)}
        print(f"embedded {len(pool)} base sentences in {time.perf_counter() - started:.0f}s", flush=True)

        for size in [int(s) for s in args.sizes.split(",")]:
            path = Path(tmp) / f"bench-{size}.db"
            store = QuoteStore(path)
            rows = statements(size, pool)
            started = time.perf_counter()
            store.write_rows(rows, ImportSummary(), embed=False)
            elapsed = time.perf_counter() - started
            fill_vectors(store, base_vectors, "multilingual-e5-small")
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            fts, semantic, encode = [], [], []
            for q in queries:
                t = time.perf_counter()
                store.search(q, top=10)
                fts.append((time.perf_counter() - t) * 1000)
            store.search(queries[0], semantic=True, top=10)  # reads the vectors once; later queries reuse them
            for q in queries:
                t = time.perf_counter()
                vector = embed(encoder, [q], kind="query")[0]
                encode.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                store.search_vector(vector, top=10)
                semantic.append((time.perf_counter() - t) * 1000)
            stats = store.stats()
            results["sizes"][size] = {
                "import_no_embed_statements_per_s": round(size / elapsed, 1),
                "fts_ms_p50": round(percentile(fts, 50), 2), "fts_ms_p95": round(percentile(fts, 95), 2),
                "semantic_ms_p50_excluding_query_embedding": round(percentile(semantic, 50), 1),
                "semantic_ms_p95_excluding_query_embedding": round(percentile(semantic, 95), 1),
                "query_embedding_ms_p50": round(statistics.median(encode), 1),
                "sentences_with_vectors": stats["embeddings"], "db_mb": round(stats["bytes"] / 1e6, 1)}
            print(size, results["sizes"][size], flush=True)
            store.close()
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
