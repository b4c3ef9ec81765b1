"""`claims extract` throughput: the local engine and Spark's local mode on the same generated batch.

    python bench/extract.py [--articles 300] [--engines local,spark]

The batch is the fixtures' articles repeated under new ids (JSON Lines). Each engine runs as `claims extract`
in a new process, so the figures include Python start-up, loading the models in each worker, and for Spark
the JVM and the session.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--engines", default="local,spark")
    args = parser.parse_args()
    sources = sorted((ROOT / "fixtures" / "articles").glob("*.txt"))
    with tempfile.TemporaryDirectory() as work:
        batch = Path(work) / "batch.jsonl"
        with batch.open("w", encoding="utf-8") as out:
            for i in range(args.articles):
                source = sources[i % len(sources)]
                out.write(json.dumps({"id": f"{i:05d}-{source.name}", "url": f"https://example.org/{i}",
                                      "date": f"2024-05-{1 + i % 28:02d}", "lang": None,
                                      "text": source.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n")
        chars = sum(len(json.loads(line)["text"]) for line in batch.open(encoding="utf-8"))
        print(f"{args.articles} articles, {chars / args.articles:,.0f} characters each on average")
        for engine in args.engines.split(","):
            started = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "claims.cli", "extract", str(batch), "--out",
                                     str(Path(work) / engine), "--engine", engine], capture_output=True, text=True)
            seconds = time.perf_counter() - started
            if result.returncode:
                print(f"{engine}: failed: {result.stderr.strip().splitlines()[-1:]}")
                continue
            print(f"{engine}: {seconds:.1f} s wall, {args.articles / seconds:.1f} articles/s  ({result.stdout.strip()})")


if __name__ == "__main__":
    main()
