"""Parallel load: several claims processes at once on the cores this machine has.

    python bench/parallel.py [--processes 4] [--runs 3] [--command detect]

Times one `claims detect` (or `check`) of the seed article alone, then
`--processes` of them started together, each a new process (Python, imports,
models, the work). On two cores four processes should take about twice as long
as one; far more means thread pools oversubscribe the cores. claims sizes its
pools from the cores it may use (claims.nlp.threads; CLAIMS_THREADS overrides);
`--threads N` sets CLAIMS_THREADS for the processes to compare.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "articles" / "vi-enforce-act.txt"


def run_together(command: list[str], count: int, env: dict) -> list[float]:
    started = time.perf_counter()
    procs = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
             for _ in range(count)]
    ended = []
    for proc in procs:
        _, err = proc.communicate()
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed: {err.decode(errors='replace')[-400:]}")
        ended.append(time.perf_counter() - started)
    return ended


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--command", default="detect", choices=("detect", "check"))
    parser.add_argument("--threads", help="CLAIMS_THREADS for the processes (default: the cores they may use)")
    args = parser.parse_args()
    claims = str(Path(sys.executable).with_name("claims"))
    command = [claims, args.command, str(SEED), "--format", "json"]
    if args.command == "check":
        command += ["--fail-on", "none"]
    env = dict(os.environ)
    if args.threads:
        env["CLAIMS_THREADS"] = args.threads
    run_together(command, 1, env)  # warm the file cache and the model cache
    alone = [run_together(command, 1, env)[0] for _ in range(args.runs)]
    together = [max(run_together(command, args.processes, env)) for _ in range(args.runs)]
    one, many = statistics.median(alone), statistics.median(together)
    cores = len(os.sched_getaffinity(0))
    print(f"claims {args.command} of the seed article, {cores} cores, CLAIMS_THREADS={env.get('CLAIMS_THREADS', '-')}")
    print(f"  one process alone:          {one:.1f} s (median of {args.runs})")
    print(f"  {args.processes} processes together:     {many:.1f} s until the last ends (median of {args.runs})")
    print(f"  ratio: {many / one:.2f} (ideal on {cores} cores: {max(1.0, args.processes / cores):.2f}, target <= 2.5)")


if __name__ == "__main__":
    main()
