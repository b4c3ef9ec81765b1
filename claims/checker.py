"""Check articles: ingest, detect, match and verify, giving one result per article (JSON schema 1).

    >>> from claims.checker import Checker
    >>> checker = Checker()                      # the bundled sources; or Checker("claims.db")
    >>> result = checker.check_file("fixtures/articles/vi-enforce-act.txt")
    >>> result["summary"]["altered"]
    5

The models and the database are loaded once per `Checker`, however many
articles it checks.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections import Counter
from pathlib import Path

from claims.model import spoken_words

SCHEMA = 1
VERDICTS = ("verified", "paraphrase", "partial", "altered", "misattributed", "unverified", "vague")
FAIL_ON = ("altered", "misattributed", "partial", "unverified", "unattributed", "vague")
DEFAULT_FAIL_ON = ("altered", "misattributed")
DEFAULT_SOURCES = Path(__file__).resolve().parent.parent / "fixtures" / "quotes" / "default"


class CheckError(ValueError):
    """A problem with the database or the input; the command line turns it into one line and exit 2."""


def default_database(model: str | None = None) -> Path:
    """The bundled quote database: the statements of fixtures/quotes/default, imported once into the cache."""
    from claims.nlp.encoder import DEFAULT_MODEL_NAME, cache_root
    from claims.store import QuoteStore

    files = sorted(DEFAULT_SOURCES.glob("*.jsonl")) if DEFAULT_SOURCES.is_dir() else []
    if not files:
        raise CheckError(f"no --db given and the bundled sources ({DEFAULT_SOURCES}) are not in this "
                         "installation; pass --db")
    import claims.store

    # rebuilt when the sources, the encoder or the way statements are stored change
    digest = hashlib.sha1((model or DEFAULT_MODEL_NAME).encode())
    for module in sorted(Path(claims.store.__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    for path in files:
        digest.update(path.name.encode() + path.read_bytes())
    target = cache_root() / f"default-sources-{digest.hexdigest()[:12]}.db"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".db.tmp")
    os.close(fd)
    os.unlink(tmp)
    store = QuoteStore(tmp)
    try:
        for path in files:
            store.import_file(path, model=model)
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        store.db.execute("PRAGMA journal_mode=DELETE")
    finally:
        store.close()
    os.replace(tmp, target)
    return target


class Checker:
    def __init__(self, db: str | Path | None = None, model: str | None = None, index: str | None = None):
        """`index`: a Milvus index to search instead of the database's own (claims.match.milvus)."""
        from claims.match import Matcher
        from claims.match.retrieval import IndexUnavailable
        from claims.store import QuoteStore, StoreError
        from claims.verify import Verifier

        self.default_db = db is None
        self.db_path = default_database(model) if db is None else Path(db)
        if not self.default_db and not self.db_path.exists():
            raise CheckError(f"{self.db_path}: no such database (create one with: claims db import FILE --db "
                             f"{self.db_path})")
        try:
            self.store = QuoteStore(self.db_path, create=False)
        except StoreError as exc:
            raise CheckError(str(exc)) from None
        from claims.detect.linking import SpeakerLinker

        self.model = model
        try:
            self.verifier = Verifier(Matcher(self.store, model, index or "auto"))
        except IndexUnavailable as exc:
            raise CheckError(str(exc)) from None
        self.linker = SpeakerLinker(self.store)

    # -- inputs

    def check_file(self, path: str | Path, lang: str | None = None) -> dict:
        from claims.ingest import InputError, read_file

        try:
            doc = read_file(path, lang)
        except InputError as exc:
            raise CheckError(str(exc)) from None
        return self.check_document(doc)

    def check_text(self, text: str, lang: str | None = None, source: str = "-") -> dict:
        from claims.ingest import InputError, make_document

        try:
            doc = make_document(text, lang, source)
        except InputError as exc:
            raise CheckError(str(exc)) from None
        return self.check_document(doc)

    # -- the pipeline

    def check_document(self, doc) -> dict:
        from claims.detect import detect_document
        from claims.nlp.pipeline import load_pipelines

        started = time.perf_counter()
        load_pipelines(doc.lang)  # loaded once, on the first article in each language
        self.store.encoder(self.model)
        loaded = time.perf_counter()
        detection = detect_document(doc, linker=self.linker).to_dict()
        detected = time.perf_counter()
        findings = self.verify(detection["attributions"])
        self.mark_seen(findings, detection["file"])
        finished = time.perf_counter()
        return {
            "schema": SCHEMA,
            "file": detection["file"],
            "language": detection["language"],
            "text": doc.original_text if doc.original_text is not None else doc.text,
            "summary": summarise(findings, detection["claims"]),
            "findings": findings,
            "claims": detection["claims"],
            "speakers": speaker_index(findings),
            "duplicates_skipped": detection["duplicates_skipped"],
            "furniture_skipped": detection["furniture_skipped"],
            "run": self.run_info({"load_s": round(loaded - started, 3), "detect_s": round(detected - loaded, 3),
                                  "verify_s": round(finished - detected, 3), "total_s": round(finished - loaded, 3)}),
        }

    def verify(self, attributions: list[dict]) -> list[dict]:
        """Each attribution with its verdict, confidence, reasons and source; the speaker is looked up under
        the database's name for them when the detector linked one."""
        asked = [{**a, "speaker": a.get("db_speaker") or a.get("speaker"),
                  "content": spoken_words(a["content"], a["start"], a.get("interruption"))} for a in attributions]
        return [{**a, **v.to_dict()} for a, v in zip(attributions, self.verifier.verify_many(asked))]

    def mark_seen(self, findings: list[dict], article: str) -> None:
        """A quote whose source statement was already quoted in these same words in another checked article
        (`claims db add-from-check` records them) says where: `seen` lists those appearances, oldest first."""
        for f in findings:
            source = f.get("source") or {}
            if source.get("id"):
                seen = self.store.seen_wordings(source["id"], f["content"], article)
                if seen:
                    f["seen"] = seen

    def run_info(self, timings: dict) -> dict:
        from importlib.metadata import version

        from claims.nlp.pipeline import model_source
        from claims.store import meta

        # two cheap reads, not stats(): its counts of sentences and missing vectors take seconds on a large database
        statements = self.store.statement_count()
        return {"claims": version("claims"), "models": {"nlp": model_source(),
                                                        "encoder": meta(self.store.db).get("embed_model")},
                "database": {"path": "bundled: fixtures/quotes/default" if self.default_db else str(self.db_path),
                             "default": self.default_db, "statements": statements},
                "timings": timings}

    def warm(self) -> None:
        """Load every model now (a server's first check is then as fast as the next): the NLP pipelines of
        each language, the encoder, the cross-encoder and the judge, and the database's vectors."""
        from claims.verify.cross import reader_for
        from claims.verify.judge import judge_for

        encoder = self.store.encoder(self.model)
        reader_for(encoder)
        judge_for(encoder)
        self.check_text("Ông Nguyễn Văn An nói: “Chúng tôi sẽ hoàn thành dự án trong năm nay.”", "vi", "warm-up")
        self.check_text("“We will finish the project this year,” said Jane Roe.", "en", "warm-up")

    def close(self) -> None:
        self.store.close()


