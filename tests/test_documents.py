"""Statements from primary sources: press releases and briefing transcripts, on real SQLite files with the real
encoder."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from claims.cli import main
from claims.store import QuoteStore
from claims.store.documents import speaker_of_label

ROOT = Path(__file__).resolve().parent.parent
BRIEFING = ROOT / "fixtures" / "documents" / "mfa-briefing-2024-05-10.txt"
RELEASE = ROOT / "fixtures" / "documents" / "hfac-release-enforce-act.html"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def statements(path: Path, document: str) -> list[dict]:
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(
            "SELECT s.*, d.text AS document_text FROM statements s JOIN documents d ON d.id = s.document_id "
            "WHERE d.id = ? ORDER BY s.doc_start", [document])]


def test_briefing_transcript_gives_one_statement_per_answer_with_its_speaker(tmp_path, encoder):
    db = tmp_path / "claims.db"
    result = run("db", "import-document", BRIEFING, "--speaker", "Lin Jian", "--transcript", "--date", "2024-05-10",
                 "--db", db)
    assert result.exit_code == 0, result.output
    rows = statements(db, "doc-mfa-briefing-2024-05-10")
    assert [r["speaker"] for r in rows] == ["Lin Jian"] * 5 + ["Mao Ning"]
    # questions are context, never statements: labelled "Q:" or an outlet's turn that asks
    assert not any("?" in r["text"] for r in rows)
    assert rows[0]["context"] is None and rows[1]["context"].startswith("The US House of Representatives")
    assert rows[3]["text"].startswith("We have released") and rows[3]["context"].startswith("Does the ministry")
    # an answer carried over two paragraphs is one statement; every span points into the stored document
    assert rows[1]["text"].startswith("Politicizing") and rows[1]["text"].endswith("China's development.")
    for r in rows:
        assert r["document_text"][r["doc_start"]:r["doc_end"]] == r["text"]
        assert r["date"] == "2024-05-10" and r["lang"] == "en" and r["kind"] == "answer"
    again = run("db", "import-document", BRIEFING, "--speaker", "Lin Jian", "--transcript", "--date", "2024-05-10",
                "--db", db)
    assert "added 0, updated 0, unchanged 6, removed 0" in again.output
    # the statements are searchable and carry embeddings, like imported ones
    stats = QuoteStore(db).stats()
    assert stats["statements"] == 6 and stats["missing_embeddings"] == 0


def test_vietnamese_transcript_labels_resolve_to_known_speakers(tmp_path, encoder):
    db = tmp_path / "claims.db"
    store = QuoteStore(db)
    store.add("Politicizing trade serves no one.", "Lin Jian", speaker_aliases=["Lâm Kiếm"], lang="en")
    briefing = tmp_path / "hop-bao.txt"
    briefing.write_text(
        "Họp báo thường kỳ của Bộ Ngoại giao Trung Quốc ngày 10/5/2024\n\n"
        "Phóng viên: Ông bình luận thế nào về dự luật kiểm soát xuất khẩu mô hình AI của Mỹ?\n\n"
        "Người phát ngôn Lâm Kiếm: Chính trị hóa các vấn đề kinh tế, thương mại và công nghệ không phục vụ lợi "
        "ích của bất kỳ bên nào.\n\n"
        "Mỹ nên tôn trọng cam kết không tìm cách tách rời khỏi Trung Quốc.\n\n"
        "Hỏi: Trung Quốc có biện pháp đáp trả không?\n\n"
        "Đáp: Trung Quốc sẽ thực hiện mọi biện pháp cần thiết để bảo vệ quyền và lợi ích chính đáng của mình.\n",
        encoding="utf-8")
    summary = store.import_document(_read(briefing), "Lin Jian", transcript=True)
    assert summary["added"] == 2 and summary["speakers"] == ["Lin Jian"]
    rows = statements(db, summary["document"])
    assert [r["lang"] for r in rows] == ["vi", "vi"]
    assert rows[0]["text"].endswith("tách rời khỏi Trung Quốc.") and rows[0]["context"].startswith("Ông bình luận")
    assert rows[1]["context"] == "Trung Quốc có biện pháp đáp trả không?"
    assert store.speaker("Lâm Kiếm")["statements"] == 3


def test_press_release_in_html_gives_its_paragraphs_without_headings_or_page_parts(tmp_path, encoder):
    db = tmp_path / "claims.db"
    result = run("db", "import-document", RELEASE, "--speaker", "House Foreign Affairs Committee",
                 "--url", "https://foreignaffairs.house.gov/press-release/enforce-act", "--db", db)
    assert result.exit_code == 0, result.output
    rows = statements(db, "doc-hfac-release-enforce-act")
    assert [r["text"].split()[0] for r in rows] == ["House", "Current", "The"]
    assert all(r["speaker"] == "House Foreign Affairs Committee" and r["kind"] == "statement" for r in rows)
    text = rows[0]["document_text"]
    assert "tracked" not in text and "Share this" not in text and "Rayburn" not in text
    found = json.loads(run("db", "search", "export control law", "--db", db, "--format", "json").stdout)
    assert found[0]["statement_id"] == rows[1]["id"]


def test_a_corrected_document_updates_its_statements_and_keeps_their_history(tmp_path, encoder):
    db = tmp_path / "claims.db"
    path = tmp_path / "statement.txt"
    path.write_text("We will not back down on export controls.\n\nWe will keep working with our allies.\n")
    assert run("db", "import-document", path, "--speaker", "Jane Roe", "--db", db).exit_code == 0
    path.write_text("We will never back down on export controls.\n")
    result = run("db", "import-document", path, "--speaker", "Jane Roe", "--db", db)
    assert "added 0, updated 1, unchanged 0, removed 1" in result.output
    shown = QuoteStore(db).show("doc-statement#1")
    assert shown["text"] == "We will never back down on export controls."
    assert shown["history"][0]["old"]["text"] == "We will not back down on export controls."


def test_bad_documents_get_one_line_and_write_nothing(tmp_path, encoder):
    db = tmp_path / "claims.db"
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    prose = tmp_path / "prose.txt"
    prose.write_text("The minister spoke for an hour about the economy and took no questions at all.\n")
    for args in ([empty], [binary], [prose, "--transcript"], [tmp_path / "missing.txt"]):
        result = run("db", "import-document", *args, "--speaker", "Jane Roe", "--db", db)
        assert result.exit_code == 2, result.output
        assert result.output.count("\n") == 1 and result.output.startswith("claims: error:")
        assert not db.exists()
    assert run("db", "import-document", prose, "--speaker", "Jane Roe", "--db", db).exit_code == 0
    before = QuoteStore(db).stats()["statements"]
    assert run("db", "import-document", prose, "--transcript", "--speaker", "Jane Roe", "--db", db).exit_code == 2
    assert run("db", "import-document", prose, "--speaker", "Jane Roe", "--date", "last week", "--db",
               db).exit_code == 2
    assert QuoteStore(db).stats()["statements"] == before == 1


def test_a_label_gives_name_and_role():
    titles = ["người phát ngôn", "spokesperson", "bộ trưởng"]
    assert speaker_of_label("Người phát ngôn Lâm Kiếm", titles) == ("Lâm Kiếm", "Người phát ngôn")
    assert speaker_of_label("Foreign Ministry Spokesperson Lin Jian", titles) == (
        "Lin Jian", "Foreign Ministry Spokesperson")
    assert speaker_of_label("Mao Ning", titles) == ("Mao Ning", None)


def _read(path):
    from claims.ingest import read_file

    return read_file(path)
