"""Statements from primary sources: a press release, a speech or a briefing transcript becomes statements of the
database, each with its span in the document.

A document that is not a transcript gives one statement per paragraph of running text (headings, datelines and
page furniture are left out), all by the speaker the user names. A transcript gives one statement per answer:
each turn opens with a label before a colon ("Lin Jian:", "Q:", "Người phát ngôn Lâm Kiếm:", "记者："), the
speaker of a turn comes from its label, unlabelled paragraphs carry the turn on, and questions are kept as the
context of the answer that follows, never as statements of the one who answers: a turn labelled as a question,
or another's turn that ends in a question mark ("Reuters: … ?"). The labels that mark questions
and answers are the language files' `transcript_labels`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from claims.model import Document
from claims.store.rows import check_row, normalise_name
from claims.store.schema import StoreError, _write

# a label: a few words, then a colon (ASCII or full-width), at the start of a paragraph
_LABEL = re.compile(r"(?P<label>[^\W\d_][^:：\n]{0,79}?)[ \t]*[:：][ \t]*")
_NOT_IN_LABEL = re.compile(r"[,;?!\"“”‘’«»„「」『』，；？！]")
_SENTENCE_END = re.compile(r"[.!?…。！？\"”’»」』)]\s*$")
MAX_LABEL_WORDS = 8


@dataclass
class Part:
    """A stretch of the document that becomes one statement."""
    start: int
    end: int
    label: str | None = None    # the turn's label; None: the document's own speaker
    context: str | None = None  # the question an answer replies to


def _labels(lang: str) -> tuple[set[str], set[str], list[str]]:
    from claims.detect.langdata import load_language

    data = load_language(lang)
    labels = data.get("transcript_labels", {})
    fold = lambda words: {normalise_name(w) for w in words}  # noqa: E731
    return fold(labels.get("question", [])), fold(labels.get("answer", [])), data.get("titles", [])


def _label_at(text: str) -> re.Match | None:
    match = _LABEL.match(text)
    if not match:
        return None
    label = match.group("label").strip()
    first = label[0]
    if _NOT_IN_LABEL.search(label) or len(label.split()) > MAX_LABEL_WORDS:
        return None
    if first.upper() != first.lower() and not first.isupper():
        return None  # a cased script writes a speaker's label with a capital
    return match


def _is_running_text(text: str) -> bool:
    """A paragraph that says something, not a heading, a dateline or a label alone."""
    words = text.split()
    if _SENTENCE_END.search(text):
        return len(words) >= 3
    capitalised = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 8 and capitalised * 2 < len(words)  # a headline capitalises its words


def document_parts(doc: Document, speaker_names: list[str], transcript: bool) -> list[Part]:
    """The parts of `doc` that become statements (pure: no database). `speaker_names` are the names of the
    speaker the user gave, which a transcript's label may contain."""
    from claims.detect.furniture import furniture_kind

    paragraphs = [(p.start, p.end) for p in doc.paragraphs if p.duplicate_of is None]
    text = doc.text
    if not transcript:
        return [Part(a, b) for a, b in paragraphs
                if _is_running_text(text[a:b]) and not furniture_kind(text[a:b], doc.lang)]
    questions, answers, _ = _labels(doc.lang)
    names = [normalise_name(n) for n in speaker_names if n]
    found = []
    for a, b in paragraphs:
        match = _label_at(text[a:b])
        found.append((a, b, match))
    counts: dict[str, int] = {}
    for _, _, match in found:
        if match:
            key = normalise_name(match.group("label"))
            counts[key] = counts.get(key, 0) + 1

    def is_turn(label: str) -> bool:
        key = normalise_name(label)
        if key in questions or key in answers or counts.get(key, 0) >= 2 or any(n in key for n in names):
            return True
        words = label.split()
        return len(words) <= 5 and all(w[:1].isupper() for w in words if w[:1].isalpha())

    turns: list[list] = []  # [label, start, end] of each turn
    for a, b, match in found:
        if match and is_turn(match.group("label")):
            turns.append([match.group("label").strip(), a + match.end(), b])
        elif turns:
            turns[-1][2] = b  # a paragraph with no label carries the turn on
    if not turns:
        raise StoreError(f"{doc.source}: no turns of a transcript (paragraphs that open with a speaker's label "
                         "and a colon, such as 'Q:' or 'Lin Jian:')")
    parts, question = [], None
    for label, start, end in turns:
        key = normalise_name(label)
        said = text[start:end].strip()
        # a briefing labels questions with the asker's outlet ("Reuters:", "AFP:"): a turn of someone other than
        # the speaker that ends in a question asks, it does not state
        asks = said.endswith(("?", "？")) and key not in answers and not any(n in key for n in names)
        if key in questions or asks:
            question = said or None
            continue
        if not text[start:end].strip():
            continue
        parts.append(Part(start, end, None if key in answers else label, question))
        question = None
    return parts


