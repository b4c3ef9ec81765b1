"""Verifier benchmark on the edit sets: altered-detection recall and false alarms, per language.

    python bench/verify.py [--json]

fixtures/verify/{en,vi}-edits.jsonl hold article versions of the seed sources:
faithful ones (verbatim, paraphrase, translation), deliberately altered ones
(negation, number, modality, list shortened, words), and statements with no
source. The database is the seed sources (fixtures/quotes).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.match import Matcher  # noqa: E402
from claims.store import QuoteStore  # noqa: E402
from claims.verify import Verifier  # noqa: E402


def load_sets() -> dict[str, list[dict]]:
    return {lang: [json.loads(line) for line in (ROOT / "fixtures" / "verify" / f"{lang}-edits.jsonl")
                   .read_text(encoding="utf-8").splitlines() if line.strip()] for lang in ("en", "vi")}


def evaluate(verifier: Verifier, rows: list[dict]) -> dict:
    altered = [r for r in rows if r["label"] == "altered"]
    faithful = [r for r in rows if r["label"] == "faithful"]
    no_source = [r for r in rows if r["label"] == "no_source"]
    results, misses = {}, []
    for row in rows:
        verdict = verifier.verify({"content": row["text"], "speaker": row["speaker"], "kind": "direct", "start": 0})
        results[row["id"]] = verdict
        expected = {"altered": {"altered"}, "faithful": {"verified", "paraphrase"},
                    "no_source": {"unverified"}}[row["label"]]
        if verdict.verdict not in expected:
            misses.append(f"{row['id']} ({row['edit']}): {verdict.verdict} {[r.type for r in verdict.reasons]}")
    caught = sum(1 for r in altered if results[r["id"]].verdict == "altered")
    alarms = sum(1 for r in faithful if results[r["id"]].verdict in ("altered", "misattributed"))
    linked = sum(1 for r in altered + faithful if (results[r["id"]].source or {}).get("id") == r["source"])
    unverified = sum(1 for r in no_source if results[r["id"]].verdict == "unverified")
    return {"altered_recall": caught / len(altered) if altered else None,
            "false_alarm_rate": alarms / len(faithful) if faithful else None,
            "source_accuracy": linked / len(altered + faithful) if altered or faithful else None,
            "no_source_unverified": unverified / len(no_source) if no_source else None,
            "counts": {"altered": len(altered), "faithful": len(faithful), "no_source": len(no_source)},
            "misses": misses}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = QuoteStore(Path(tmp) / "claims.db")
        store.import_file(ROOT / "fixtures" / "quotes" / "default" / "enforce-act-sources.jsonl")
        verifier = Verifier(Matcher(store))
        started = time.perf_counter()
        report = {lang: evaluate(verifier, rows) for lang, rows in load_sets().items()}
        report["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(report, indent=1, ensure_ascii=False))
        return
    for lang in ("en", "vi"):
        r = report[lang]
        print(f"{lang}: altered recall {r['altered_recall']:.2f}, false alarms {r['false_alarm_rate']:.2f}, "
              f"source accuracy {r['source_accuracy']:.2f}, no-source unverified {r['no_source_unverified']:.2f} "
              f"({r['counts']})")
        for miss in r["misses"]:
            print("   ", miss)


if __name__ == "__main__":
    main()
