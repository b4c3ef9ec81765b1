"""Train the judge (claims/verify/judge.pt and judge.json).

    python -m claims.verify.train_judge --parallel ../shared/parallel/ntrex

Pairs come from the `train` documents of the parallel news, both ways: a
Vietnamese sentence with its English original and an English sentence with its
Vietnamese translation, each as it is (faithful: a professional translation) and
altered by one generated edit of each kind that applies (claims.verify.data),
and by a modal hardened into a plain future or a certainty.
The layers start from the cross-encoder's. A threshold for each kind of difference
is chosen on the `dev` documents, among the pairs the comparison rules flag
with it: the one that clears the most faithful pairs net of the altered pairs
it loses, used only where that gains at least MIN_GAIN pairs. `heldout`
documents are left to bench/verify.py.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path


from claims.verify import Verifier, data
from claims.verify.compare import compare
from claims.verify.cross import TRAINED_LAYERS, CrossEncoder, load_weights
from claims.verify.judge import JUDGED, RULE_PATH, WEIGHTS_PATH
from claims.verify.train_cross import train

DIRECTIONS = (("vi", "en"), ("en", "vi"))  # (quote's language, source's language)
SEED = 17
MIN_GAIN = 3  # dev pairs a threshold must gain before the judge weighs a kind: one or two may be chance


# edits the judge also learns from, beyond those the benchmark makes: a hedge, a possibility or an obligation
# turned into a plain future or a certainty ("with the potential to reshape" as "sẽ định hình lại"), the
# other way from the benchmark's modality edits, which all add a possibility
_HARDENED = {
    "vi": [(r" có thể ", " sẽ "), (r" có thể ", " chắc chắn sẽ "), (r" có khả năng ", " sẽ "),
           (r" có lẽ ", " chắc chắn "), (r" cần ", " sẽ "), (r" phải ", " sẽ "), (r" nên ", " sẽ "),
           (r" dường như ", " ")],
    "en": [(r" may ", " will "), (r" might ", " will "), (r" could ", " will "), (r" can ", " will "),
           (r" should ", " will "), (r" would ", " will certainly "), (r" must ", " will "),
           (r" likely ", " certain ")],
}


def hardened(text: str, lang: str, seed: int) -> list[tuple[str, str]]:
    """One edit that hardens a modal of `text`, when one applies."""
    places = [(m, b) for a, b in _HARDENED.get(lang, []) for m in re.finditer(a, text)]
    if not places:
        return []
    match, b = random.Random(seed).choice(places)
    return [("modality", text[:match.start()] + b + text[match.end():])]


def pairs_of(docs: list[data.ParallelDocument], varied: bool = False) -> list[dict]:
    """Each document sentence as a quote of its translation, faithful and with each edit that applies."""
    rows = []
    for doc in docs:
        for i in range(len(doc.sentences["en"])):
            for quote_lang, source_lang in DIRECTIONS:
                quote, source = doc.sentences[quote_lang][i], doc.sentences[source_lang][i]
                if len(quote.split()) < 4 or not source:
                    continue
                base = {"id": f"{doc.statement_id(i)}/{quote_lang}", "source": source, "quote_lang": quote_lang,
                        "source_lang": source_lang}
                rows.append({**base, "quote": quote, "label": 0.0, "edit": None})
                found = data.edits(quote, quote_lang, seed=i) + (hardened(quote, quote_lang, i) if varied else [])
                rows.extend({**base, "quote": altered, "label": 1.0, "edit": kind} for kind, altered in found)
    return rows


def flag(rows: list[dict], verifier: Verifier) -> None:
    """Each row's `kinds`: the kinds of difference the comparison rules find that the judge may weigh."""
    for row in rows:
        reasons = compare(row["quote"], row["source"], row["quote_lang"], row["source_lang"], 0, 0, verifier.data)
        row["kinds"] = sorted({r.type for r in reasons if r.judged} & set(JUDGED))
        row["unjudged"] = any(not r.judged for r in reasons)


def choose_thresholds(rows: list[dict]) -> tuple[dict[str, float], dict]:
    """For each kind of difference, the threshold that clears the most faithful pairs the rules flag with it
    net of the altered pairs it loses (the lowest of equals); kinds where no threshold gains MIN_GAIN pairs
    stay with the rules alone."""
    thresholds, table = {}, {}
    for kind in JUDGED:
        altered = [r["p"] for r in rows if kind in r["kinds"] and r["label"] == 1.0]
        faithful = [r["p"] for r in rows if kind in r["kinds"] and r["label"] == 0.0]
        if not altered or not faithful:
            continue

        def gain(t: float) -> int:
            return sum(p < t for p in faithful) - sum(p < t for p in altered)

        # a threshold just above a faithful pair's probability clears it
        best = min((p + 1e-4 for p in faithful), key=lambda t: (-gain(t), t))
        table[kind] = {"flagged altered": len(altered), "flagged faithful": len(faithful),
                       "threshold": round(best, 4), "faithful cleared": sum(p < best for p in faithful),
                       "altered lost": sum(p < best for p in altered)}
        if gain(best) >= MIN_GAIN:
            thresholds[kind] = round(best, 4)
    return thresholds, table


