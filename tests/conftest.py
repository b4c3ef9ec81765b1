"""Shared fixtures: the real models, loaded once per test run."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


@pytest.fixture(scope="session")
def nlp_vi():
    from claims.nlp.pipeline import load_pipelines

    return load_pipelines("vi")


@pytest.fixture(scope="session")
def nlp_en():
    from claims.nlp.pipeline import load_pipelines

    return load_pipelines("en")


@pytest.fixture(scope="session")
def encoder():
    from claims.nlp.encoder import load_encoder

    return load_encoder()


@pytest.fixture(scope="session")
def detections():
    """Detector output for every fixture article, computed once."""
    from claims.detect import detect_document
    from claims.ingest import read_file

    results = {}
    for gold_path in sorted((FIXTURES / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = read_file(FIXTURES / "articles" / gold["article"], gold.get("language"))
        results[gold_path.stem] = (gold, detect_document(doc).to_dict())
    return results


@pytest.fixture(scope="session")
def checker(encoder, nlp_vi, nlp_en):
    """`claims check`'s pipeline over the bundled default sources."""
    from claims.checker import Checker

    c = Checker()
    yield c
    c.close()


@pytest.fixture(scope="session")
def seed(checker):
    """The check result of the seed article."""
    return checker.check_file(FIXTURES / "articles" / "vi-enforce-act.txt")


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, driven by Playwright (no browser download). .ci/run installs it and sets
    CLAIMS_BROWSER_TEST=required, so there a missing browser fails the run; elsewhere the browser tests are
    skipped without it."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CLAIMS_BROWSER_TEST") == "required":
            raise RuntimeError(f"CLAIMS_BROWSER_TEST=required but there is no Chromium at {CHROMIUM}")
        pytest.skip("no Chromium here (apt install chromium chromium-driver)")
    from playwright import sync_api

    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
