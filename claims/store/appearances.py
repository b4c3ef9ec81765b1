"""Appearances: where a source statement has been quoted, in which words, with what verdict. The trail a
fact-checker writes by hand today ("where did this quote change"), kept from each check stored with
`claims db add-from-check`."""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata

from claims.store.schema import _write

def folded_wording(text: str) -> str:
    """A wording without what does not change it: case, spacing, punctuation and quotation marks."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def same_wording(a: str, b: str) -> bool:
    """The same words in the same order. No similarity threshold: in a long quote one added "not" changes
    a few per cent of the characters and all of the meaning."""
    return folded_wording(a) == folded_wording(b)


def confirmed_rows(results: list[dict], verdicts, date: str | None = None) -> list[dict]:
    """The statements of check results that a fact-checker confirmed (findings with one of `verdicts`), as
    import rows with the article as their source."""
    rows = []
    for res in results:
        for i, f in enumerate(res["findings"]):
            if f.get("verdict") in verdicts and f.get("speaker") and (f.get("content") or "").strip():
                rows.append({"id": f"{res['file']}#{f.get('start', i)}", "speaker": f.get("db_speaker") or f["speaker"],
                             "speaker_aliases": [f["speaker"]] if f.get("db_speaker") else [],
                             "role": f.get("role") or None, "venue": res["file"], "lang": res.get("language"),
                             "kind": f.get("kind"), "text": f["content"], "date": date})
    return rows


class Appearances:
    """The appearance methods of `QuoteStore` (its `db`)."""

    def add_from_check(self, results: list[dict], verdicts=("verified",), date: str | None = None,
                       model: str | None = None) -> tuple[object | None, int]:
        """Add the confirmed statements of check results, and record where each linked source statement
        appeared: (the import summary or None when no finding had those verdicts, appearances recorded)."""
        from claims.store.rows import is_iso_date
        from claims.store.schema import StoreError

        if date and not is_iso_date(date):
            raise StoreError(f"date {date!r} is not ISO 8601 (YYYY-MM-DD)")
        rows = confirmed_rows(results, verdicts, date)
        summary = self.add_rows(rows, model=model) if rows else None
        return summary, sum(self.record_appearances(res, date) for res in results)

    def record_appearances(self, result: dict, date: str | None = None) -> int:
        """Record every finding of a check result that links to a statement of this database: the article, its
        date, the exact wording used, the verdict and its reasons. Storing the same check again changes
        nothing; a statement the database no longer has is passed over."""
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        rows = []
        for finding in result.get("findings", []):
            source = finding.get("source") or {}
            if not source.get("id") or not (finding.get("content") or "").strip():
                continue
            rows.append([source["id"], result.get("file") or "-", date or result.get("date"), result.get("language"),
                         finding["content"], finding.get("verdict"),
                         json.dumps(finding.get("reasons") or [], ensure_ascii=False), finding.get("start"),
                         finding.get("end"), now])
        if not rows:
            return 0
        with _write(self.db):
            known = {i for (i,) in self.db.execute(
                f"SELECT id FROM statements WHERE id IN ({','.join('?' * len(rows))})", [r[0] for r in rows])}
            rows = [r for r in rows if r[0] in known]
            before = self.db.conn.total_changes
            self.db.conn.executemany(
                "INSERT INTO appearances (statement_id, article, article_date, lang, wording, verdict, reasons, "
                "start, \"end\", added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(statement_id, article, start) DO UPDATE SET article_date = excluded.article_date, "
                "lang = excluded.lang, wording = excluded.wording, verdict = excluded.verdict, "
                "reasons = excluded.reasons, \"end\" = excluded.\"end\" WHERE wording IS NOT excluded.wording "
                "OR verdict IS NOT excluded.verdict OR reasons IS NOT excluded.reasons "
                "OR article_date IS NOT excluded.article_date", rows)
            return self.db.conn.total_changes - before

    def appearances(self, statement_id: str) -> list[dict]:
        """Where the statement was quoted, oldest first (by the article's date where known, else by when it was
        recorded), each with the wording used and how it differs from the source (the verdict's reasons)."""
        columns = ("article", "date", "lang", "wording", "verdict", "reasons", "start", "end", "recorded")
        rows = self.db.execute(
            "SELECT article, article_date, lang, wording, verdict, reasons, start, \"end\", added_at FROM appearances "
            "WHERE statement_id = ? ORDER BY coalesce(article_date, substr(added_at, 1, 10)), added_at, id",
            [statement_id]).fetchall()
        found = []
        for row in rows:
            item = dict(zip(columns, row))
            item["reasons"] = json.loads(item["reasons"] or "[]")
            found.append(item)
        return found

    def seen_wordings(self, statement_id: str, wording: str, article: str | None = None) -> list[dict]:
        """Earlier appearances of the statement, in other articles, that used this same wording."""
        return [{"article": a["article"], "date": a["date"], "verdict": a["verdict"]}
                for a in self.appearances(statement_id)
                if a["article"] != article and same_wording(a["wording"], wording)]
