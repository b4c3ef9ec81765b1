"""English detection with stanza's tags and parse against the word tagger's (`CLAIMS_WORD_TAGGER=1`).

    python bench/tagger.py [--rounds 2]

Loads the models once, then detects every English article of `fixtures/wikinews/dev/articles`
`--rounds` times each way in one process and reports the best round's seconds, and how long
loading the tagger took.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.detect import detect  # noqa: E402
from claims.nlp.pipeline import load_pipelines  # noqa: E402
from claims.nlp.tagger import load_tagger  # noqa: E402


def best_round(texts: list[str], rounds: int) -> float:
    best = None
    for _ in range(rounds):
        started = time.perf_counter()
        for text in texts:
            detect(text, lang="en")
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    texts = [path.read_text(encoding="utf-8")
             for path in sorted((ROOT / "fixtures" / "wikinews" / "dev" / "articles").glob("*.txt"))]
    load_pipelines("en")
    os.environ.pop("CLAIMS_WORD_TAGGER", None)
    detect(texts[0], lang="en")  # warm-up
    stanza_s = best_round(texts, args.rounds)
    started = time.perf_counter()
    load_tagger("en")
    load_s = time.perf_counter() - started
    os.environ["CLAIMS_WORD_TAGGER"] = "1"
    detect(texts[0], lang="en")
    tagger_s = best_round(texts, args.rounds)
    print(json.dumps({"articles": len(texts), "stanza_s": round(stanza_s, 2), "tagger_s": round(tagger_s, 2),
                      "ratio": round(tagger_s / stanza_s, 2), "tagger_load_s": round(load_s, 2)}, indent=1))


if __name__ == "__main__":
    main()
