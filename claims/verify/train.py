"""Train the link model (claims/verify/link_model.json).

    python -m claims.verify.train --parallel ../shared/parallel/ntrex --ct ../shared/ct --work /tmp/link

Training examples are the matcher's real candidate lists, from real databases:

- parallel news, `train` documents (claims.verify.data): the English sentences
  are statements, one a sentence in one database and in runs of one to three
  in another, half of them left out; the Vietnamese and
  Chinese translations are quotes, attributed to the document's speaker, to
  another document's speaker or to no one, and some of them altered by one
  generated edit (an altered quote still comes from its source);
- CheckThat! 2020 claim retrieval, train split (tweets and fact-checked claims);
- the verifier's edit sets (fixtures/verify) against the seed sources.

`dev` documents and the CheckThat! dev split are measured, never trained on;
`heldout` documents are left to bench/verify.py. Databases and candidate
lists are kept in --work, so a second run only fits. About 25 minutes on two
cores the first time, 15 seconds afterwards.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from claims.verify import data
from claims.verify.link import (FEATURES, MODEL_PATH, POOL, LinkModel, SymmetricEvidence, expand, feature_rows,
                                text_language)

ROOT = Path(__file__).resolve().parent.parent.parent
L2 = 10.0


# ---------------------------------------------------------------------------------------------- examples

def parallel_store(docs: list[data.ParallelDocument], path: Path, grouped: bool = True):
    """The documents' English sentences as statements, one each or (`grouped`) in runs of one to three, half
    of them left out."""
    from claims.store import QuoteStore

    fresh = not path.exists()
    store = QuoteStore(path)
    if fresh:
        rows = []
        for doc in docs:
            for a, b in data.statement_runs(doc, grouped=grouped):
                text = " ".join(s for s in doc.sentences["en"][a:b] if s)
                if text and not data.removed(doc.statement_id(a)):
                    rows.append({"id": doc.statement_id(a), "speaker": doc.speaker, "text": text, "lang": "en",
                                 "kind": "statement"})
        store.add_rows(rows)
    return store


def parallel_queries(docs: list[data.ParallelDocument], langs=("vi", "zh"), altered: bool = True,
                     grouped: bool = True) -> list[dict]:
    """Quotes made from the documents' translations: one sentence, or now and then two adjacent ones (a quote
    that runs past its source), each with the statements in the database it comes from (none when they were
    left out) and a speaker: the document's, another document's or no one."""
    speakers = sorted({d.speaker for d in docs})
    out = []
    for doc in docs:
        same = data.restatements(doc)
        statement_of = {i: doc.statement_id(a) for a, b in data.statement_runs(doc, grouped=grouped)
                        for i in range(a, b)}

        def sources(indices) -> list[str]:
            return sorted({statement_of[j] for i in indices for j in same[i]
                           if not data.removed(statement_of[j])})

        n = len(doc.sentences["en"])
        for i in range(n):
            for lang in langs:
                h = data._hash(f"{lang}:{doc.statement_id(i)}")
                merged = h % 4 == 0 and i + 1 < n
                indices = [i, i + 1] if merged else [i]
                text = " ".join(doc.sentences[lang][j] for j in indices)
                if len(text) < 12:
                    continue
                attributed = (doc.speaker if h % 20 < 14 else None if h % 20 < 17 else
                              speakers[(speakers.index(doc.speaker) + 1 + h % (len(speakers) - 1)) % len(speakers)])
                base = {"lang": lang, "sources": sources(indices), "true_speaker": doc.speaker,
                        "speaker": attributed, "doc": doc.id, "index": i, "merged": merged}
                out.append({**base, "text": text, "edit": None})
                if altered and h % 3 == 0:
                    for kind, edited in data.edits(text, lang, seed=h)[:1]:
                        out.append({**base, "text": edited, "edit": kind})
    return out


def collect(store, queries: list[dict], path: Path) -> list[dict]:
    """Each query with the matcher's candidates; kept in `path`."""
    from claims.match import Matcher

    if path.exists():
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    matcher = Matcher(store)
    rows = []
    started = time.perf_counter()
    for k in range(0, len(queries), 64):
        batch = queries[k:k + 64]
        found = matcher.match_many([q["text"] for q in batch], [q.get("speaker") for q in batch], top=POOL)
        for q, candidates in zip(batch, found):
            known = bool(q.get("speaker")) and store.speaker(q["speaker"]) is not None
            rows.append({**q, "speaker_known": known, "candidates": [c.to_dict() for c in candidates]})
        print(f"  {path.name}: {len(rows)}/{len(queries)} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    tmp.replace(path)
    return rows


def ct_queries(ct: Path, split: str) -> list[dict]:
    relevant: dict[str, set[str]] = {}
    for line in (ct / f"{split}.qrels").read_text().splitlines():
        q, _, d, r = line.split()
        if int(r) > 0:
            relevant.setdefault(q, set()).add(f"vclaim-{d}")
    out = []
    for line in (ct / f"{split}-queries.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        out.append({"id": item["id"], "text": item["text"], "lang": "en", "speaker": None,
                    "sources": sorted(relevant.get(str(item["id"]), ())), "edit": None})
    return out


