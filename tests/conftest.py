"""Shared fixtures: the real models, loaded once per test run."""
from __future__ import annotations

import json
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
