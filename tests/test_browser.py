"""The HTML report in a real browser: headless Chromium driven by Playwright (the `browser` fixture of
conftest.py)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from claims.report.render import to_html

HOSTILE = ('The mayor said: "<script>document.title = \'pwned\'; window.pwned = 1;</script> We will fix the '
           'bridge by 2027." Her deputy added: "The budget is "><img src=x onerror="window.pwned = 2"> 40 million '
           'dollars."\n')


def _open(browser, html: str, tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests = []
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith("file:") else None)
    page.goto(path.as_uri())
    return page, requests


def test_seed_report_renders_highlights_and_hovers(browser, seed, tmp_path):
    page, requests = _open(browser, to_html(seed), tmp_path, "seed.html")
    assert page.title().startswith("Attribution report")
    statements = page.locator("#article .st")
    assert statements.count() >= len(seed["findings"]) - 2  # overlapping statements are listed, not highlighted
    for i in range(statements.count()):
        el = statements.nth(i)
        finding = seed["findings"][int(el.get_attribute("data-finding"))]
        assert int(el.get_attribute("data-start")) == finding["start"]
        assert el.locator(".q").text_content() == seed["text"][finding["start"]:finding["end"]]
        assert el.get_attribute("data-verdict") == finding["verdict"]
    # the whole article is there, in order
    assert page.locator("#article").text_content().replace("\n", "").startswith(
        seed["text"][:200].replace("\n", ""))

    linked = next(i for i, f in enumerate(seed["findings"]) if f["source"])
    target = page.locator(f'#article .st[data-finding="{linked}"]')
    pop = target.locator(".pop")
    assert not pop.is_visible()
    target.hover()
    assert pop.is_visible()
    assert seed["findings"][linked]["source"]["id"] in pop.inner_text()
    shot = tmp_path / "seed-hover.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 20_000
    if os.environ.get("CLAIMS_SCREENSHOTS"):
        shutil.copy(shot, Path(os.environ["CLAIMS_SCREENSHOTS"]) / shot.name)
    assert requests == []
    page.close()


def test_injected_markup_in_an_article_does_not_run(browser, checker, tmp_path):
    result = checker.check_text(HOSTILE, lang="en", source="hostile.txt")
    assert result["findings"]
    page, requests = _open(browser, to_html(result), tmp_path, "hostile.html")
    assert page.evaluate("window.pwned") is None
    assert "pwned" not in page.title()
    assert page.locator("img").count() == 0 and page.locator("script").count() == 0
    text = page.locator("#article").inner_text()
    assert "<script>" in text and "onerror" in text  # shown as text, where the article had it
    assert requests == []
    page.close()