def edit_set_queries() -> list[dict]:
    out = []
    for lang in ("en", "vi"):
        for line in (ROOT / "fixtures" / "verify" / f"{lang}-edits.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.append({"id": row["id"], "text": row["text"], "lang": lang, "speaker": row["speaker"],
                            "source": row["source"], "edit": row["edit"]})
    return out


def sources_of(row: dict) -> set[str]:
    return set(row["sources"]) if "sources" in row else {row["source"]} if row.get("source") else set()


# ---------------------------------------------------------------------------------------------- fitting

def add_symmetric(rows: list[dict], evidence: SymmetricEvidence) -> None:
    """Each row's `symmetric` scores with its candidates and the candidates' `alike` cosines with each other
    (computed once, kept in the row): the features the verifier computes at run time."""
    for k, row in enumerate(rows):
        if "symmetric" not in row:
            row["symmetric"] = evidence.scores(row["text"], [c["sentence"] for c in row["candidates"]])
        if "alike" not in row:
            row["alike"] = evidence.similarities([c["sentence"] for c in row["candidates"]]).round(4).tolist()
        if k % 500 == 499:
            print(f"  symmetric evidence: {k + 1}/{len(rows)}", file=sys.stderr)


def rows_features(row: dict, length_ratio: dict[str, float], speaker: bool = True) -> tuple[list, np.ndarray]:
    candidates = [SimpleNamespace(**c) for c in row["candidates"]]
    x = feature_rows(row["text"], candidates, speaker and bool(row.get("speaker")),
                     speaker and row.get("speaker_known", False), length_ratio, row["symmetric"],
                     lang=row.get("lang"), alike=np.array(row["alike"]) if "alike" in row else None)
    return candidates, x


def design(rows: list[dict], length_ratio: dict[str, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features, labels and the query each row belongs to."""
    xs, ys, groups = [], [], []
    for g, row in enumerate(rows):
        if not row["candidates"]:
            continue
        candidates, x = rows_features(row, length_ratio)
        xs.append(x)
        truth = sources_of(row)
        ys.extend(float(c.statement_id in truth) for c in candidates)
        groups.extend([g] * len(candidates))
    return np.vstack(xs), np.array(ys), np.array(groups)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2, iterations: int = 50) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method (x already standardised)."""
    n, d = x.shape
    a = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(a @ w)))
        gradient = a.T @ (p - y) + penalty * w
        hessian = (a * (p * (1 - p))[:, None]).T @ a + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def length_ratios(rows: list[dict]) -> dict[str, float]:
    """Median length of a quote over its source's, per pair of languages (Chinese is about a third of English)."""
    ratios: dict[str, list[float]] = {}
    for row in rows:
        truth = sources_of(row)
        for c in row["candidates"]:
            if c["statement_id"] in truth:
                key = f"{row.get('lang') or text_language(row['text'])}>{c.get('lang') or 'en'}"
                ratios.setdefault(key, []).append(len(row["text"]) / max(1, len(c["sentence"])))
    return {k: round(float(np.median(v)), 3) for k, v in ratios.items() if len(v) >= 5}


