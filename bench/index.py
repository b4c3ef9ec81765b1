"""Milvus index benchmark: a database of N statements synced into Milvus Lite (embedded, on this machine), then
searched as `claims check --index` searches it.

    python bench/index.py [--size 1000000] [--queries 50] [--index-type HNSW] [--workdir DIR] [--json]

The database is built as bench/match.py builds it (real sentences, each unit the real e5 vector of a base
sentence plus noise; with --workdir the same file is reused by both benchmarks). Reported:

- `sync_s`, `units_per_s`: `claims db sync-index` from empty; `index_build_wait_s`: the time after it until
  Milvus has indexed every row (it builds in the background); the size of the Milvus files;
- the memory of this process once the collections are loaded (Milvus Lite's server runs inside it);
- embedding search alone (`nearest`, 10 units) and the whole candidate search (`match_vector`: embedding
  search, BM25, speaker, fusion, realignment of nothing, everything but the query's own embedding), p50 and
  p95, on a first pass over the queries and a second one;
- recall@10 of Milvus's embedding hits against exact search over the same vectors (the database's own
  exact search, one matrix product).
"""
from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from pymilvus import MilvusClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from db import sentences, statements  # noqa: E402
from match import fill_vectors, pct, rss_mb  # noqa: E402

from claims.match import Matcher  # noqa: E402
from claims.match.local import LocalRetrieval  # noqa: E402
from claims.match.milvus import UNITS, sync_index  # noqa: E402
from claims.nlp.encoder import embed, load_encoder  # noqa: E402
from claims.store import ImportSummary, QuoteStore  # noqa: E402


def folder_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2 ** 20, 1) if path.exists() else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--index-type", default="HNSW")
    parser.add_argument("--workdir", help="keep the database and the index here, and reuse them")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    pool = sentences()
    encoder = load_encoder()
    base = embed(encoder, [p["text"] for p in pool], kind="passage", batch_size=64).astype(np.float32)
    index_of = {p["text"]: i for i, p in enumerate(pool)}
    rng = random.Random(11)
    queries = []
    for i in range(args.queries):
        text = pool[rng.randrange(len(pool))]["text"]
        if i % 2:
            words = text.split()
            words[rng.randrange(len(words))] = rng.choice(pool[rng.randrange(len(pool))]["text"].split())
            text = " ".join(words)
        queries.append((text, f"Speaker {rng.randrange(500)}", embed(encoder, [text], kind="query")[0]))

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.workdir) if args.workdir else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"match-{args.size}.db"
        store = QuoteStore(path)
        report: dict = {"statements": args.size, "index_type": args.index_type}
        if not store.db.execute("SELECT count(*) FROM embeddings").fetchone()[0]:
            started = time.perf_counter()
            store.write_rows(statements(args.size, pool), ImportSummary(), embed=False)
            fill_vectors(store, base, index_of)
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            report["fill_s"] = round(time.perf_counter() - started, 1)
        report["stored_vectors"] = store.db.execute("SELECT count(*) FROM embeddings").fetchone()[0]
        # exact search first, its 5 GB of vectors freed before Milvus Lite, which runs in this process, loads
        # its own copy (at 1M statements the two together ran out of this machine's 24 GB)
        exact = LocalRetrieval(store, "exact")
        truth = [{(h.statement_id, h.start, h.end, h.kind) for h in exact.nearest(q, 10)} for _, _, q in queries]
        report["exact_search_rss_mb"] = rss_mb()
        del exact
        store.close()
        gc.collect()
        store = QuoteStore(path)
        uri = str(folder / f"milvus-{args.size}-{args.index_type.lower()}.db")
        started = time.perf_counter()
        done = sync_index(store, uri, args.index_type)
        report["sync_s"] = round(time.perf_counter() - started, 1)
        report["sync"] = done
        if done["units"]:
            report["units_per_s"] = round(done["units"] / report["sync_s"])
        print(f"synced in {report['sync_s']} s: {done}", flush=True)
        # Milvus builds the vector index of sealed segments in the background; until it is done, those are
        # searched by brute force
        started = time.perf_counter()
        client = MilvusClient(uri)
        while True:
            state = client.describe_index(UNITS, "vector")
            if not state.get("pending_index_rows") and state.get("indexed_rows", 0) >= state.get("total_rows", 0):
                break
            time.sleep(5)
        report["index_build_wait_s"] = round(time.perf_counter() - started, 1)
        report["index_state"] = state
        report["index_files_mb"] = folder_mb(Path(uri))

        started = time.perf_counter()
        matcher = Matcher(store, index=uri)
        report["units"] = matcher.unit_count()
        report["open_s"] = round(time.perf_counter() - started, 1)
        report["this_process_rss_mb"] = rss_mb()  # Milvus Lite's server runs inside it
        for name in ("first_pass", "second_pass"):
            nearest_ms, match_ms, recalls = [], [], []
            for (text, speaker, q), expected in zip(queries, truth):
                t = time.perf_counter()
                hits = matcher.retrieval.nearest(q, 10)
                nearest_ms.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                matcher.match_vector(q, text, speaker=speaker, top=10)
                match_ms.append((time.perf_counter() - t) * 1000)
                recalls.append(len(expected & {(h.statement_id, h.start, h.end, h.kind) for h in hits}) / 10)
            report[name] = {"recall_at_10_vs_exact": round(float(np.mean(recalls)), 3),
                            "embedding_search_ms_p50": pct(nearest_ms, 50), "embedding_search_ms_p95": pct(nearest_ms, 95),
                            "match_ms_p50": pct(match_ms, 50), "match_ms_p95": pct(match_ms, 95)}
        store.close()
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
