"""Verifier benchmark: the edit sets, and held-out parallel news.

    python bench/verify.py [--parallel ../shared/parallel/ntrex] [--split heldout] [--json]

1. Edit sets (fixtures/verify/{en,vi}-edits.jsonl): article versions of the
   seed sources, faithful (verbatim, paraphrase, translation), altered by one
   edit (negation, number, modality, list shortened, words) or with no source,
   against the seed sources. The link model trains on them: these are
   development figures.
2. Held-out parallel news (claims.verify.data; documents the link model never
   saw): the English sentences of the `heldout` documents are the database,
   half of them left out. `linking`: their Vietnamese and Chinese translations,
   attributed to the document's speaker, linked or not (precision: links to
   the right statement among all links; recall: quotes whose source is in the
   database linked to it; a sentence of the document that says the same, such
   as the body sentence a headline shortens, is a right source too, and
   `strict` counts only the sentence itself; `--sweep` adds both by bar).
   `linking partial quotes`: the same with the first clauses of each
   translation as the quote, as an article quotes part of a sentence.
   `verdicts`: Vietnamese quotes made from them, faithful, altered by one
   generated edit of each kind, attributed to another document's speaker, or
   with their source left out, each judged by the verifier. `--split dev` runs
   the same on the development documents.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.match import Matcher  # noqa: E402
from claims.store import QuoteStore  # noqa: E402
from claims.verify import Verifier, data  # noqa: E402

EXPECTED = {"altered": {"altered"}, "faithful": {"verified", "paraphrase"}, "no_source": {"unverified"},
            "misattributed": {"misattributed"}}


def load_sets() -> dict[str, list[dict]]:
    return {lang: [json.loads(line) for line in (ROOT / "fixtures" / "verify" / f"{lang}-edits.jsonl")
                   .read_text(encoding="utf-8").splitlines() if line.strip()] for lang in ("en", "vi")}


def evaluate(verifier: Verifier, rows: list[dict]) -> dict:
    """Each row's verdict, and the figures: altered recall, false alarms on faithful quotes, misattribution
    recall, no-source quotes left unverified, and verdict accuracy."""
    results, misses = {}, []
    for row in rows:
        verdict = verifier.verify({"content": row["text"], "speaker": row["speaker"], "kind": "direct", "start": 0})
        results[row["id"]] = verdict
        if verdict.verdict not in EXPECTED[row["label"]]:
            misses.append(f"{row['id']} ({row['label']}, {row.get('edit')}): {verdict.verdict} "
                          f"{[r.type for r in verdict.reasons]} {row['text'][:90]}")
    by = {label: [r for r in rows if r["label"] == label] for label in EXPECTED}

    def share(label: str, verdicts: set[str]) -> float | None:
        chosen = by[label]
        return round(sum(1 for r in chosen if results[r["id"]].verdict in verdicts) / len(chosen), 3) \
            if chosen else None

    linked = [r for r in by["altered"] + by["faithful"] if r.get("source")]
    return {"altered_recall": share("altered", {"altered"}),
            "false_alarm_rate": share("faithful", {"altered", "misattributed", "partial"}),
            "misattribution_recall": share("misattributed", {"misattributed"}),
            "no_source_unverified": share("no_source", {"unverified"}),
            "verdict_accuracy": round(sum(1 for r in rows if results[r["id"]].verdict in EXPECTED[r["label"]])
                                      / len(rows), 3),
            "source_accuracy": round(sum(1 for r in linked if (results[r["id"]].source or {}).get("id")
                                         == r["source"]) / len(linked), 3) if linked else None,
            "counts": {label: len(v) for label, v in by.items() if v},
            "misses": misses}


def parallel_database(docs: list[data.ParallelDocument], path: Path) -> QuoteStore:
    store = QuoteStore(path)
    store.add_rows([{"id": doc.statement_id(i), "speaker": doc.speaker, "text": en, "lang": "en",
                     "kind": "statement"} for doc in docs for i, en in enumerate(doc.sentences["en"])
                    if en and not data.removed(doc.statement_id(i))])
    return store


SWEEP = (0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


def linking(verifier: Verifier, docs: list[data.ParallelDocument], lang: str, partial: bool = False) -> dict:
    """Links of each translation: right when to its own English sentence or to one of the document that says
    the same (a headline and the body sentence it shortens, `data.restatements`, as the link model is trained
    and scored); `strict` counts only its own sentence. Each document's translations are linked together, as
    the quotes of one article are (`Verifier.article_candidates`). With `partial`, each translation's first
    clauses are the quote (`data.partial_quote`), where a clause ends between two fifths and four fifths of it."""
    links = right = strict = answerable = queries = strict_answerable = 0
    leaders = []  # (the most probable candidate's p_link, whether it is a right source), for the sweep
    for doc in docs:
        same = data.restatements(doc)
        asked = [(i, text) for i, text in enumerate(doc.sentences[lang]) if len(text) >= 12]
        if partial:
            asked = [(i, head) for i, head in ((i, data.partial_quote(text)) for i, text in asked) if head]
        strict_answerable += sum(1 for i, _ in asked if not data.removed(doc.statement_id(i)))
        vectors = verifier.matcher.embed_queries([text for _, text in asked])
        linked_found, _ = verifier.article_candidates([(text, doc.speaker, None) for _, text in asked], vectors)
        for (i, text), found in zip(asked, linked_found):
            queries += 1
            own = None if data.removed(doc.statement_id(i)) else doc.statement_id(i)
            sources = set(data.sources_in_database(doc, i, same))
            answerable += bool(sources)
            if found:
                best = max(found, key=lambda c: c.p_link)
                leaders.append((best.p_link, best.statement_id in sources))
            linked = next((c for c in found if c.linked), None)
            if linked:
                links += 1
                right += linked.statement_id in sources
                strict += linked.statement_id == own
    return {"queries": queries, "with_source": answerable, "links": links,
            "precision": round(right / links, 3) if links else None,
            "recall": round(right / answerable, 3) if answerable else None,
            "strict": {"precision": round(strict / links, 3) if links else None,
                       "recall": round(strict / strict_answerable, 3) if strict_answerable else None},
            "sweep": {str(bar): {"precision": round(sum(ok for p, ok in leaders if p >= bar)
                                                    / max(1, sum(1 for p, _ in leaders if p >= bar)), 3),
                                 "recall": round(sum(ok for p, ok in leaders if p >= bar) / max(1, answerable), 3)}
                      for bar in SWEEP}}


def verdict_rows(docs: list[data.ParallelDocument]) -> list[dict]:
    """Vietnamese quotes of the documents' English sentences: faithful, altered by one edit (the kinds taken
    in turn), attributed to another document's speaker, or with no source in the database."""
    speakers = [d.speaker for d in docs]
    kinds = ["number", "negation", "modality", "entity_changed", "qualifier_dropped"]
    rows, turn = [], 0
    for d, doc in enumerate(docs):
        for i, text in enumerate(doc.sentences["vi"]):
            if len(text.split()) < 6:
                continue
            sid = doc.statement_id(i)
            base = {"speaker": doc.speaker, "source": None if data.removed(sid) else sid}
            if data.removed(sid):
                if i % 2 == 0:
                    rows.append({**base, "id": f"{sid}/none", "label": "no_source", "text": text})
                continue
            rows.append({**base, "id": f"{sid}/faithful", "label": "faithful", "text": text})
            options = dict(data.edits(text, "vi", seed=i))
            for k in range(len(kinds)):
                kind = kinds[(turn + k) % len(kinds)]
                if kind in options:
                    rows.append({**base, "id": f"{sid}/{kind}", "label": "altered", "edit": kind,
                                 "text": options[kind]})
                    turn += 1
                    break
            if i % 3 == 0:
                rows.append({**base, "id": f"{sid}/other", "label": "misattributed", "text": text,
                             "speaker": speakers[(d + 1 + i) % len(speakers)] if len(speakers) > 1 else doc.speaker})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parallel", type=Path, default=ROOT.parent / "shared" / "parallel" / "ntrex")
    parser.add_argument("--split", default="heldout", choices=data.SPLITS)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--misses", action="store_true", help="list every wrong verdict")
    parser.add_argument("--sweep", action="store_true",
                        help="linking precision and recall if the most probable candidate were linked from each bar")
    args = parser.parse_args()
    report: dict = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        store = QuoteStore(Path(tmp) / "seed.db")
        store.import_file(ROOT / "fixtures" / "quotes" / "default" / "enforce-act-sources.jsonl")
        verifier = Verifier(Matcher(store))
        report["edit sets"] = {lang: evaluate(verifier, rows) for lang, rows in load_sets().items()}
        if (args.parallel / "DOCUMENT_IDS.tsv").exists():
            docs = [d for d in data.read_ntrex(args.parallel) if data.split_of(d.id) == args.split]
            verifier = Verifier(Matcher(parallel_database(docs, Path(tmp) / "parallel.db")))
            report[f"parallel {args.split}"] = {
                "documents": len(docs),
                "linking vi>en": linking(verifier, docs, "vi"),
                "linking zh>en": linking(verifier, docs, "zh"),
                "linking partial quotes vi>en": linking(verifier, docs, "vi", partial=True),
                "linking partial quotes zh>en": linking(verifier, docs, "zh", partial=True),
                "verdicts vi>en": evaluate(verifier, verdict_rows(docs))}
        else:
            report["parallel"] = f"skipped: no parallel news at {args.parallel}"
    report["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(report, indent=1, ensure_ascii=False))
        return
    for lang, r in report["edit sets"].items():
        print(f"edit set {lang}: altered recall {r['altered_recall']}, false alarms {r['false_alarm_rate']}, "
              f"no-source unverified {r['no_source_unverified']}, source accuracy {r['source_accuracy']} "
              f"{r['counts']}")
        for miss in r["misses"] if args.misses else r["misses"][:8]:
            print("   ", miss)
    for name, section in report.items():
        if not name.startswith("parallel") or isinstance(section, str):
            continue
        print(f"{name} ({section['documents']} documents, half of the sources left out):")
        for key in ("linking vi>en", "linking zh>en", "linking partial quotes vi>en", "linking partial quotes zh>en"):
            r = section[key]
            print(f"  {key}: precision {r['precision']}, recall {r['recall']} ({r['links']} links, "
                  f"{r['with_source']} of {r['queries']} quotes have their source; own sentence only: precision "
                  f"{r['strict']['precision']}, recall {r['strict']['recall']})")
            if args.sweep:
                print("    " + "; ".join(f"from {bar}: {v['precision']}/{v['recall']}"
                                          for bar, v in r["sweep"].items()))
        r = section["verdicts vi>en"]
        print(f"  verdicts: altered recall {r['altered_recall']}, false alarms {r['false_alarm_rate']}, "
              f"misattribution recall {r['misattribution_recall']}, no-source unverified "
              f"{r['no_source_unverified']}, verdict accuracy {r['verdict_accuracy']} {r['counts']}")
        for miss in r["misses"] if args.misses else r["misses"][:15]:
            print("   ", miss)
    for name in report:
        if isinstance(report[name], str):
            print(report[name])
    print(f"{report['seconds']} s")


if __name__ == "__main__":
    main()