def upheld(row: dict, thresholds: dict[str, dict[str, float]]) -> bool:
    """Whether a flagged row stays flagged: a kind the judge weighs is dropped below its threshold."""
    chosen = thresholds.get(f"{row['quote_lang']}>{row['source_lang']}", {})
    return row["unjudged"] or any(k not in chosen or row["p"] >= chosen[k] for k in row["kinds"])


def figures(rows: list[dict], thresholds: dict[str, dict[str, float]]) -> dict:
    """Altered pairs found and faithful pairs flagged, by the rules alone and with the judge."""
    out = {}
    for direction in DIRECTIONS:
        chosen = [r for r in rows if (r["quote_lang"], r["source_lang"]) == direction]
        altered = [r for r in chosen if r["label"] == 1.0]
        faithful = [r for r in chosen if r["label"] == 0.0]
        if not altered or not faithful:
            continue

        def share(found: list[dict], judged: bool) -> float:
            flagged = [r for r in found if r["kinds"] or r["unjudged"]]
            return round(sum(not judged or upheld(r, thresholds) for r in flagged) / len(found), 3)

        out[f"{direction[0]}>{direction[1]}"] = {
            "pairs": len(chosen),
            "rules: altered found": share(altered, False), "rules: faithful flagged": share(faithful, False),
            "with the judge: altered found": share(altered, True),
            "with the judge: faithful flagged": share(faithful, True)}
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parallel", type=Path, required=True, help="the NTREX-128 folder")
    parser.add_argument("--minutes", type=float, default=60.0, help="stop training after this long")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--lr", type=float, default=4e-5, help="learning rate of the trained layers")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    parser.add_argument("--rule", type=Path, default=RULE_PATH)
    parser.add_argument("--weights", type=Path, help="do not train: choose the thresholds for these weights")
    args = parser.parse_args(argv)
    import torch

    from claims.nlp.encoder import load_encoder, quiet_libraries

    quiet_libraries()
    torch.manual_seed(SEED)
    started = time.perf_counter()
    docs = data.read_ntrex(args.parallel)
    train_rows = pairs_of([d for d in docs if data.split_of(d.id) == "train"], varied=True)
    dev_rows = pairs_of([d for d in docs if data.split_of(d.id) == "dev"])
    sentence_encoder = load_encoder()
    encoder = CrossEncoder(sentence_encoder[0].auto_model, sentence_encoder.tokenizer,
                           trained_layers=TRAINED_LAYERS)
    if args.weights:
        encoder.load_trained(torch.load(args.weights, map_location="cpu", weights_only=True))
        # the training figures are those the rule file kept when the weights were trained
        trained_on = json.loads(args.rule.read_text(encoding="utf-8"))["info"]["trained_on"] \
            if args.rule.exists() else {"weights": str(args.weights)}
    else:
        pairs = [(r["quote"], r["source"], r["label"]) for r in train_rows]
        random.Random(SEED).shuffle(pairs)
        print(f"{len(pairs)} training pairs, {sum(y for _, _, y in pairs):.0f} of them altered", file=sys.stderr)
        # the cross-encoder's layers already read a quote against a candidate; the head starts afresh
        shipped = load_weights()
        with torch.no_grad():
            for name, p in encoder.trained_parameters().items():
                if not name.startswith("head."):
                    p.copy_(shipped[name].to(p.dtype))
        training = train(encoder, pairs, args.minutes, args.epochs, lr=args.lr)
        encoder.save_trained(args.out)
        trained_on = {"pairs": training["pairs"], "pairs seen": training["pairs_seen"],
                      "minutes": training["minutes"], "epochs": args.epochs, "learning rate": args.lr,
                      "trained layers": TRAINED_LAYERS}

    verifier = Verifier(None)
    flag(dev_rows, verifier)
    found = encoder.probabilities([r["quote"] for r in dev_rows], [r["source"] for r in dev_rows])
    for row, p in zip(dev_rows, found.tolist()):
        row["p"] = p
    thresholds, tables = {}, {}
    for direction in DIRECTIONS:
        name = f"{direction[0]}>{direction[1]}"
        thresholds[name], tables[name] = choose_thresholds(
            [r for r in dev_rows if (r["quote_lang"], r["source_lang"]) == direction])
    report = {
        "trained_on": trained_on,
        "dev": {"by kind": tables, **figures(dev_rows, thresholds)},
        "seconds": round(time.perf_counter() - started),
    }
    args.rule.write_text(json.dumps({"thresholds": thresholds, "trained_layers": TRAINED_LAYERS,
                                     "info": report},
                                    indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
