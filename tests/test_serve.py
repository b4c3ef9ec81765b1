"""`claims serve`: the real server on a free local port, driven in headless Chromium (the `browser` fixture of
conftest.py), over a real SQLite file with the real models."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from test_browser import HOSTILE

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "articles" / "vi-enforce-act.txt"
SOURCES = ROOT / "fixtures" / "quotes" / "default" / "enforce-act-sources.jsonl"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, browser):
    """`claims serve` in its own process, as a user starts it, on a database of the bundled sources."""
    work = tmp_path_factory.mktemp("serve")
    db = work / "claims.db"
    claims = [sys.executable, "-m", "claims.cli"]
    subprocess.run([*claims, "db", "import", str(SOURCES), "--db", str(db)], check=True, capture_output=True)
    port = _free_port()
    log = (work / "server.log").open("w")
    process = subprocess.Popen([*claims, "serve", "--db", str(db), "--port", str(port)], cwd=work, stdout=log,
                               stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=5).read()
            break
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("claims serve did not start: " + (work / "server.log").read_text())
            time.sleep(1)
    yield base, db
    process.terminate()
    process.wait(timeout=30)
    log.close()


@pytest.fixture()
def page(browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs
    yield page
    page.close()


def _check(page, base: str, text: str) -> str:
    page.goto(base + "/")
    page.fill("#text", text)
    with page.expect_navigation(timeout=120_000):
        page.click("#check")
    assert "/check/" in page.url, page.content()
    return page.url


def _submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def test_paste_the_seed_article_see_the_counts_and_a_source_on_hover(server, page, seed):
    base, _ = server
    url = _check(page, base, SEED.read_text(encoding="utf-8"))
    shown = {li.get_attribute("class")[2:]: int(li.locator("b").inner_text())
             for li in page.locator(".counts li").all()}
    assert {k: shown[k] for k in seed["summary"] if k in shown} == {k: v for k, v in seed["summary"].items()
                                                                    if k in shown}
    assert shown["altered"] >= 1 and shown["verified"] >= 1
    downloaded = json.loads(urllib.request.urlopen(url + "/download/json").read())
    assert downloaded["summary"] == seed["summary"]

    linked = next(i for i, f in enumerate(downloaded["findings"]) if f["source"])
    target = page.locator(f'#article .st[data-finding="{linked}"]')
    pop = target.locator(".pop")
    assert not pop.is_visible()
    target.hover()
    assert pop.is_visible() and downloaded["findings"][linked]["source"]["id"] in pop.inner_text()
    if os.environ.get("CLAIMS_SCREENSHOTS"):
        page.screenshot(path=str(Path(os.environ["CLAIMS_SCREENSHOTS"]) / "workbench-check.png"))

    # confirming the check records where its linked sources appeared
    _submit(page, "#confirm")
    assert "appearances of source statements" in page.locator("#confirmed").inner_text()
    page.goto(base + "/db/statement/lin-jian-2024-05-10-commitments")
    assert "Hoa Kỳ nên thực hiện cam kết" in page.locator("#appearances").inner_text()


def test_add_a_statement_and_find_it_by_words_and_by_meaning(server, page):
    base, _ = server
    page.goto(base + "/db/add")
    page.fill("#add-text", "Our harbour will reopen to container ships before the monsoon season.")
    page.fill("#add-speaker", "Jane Roe")
    _submit(page, "#add")
    assert "/db/statement/" in page.url
    assert "Our harbour will reopen" in page.locator("#statement-text").inner_text()
    page.goto(base + "/db")
    page.fill("#q", "harbour monsoon")
    _submit(page, "#search")
    assert "Our harbour will reopen" in page.locator("#results").inner_text()
    page.fill("#q", "Cảng của chúng tôi sẽ mở cửa lại cho tàu container trước mùa mưa")
    page.check("#semantic")
    _submit(page, "#search")
    assert page.locator("#results tr").nth(1).inner_text().count("Our harbour will reopen") == 1
    _submit(page, "#results a[href^='/db/speaker/']")
    page.fill("#alias", "Bà Jane Roe")
    _submit(page, "#alias-form button")
    assert "Bà Jane Roe" in page.locator("#aliases").inner_text()


def test_an_article_with_script_runs_nothing(server, page):
    base, _ = server
    _check(page, base, HOSTILE)
    assert page.evaluate("window.pwned") is None and not page.dialogs
    assert "pwned" not in page.title()
    assert page.locator("#article img").count() == 0 and page.locator("script").count() == 0
    assert "<script>" in page.locator("#article").inner_text()


def _post(url: str, data: bytes, headers: dict) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers)) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_writes_need_the_token_bodies_are_capped_and_errors_show_no_traceback(server):
    base, db = server
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    status, body = _post(base + "/db/add", b"text=forged&speaker=Mallory", form)
    assert status == 403 and "security token" in body and "Traceback" not in body
    status, body = _post(base + "/db/add", b"text=forged&csrf=abc", {**form, "Cookie": "claims_csrf=xyz"})
    assert status == 403
    # a body over the cap is refused from its length, before it is read
    port = int(base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(f"POST /check HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: {7 * 1024 * 1024}\r\n"
                     "Content-Type: application/x-www-form-urlencoded\r\n\r\n".encode() + b"text=" + b"x" * 65536)
        assert conn.recv(4096).split(b"\r\n")[0].endswith(b"413 Request Entity Too Large")
    status, body = _post(base + "/check", b"text=x", {**form, "Host": "evil.example"})
    assert status == 400
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(base + "/db/statement/no-such-id")
    page = missing.value.read().decode()
    assert missing.value.code == 404 and "No such statement" in page and "Traceback" not in page
    headers = urllib.request.urlopen(base + "/").headers
    assert "script-src" not in headers["Content-Security-Policy"] and "default-src 'none'" in headers[
        "Content-Security-Policy"]
    import sqlite3

    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM statements WHERE text = 'forged'").fetchone()[0] == 0


def test_upload_a_file_and_download_its_report(server, page):
    base, _ = server
    page.goto(base + "/")
    page.set_input_files("#file", str(ROOT / "fixtures" / "articles" / "en-city-council.txt"))
    with page.expect_navigation(timeout=120_000):
        page.click("#check")
    assert page.locator("h1").inner_text() == "Attribution report: en-city-council.txt"
    with page.expect_download() as download:
        page.click("#actions a[href$='/download/md']")
    assert download.value.suggested_filename == "en-city-council.md"
    assert "# Attribution report: en-city-council.txt" in Path(download.value.path()).read_text(encoding="utf-8")
    page.goto(base + "/")
    page.set_input_files("#file", {"name": "scan.txt", "mimeType": "text/plain", "buffer": bytes(range(256)) * 8})
    with page.expect_navigation():
        page.click("#check")
    assert "binary" in page.locator("#error").inner_text()
