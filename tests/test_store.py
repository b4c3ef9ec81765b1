"""The quote database on real SQLite files, with the real encoder."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from claims.cli import main
from claims.store import BATCH, QuoteStore

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "fixtures" / "quotes" / "enforce-act-sources.jsonl"
CLOUD_VI = "Chúng tôi không thể cho phép Trung Quốc sử dụng dịch vụ đám mây của mình để đào tạo các mô hình"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, encoder):
    path = tmp_path_factory.mktemp("db") / "claims.db"
    result = run("db", "import", "--db", path, "--on-error", "skip", SOURCES)
    assert result.exit_code == 0, result.output
    return path


def test_import_reports_bad_rows_and_aborts_the_file(tmp_path):
    path = tmp_path / "c.db"
    result = run("db", "import", "--db", path, SOURCES)
    assert result.exit_code == 2
    assert f"{SOURCES}:12: date '2024-05 (w' is not ISO 8601" in result.output
    assert QuoteStore(path).stats()["statements"] == 0


def test_import_summary_and_idempotence(seeded):
    again = run("db", "import", "--db", seeded, "--on-error", "skip", SOURCES)
    assert again.exit_code == 0
    assert "added 0, updated 0, unchanged 12, skipped 3" in again.output
    stats = QuoteStore(seeded).stats()
    assert stats["statements"] == 12 and stats["missing_embeddings"] == 0
    assert stats["embed_model"] == "multilingual-e5-small" and stats["embed_dim"] == 384


def test_semantic_search_finds_raimondo_across_languages(seeded):
    result = run("db", "search", "--db", seeded, "--semantic", "--format", "json", CLOUD_VI)
    assert result.exit_code == 0, result.output
    hits = json.loads(result.output)
    assert hits[0]["statement_id"] == "raimondo-2024-01-26-cloud"
    assert hits[0]["speaker"] == "Gina Raimondo"


@pytest.mark.parametrize("query", ['cloud "train', "AND OR NEAR (", '"', ")", "decoupling NOT", "*", "a:b",
                                   "'; DROP TABLE statements; --", "NEAR(cloud train, 2)", "^cloud"])
def test_full_text_search_is_safe_with_any_string(seeded, query):
    result = run("db", "search", "--db", seeded, "--format", "json", query)
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.output), list)
    assert QuoteStore(seeded).stats()["statements"] == 12


def test_full_text_search_ranks_by_words_and_filters_by_speaker_alias(seeded):
    store = QuoteStore(seeded)
    hits = store.search("decoupling", speaker="Lâm Kiếm")
    assert hits and all(h["speaker"] == "Lin Jian" for h in hits)
    assert store.search("decoupling", speaker="Gina Raimondo") == []


def test_speakers_and_aliases(seeded):
    result = run("db", "alias", "--db", seeded, "Gina Raimondo", "Bộ trưởng Raimondo")
    assert result.exit_code == 0, result.output
    listing = json.loads(run("db", "speakers", "--db", seeded, "--format", "json").output)
    lin = next(s for s in listing if s["name"] == "Lin Jian")
    assert {"Lâm Kiếm", "林剑"} <= set(lin["aliases"]) and lin["statements"] == 3
    gina = next(s for s in listing if s["name"] == "Gina Raimondo")
    assert "Bộ trưởng Raimondo" in gina["aliases"]
    assert run("db", "alias", "--db", seeded, "Nobody", "X").exit_code == 2


def test_update_keeps_history_and_merges_speakers(tmp_path, encoder):
    path = tmp_path / "u.db"
    first = tmp_path / "a.jsonl"
    first.write_text(json.dumps({"id": "q1", "speaker": "Lin Jian", "speaker_aliases": ["Lâm Kiếm"],
                                 "text": "China will take necessary measures.", "date": "2024-05-10"}) + "\n")
    second = tmp_path / "b.json"
    second.write_text(json.dumps([{"id": "q1", "speaker": "Lâm Kiếm", "text": "China will take all necessary "
                                   "measures. It will defend its rights.", "date": "2024-05-10"}]))
    assert "added 1" in run("db", "import", "--db", path, first).output
    assert "updated 1" in run("db", "import", "--db", path, second).output
    shown = json.loads(run("db", "show", "--db", path, "q1").output)
    assert shown["speaker"] == "Lin Jian"  # merged by alias, not a new speaker
    assert shown["history"][0]["old"]["text"] == "China will take necessary measures."
    assert [s["text"] for s in shown["sentences"] if s["unit"] == "sentence"] == [
        "China will take all necessary measures.", "It will defend its rights."]
    assert QuoteStore(path).stats()["missing_embeddings"] == 0


def test_skip_imports_good_rows_and_names_each_bad_one(tmp_path):
    path = tmp_path / "s.db"
    rows = tmp_path / "rows.jsonl"
    rows.write_text("\n".join([
        json.dumps({"text": "Good one.", "speaker": "A"}),
        "{not json",
        json.dumps({"speaker": "B"}),
        json.dumps({"text": 42}),
        json.dumps({"text": "Bad date.", "date": "10/05/2024"}),
        json.dumps({"text": "Good two.", "speaker_aliases": "x|y", "speaker": "C"}),
    ]) + "\n")
    result = run("db", "import", "--db", path, "--no-embed", "--on-error", "skip", rows)
    assert result.exit_code == 0, result.output
    for line, reason in ((2, "invalid JSON"), (3, "missing text"), (4, "text is not a string"), (5, "date '10/05/2024' is not ISO")):
        assert f"{rows}:{line}: {reason}" in result.output
    assert "added 2, updated 0, unchanged 0, skipped 4" in result.output


def test_csv_import_and_export_roundtrip(tmp_path, seeded):
    out_jsonl, out_csv = tmp_path / "e.jsonl", tmp_path / "e.csv"
    assert run("db", "export", "--db", seeded, "--out", out_jsonl).exit_code == 0
    assert run("db", "export", "--db", seeded, "--format", "csv", "--out", out_csv).exit_code == 0
    umask = os.umask(0)
    os.umask(umask)
    assert out_csv.stat().st_mode & 0o777 == 0o666 & ~umask  # an ordinary file, not a private temporary one
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    for source in (out_jsonl, out_csv):
        copy = tmp_path / f"copy-{source.suffix[1:]}.db"
        result = run("db", "import", "--db", copy, "--no-embed", source)
        assert result.exit_code == 0 and "added 12" in result.output, result.output
        again = tmp_path / f"again-{source.suffix[1:]}.jsonl"
        run("db", "export", "--db", copy, "--out", again)
        assert again.read_text() == out_jsonl.read_text()


def test_add_show_delete_and_stats(tmp_path, encoder):
    path = tmp_path / "a.db"
    result = run("db", "add", "--db", path, "--speaker", "Gina Raimondo", "--text", "We will not back down.",
                 "--date", "2024-02-01", "--lang", "en", "--id", "gr-1")
    assert result.exit_code == 0, result.output
    assert json.loads(run("db", "show", "--db", path, "gr-1").output)["text"] == "We will not back down."
    stats = json.loads(run("db", "stats", "--db", path, "--format", "json").output)
    assert stats["statements"] == 1 and stats["embeddings"] == 1
    assert run("db", "delete", "--db", path, "gr-1").exit_code == 0
    assert run("db", "show", "--db", path, "gr-1").exit_code == 2
    assert QuoteStore(path).stats()["embeddings"] == 0
    assert run("db", "add", "--db", path, "--text", "x", "--date", "yesterday").exit_code == 2


def test_model_change_is_detected_and_reembed_rebuilds(tmp_path, encoder):
    path = tmp_path / "m.db"
    run("db", "add", "--db", path, "--text", "First statement. Second sentence here.")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = 'some-other-model' WHERE key = 'embed_model'")
    result = run("db", "add", "--db", path, "--text", "Another one.")
    assert result.exit_code == 2 and "reembed" in result.output
    assert run("db", "reembed", "--db", path).exit_code == 0
    stats = QuoteStore(path).stats()
    assert stats["embed_model"] == "multilingual-e5-small" and stats["embeddings"] == 3


def test_refuses_files_that_are_not_its_databases(tmp_path):
    text_file = tmp_path / "notes.db"
    text_file.write_text("my precious notes")
    result = run("db", "stats", "--db", text_file)
    assert result.exit_code == 2 and "not an SQLite database" in result.output
    assert text_file.read_text() == "my precious notes"
    newer = tmp_path / "newer.db"
    QuoteStore(newer).close()
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    result = run("db", "import", "--db", newer, "--no-embed", SOURCES)
    assert result.exit_code == 2 and "newer" in result.output
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE accounts (id INTEGER)")
    assert run("db", "init", "--db", other).exit_code == 2


def _rows_file(path: Path, prefix: str, n: int) -> Path:
    sentences = [line.strip() for article in sorted((ROOT / "fixtures" / "articles").glob("*.txt"))
                 for line in article.read_text(encoding="utf-8").splitlines() if len(line.split()) > 5]
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"{prefix}-{i}", "speaker": f"Speaker {i % 50}",
                                "text": f"{sentences[i % len(sentences)]} ({prefix} {i})"}, ensure_ascii=False) + "\n")
    return path


def _claims(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "claims.cli", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_two_processes_importing_at_once(tmp_path):
    path = tmp_path / "shared.db"
    a = _rows_file(tmp_path / "a.jsonl", "a", 20000)
    b = _rows_file(tmp_path / "b.jsonl", "b", 20000)
    procs = [_claims("db", "import", "--db", path, "--no-embed", f) for f in (a, b)]
    outputs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM statements").fetchone()[0] == 40000
        assert conn.execute("SELECT count(*) FROM statements WHERE id LIKE 'a-%'").fetchone()[0] == 20000
        assert conn.execute("SELECT count(*) FROM speakers").fetchone()[0] == 50


def test_killed_import_leaves_whole_batches_and_can_be_resumed(tmp_path):
    path = tmp_path / "killed.db"
    rows = _rows_file(tmp_path / "k.jsonl", "k", 60000)
    proc = _claims("db", "import", "--db", path, "--no-embed", rows)
    deadline = time.time() + 300
    count = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as conn:
                count = conn.execute("SELECT count(*) FROM statements").fetchone()[0]
        except sqlite3.OperationalError:
            continue
        if count >= 3 * BATCH:
            break
    assert proc.poll() is None, "import finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = conn.execute("SELECT count(*) FROM statements").fetchone()[0]
        sentences = conn.execute("SELECT count(DISTINCT statement_id) FROM statement_sentences").fetchone()[0]
    assert 0 < stored < 60000 and stored % BATCH == 0 and sentences == stored
    resumed = run("db", "import", "--db", path, "--no-embed", rows)
    assert resumed.exit_code == 0, resumed.output
    assert f"added {60000 - stored}, updated 0, unchanged {stored}" in resumed.output


def test_every_command_uses_one_default_database(tmp_path, monkeypatch, encoder):
    """CLAIMS_DB or --db, else claims.db in the working directory, else the bundled sources to read; the
    command says which when it chose."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CLAIMS_DB", raising=False)
    bundled = run("db", "stats", "--format", "json")
    assert bundled.exit_code == 0 and "bundled sources, read-only" in bundled.stderr
    assert json.loads(bundled.stdout)["statements"] > 10
    found = run("match", "Chúng tôi sẽ không lùi bước", "--format", "json")
    assert found.exit_code == 0 and "bundled sources" in found.stderr and json.loads(found.stdout)["candidates"]
    # a write never goes into the bundled sources: it makes claims.db here, which every command then reads
    added = run("db", "add", "--speaker", "Jane Roe", "--text", "We will not back down.", "--id", "jr-1")
    assert added.exit_code == 0 and "claims.db" in added.stderr and (tmp_path / "claims.db").is_file()
    assert json.loads(run("db", "stats", "--format", "json").stdout)["statements"] == 1
    searched = json.loads(run("db", "search", "back down", "--format", "json").stdout)
    assert [r["statement_id"] for r in searched] == ["jr-1"]
    monkeypatch.setenv("CLAIMS_DB", str(tmp_path / "other.db"))
    assert run("db", "stats").exit_code == 2  # named and missing: an error, not a fallback


