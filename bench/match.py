"""Matcher benchmark: latency per query and memory at 10k, 100k and 1M statements.

    python bench/match.py [--sizes 10000,100000,1000000] [--queries 50] [--json]

Statements are built from real sentences (bench/data/ud-sentences.jsonl, UD
English-EWT and Vietnamese-VTB), one to three each, as in bench/db.py. Computing
a real vector for every unit of a million statements would take days on this
CPU, so each unit gets the real e5 vector of one base sentence plus Gaussian
noise (cosine about 0.93 to it), which gives clusters of near-duplicates, a
hard case for an approximate index. Queries are real sentences of the pool,
half of them with one word replaced (so FTS5 falls back from all words to the
rarest ones, as for an altered quote), embedded for real; their embedding time is reported apart from the search.

At each size the matcher runs with the exact search and with the HNSW index
(usearch); for the HNSW index the build time, the index file size, and the
recall@10 of its embedding hits against the exact ones are reported, and
the time a new process takes to open the saved index (`reopen_s`). The
figure that counts is `match_ms` (embedding search + FTS5 + speaker + fusion,
everything but the query's embedding), on a first pass over the queries
(pages read from disk) and a second one (pages in memory).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from db import sentences, statements  # noqa: E402

from claims.match import EXACT_LIMIT, Matcher  # noqa: E402
from claims.nlp.encoder import embed, load_encoder  # noqa: E402
from claims.store import ImportSummary, QuoteStore  # noqa: E402

MODEL = "multilingual-e5-small"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def fill_vectors(store: QuoteStore, base: np.ndarray, index_of: dict[str, int], noise: float = 0.02,
                 seed: int = 5) -> int:
    rng = np.random.default_rng(seed)
    dim = base.shape[1]
    cursor = store.db.conn.execute("SELECT id, statement_id, text FROM statement_sentences ORDER BY id")
    n = 0
    store.db.conn.execute("BEGIN")
    while True:
        rows = cursor.fetchmany(50_000)
        if not rows:
            break
        picks = np.array([index_of.get(text, hash(text) % len(base)) for _, _, text in rows])
        vectors = base[picks] + rng.normal(0.0, noise, size=(len(rows), dim)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        store.db.conn.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?, ?, ?)",
                                  [(sid, st, MODEL, dim, v.tobytes()) for (sid, st, _), v in zip(rows, vectors)])
        n += len(rows)
    store.db.conn.execute("INSERT OR REPLACE INTO meta VALUES ('embed_model', ?)", [MODEL])
    store.db.conn.execute("INSERT OR REPLACE INTO meta VALUES ('embed_dim', ?)", [str(dim)])
    store.db.conn.execute("COMMIT")
    return n


def pct(values: list[float], q: float) -> float:
    return round(float(np.percentile(np.array(values), q)), 2)


BREADTHS = (64, 96, 256, 512, 1024, 4096)


def breadths(matcher: Matcher, queries: list[tuple[str, str, np.ndarray]], exact_hits: dict[int, set]) -> dict:
    """The saved index searched at other breadths (usearch's expansion_search; claims uses
    claims.match.EXPANSION_SEARCH): recall@10 against exact search and time, pages already in memory."""
    index = matcher._ann.index
    chosen = index.expansion_search
    out = {}
    for breadth in BREADTHS:
        index.expansion_search = breadth
        recalls, dense, whole = [], [], []
        for i, (text, speaker, q) in enumerate(queries):
            t = time.perf_counter()
            hits, _ = matcher.nearest_units(q, 10)
            dense.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            matcher.match_vector(q, text, speaker=speaker, top=10)
            whole.append((time.perf_counter() - t) * 1000)
            if i in exact_hits:
                recalls.append(len(exact_hits[i] & set(hits.tolist())) / 10)
        out[str(breadth)] = {"recall_at_10_vs_exact": round(float(np.mean(recalls)), 3) if recalls else None,
                             "embedding_search_ms_p50": pct(dense, 50), "match_ms_p50": pct(whole, 50)}
    index.expansion_search = chosen
    return out


def run_size(size: int, tmp: Path, pool: list[dict], base: np.ndarray, index_of: dict[str, int],
             queries: list[tuple[str, str, np.ndarray]], exact_queries: int, keep: bool = False) -> dict:
    path = tmp / f"match-{size}.db"
    reused = keep and path.exists()
    store = QuoteStore(path)
    started = time.perf_counter()
    if not reused:
        store.write_rows(statements(size, pool), ImportSummary(), embed=False)
        fill_vectors(store, base, index_of)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    units_stored = store.db.execute("SELECT count(*) FROM embeddings").fetchone()[0]
    result = {"statements": size, "stored_vectors": units_stored, "fill_s": round(time.perf_counter() - started, 1),
              "reused_database": reused}
    print(f"{size}: filled in {result['fill_s']} s", flush=True)
    exact_hits = {}
    for kind in ("exact", "approximate"):
        store.close()
        store = QuoteStore(path)  # a fresh process state: nothing read yet
        before = rss_mb()
        matcher = Matcher(store, index=kind)
        started = time.perf_counter()
        n_units = matcher.unit_count()  # reads the vectors, or builds (and saves) the approximate index
        load_s = time.perf_counter() - started
        if kind == "approximate":  # a later process opens the saved index instead
            store.close()
            store = QuoteStore(path)
            matcher = Matcher(store, index=kind)
            started = time.perf_counter()
            matcher.unit_count()
            reopen_s = time.perf_counter() - started
        n_queries = exact_queries if kind == "exact" else len(queries)
        times, dense_times, recalls = [], [], []
        for i, (text, speaker, q) in enumerate(queries[:n_queries]):
            t = time.perf_counter()
            matcher.match_vector(q, text, speaker=speaker, top=10)
            times.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            hits, _ = matcher.nearest_units(q, 10)
            dense_times.append((time.perf_counter() - t) * 1000)
            if kind == "exact":
                exact_hits[i] = set(hits.tolist())
            elif i in exact_hits:
                recalls.append(len(exact_hits[i] & set(hits.tolist())) / 10)
        # the same queries again: the database and index pages they touch are now in memory, as in a
        # process that has been answering for a while
        again = []
        for text, speaker, q in queries[:n_queries]:
            t = time.perf_counter()
            matcher.match_vector(q, text, speaker=speaker, top=10)
            again.append((time.perf_counter() - t) * 1000)
        entry = {"units": n_units, "load_s": round(load_s, 1), "queries": n_queries,
                 "match_ms_p50": pct(times, 50), "match_ms_p95": pct(times, 95),
                 "match_ms_p50_second_pass": pct(again, 50), "match_ms_p95_second_pass": pct(again, 95),
                 "embedding_search_ms_p50": pct(dense_times, 50), "rss_mb": rss_mb(),
                 "rss_added_mb": round(rss_mb() - before, 1)}
        if kind == "approximate":
            index_path = Path(f"{path}.units.usearch")
            entry["index_mb"] = round(index_path.stat().st_size / 1e6, 1) if index_path.exists() else None
            entry["reopen_s"] = round(reopen_s, 2)
            entry["recall_at_10_vs_exact"] = round(float(np.mean(recalls)), 3) if recalls else None
            entry["by_expansion_search"] = breadths(matcher, queries[:n_queries], exact_hits)
        result[kind] = entry
        print(f"{size} {kind}: {entry}", flush=True)
        del matcher
    result["used_by_default"] = "approximate" if units_stored > EXACT_LIMIT else "exact"
    store.close()
    if not keep:
        for p in tmp.glob(f"match-{size}.db*"):
            p.unlink()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--workdir", help="keep the databases and indexes here and reuse them on the next run "
                                          "(default: a temporary folder, removed)")
    args = parser.parse_args()
    pool = sentences()
    encoder = load_encoder()
    started = time.perf_counter()
    base = embed(encoder, [p["text"] for p in pool], kind="passage", batch_size=64).astype(np.float32)
    print(f"embedded {len(pool)} base sentences in {time.perf_counter() - started:.0f} s", flush=True)
    index_of = {p["text"]: i for i, p in enumerate(pool)}
    rng = random.Random(11)
    picked = [pool[rng.randrange(len(pool))] for _ in range(args.queries)]
    encode_ms = []
    queries = []
    for i, p in enumerate(picked):
        text = p["text"]
        if i % 2:  # half of the queries are edited: one word replaced, as in an altered or reworded quote
            words = text.split()
            words[rng.randrange(len(words))] = rng.choice(pool[rng.randrange(len(pool))]["text"].split())
            text = " ".join(words)
        t = time.perf_counter()
        q = embed(encoder, [text], kind="query")[0]
        encode_ms.append((time.perf_counter() - t) * 1000)
        queries.append((text, f"Speaker {rng.randrange(500)}", q))
    report = {"query_embedding_ms_p50": pct(encode_ms, 50), "query_embedding_ms_p95": pct(encode_ms, 95),
              "exact_limit_vectors": EXACT_LIMIT, "sizes": {}}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.workdir) if args.workdir else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for size in [int(s) for s in args.sizes.split(",")]:
            report["sizes"][size] = run_size(size, folder, pool, base, index_of, queries,
                                             exact_queries=min(args.queries, 20 if size >= 1_000_000 else 50),
                                             keep=bool(args.workdir))
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
