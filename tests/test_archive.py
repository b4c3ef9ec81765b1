"""`claims extract`: an archive of articles into Parquet, with the local engine and with Spark in local mode,
with the real models."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from claims.archive import extract
from claims.archive.rows import ATTRIBUTION_FIELDS, ERROR_FIELDS, QUOTATION_FIELDS, quote_id
from claims.cli import main

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "fixtures" / "articles"
SEED = ARTICLES / "vi-enforce-act.txt"


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    """A generated batch as JSON Lines: the seed article again under two ids and dates, articles from the
    fixtures, and rows that cannot be read."""
    path = tmp_path_factory.mktemp("batch") / "batch.jsonl"
    rows = [{"id": "wire-1", "url": "https://example.org/a", "date": "2024-05-12T08:00:00", "lang": "vi",
             "text": SEED.read_text(encoding="utf-8")},
            {"id": "wire-2", "url": "https://example.org/b", "date": "2024-05-11",
             "text": SEED.read_text(encoding="utf-8")},
            *({"id": p.name, "url": None, "date": None, "text": p.read_text(encoding="utf-8")}
              for p in sorted(ARTICLES.glob("en-*.txt"))[:3]),
            {"id": "empty", "text": "   "}]
    lines = [json.dumps(r, ensure_ascii=False) for r in rows] + ["[1, 2, 3]", "{not json"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def tables(out: Path) -> dict[str, list[dict]]:
    return {name: pq.read_table(out / name).to_pylist() for name in ("attributions", "quotations", "errors")}


def test_local_engine_writes_the_documented_tables(tmp_path, batch, nlp_vi, nlp_en):
    out = tmp_path / "out"
    summary = extract(batch, out, engine="local", workers=1)
    assert summary["articles"] == 8 and summary["errors"] == 3
    for name, fields in (("attributions", ATTRIBUTION_FIELDS), ("quotations", QUOTATION_FIELDS),
                         ("errors", ERROR_FIELDS)):
        assert pq.read_schema(next((out / name).glob("*.parquet"))).names == [f for f, _ in fields]
    found = tables(out)
    assert sorted(e["article_id"] for e in found["errors"]) == ["batch.jsonl:7", "batch.jsonl:8", "empty"]
    assert all(e["reason"] for e in found["errors"])
    seed_rows = [r for r in found["attributions"] if r["article_id"] == "wire-1"]
    assert seed_rows and all(r["date"] == "2024-05-12" and r["url"] == "https://example.org/a" for r in seed_rows)
    # the seed's 27 repeated paragraphs are read once: each of its quotations occurs once per article
    by_id = {q["quote_id"]: q for q in found["quotations"]}
    for row in seed_rows:
        q = by_id[row["quote_id"]]
        assert q["num_occurrences"] == 2 and q["articles"] == ["wire-2", "wire-1"] and q["date"] == "2024-05-11"
        assert abs(sum(p["share"] for p in q["probas"]) - 1) < 1e-3
    lin = next(q for q in found["quotations"] if q["quotation"].startswith("Thực tế đã chứng minh"))
    assert lin["speaker"] == "Lâm Kiếm" and lin["urls"] == ["https://example.org/b", "https://example.org/a"]
    assert len(found["quotations"]) == len({r["quote_id"] for r in found["attributions"]})

    # the tables import into a quote database, and again with nothing new
    db = tmp_path / "claims.db"
    runner = CliRunner()
    first = runner.invoke(main, ["db", "import", "--no-embed", "--db", str(db), str(out / "quotations")])
    assert first.exit_code == 0 and f"added {len(found['quotations'])}, updated 0" in first.output, first.output
    again = runner.invoke(main, ["db", "import", "--no-embed", "--db", str(db), str(out / "quotations")])
    assert f"added 0, updated 0, unchanged {len(found['quotations'])}" in again.output
    from claims.store import QuoteStore

    shown = QuoteStore(db).show(lin["quote_id"])
    assert shown["speaker"] == "Lâm Kiếm" and shown["url"] == "https://example.org/b" and shown["date"] == "2024-05-11"
    per_article = runner.invoke(main, ["db", "import", "--no-embed", "--db", str(db), str(out / "attributions")])
    assert f"added {len(found['attributions'])}," in per_article.output
    not_parquet = runner.invoke(main, ["db", "import", "--no-embed", "--db", str(db), str(tmp_path)])
    assert not_parquet.exit_code == 2 and not_parquet.output.startswith("claims: error:")


def test_quote_ids_ignore_marks_and_case_but_not_words():
    assert quote_id("“We will win,” ") == quote_id("we will WIN")
    assert quote_id("We will win") != quote_id("We will not win")


def test_folder_and_parquet_inputs_and_bad_inputs(tmp_path, nlp_vi, nlp_en):
    folder = tmp_path / "articles"
    shutil.copytree(ARTICLES, folder)
    (folder / "photo.html").write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(main, ["extract", str(folder), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    found = tables(out)
    assert [e["article_id"] for e in found["errors"]] == ["photo.html"]
    assert {r["article_id"] for r in found["attributions"]} >= {"vi-enforce-act.txt", "en-city-council.txt"}
    # its own attribution table's articles, as Parquet input
    import pyarrow as pa

    articles = pa.table({"id": ["x1"], "url": ["https://example.org/x1"], "date": ["2024-01-02"], "lang": ["en"],
                         "text": [(ARTICLES / "en-city-council.txt").read_text(encoding="utf-8")]})
    pq.write_table(articles, tmp_path / "articles.parquet")
    again = extract(tmp_path / "articles.parquet", tmp_path / "from-parquet", workers=1)
    assert again["articles"] == 1 and again["attributions"] == sum(
        1 for r in found["attributions"] if r["article_id"] == "en-city-council.txt")
    # an existing OUT is kept unless --overwrite; a missing input is one line and exit 2
    before = sorted(p.name for p in out.rglob("*"))
    refused = runner.invoke(main, ["extract", str(folder), "--out", str(out), "--workers", "1"])
    assert refused.exit_code == 2 and "already exists" in refused.output
    assert sorted(p.name for p in out.rglob("*")) == before
    missing = runner.invoke(main, ["extract", str(tmp_path / "nothing"), "--out", str(tmp_path / "o2")])
    assert missing.exit_code == 2 and missing.output.count("\n") == 1 and not (tmp_path / "o2").exists()


def _spark_available() -> bool:
    from importlib.util import find_spec

    if find_spec("pyspark") is None:
        if os.environ.get("CLAIMS_SPARK_TEST") == "required":
            raise RuntimeError("CLAIMS_SPARK_TEST=required but pyspark is not installed")
        return False
    if shutil.which("java") is None:
        if os.environ.get("CLAIMS_SPARK_TEST") == "required":
            raise RuntimeError("CLAIMS_SPARK_TEST=required but there is no java")
        return False
    return True


@pytest.mark.skipif(not _spark_available(), reason="pyspark or Java missing (pip install -e '.[spark]')")
def test_spark_local_mode_gives_what_the_local_engine_gives(tmp_path, batch, nlp_vi, nlp_en):
    local = extract(batch, tmp_path / "local", engine="local", workers=1)
    spark = extract(batch, tmp_path / "spark", engine="spark", master="local[2]")
    assert {k: spark[k] for k in ("articles", "attributions", "quotations", "errors")} == \
           {k: local[k] for k in ("articles", "attributions", "quotations", "errors")}
    a, b = tables(tmp_path / "local"), tables(tmp_path / "spark")
    key = lambda r: (r["article_id"], r["start"])  # noqa: E731
    assert sorted(a["attributions"], key=key) == sorted(b["attributions"], key=key)
    assert sorted(a["quotations"], key=lambda r: r["quote_id"]) == sorted(b["quotations"], key=lambda r: r["quote_id"])
    assert sorted(a["errors"], key=lambda r: r["article_id"]) == sorted(b["errors"], key=lambda r: r["article_id"])
