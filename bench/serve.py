"""The workbench under load: `claims serve` started as a user starts it, then checks of the seed article posted
as the check form posts them.

    python bench/serve.py [--article fixtures/articles/vi-enforce-act.txt] [--together 3]

Prints the server's start-up time (models loaded), the first check of the article, the same check again, and
`--together` checks posted at once (each one's time and all of them): they queue on the server's one worker,
so together should take about `--together` times one check, not more.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def session(base: str):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(base + "/").read()
    token = next(c.value for c in jar if c.name == "claims_csrf")
    return opener, token


def post_check(base: str, text: str) -> float:
    opener, token = session(base)
    data = urllib.parse.urlencode({"csrf": token, "text": text, "lang": "auto"}).encode()
    started = time.perf_counter()
    with opener.open(base + "/check", data=data, timeout=600) as response:
        response.read()
        assert "/check/" in response.url, response.url
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--article", default=str(ROOT / "fixtures" / "articles" / "vi-enforce-act.txt"))
    parser.add_argument("--together", type=int, default=3)
    args = parser.parse_args()
    text = Path(args.article).read_text(encoding="utf-8")
    claims = [sys.executable, "-m", "claims.cli"]
    with tempfile.TemporaryDirectory() as work:
        db = Path(work) / "claims.db"
        subprocess.run([*claims, "db", "import", str(ROOT / "fixtures" / "quotes" / "default" /
                                                    "enforce-act-sources.jsonl"), "--db", str(db)],
                       check=True, capture_output=True)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        started = time.perf_counter()
        server = subprocess.Popen([*claims, "serve", "--db", str(db), "--port", str(port)], cwd=work,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while True:
                try:
                    urllib.request.urlopen(base + "/", timeout=5).read()
                    break
                except OSError:
                    if server.poll() is not None:
                        raise SystemExit("claims serve did not start")
                    time.sleep(0.5)
            print(f"server ready (models loaded) in {time.perf_counter() - started:.1f} s")
            print(f"first check of {Path(args.article).name}: {post_check(base, text):.2f} s")
            again = [post_check(base, text) for _ in range(3)]
            print(f"the same check again: {', '.join(f'{t:.2f}' for t in again)} s")
            times: list[float] = []
            threads = [threading.Thread(target=lambda: times.append(post_check(base, text)))
                       for _ in range(args.together)]
            began = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            total = time.perf_counter() - began
            print(f"{args.together} checks posted at once: each {', '.join(f'{t:.2f}' for t in sorted(times))} s; "
                  f"all done in {total:.2f} s ({total / (sum(again) / len(again)):.2f} times one check)")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
