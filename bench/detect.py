"""Detector benchmark: articles per second and peak memory on the fixture articles.

    python bench/detect.py [--rounds 3]

Loads the models once, then detects every article in fixtures/articles
`--rounds` times in one process (the way `claims detect` handles many files).
Reports model load time separately from detection.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.detect import detect_document  # noqa: E402
from claims.ingest import read_file  # noqa: E402
from claims.nlp.pipeline import load_pipelines  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    articles = sorted((ROOT / "fixtures" / "articles").glob("*.txt"))
    started = time.perf_counter()
    for lang in ("vi", "en"):
        load_pipelines(lang)
    load_seconds = time.perf_counter() - started
    docs = [read_file(path) for path in articles]
    detect_document(docs[0])  # warm-up
    per_article, chars = [], 0
    started = time.perf_counter()
    for _ in range(args.rounds):
        for path in articles:
            doc = read_file(path)
            t = time.perf_counter()
            detect_document(doc)
            per_article.append((path.name, time.perf_counter() - t))
            chars += len(doc.text)
    elapsed = time.perf_counter() - started
    seed = [s for name, s in per_article if name == "vi-enforce-act.txt"]
    result = {
        "articles": len(per_article), "seconds": round(elapsed, 2),
        "articles_per_s": round(len(per_article) / elapsed, 2),
        "chars_per_s": round(chars / elapsed),
        "seed_article_s": round(min(seed), 2) if seed else None,
        "model_load_s": round(load_seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
