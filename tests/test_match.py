"""Retrieval of source statements for the seed article's quotes (real encoder, real SQLite)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from claims.cli import main
from claims.match import Matcher
from claims.store import QuoteStore

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "fixtures" / "quotes" / "enforce-act-sources.jsonl"
MATCHES = json.loads((ROOT / "fixtures" / "matches" / "vi-enforce-act-matches.json").read_text(encoding="utf-8"))
GOLD = json.loads((ROOT / "fixtures" / "gold" / "vi-enforce-act.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def store(tmp_path_factory, encoder):
    path = tmp_path_factory.mktemp("match") / "claims.db"
    s = QuoteStore(path)
    s.import_file(SOURCES, on_error="skip")
    return s


@pytest.fixture(scope="module", params=["database", "milvus"])
def matcher(request, store, tmp_path_factory):
    """The matcher over each retrieval engine: the database's own, and a Milvus Lite index synced from it."""
    if request.param == "database":
        return Matcher(store)
    from test_index import _milvus_available

    if not _milvus_available():
        pytest.skip("pip install -e '.[milvus]'")
    from claims.match.milvus import sync_index

    uri = str(tmp_path_factory.mktemp("milvus") / "index.db")
    sync_index(store, uri)
    return Matcher(store, index=uri)


def _detected(detections, gold_id):
    """The detector's statement that matches a gold statement of the seed article."""
    from claims.detect.evaluate import norm_tokens, token_f1

    gold = next(a for a in GOLD["attributions"] if a["id"] == gold_id)
    _, pred = detections["vi-enforce-act"]
    return max(pred["attributions"], key=lambda a: token_f1(norm_tokens(a["content"]), norm_tokens(gold["content"])))


@pytest.mark.parametrize("expected", [m for m in MATCHES["matches"] if m["source"]], ids=lambda m: m["attribution"])
def test_seed_statements_rank_their_source_first(matcher, detections, expected):
    statement = _detected(detections, expected["attribution"])
    found = matcher.match(statement["content"], speaker=statement["speaker"])
    assert found[0].statement_id == expected["source"], [(c.statement_id, c.score) for c in found]
    assert found[0].same_speaker


def test_misattribution_still_finds_the_real_speaker(matcher):
    quote = "We can't have China or folks who we don't want accessing our cloud to train their models"
    found = matcher.match(quote, speaker="Lin Jian", top=5)
    assert found[0].statement_id == "raimondo-2024-01-26-cloud"
    assert not found[0].same_speaker and found[0].speaker == "Gina Raimondo"


def test_fragment_is_aligned_to_its_sentence(store, matcher):
    found = matcher.match("China will take all necessary measures to defend its rights", speaker="Lin Jian")
    best = found[0]
    assert best.statement_id == "lin-jian-2024-05-10-tariffs"
    assert best.sentence == "China will take all necessary measures to defend its rights and interests."
    full = store.show(best.statement_id)["text"]
    assert full[best.span[0]:best.span[1]] == best.sentence


def test_a_part_is_realigned_to_its_own_sentence(store, matcher):
    """A quote of several sentences is weighed part by part; each part points at the source sentence it renders."""
    m = matcher
    found = m.match("We urge the US to follow WTO rules and lift all additional tariffs on China", speaker="Lin Jian")
    assert found[0].statement_id == "lin-jian-2024-05-10-tariffs"
    assert found[0].sentence.startswith("We urge the US")
    part = m.embed_queries(["China will take all necessary measures to defend its rights"])[0]
    moved = m.realign(found, part)
    assert [c.statement_id for c in moved] == [c.statement_id for c in found]
    assert moved[0].sentence == "China will take all necessary measures to defend its rights and interests."
    full = store.show(moved[0].statement_id)["text"]
    assert full[moved[0].span[0]:moved[0].span[1]] == moved[0].sentence
    assert found[0].sentence.startswith("We urge the US"), "realign must not change the candidates it was given"


def test_match_command_batch(tmp_path, store):
    queries = tmp_path / "q.jsonl"
    queries.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in [
        {"id": "a", "text": "Hoa Kỳ nên thực hiện cam kết không tìm cách tách rời khỏi Trung Quốc", "speaker": "Lâm Kiếm"},
        {"id": "b", "text": "The export rules cover seven rare earth elements"},
    ]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["match", "--db", str(store.path), "--file", str(queries), "--top", "3"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert lines[0]["candidates"][0]["statement_id"] == "lin-jian-2024-05-10-commitments"
    assert set(lines[0]["candidates"][0]) >= {"statement_id", "sentence", "speaker", "score", "date", "url",
                                               "p_link", "linked"}
    # the faithful translation is linked to its source; nothing in the database says the other one
    assert lines[0]["candidates"][0]["linked"] and lines[0]["candidates"][0]["p_link"] >= 0.5
    for line in lines:
        assert sum(c["linked"] for c in line["candidates"]) <= 1
        assert all(0.0 <= c["p_link"] <= 1.0 for c in line["candidates"])
        ranked = [c["p_link"] for c in line["candidates"]]
        assert ranked == sorted(ranked, reverse=True)
    assert not any(c["linked"] for c in lines[1]["candidates"])
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\n')
    assert CliRunner().invoke(main, ["match", "--db", str(store.path), "--file", str(bad)]).exit_code == 2
    bad.write_bytes(b"\xff\xfe\x00 not UTF-8")
    result = CliRunner().invoke(main, ["match", "--db", str(store.path), "--file", str(bad)])
    assert result.exit_code == 2 and "cannot read as UTF-8" in result.output


def test_approximate_index_agrees_with_exact_search_and_is_saved(store, detections):
    """The HNSW index (used beyond EXACT_LIMIT vectors) on the same small database: same first candidates,
    saved beside the database, and opened again by a new matcher instead of rebuilt."""
    from claims.match import EXPANSION_SEARCH, ApproximateIndex

    exact = Matcher(store, index="exact")
    approximate = Matcher(store, index="approximate")
    for expected in MATCHES["matches"]:
        statement = _detected(detections, expected["attribution"])
        a = exact.match(statement["content"], speaker=statement["speaker"])
        b = approximate.match(statement["content"], speaker=statement["speaker"])
        assert [c.statement_id for c in a[:3]] == [c.statement_id for c in b[:3]]
        assert abs(a[0].score - b[0].score) < 0.01  # float16 vectors in the index
    assert approximate.index_kind == "approximate" and exact.index_kind == "exact"
    index_file, meta_file = ApproximateIndex.paths(store)
    assert index_file.exists() and meta_file.exists()
    stamp = index_file.stat().st_mtime_ns
    again = Matcher(store, index="approximate")
    assert again.unit_count() == approximate.unit_count()
    assert index_file.stat().st_mtime_ns == stamp  # opened, not rebuilt
    # the file keeps the graph, not how broadly it is searched: the reopened index searches as the built one
    assert again._ann.index.expansion_search == approximate._ann.index.expansion_search == EXPANSION_SEARCH
