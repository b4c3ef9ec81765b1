"""`claims check` end to end: the real pipeline on the seed article and the English fixtures, the four
formats, exit codes, re-rendering, and growing the database from a check."""
from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from claims.checker import failures
from claims.cli import main
from claims.report.render import article_segments, to_html, to_markdown, word_diff

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "articles" / "vi-enforce-act.txt"
ENGLISH = sorted((ROOT / "fixtures" / "articles").glob("en-*.txt"))


def _by_speaker(result, fragment):
    return [f for f in result["findings"] if fragment in (f.get("speaker") or "")]


def test_seed_links_lin_jian_the_embassy_and_raimondo_to_their_english_sources(seed):
    for fragment, prefix in (("Lâm Kiếm", "lin-jian-"), ("Đại sứ quán", "china-embassy-"),
                             ("Raimondo", "raimondo-")):
        found = _by_speaker(seed, fragment)
        linked = [f for f in found if f["source"] and f["source"]["id"].startswith(prefix)]
        assert linked, (fragment, [(f["verdict"], f["content"][:60]) for f in found])
        for f in found:  # nobody's words are linked to someone else's statement
            assert f["source"] is None or f["source"]["id"].startswith(prefix), f
    embassy = _by_speaker(seed, "Đại sứ quán")
    assert all(f["verdict"] in ("verified", "paraphrase") for f in embassy), embassy
    cloud = next(f for f in _by_speaker(seed, "Raimondo") if (f["source"] or {}).get("id") == "raimondo-2024-01-26-cloud")
    assert cloud["verdict"] == "altered" and "entity_changed" in [r["type"] for r in cloud["reasons"]]


def test_seed_inverted_lin_jian_statement_is_altered_at_the_inverted_sentence(seed):
    first = next(f for f in _by_speaker(seed, "Lâm Kiếm") if f["content"].startswith("Thực tế đã chứng minh"))
    assert first["verdict"] == "altered" and first["source"]["id"] == "lin-jian-2024-05-10-politicizing", first
    inverted = seed["text"].index("cả hai nước và người dân đều được hưởng lợi từ chính trị hóa")
    assert any(r["article_span"] and r["article_span"][0] <= inverted < r["article_span"][1]
               for r in first["reasons"] if r["type"] in ("contradicted", "negation")), first["reasons"]
    assert [p["status"] for p in first["parts"]] == ["contradicted", "found"]


def test_seed_documents_and_bodies_are_linked_to_their_sources(seed):
    sources = {f["content"][:30]: (f.get("db_speaker"), (f["source"] or {}).get("id")) for f in seed["findings"]}
    assert sources["nó sẽ hạn chế xuất khẩu các hệ"] == ("ENFORCE Act (H.R. 8315)", "enforce-act-title")
    assert sources["“hệ thống AI” đề cập đến tất c"] == ("ENFORCE Act (H.R. 8315)", "enforce-act-def-ai-system")
    assert sources["Các nhà cung cấp IaaS của Hoa "] == ("Executive Order 14110", "eo-14110-sec-4-2-c")
    assert sources["dự luật mới hiện đại hóa Đạo l"] == ("House Foreign Affairs Committee",
                                                        "enforce-act-sponsors-release")


def test_two_quotes_of_the_seed_do_not_share_the_bills_title(seed):
    """The bill's sentence on the 2018 law is close to the bill's title too, but "nó sẽ hạn chế xuất khẩu …"
    renders it more closely: that one keeps the title, and the other says why it has no source."""
    from claims.report.text import check_summary

    law = next(f for f in seed["findings"] if f["content"].startswith("hiện tại, theo Đạo luật kiểm soát"))
    assert law["verdict"] == "unverified" and law["source"] is None
    assert [r["type"] for r in law["reasons"]] == ["source"] and "enforce-act-title" in law["reasons"][0]["detail"]
    assert "source: its closest source, enforce-act-title" in check_summary(seed, width=200)


def test_a_family_name_after_the_full_name_is_not_a_misattribution(checker):
    text = ("Chinese foreign ministry spokesman Lin Jian said the US should honor its commitments of not seeking "
            "decoupling from China. Lin also said China will take all necessary measures to defend its rights "
            "and interests.")
    result = checker.check_text(text, lang="en")
    assert result["findings"], result
    assert not [f for f in result["findings"] if f["verdict"] == "misattributed"], result["findings"]
    assert any((f["source"] or {}).get("id") == "lin-jian-2024-05-10-tariffs" for f in result["findings"])