def summarise(findings: list[dict], claims: list[dict]) -> dict:
    counts = Counter(f["verdict"] for f in findings)
    return {**{v: counts.get(v, 0) for v in VERDICTS}, "unattributed": len(claims), "statements": len(findings)}


def speaker_index(findings: list[dict]) -> list[dict]:
    """One row per speaker: their type, their database name, and their statements' verdicts."""
    index: dict[str, dict] = {}
    for i, f in enumerate(findings):
        name = f.get("speaker") or "(no speaker)"
        row = index.setdefault(name, {"speaker": name, "type": f.get("speaker_type"), "db_speaker": f.get("db_speaker"),
                                      "findings": [], "verdicts": {}})
        row["findings"].append(i)
        row["verdicts"][f["verdict"]] = row["verdicts"].get(f["verdict"], 0) + 1
    return sorted(index.values(), key=lambda r: (-len(r["findings"]), r["speaker"]))


def failures(result: dict, fail_on: tuple[str, ...] | list[str]) -> int:
    """How many things in `result` are among `fail_on` (verdicts, or "unattributed" claims)."""
    summary = result["summary"]
    return sum(summary.get(kind, 0) for kind in fail_on)


def check(articles, db: str | Path | None = None, lang: str | None = None, model: str | None = None) -> list[dict]:
    """Check one article path or several; the Python face of `claims check`."""
    if isinstance(articles, (str, Path)):
        articles = [articles]
    checker = Checker(db, model)
    try:
        return [checker.check_file(path, lang) for path in articles]
    finally:
        checker.close()
