"""Train the cross-encoder (claims/verify/cross_encoder.pt and cross_model.json).

    python -m claims.verify.train --parallel ../shared/parallel/ntrex --ct ../shared/ct --work /tmp/link
    python -m claims.verify.train_cross --work /tmp/link

It reads the candidate lists the link model's training kept in --work, so it
trains on the pairs it will be asked about: each training quote (parallel news
`train` documents, Vietnamese and Chinese, some altered by one edit; CheckThat!
train tweets) with its true sources and with the link model's most probable
wrong candidates, usually sentences of the same document. An altered quote is
still a pair with its source: whether the words were changed is the verifier's
question, not the link's.

The rule that combines the two probabilities is fitted on `dev` documents,
which the cross-encoder never saw; the dev figures (and CheckThat! dev MAP@5)
are measured with it. `heldout` documents are left to bench/verify.py. The
defaults (top 4 layers, one epoch, learning rate 4e-5) are those of the
shipped model: 16 minutes on two cores once the link model's lists are kept.
With `--rule-only` the shipped cross-encoder is kept and only the rule is
fitted again, for a retrained link model (a few minutes).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

from claims.verify.cross import (CROSS_GATE, CROSS_TOP, RULE_PATH, TRAINED_LAYERS, WEIGHTS_PATH, CrossEncoder,
                                 CrossRule, _logit, load_weights)
from claims.verify.link import LinkModel
from claims.verify.train import fit_logistic, rows_features, sources_of

NEGATIVES = 2  # wrong candidates per training quote, the link model's most probable ones
SEED = 13


def load_set(work: Path, name: str) -> list[dict]:
    rows = [json.loads(line) for line in (work / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
    scores = json.loads((work / f"{name}.symmetric.json").read_text())
    for row, found in zip(rows, scores):
        row["symmetric"] = found
    return rows


def leading(model: LinkModel, row: dict, speaker: bool = True) -> list[tuple[int, float]]:
    """(candidate index, link probability), the most probable first."""
    if not row["candidates"]:
        return []
    _, x = rows_features(row, model.length_ratio, speaker=speaker)
    p = model.probabilities(x)
    return sorted(enumerate(p.tolist()), key=lambda kv: -kv[1])


def training_pairs(model: LinkModel, rows: list[dict], negatives: int = NEGATIVES) -> list[tuple[str, str, float]]:
    pairs = []
    for row in rows:
        truth = sources_of(row)
        seen = set()
        for c in row["candidates"]:
            if c["statement_id"] in truth and c["sentence"] not in seen:
                seen.add(c["sentence"])
                pairs.append((row["text"], c["sentence"], 1.0))
        wrong = [i for i, _ in leading(model, row) if row["candidates"][i]["statement_id"] not in truth]
        for i in wrong[:negatives]:
            pairs.append((row["text"], row["candidates"][i]["sentence"], 0.0))
    return pairs


def train(encoder: CrossEncoder, pairs: list[tuple[str, str, float]], minutes: float, epochs: int = 1,
          batch_size: int = 16, lr: float = 4e-5) -> dict:
    import torch

    params = encoder.trained_parameters()
    for p in encoder.encoder.parameters():
        p.requires_grad_(False)
    for p in params.values():
        p.requires_grad_(True)
    head = [p for n, p in params.items() if n.startswith("head.")]
    layers = [p for n, p in params.items() if not n.startswith("head.")]
    optimiser = torch.optim.AdamW([{"params": layers, "lr": lr}, {"params": head, "lr": 1e-3}], weight_decay=0.01)
    batches = []
    for epoch in range(epochs):
        order = list(pairs)
        random.Random(SEED + epoch).shuffle(order)
        # batches of similar length, in random order: padding is most of a batch's cost otherwise
        chunks = [sorted(order[k:k + batch_size * 8], key=lambda t: len(t[0]) + len(t[1]))
                  for k in range(0, len(order), batch_size * 8)]
        found = [c[k:k + batch_size] for c in chunks for k in range(0, len(c), batch_size)]
        random.Random(SEED + 100 + epoch).shuffle(found)
        batches.extend(found)
    steps = len(batches)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / 50) * max(0.05, 1 - s / steps))
    loss_fn = torch.nn.BCEWithLogitsLoss()
    encoder.encoder.train()
    started, done, running = time.perf_counter(), 0, 0.0
    for step, batch in enumerate(batches):
        z = encoder.logits([q for q, _, _ in batch], [s for _, s, _ in batch])
        loss = loss_fn(z, torch.tensor([y for _, _, y in batch]))
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
        done += len(batch)
        running = 0.98 * running + 0.02 * float(loss) if step else float(loss)
        if step % 50 == 49:
            print(f"  step {step + 1}/{steps}, loss {running:.3f}, {time.perf_counter() - started:.0f} s",
                  file=sys.stderr)
        if time.perf_counter() - started > minutes * 60:
            print(f"  stopped at the time limit after {done} pairs", file=sys.stderr)
            break
    encoder.encoder.eval()
    return {"pairs": len(pairs), "pairs_seen": done, "steps": step + 1,
            "minutes": round((time.perf_counter() - started) / 60, 1)}


def read_leaders(encoder: CrossEncoder, model: LinkModel, rows: list[dict], speaker: bool = True) -> None:
    """Each row's `leaders`: (candidate index, link probability, cross-encoder probability) of the candidates
    the reader would read."""
    todo = []
    for row in rows:
        row["leaders"] = [(i, p) for i, p in leading(model, row, speaker)[:CROSS_TOP] if p >= CROSS_GATE]
        todo.extend((row["text"], row["candidates"][i]["sentence"]) for i, _ in row["leaders"])
    found = iter(encoder.probabilities([q for q, _ in todo], [s for _, s in todo]).tolist())
    for row in rows:
        row["leaders"] = [(i, p, next(found)) for i, p in row["leaders"]]


def combined(row: dict, rule=None) -> list[tuple[int, float]]:
    """(candidate index, probability) of the leaders, with the rule applied when given."""
    if not row["leaders"]:
        return []
    p = np.array([p for _, p, _ in row["leaders"]])
    if rule is not None:
        p = rule.combine(p, np.array([c for _, _, c in row["leaders"]]))
    return [(i, float(q)) for (i, _, _), q in zip(row["leaders"], p)]


def link_scores(rows: list[dict], threshold: float, rule=None) -> dict:
    links = right = answerable = 0
    for row in rows:
        truth = sources_of(row)
        answerable += bool(truth)
        found = combined(row, rule)
        if found:
            i, p = max(found, key=lambda kv: kv[1])
            if p >= threshold:
                links += 1
                right += row["candidates"][i]["statement_id"] in truth
    return {"queries": len(rows), "with_source": answerable, "links": links,
            "precision": round(right / links, 3) if links else None,
            "recall": round(right / answerable, 3) if answerable else None}


def map_at_5(rows: list[dict], model: LinkModel, rule=None) -> float:
    """CheckThat!'s measure: the leaders in their combined order, then the rest by link probability."""
    total = 0.0
    for row in rows:
        truth = sources_of(row)
        found = dict(combined(row, rule))
        rest = [i for i, _ in leading(model, row, speaker=False) if i not in found]
        ranked = [i for i, _ in sorted(found.items(), key=lambda kv: -kv[1])] + rest
        hits, score = 0, 0.0
        for k, i in enumerate(ranked[:5], start=1):
            if row["candidates"][i]["statement_id"] in truth:
                hits += 1
                score += hits / k
        total += score / min(len(truth), 5) if truth else 0.0
    return round(total / len(rows), 4)