def decisions(model: LinkModel, rows: list[dict]) -> list[tuple[str | None, set[str], float]]:
    """(linked statement or None, true sources, best probability) per query."""
    out = []
    for row in rows:
        if not row["candidates"]:
            out.append((None, sources_of(row), 0.0))
            continue
        candidates, x = rows_features(row, model.length_ratio)
        p = model.probabilities(x)
        best = int(np.argmax(p))
        linked = candidates[best].statement_id if p[best] >= model.threshold else None
        out.append((linked, sources_of(row), float(p[best])))
    return out


def link_scores(model: LinkModel, rows: list[dict]) -> dict:
    """Linking precision (links to the right statement among all links) and recall (queries whose source is in
    the database that are linked to it)."""
    found = decisions(model, rows)
    links = [(linked, truth) for linked, truth, _ in found if linked]
    right = sum(1 for linked, truth in links if linked in truth)
    answerable = sum(1 for _, truth, _ in found if truth)
    return {"queries": len(rows), "with_source": answerable, "links": len(links),
            "precision": round(right / len(links), 3) if links else None,
            "recall": round(right / answerable, 3) if answerable else None}


def reliability(model: LinkModel, rows: list[dict], bins: int = 5) -> list[dict]:
    """Predicted against observed link rate for every candidate, in bins of probability."""
    x, y, _ = design(rows, model.length_ratio)
    p = model.probabilities(x)
    edges = np.linspace(0, 1, bins + 1)
    table = []
    for lo, hi in zip(edges, edges[1:]):
        inside = (p >= lo) & ((p < hi) if hi < 1 else (p <= hi))
        if inside.any():
            table.append({"p": f"{lo:.1f}-{hi:.1f}", "candidates": int(inside.sum()),
                          "predicted": round(float(p[inside].mean()), 3), "observed": round(float(y[inside].mean()), 3)})
    return table


def map_at_5(model: LinkModel, rows: list[dict]) -> float:
    """CheckThat!'s measure with the candidates ordered by link probability."""
    total = 0.0
    for row in rows:
        truth = sources_of(row)
        if not row["candidates"]:
            continue
        candidates, x = rows_features(row, model.length_ratio, speaker=False)
        p = model.probabilities(x)
        ranked = [candidates[i].statement_id for i in np.argsort(-p, kind="stable")][:5]
        hits, score = 0, 0.0
        for k, sid in enumerate(ranked, start=1):
            if sid in truth:
                hits += 1
                score += hits / k
        total += score / min(len(truth), 5) if truth else 0.0
    return round(total / len(rows), 4)


WRONG_LINK_COST = 2.0  # a link to the wrong statement costs a fact-checker more than a source left unfound


def choose_threshold(model: LinkModel, rows: list[dict]) -> float:
    """The threshold with the best decisions on the training queries: a link to the source, or no link when
    the source is absent, each count one; a link to the wrong statement costs WRONG_LINK_COST."""
    found = decisions(LinkModel(**{**model.__dict__, "threshold": 0.0}), rows)
    best, best_gain = 0.5, -math.inf
    for t in np.arange(0.2, 0.96, 0.05):
        gain = sum(1.0 if (p >= t and linked in truth) or (p < t and not truth) else
                   -WRONG_LINK_COST if p >= t else 0.0 for linked, truth, p in found)
        if gain > best_gain:
            best, best_gain = round(float(t), 2), gain
    return best


