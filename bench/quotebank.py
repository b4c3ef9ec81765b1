"""Import of a Quotebank-format dump at archive scale, without embeddings.

    python bench/quotebank.py [--rows 1000000]

Writes `--rows` quotation-centric rows (Quotebank's fields; quotations made of the words of the bundled
articles, 8 to 40 words each, about one speaker in twenty with no speaker) to a bz2-compressed JSON Lines
file, then times `claims db import --no-embed` of it into a new database in a new process, and prints rows per
second and the database's size and peak memory.
"""
from __future__ import annotations

import argparse
import bz2
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def write_dump(path: Path, rows: int, seed: int = 7) -> None:
    words = re.findall(r"\w+", " ".join(p.read_text(encoding="utf-8")
                                        for p in sorted((ROOT / "fixtures" / "articles").glob("en-*.txt"))))
    rng = random.Random(seed)
    speakers = [f"Speaker {i}" for i in range(20_000)]
    with bz2.open(path, "wt", encoding="utf-8", compresslevel=1) as out:
        for i in range(rows):
            quotation = " ".join(rng.choices(words, k=rng.randint(8, 40)))
            speaker = "None" if rng.random() < 0.05 else rng.choice(speakers)
            day = 1 + i % 28
            out.write(json.dumps({"quoteID": f"2020-02-{day:02d}-{i:07d}", "quotation": quotation,
                                  "speaker": speaker, "qids": [], "date": f"2020-02-{day:02d} 10:00:00",
                                  "numOccurrences": 1 + i % 5, "probas": [[speaker, "0.9"]],
                                  "urls": [f"https://example.org/{i}"], "phase": "E"}) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / "quotes-2020.json.bz2"
        started = time.perf_counter()
        write_dump(dump, args.rows)
        print(f"wrote {args.rows:,} rows ({dump.stat().st_size / 1e6:.0f} MB bz2) in "
              f"{time.perf_counter() - started:.0f} s")
        db = Path(work) / "claims.db"
        started = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-f", "%M", sys.executable, "-m", "claims.cli", "db", "import",
                                 "--no-embed", "--db", str(db), str(dump)], capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if result.returncode:
            raise SystemExit(result.stderr)
        peak_mb = int(result.stderr.strip().splitlines()[-1]) / 1024
        print(result.stdout.strip())
        print(f"imported in {seconds:.0f} s: {args.rows / seconds:,.0f} rows/s; database "
              f"{sum(p.stat().st_size for p in Path(work).glob('claims.db*')) / 1e6:.0f} MB; "
              f"peak memory {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
