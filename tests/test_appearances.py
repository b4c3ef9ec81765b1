"""Appearances: a source statement quoted in several checked articles keeps each article, date and wording, on
a real SQLite file with the real models."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claims.cli import main
from claims.store.appearances import same_wording

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "articles" / "vi-enforce-act.txt"
SOURCES = ROOT / "fixtures" / "quotes" / "default" / "enforce-act-sources.jsonl"
COMMITMENTS = "lin-jian-2024-05-10-commitments"
ENGLISH = ("China hit back on Friday at the bill.\n\n"
           "\u201cThe US should honor its commitments of not seeking decoupling from China and not holding back "
           "China's development,\u201d foreign ministry spokesman Lin Jian told reporters in Beijing.\n")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture()
def database(tmp_path, checker):
    db = tmp_path / "claims.db"
    assert run("db", "import", SOURCES, "--db", db).exit_code == 0
    return db


def check_and_store(db: Path, article: Path, out: Path, date: str) -> dict:
    result = run("check", article, "--db", db, "--format", "json", "--out", out, "--fail-on", "none")
    assert result.exit_code == 0, result.output
    stored = run("db", "add-from-check", out, "--db", db, "--date", date)
    assert stored.exit_code == 0 and "appearances of source statements recorded" in stored.output, stored.output
    return json.loads(out.read_text(encoding="utf-8"))


def test_a_statement_checked_in_two_articles_shows_both_appearances(tmp_path, database):
    english = tmp_path / "wire-story.txt"
    english.write_text(ENGLISH, encoding="utf-8")
    check_and_store(database, SEED, tmp_path / "seed.json", "2024-05-14")
    wire = check_and_store(database, english, tmp_path / "wire.json", "2024-05-11")
    quoted = [f for f in wire["findings"] if (f.get("source") or {}).get("id") == COMMITMENTS]
    assert quoted and quoted[0]["verdict"] == "verified"

    shown = json.loads(run("db", "show", COMMITMENTS, "--db", database).stdout)
    trail = shown["appearances"]
    # oldest first, by the articles' dates, each with its own wording and verdict
    assert [(Path(a["article"]).name, a["date"], a["lang"]) for a in trail] == [
        ("wire-story.txt", "2024-05-11", "en"), ("vi-enforce-act.txt", "2024-05-14", "vi")]
    assert trail[0]["wording"].startswith("The US should honor") and trail[0]["verdict"] == "verified"
    assert trail[1]["wording"].startswith("Hoa Kỳ nên thực hiện cam kết")
    # an altered quote's appearance keeps how it differs from its source
    altered = json.loads(run("db", "show", "raimondo-2024-01-26-cloud", "--db", database).stdout)["appearances"]
    assert altered[0]["verdict"] == "altered" and altered[0]["reasons"]

    # storing the same check again records nothing new
    again = run("db", "add-from-check", tmp_path / "wire.json", "--db", database, "--date", "2024-05-11")
    assert "; 0 appearances" in again.output

    # a later draft in the same words is told where that wording was seen
    copy = tmp_path / "draft.txt"
    copy.write_text(ENGLISH, encoding="utf-8")
    draft = run("check", copy, "--db", database, "--format", "text,json,md,html", "--out", tmp_path / "draft",
                "--fail-on", "none")
    assert draft.exit_code == 0, draft.output
    result = json.loads((tmp_path / "draft" / "draft.json").read_text(encoding="utf-8"))
    seen = [f["seen"] for f in result["findings"] if (f.get("source") or {}).get("id") == COMMITMENTS][0]
    assert [(Path(a["article"]).name, a["date"]) for a in seen] == [("wire-story.txt", "2024-05-11")]
    for report in ("draft.md", "draft.html"):
        assert "same wording seen in" in (tmp_path / "draft" / report).read_text(encoding="utf-8")
    assert "same wording seen in" in draft.stdout


def test_bad_date_for_add_from_check_writes_nothing(tmp_path, database, seed):
    saved = tmp_path / "seed.json"
    saved.write_text(json.dumps(seed, ensure_ascii=False), encoding="utf-8")
    result = run("db", "add-from-check", saved, "--db", database, "--date", "15 May")
    assert result.exit_code == 2 and "--date" in result.output
    assert json.loads(run("db", "show", COMMITMENTS, "--db", database).stdout)["appearances"] == []


def test_same_wording_ignores_case_spacing_and_marks_but_not_words():
    assert same_wording("\u201cWe will  not back down,\u201d", "we will not back down")
    assert not same_wording("We will not back down.", "We will back down.")
    assert not same_wording("Chúng tôi sẽ không lùi bước", "Chúng tôi sẽ lùi bước")
    long = "The United States will keep working with its allies on export controls for years to come, " * 3
    assert not same_wording(long, long.replace("will keep", "will not keep", 1))