def test_seed_caijing_sources_are_unverified(seed):
    caijing = [f for f in seed["findings"] if f.get("outlet") == "Caijing" or f.get("speaker") == "Zheng Ziqing"]
    assert caijing
    assert {f["verdict"] for f in caijing} == {"unverified"}, [(f["speaker"], f["verdict"]) for f in caijing]


def test_seed_vague_and_unattributed(seed):
    vague = {f["speaker"].lower() for f in seed["findings"] if f["verdict"] == "vague"}
    assert "truyền thông" in vague and "nhiều người trong ngành" in vague, vague
    claims = " ".join(c["text"] for c in seed["claims"])
    for name in ("OpenAI", "Microsoft", "Zhipu"):
        assert name in claims, name
    assert seed["summary"]["unattributed"] == len(seed["claims"])


def test_result_schema(seed):
    assert seed["schema"] == 1 and seed["language"] == "vi" and seed["run"]["database"]["default"] is True
    for f in seed["findings"]:
        assert {"content", "start", "end", "speaker", "kind", "verdict", "confidence", "reasons", "source"} <= set(f)
        assert seed["text"][f["start"]:f["end"]] == f["content"]
        for r in f["reasons"]:
            assert r["type"] in ("words", "number", "negation", "modality", "qualifier_dropped", "entity_changed",
                                 "speaker", "contradicted", "added", "source")
            assert set(r) == {"type", "detail", "article_span", "source_span"}
        if f["source"]:
            assert set(f["source"]) == {"id", "speaker", "text", "date", "url", "span", "p_link"}
    counted = {k: sum(f["verdict"] == k for f in seed["findings"]) for k in ("verified", "altered", "unverified")}
    assert all(seed["summary"][k] == v for k, v in counted.items())


def test_english_fixtures_have_no_source_and_get_none(checker):
    """The bundled database holds none of these articles' statements: nothing may be linked to the nearest
    unrelated statement."""
    for path in ENGLISH:
        result = checker.check_file(path)
        assert result["language"] == "en" and result["findings"]
        wrong = [(f["speaker"], f["verdict"], f["source"]["id"]) for f in result["findings"] if f["source"]]
        assert not wrong, (path.name, wrong)


def test_cli_check_writes_four_formats_and_follows_fail_on(tmp_path, seed):
    runner = CliRunner()
    out = tmp_path / "reports"
    result = runner.invoke(main, ["check", str(SEED), "--format", "text,md,html,json", "--out", str(out)])
    assert result.exit_code == 1, result.output  # the seed article has altered quotes
    saved = json.loads((out / "vi-enforce-act.json").read_text(encoding="utf-8"))
    counts = dict(re.findall(r"(verified|paraphrase|altered|misattributed|unverified|vague|unattributed) (\d+)",
                             result.stdout.splitlines()[1]))
    assert {k: int(v) for k, v in counts.items()} == {k: saved["summary"][k] for k in counts}
    assert len(counts) == 7
    assert (out / "vi-enforce-act.summary.txt").read_text(encoding="utf-8") in result.output
    for ext in (".md", ".html"):
        assert (out / f"vi-enforce-act{ext}").stat().st_size > 1000
    assert saved["summary"] == seed["summary"]

    assert runner.invoke(main, ["check", str(SEED), "--fail-on", "misattributed", "--format", "json"]).exit_code == 0
    assert runner.invoke(main, ["check", str(SEED), "--fail-on", "vague", "--format", "json"]).exit_code == 1
    bad = runner.invoke(main, ["check", str(SEED), "--fail-on", "typos"])
    assert bad.exit_code == 2 and "unknown --fail-on" in bad.output

    again = runner.invoke(main, ["report", str(out / "vi-enforce-act.json"), "--format", "md"])
    assert again.exit_code == 0
    assert again.output == (out / "vi-enforce-act.md").read_text(encoding="utf-8")