def test_quotebank_dump_imports_plain_or_bz2_and_again_adds_nothing(tmp_path):
    import bz2

    sample = ROOT / "fixtures" / "quotes" / "quotebank-sample.jsonl"
    dump = tmp_path / "quotes-2024.json.bz2"  # Quotebank names its JSON Lines dumps .json.bz2
    dump.write_bytes(bz2.compress(sample.read_bytes()))
    path = tmp_path / "qb.db"
    first = run("db", "import", "--db", path, "--no-embed", dump)
    assert first.exit_code == 0 and "added 6, updated 0, unchanged 0" in first.output, first.output
    again = run("db", "import", "--db", path, "--no-embed", sample)
    assert "added 0, updated 0, unchanged 6" in again.output
    store = QuoteStore(path)
    row = store.show("quotebank-2024-05-10-000397")
    assert row["speaker"] == "Lin Jian" and row["date"] == "2024-05-10" and row["venue"] == "Quotebank"
    assert row["url"] == "https://example.org/business/2024/05/10/ev-tariffs-beijing"
    assert store.show("quotebank-2024-05-08-000033")["speaker"] is None  # Quotebank's "None": no speaker found
    assert store.speaker("Lin Jian")["statements"] == 3
    # a dump cut short in the middle of its compressed stream is refused whole
    broken = tmp_path / "cut.json.bz2"
    broken.write_bytes(dump.read_bytes()[:-40])
    other = tmp_path / "other.db"
    result = run("db", "import", "--db", other, "--no-embed", broken)
    assert result.exit_code == 2 and result.output.count("\n") == 1, result.output
    assert QuoteStore(other).stats()["statements"] == 0
