"""`claims check` benchmark on the seed article: cold (a new process) and warm (models loaded).

    python bench/check.py [--runs 9] [--cold-runs 3] [--json]

- cold: `claims check ARTICLE --format json` in a new process, wall time, so it
  includes Python start-up, imports and loading every model. The bundled
  default database is built once before timing (that happens on the first run
  after installing and is reported apart).
- warm: `Checker.check_file` again in one process after a first check; the
  figure is the median of `--runs`.
  The cross-encoder and the judge forget the pairs they read before each
  warm run, as a server meeting new quotes would. Targets: warm <= 1.0 s, cold <= 5 s.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = ROOT / "fixtures" / "articles" / "vi-enforce-act.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--article", default=str(SEED))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from claims.checker import default_database

    started = time.perf_counter()
    default_database()
    report = {"article": args.article, "default_database_s": round(time.perf_counter() - started, 2)}

    cold = []
    for _ in range(args.cold_runs):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "claims.cli", "check", args.article, "--format", "json",
                               "--fail-on", "vague"], capture_output=True, text=True)
        cold.append(time.perf_counter() - started)
        if done.returncode not in (0, 1):
            sys.exit(f"claims check failed: {done.stderr.strip()}")
    report["cold_s_median"] = round(statistics.median(cold), 2)
    report["cold_s_runs"] = [round(t, 2) for t in cold]

    from claims.checker import Checker

    started = time.perf_counter()
    checker = Checker()
    first = checker.check_file(args.article)
    report["load_and_first_check_s"] = round(time.perf_counter() - started, 2)
    warm, stages = [], []
    for _ in range(args.runs):
        # a warm server meets new quotes: the cross-encoder and the judge read them again
        for reader in (checker.verifier.cross, checker.verifier.judge):
            if reader is not None:
                reader.forget()
        started = time.perf_counter()
        result = checker.check_file(args.article)
        warm.append(time.perf_counter() - started)
        stages.append(result["run"]["timings"])
    assert result["summary"] == first["summary"]
    report["warm_s_median"] = round(statistics.median(warm), 2)
    report["warm_s_runs"] = [round(t, 2) for t in warm]
    report["warm_detect_s_median"] = round(statistics.median(s["detect_s"] for s in stages), 2)
    report["warm_verify_s_median"] = round(statistics.median(s["verify_s"] for s in stages), 2)
    report["statements"] = result["summary"]["statements"]
    report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    if args.json:
        print(json.dumps(report, indent=1))
        return
    print(f"seed article, {report['statements']} statements")
    print(f"  cold (new process, models loaded from disk): {report['cold_s_median']} s  {report['cold_s_runs']}")
    print(f"  warm (models loaded): {report['warm_s_median']} s  {report['warm_s_runs']}  "
          f"(detect {report['warm_detect_s_median']} s, verify {report['warm_verify_s_median']} s)")
    print(f"  peak memory {report['peak_rss_mb']} MB; default database built in {report['default_database_s']} s")


if __name__ == "__main__":
    main()