def speaker_of_label(label: str, titles: list[str]) -> tuple[str, str | None]:
    """The name and the role a turn's label gives: "Người phát ngôn Lâm Kiếm" is Lâm Kiếm, spokesperson."""
    folded = label.casefold()
    best = None
    for title in titles:
        for match in re.finditer(rf"(?<!\w){re.escape(title.casefold())}(?!\w)", folded):
            if best is None or match.end() > best:
                best = match.end()
    if best is None or not label[best:].strip():
        return label.strip(), None
    return label[best:].strip(" ,"), label[:best].strip(" ,")


class Documents:
    """The document methods of `QuoteStore` (its `db`)."""

    def import_document(self, doc: Document, speaker: str, transcript: bool = False, date: str | None = None,
                        url: str | None = None, venue: str | None = None, model: str | None = None,
                        document_id: str | None = None) -> dict:
        """Store `doc` and its statements in one transaction: all of it or, on any error, nothing. Importing the
        same document again changes nothing; a changed one updates its statements, keeping their history."""
        if not speaker or not speaker.strip():
            raise StoreError("a document needs --speaker: who issued or said it")
        known = self.speaker(speaker, parts=False)
        names = [speaker] + (known["aliases"] + [known["name"]] if known else [])
        parts = document_parts(doc, names, transcript)
        if not parts:
            raise StoreError(f"{doc.source}: no paragraph of running text to store")
        document_id = document_id or _document_id(doc.source)
        titles = _labels(doc.lang)[2]
        rows, spans = [], []
        for n, part in enumerate(parts, start=1):
            who, role = speaker, None
            if part.label is not None:
                who, role = speaker_of_label(part.label, titles)
                if any(normalise_name(name) in normalise_name(part.label) for name in names):
                    who = speaker
                else:
                    found = self.speaker(who, parts=False)
                    who = found["name"] if found else who
            raw = {"id": f"{document_id}#{n}", "speaker": who, "role": role, "date": date, "url": url,
                   "venue": venue or Path(doc.source).name, "lang": doc.lang,
                   "kind": "answer" if transcript else "statement", "text": doc.text[part.start:part.end]}
            row, problem = check_row(raw, doc.source, n)
            if problem:
                raise StoreError(str(problem))
            rows.append(row)
            start = part.start + (len(raw["text"]) - len(raw["text"].lstrip()))
            spans.append((doc.user_offset(start), doc.user_offset(start + len(row["text"])), part.context))
        encoder = self.encoder(model)
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        kind = "transcript" if transcript else "document"
        digest = hashlib.sha1(doc.text.encode("utf-8")).hexdigest()
        summary = {"document": document_id, "added": 0, "updated": 0, "unchanged": 0, "removed": 0}
        with _write(self.db):
            self.db.execute(
                "INSERT INTO documents (id, name, speaker, date, url, venue, lang, kind, text, content_hash, "
                "added_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "name = excluded.name, speaker = excluded.speaker, date = excluded.date, url = excluded.url, "
                "venue = excluded.venue, lang = excluded.lang, kind = excluded.kind, text = excluded.text, "
                "content_hash = excluded.content_hash, updated_at = excluded.updated_at",
                [document_id, Path(doc.source).name, speaker, date, url, venue, doc.lang, kind,
                 doc.original_text or doc.text, digest, now, now])
            changed = []
            for row, (start, end, context) in zip(rows, spans):
                outcome = self._upsert(row)
                summary[outcome] += 1
                if outcome != "unchanged":
                    changed.append(row["id"])
                self.db.execute("UPDATE statements SET document_id = ?, doc_start = ?, doc_end = ?, context = ? "
                                "WHERE id = ?", [document_id, start, end, context, row["id"]])
            keep = [row["id"] for row in rows]
            gone = self.db.execute(
                f"DELETE FROM statements WHERE document_id = ? AND id NOT IN ({','.join('?' * len(keep))})",
                [document_id, *keep])
            summary["removed"] = gone.rowcount
            if changed:
                self._embed_statements(changed, encoder)
        summary["speakers"] = sorted({row["speaker"] for row in rows})
        return summary

    def document(self, document_id: str) -> dict | None:
        row = self.db.execute("SELECT * FROM documents WHERE id = ?", [document_id]).fetchone()
        if row is None:
            return None
        columns = [d[0] for d in self.db.execute("SELECT * FROM documents LIMIT 0").description]
        result = dict(zip(columns, row))
        result["statements"] = [dict(zip(("id", "speaker", "start", "end", "context"), r)) for r in self.db.execute(
            "SELECT id, speaker, doc_start, doc_end, context FROM statements WHERE document_id = ? "
            "ORDER BY doc_start", [document_id])]
        return result


def _document_id(source: str) -> str:
    """A stable key from the file's name: importing a corrected file again replaces its statements."""
    stem = unicodedata.normalize("NFKD", Path(source).stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:60]
    return "doc-" + (slug or hashlib.sha1(source.encode("utf-8")).hexdigest()[:12])