# ---------------------------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parallel", type=Path, required=True, help="the NTREX folder")
    parser.add_argument("--ct", type=Path, required=True, help="the CheckThat! 2020 task 2 folder")
    parser.add_argument("--work", type=Path, required=True, help="where databases and candidate lists are kept")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    from claims.nlp.encoder import quiet_libraries
    from claims.store import QuoteStore

    quiet_libraries()
    args.work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    docs = data.read_ntrex(args.parallel)
    by_split = {s: [d for d in docs if data.split_of(d.id) == s] for s in data.SPLITS}
    print({s: len(v) for s, v in by_split.items()}, file=sys.stderr)
    sets: dict[str, list[dict]] = {}
    # a newsroom's database holds statements of one sentence (a quote taken from an article) and of several (a
    # press release, an answer at a briefing): the model sees both
    for split in ("train", "dev"):
        for grouped, suffix in ((True, ""), (False, "-single")):
            name = f"parallel-{split}{suffix}"
            store = parallel_store(by_split[split], args.work / f"{name}.db", grouped)
            sets[name] = collect(store, parallel_queries(by_split[split], altered=split == "train", grouped=grouped),
                                 args.work / f"{name}.jsonl")
            store.close()
    ct_db = args.work / "ct.db"
    if not ct_db.exists():
        store = QuoteStore(ct_db)
        store.import_file(args.ct / "verified-claims.jsonl")
        store.close()
    store = QuoteStore(ct_db)
    for split in ("train", "dev"):
        sets[f"ct-{split}"] = collect(store, ct_queries(args.ct, split), args.work / f"ct-{split}.jsonl")
    store.close()
    seed_db = args.work / "seed.db"
    store = QuoteStore(seed_db)
    if store.statement_count() == 0:
        store.import_file(ROOT / "fixtures" / "quotes" / "default" / "enforce-act-sources.jsonl")
    sets["edit-sets"] = collect(store, edit_set_queries(), args.work / "edit-sets.jsonl")
    store.close()

    from claims.nlp.encoder import load_encoder

    evidence = SymmetricEvidence(load_encoder(), size=50_000)
    for name, rows in sets.items():
        cache = args.work / f"{name}.symmetric.json"
        if cache.exists():
            for row, scores in zip(rows, json.loads(cache.read_text())):
                row["symmetric"] = scores
        else:
            add_symmetric(rows, evidence)
            cache.write_text(json.dumps([row["symmetric"] for row in rows]))
    training = sets["parallel-train"] + sets["parallel-train-single"] + sets["ct-train"] + sets["edit-sets"]
    ratio = length_ratios(training)
    x, y, _ = design(training, ratio)
    x = expand(x)
    mean, scale = x.mean(axis=0), np.where(x.std(axis=0) > 1e-9, x.std(axis=0), 1.0)
    weights, bias = fit_logistic((x - mean) / scale, y)
    model = LinkModel(FEATURES, mean, scale, weights, bias, 0.5, ratio, {})
    # the threshold is chosen on quotes that may have no source (CheckThat!'s tweets all have one)
    model.threshold = choose_threshold(model, sets["parallel-train"] + sets["parallel-train-single"]
                                       + sets["edit-sets"])

    dev_parallel = sets["parallel-dev"] + sets["parallel-dev-single"]
    report = {
        "trained_on": {"parallel train documents": len(by_split["train"]), "CheckThat! train tweets": 800,
                       "edit-set quotes": len(sets["edit-sets"]), "candidates": int(len(y)),
                       "of which sources": int(y.sum())},
        "dev": {
            **{f"parallel {lang}>en, {kind} (half of the sources removed)":
               link_scores(model, [r for r in sets[name] if r["lang"] == lang])
               for lang in ("vi", "zh") for name, kind in (("parallel-dev-single", "one sentence a statement"),
                                                           ("parallel-dev", "one to three sentences a statement"))},
            "CheckThat! dev MAP@5": map_at_5(model, sets["ct-dev"]),
            "reliability (parallel dev, every candidate)": reliability(model, dev_parallel),
        },
        "train": {"CheckThat! train MAP@5": map_at_5(model, sets["ct-train"]),
                  "edit sets": link_scores(model, sets["edit-sets"])},
        "seconds": round(time.perf_counter() - started),
    }
    out = {"features": list(FEATURES), "mean": mean.round(6).tolist(), "scale": scale.round(6).tolist(),
           "weights": weights.round(6).tolist(), "bias": round(bias, 6), "threshold": model.threshold,
           "length_ratio": ratio, "info": report}
    args.out.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1, ensure_ascii=False))
    for name, w in sorted(zip(FEATURES, weights), key=lambda kv: -abs(kv[1])):
        print(f"  {name:18s} {w:+.3f}", file=sys.stderr)
    if not math.isfinite(bias):
        raise SystemExit("training diverged")


if __name__ == "__main__":
    main()