def test_cli_check_writes_reports_before_printing(tmp_path, seed, monkeypatch):
    """`claims check ... --out DIR | head`: the reader goes away after a few lines; the reports are written."""
    import click

    def reader_gone(*args, **kwargs):
        raise BrokenPipeError

    monkeypatch.setattr(click, "echo", reader_gone)
    out = tmp_path / "reports"
    result = CliRunner().invoke(main, ["check", str(SEED), "--format", "text,md,html,json", "--out", str(out),
                                       "--fail-on", "none"])
    assert isinstance(result.exception, BrokenPipeError)
    assert sorted(p.name for p in out.iterdir()) == ["vi-enforce-act.html", "vi-enforce-act.json",
                                                     "vi-enforce-act.md", "vi-enforce-act.summary.txt"]


def test_cli_check_bad_inputs(tmp_path):
    runner = CliRunner()
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    result = runner.invoke(main, ["check", str(binary), "--format", "json"])
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1, result.output
    missing = tmp_path / "nothing.db"
    result = runner.invoke(main, ["check", str(SEED), "--db", str(missing)])
    assert result.exit_code == 2 and "no such database" in result.output and not missing.exists()
    junk = tmp_path / "result.json"
    junk.write_text('{"schema": 7}', encoding="utf-8")
    result = runner.invoke(main, ["report", str(junk)])
    assert result.exit_code == 2 and "not a claims check result" in result.output


def test_add_from_check_grows_the_database(tmp_path, seed):
    saved = tmp_path / "seed.json"
    saved.write_text(json.dumps(seed, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "claims.db"
    runner = CliRunner()
    result = runner.invoke(main, ["db", "add-from-check", str(saved), "--verdict", "verified", "--db", str(db)])
    assert result.exit_code == 0, result.output
    from claims.store import QuoteStore

    store = QuoteStore(db, create=False)
    verified = [f for f in seed["findings"] if f["verdict"] == "verified"]
    assert store.stats()["statements"] == len(verified) > 0
    row = store.show(f"{seed['file']}#{verified[0]['start']}")
    assert row["venue"] == seed["file"] and row["text"] == verified[0]["content"]
    # the same file again changes nothing
    again = runner.invoke(main, ["db", "add-from-check", str(saved), "--db", str(db)])
    assert "added 0" in again.output
    store.close()


def test_fail_on_counts():
    result = {"summary": {"altered": 2, "misattributed": 0, "unattributed": 5, "vague": 0, "unverified": 1}}
    assert failures(result, ["altered", "misattributed"]) == 2
    assert failures(result, ["misattributed", "vague"]) == 0
    assert failures(result, ["unattributed"]) == 5


def test_word_diff_marks_only_the_changed_words():
    left, right = word_diff("We can't have China accessing our cloud.", "We can have China accessing our cloud.")
    assert [t for t, c in left if c] == ["can't"] and [t for t, c in right if c] == ["can"]


def test_reports_escape_article_and_database_text():
    hostile = '<script>alert(1)</script> "><img src=x onerror=alert(2)>'
    result = {"schema": 1, "file": "x.txt", "language": "en", "text": f"He said {hostile} today.",
              "summary": {k: 0 for k in ("verified", "paraphrase", "altered", "misattributed", "unverified",
                                         "vague", "unattributed", "statements")},
              "findings": [{"content": hostile, "start": 8, "end": 8 + len(hostile), "speaker": "He",
                            "speaker_start": 0, "speaker_end": 2, "speaker_type": "person", "kind": "direct",
                            "verdict": "altered", "confidence": 0.9,
                            "reasons": [{"type": "words", "detail": hostile, "article_span": None,
                                         "source_span": None}],
                            "source": {"id": "<b>id</b>", "speaker": hostile, "text": hostile, "date": None,
                                       "url": "javascript:alert(3)", "span": [0, len(hostile)]}}],
              "claims": [], "speakers": [], "run": {"claims": "0", "models": {}, "database": {"default": True},
                                                    "timings": {"total_s": 0}}}
    html = to_html(result)
    assert "<script>" not in html and "<img" not in html and "javascript:" not in html
    assert "&lt;script&gt;" in html
    md = to_markdown(result)
    assert "<script>" not in md and "<img" not in md
    kinds = [s["kind"] for s in article_segments(result)]
    assert kinds == ["speaker", "text", "statement", "text"]


def test_documented_examples_run(monkeypatch, seed):
    """The examples in the package's docstrings are what a reader tries first; they must print what they say."""
    import doctest

    import claims
    import claims.checker
    import claims.detect

    monkeypatch.chdir(ROOT)  # the examples name fixture files from the project folder
    for module in (claims, claims.checker, claims.detect):
        failed, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert tried and not failed, module.__name__
