"""The Milvus index (claims.match.milvus) against the database's own search: the same verdicts on the fixture
articles, a sync that resumes and sends only what changed, and one-line errors. Milvus Lite, embedded, in a
file of the test's own."""
from __future__ import annotations

import json
import os
from importlib.util import find_spec
from pathlib import Path

import pytest
from click.testing import CliRunner

from claims.cli import main
from claims.store import QuoteStore

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted(p.name for p in (ROOT / "fixtures" / "articles").glob("*.txt"))


def _milvus_available() -> bool:
    if find_spec("pymilvus") is None or find_spec("milvus_lite") is None:
        if os.environ.get("CLAIMS_MILVUS_TEST") == "required":
            raise RuntimeError("CLAIMS_MILVUS_TEST=required but pymilvus or milvus-lite is not installed")
        return False
    return True


pytestmark = pytest.mark.skipif(not _milvus_available(), reason="pip install -e '.[milvus]'")


@pytest.fixture(scope="module")
def synced(tmp_path_factory, encoder):
    """A database of the fixture sources, and a Milvus Lite index filled from it."""
    from claims.match.milvus import sync_index

    folder = tmp_path_factory.mktemp("index")
    store = QuoteStore(folder / "claims.db")
    store.import_file(ROOT / "fixtures" / "quotes" / "default" / "enforce-act-sources.jsonl")
    store.import_file(ROOT / "fixtures" / "quotes" / "quotebank-sample.jsonl")
    uri = str(folder / "quotes.milvus.db")
    first = sync_index(store, uri)
    store.close()
    return folder / "claims.db", uri, first


def _findings(result: dict) -> list[tuple]:
    """What a check says of each statement. The confidence of a linked verdict is its link probability; that of
    an unverified one is one less the best candidate's, which depends on the words' ranking, and the engines
    choose a quote's words apart (the database its rarest, Milvus all of them)."""
    return [(f.get("kind"), f.get("speaker"), f.get("content"), f.get("verdict"),
             f.get("confidence") if f.get("source") else None, (f.get("source") or {}).get("id"),
             (f.get("source") or {}).get("span"), [r["type"] for r in f.get("reasons", [])])
            for f in result["findings"]]


def test_verdicts_are_the_same_with_either_index(synced, nlp_vi, nlp_en):
    from claims.checker import Checker

    db, uri, first = synced
    assert first["sent"] == first["ranges"] >= 1 and first["statements"] == 21
    own, milvus = Checker(db), Checker(db, index=uri)
    assert milvus.verifier.matcher.index_kind == "milvus"
    assert milvus.verifier.matcher.unit_count() == own.verifier.matcher.unit_count()
    linked = 0
    for name in ARTICLES:
        a = own.check_file(ROOT / "fixtures" / "articles" / name)
        b = milvus.check_file(ROOT / "fixtures" / "articles" / name)
        assert _findings(a) == _findings(b), name
        linked += sum(1 for f in a["findings"] if f.get("source"))
    assert linked >= 10  # the comparison covers linked verdicts, not only unverified ones
    own.close()
    milvus.close()


def test_sync_resumes_and_sends_only_what_changed(tmp_path, encoder, monkeypatch):
    from claims.match import milvus
    from claims.match.milvus import sync_index

    monkeypatch.setattr(milvus, "ROWS_PER_RANGE", 4)  # 15 statements in 4 ranges
    store = QuoteStore(tmp_path / "claims.db")
    store.import_file(ROOT / "fixtures" / "quotes" / "default" / "enforce-act-sources.jsonl")
    uri = str(tmp_path / "quotes.milvus.db")

    class Stop(Exception):
        pass

    def stop_after_two(summary):
        if summary["sent"] == 2:
            raise Stop

    with pytest.raises(Stop):
        sync_index(store, uri, progress=stop_after_two)
    again = sync_index(store, uri)
    assert (again["kept"], again["sent"], again["ranges"]) == (2, 2, 4)
    assert sync_index(store, uri)["sent"] == 0

    # a run stopped while a range's rows were going in: the range is marked as being sent and holds part of them
    client = milvus._client(uri)
    part = client.query(milvus.UNITS, filter="row < 4", output_fields=["row", "statement", "kind", "start", "end",
                                                                       "vector"], limit=2)
    client.insert(milvus.UNITS, [{k: r[k] for k in ("row", "statement", "kind", "start", "end")} |
                                 {"vector": list(r["vector"])} for r in part])
    client.upsert(milvus.SYNC, [{"range": 0, "signature": milvus.SENDING, "placeholder": [0.0, 0.0]}])
    client.flush(milvus.UNITS)
    assert sync_index(store, uri)["sent"] == 1

    store.add_rows([{"id": "new-statement", "speaker": "Lin Jian", "text": "China firmly opposes the new export rules.",
                     "lang": "en"}])
    store.delete("raimondo-2024-01-26-chips")
    changed = sync_index(store, uri)
    assert changed["sent"] in (1, 2) and changed["kept"] >= 2

    from claims.match import Matcher

    own, index = Matcher(store), Matcher(store, index=uri)
    assert index.unit_count() == own.unit_count()  # nothing sent twice, nothing deleted left behind
    assert index.retrieval.behind() is None
    found = index.match("Trung Quốc kiên quyết phản đối các quy định xuất khẩu mới", speaker="Lin Jian")
    assert found[0].statement_id == "new-statement"
    assert "raimondo-2024-01-26-chips" not in {c.statement_id for c in index.match("We use export controls on chips.")}
    store.add_rows([{"id": "later-statement", "speaker": "Lin Jian", "text": "China will respond firmly.", "lang": "en"}])
    assert index.retrieval.behind() == "the database changed since the last sync"
    store.close()


def test_index_errors_are_one_line(tmp_path, synced):
    db, uri, _ = synced
    runner = CliRunner()
    for index, expected in [("nonsense", "not an index"), (str(tmp_path / "empty.db"), "no claims index here")]:
        result = runner.invoke(main, ["match", "some words", "--db", str(db), "--index", index])
        assert result.exit_code == 2, result.output
        assert expected in result.output and "Traceback" not in result.output
    article = ROOT / "fixtures" / "articles" / "vi-enforce-act.txt"
    result = runner.invoke(main, ["check", str(article), "--db", str(db), "--index", "nonsense", "--format", "json"])
    assert result.exit_code == 2 and "not an index" in result.output
    empty = QuoteStore(tmp_path / "empty-claims.db")
    empty.close()
    result = runner.invoke(main, ["db", "sync-index", "--to", str(tmp_path / "x.db"), "--db", str(tmp_path / "empty-claims.db")])
    assert result.exit_code == 2 and "no statement has a vector" in result.output


def test_cli_sync_then_match(synced, tmp_path):
    db, uri, _ = synced
    runner = CliRunner()
    result = runner.invoke(main, ["db", "sync-index", "--to", uri, "--db", str(db)])
    assert result.exit_code == 0 and "sent 0 of" in result.output
    result = runner.invoke(main, ["match", "Chúng tôi kêu gọi Mỹ tuân thủ các quy tắc của WTO", "--speaker", "Lin Jian",
                                  "--db", str(db), "--index", uri, "--format", "json"])
    assert result.exit_code == 0, result.output
    first = json.loads(result.output.splitlines()[0])
    # the spokesman's statement, or the Quotebank quotation of its first sentence
    assert first["candidates"][0]["statement_id"] in ("lin-jian-2024-05-10-tariffs", "quotebank-2024-05-10-000397")