def fit_rule(rows: list[dict]):
    x, y = [], []
    for row in rows:
        truth = sources_of(row)
        for i, p, c in row["leaders"]:
            x.append([_logit(np.array(p)), _logit(np.array(c))])
            y.append(float(row["candidates"][i]["statement_id"] in truth))
    x, y = np.array(x, dtype=float), np.array(y)
    weights, bias = fit_logistic(x, y, l2=1.0)
    return CrossRule(weights.tolist(), bias), float(((x[:, 1] > 0) == (y > 0.5)).mean()), int(len(y))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, required=True, help="the folder claims.verify.train kept its lists in")
    parser.add_argument("--minutes", type=float, default=60.0, help="stop training after this long")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--lr", type=float, default=4e-5, help="learning rate of the trained layers")
    parser.add_argument("--negatives", type=int, default=NEGATIVES,
                        help="wrong candidates per training quote, the link model's most probable ones")
    parser.add_argument("--layers", type=int, default=TRAINED_LAYERS, help="top layers to fine-tune")
    parser.add_argument("--out", type=Path, default=WEIGHTS_PATH)
    parser.add_argument("--rule", type=Path, default=RULE_PATH)
    parser.add_argument("--rule-only", action="store_true",
                        help="keep the shipped cross-encoder and fit only the rule (after the link model changed)")
    args = parser.parse_args(argv)
    import torch

    from claims.nlp.encoder import load_encoder, quiet_libraries

    quiet_libraries()
    torch.manual_seed(SEED)
    started = time.perf_counter()
    model = LinkModel.load()
    sets = {name: load_set(args.work, name) for name in
            ("parallel-train", "parallel-train-single", "ct-train", "parallel-dev", "parallel-dev-single", "ct-dev")}
    sentence_encoder = load_encoder()
    if args.rule_only:
        shipped = CrossRule.load(args.rule)
        args.layers = shipped.trained_layers
        encoder = CrossEncoder.on_sentence_encoder(sentence_encoder, load_weights(), args.layers)
        trained_on = shipped.info.get("trained_on", {})
    else:
        pairs = training_pairs(model, sets["parallel-train"] + sets["parallel-train-single"] + sets["ct-train"],
                               args.negatives)
        print(f"{len(pairs)} pairs, {sum(y for _, _, y in pairs):.0f} of them a quote and its source",
              file=sys.stderr)
        encoder = CrossEncoder(sentence_encoder[0].auto_model, sentence_encoder.tokenizer, trained_layers=args.layers)
        training = train(encoder, pairs, args.minutes, args.epochs, lr=args.lr)
        encoder.save_trained(args.out)
        trained_on = {"pairs": training["pairs"], "pairs seen": training["pairs_seen"],
                      "minutes": training["minutes"], "epochs": args.epochs, "learning rate": args.lr,
                      "trained layers": args.layers, "negatives per quote": args.negatives}

    dev = sets["parallel-dev"] + sets["parallel-dev-single"]
    read_leaders(encoder, model, dev)
    read_leaders(encoder, model, sets["ct-dev"], speaker=False)
    rule, accuracy, read = fit_rule(dev)
    report = {
        "trained_on": trained_on,
        "dev": {"pair accuracy": round(accuracy, 3), "pairs read": read,
                **{f"parallel {lang}>en, {kind} (half of the sources removed)": {
                    "link model": link_scores([r for r in sets[name] if r["lang"] == lang], model.threshold),
                    **link_scores([r for r in sets[name] if r["lang"] == lang], model.threshold, rule)}
                   for lang in ("vi", "zh") for name, kind in (("parallel-dev-single", "one sentence a statement"),
                                                               ("parallel-dev", "one to three sentences a statement"))},
                "CheckThat! dev MAP@5": map_at_5(sets["ct-dev"], model, rule),
                "CheckThat! dev MAP@5, link model": map_at_5(sets["ct-dev"], model)},
        "seconds": round(time.perf_counter() - started),
    }
    rule.info = report
    args.rule.write_text(json.dumps({"weights": rule.weights.round(6).tolist(), "bias": round(rule.bias, 6),
                                     "gate": CROSS_GATE, "top": CROSS_TOP, "trained_layers": args.layers,
                                     "info": report},
                                    indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
