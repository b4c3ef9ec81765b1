"""Train the word tagger (`claims.nlp.tagger`): names and parts of speech on the sentence encoder.

    python -m claims.nlp.train_tagger --ud PATH/TO/UD_English-EWT --uner PATH/TO/UNER_English-EWT \
        [--ner-extra FILE ...] [--epochs 3] [--out claims/nlp/models/en/tagger.pt]

Each UD training sentence teaches the parts of speech; the UNER annotation of the same sentence
(joined by sent_id) teaches the names, and `--ner-extra` files (any format `claims.nlp.ner_data`
reads) add sentences with names only. The encoder's weights are frozen; low-rank updates of its
linear layers, the two label heads and the biaffine parser are trained together, and the epoch
with the best sum of dev NER F1, UPOS accuracy, UAS and LAS is kept. `--ship` chooses what the
saved file decides (the shipped English tagger: parts of speech and the parse; its names score
below stanza's NER). On two cores one epoch over EWT with WikiGold and UNER PUD takes 15 minutes.
"""
from __future__ import annotations

import argparse
import math
import random
import time
from pathlib import Path
from typing import NamedTuple

from claims.nlp.ner_data import NER_TYPES, entity_spans, read_ner_columns, read_ner_file, sent_ids
from claims.nlp.train import read_conllu_sentences
from claims.nlp.tagger import (WINDOW_WORDS, _parser_class, adapted_layers, first_pieces, mask_padding, parse_batch,
                               repair_bio, word_vectors)

UPOS = ("ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT",
        "SCONJ", "SYM", "VERB", "X")
NER_LABELS = ("O",) + tuple(f"{p}-{t}" for t in NER_TYPES for p in ("B", "I"))
IGNORE = -100


def read_ud(path: Path) -> dict[str, tuple[list[str], list[str], list[int], list[str]]]:
    """sent_id -> (words, UPOS, heads, relations) of a CoNLL-U file; multi-word token lines and empty
    nodes left out."""
    ids, sentences = sent_ids(path), read_conllu_sentences(path)
    if len(ids) != len(sentences):
        raise ValueError(f"{path}: {len(sentences)} sentences but {len(ids)} sent_id lines")
    return {sent_id: tuple(list(column) for column in zip(*[(cols[1], cols[3], int(cols[6]), cols[7])
                                                            for cols in rows if cols[0].isdigit()]))
            for sent_id, rows in zip(ids, sentences)}


def read_uner(path: Path) -> dict[str, tuple[list[str], list[str]]]:
    """sent_id -> (words, IOB2 tags of PER, ORG and LOC) of a UNER file."""
    ids, sentences = sent_ids(path), read_ner_columns(path)
    if len(ids) != len(sentences):
        raise ValueError(f"{path}: {len(sentences)} sentences but {len(ids)} sent_id lines")
    return {sent_id: ([t["text"] for t in sent], [t["ner"] for t in sent]) for sent_id, sent in zip(ids, sentences)}


class Example(NamedTuple):
    words: list[str]
    ner: list[str] | None
    upos: list[str] | None
    heads: list[int] | None
    relations: list[str] | None


def examples(ud: Path, uner: Path, split: str) -> list[Example]:
    """The sentences of a split, the treebank's annotation and UNER's names joined by sent_id."""
    trees = read_ud(ud / f"en_ewt-ud-{split}.conllu")
    names = read_uner(uner / f"en_ewt-ud-{split}.iob2")
    out = []
    for sent_id, (words, upos, heads, relations) in trees.items():
        named = names.get(sent_id)
        out.append(Example(words, named[1] if named and named[0] == words else None, upos, heads, relations))
    return out


def extra_examples(paths: list[Path]) -> list[Example]:
    return [Example([t["text"] for t in sent], [t["ner"] for t in sent], None, None, None)
            for path in paths for sent in read_ner_file(path)]


def entity_f1(gold: list[list[str]], predicted: list[list[str]]) -> float:
    tp = fp = fn = 0
    for g, p in zip(gold, predicted):
        a, b = entity_spans(g), entity_spans(p)
        tp, fp, fn = tp + len(a & b), fp + len(b - a), fn + len(a - b)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


class LowRankLinear:
    """A frozen linear layer plus a trainable update B·A, as a forward hook."""

    def __init__(self, layer, rank: int, scale: float, dropout: float):
        import torch

        self.a = torch.nn.Parameter(torch.randn(rank, layer.in_features) / math.sqrt(layer.in_features))
        self.b = torch.nn.Parameter(torch.zeros(layer.out_features, rank))
        self.scale, self.dropout = scale, dropout
        layer.register_forward_hook(self)

    def __call__(self, layer, inputs, output):
        import torch

        x = torch.nn.functional.dropout(inputs[0], self.dropout, training=layer.training)
        return output + self.scale * (x @ self.a.T @ self.b.T)


def _targets(items: list[Example], rows: list[list[int]], shape, column: str, index: dict):
    """[batch, pieces] class ids of a task at each word's first piece; IGNORE elsewhere."""
    import torch

    target = torch.full(shape, IGNORE)
    for n, (item, positions) in enumerate(zip(items, rows)):
        labels = getattr(item, column)
        if labels is not None:
            for k, position in enumerate(positions):
                target[n, position] = index.get(labels[k], IGNORE)
    return target


def _tree_targets(items: list[Example], rows: list[list[int]], relation_index: dict):
    """[batch, 1 + words] gold heads and relation ids; IGNORE for the root, padding and unparsed sentences."""
    import torch

    longest = max(len(r) for r in rows) + 1
    heads = torch.full((len(items), longest), IGNORE)
    relations = torch.full((len(items), longest), IGNORE)
    for n, (item, positions) in enumerate(zip(items, rows)):
        if item.heads is None or len(positions) < len(item.words):
            continue
        heads[n, 1:len(item.heads) + 1] = torch.tensor(item.heads)
        relations[n, 1:len(item.heads) + 1] = torch.tensor([relation_index.get(r, IGNORE) for r in item.relations])
    return heads, relations


def train(ud: Path, uner: Path, out: Path, extra: list[Path], epochs: int, rank: int, lr: float,
          batch_size: int, seed: int, limit: int | None = None, init: Path | None = None,
          ner_weight: float = 1.0, ship: tuple[str, ...] = ("upos", "parse")) -> None:
    import torch
    from transformers import AutoModel, AutoTokenizer

    from claims.nlp.encoder import build_encoder
    from claims.nlp.threads import configure_threads

    configure_threads()
    random.seed(seed)
    torch.manual_seed(seed)
    folder = build_encoder()
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    encoder = AutoModel.from_pretrained(str(folder), add_pooling_layer=False)
    for p in encoder.parameters():
        p.requires_grad = False
    scale = 2.0
    updates = {name: LowRankLinear(layer, rank, scale, 0.1) for name, layer in adapted_layers(encoder)}
    hidden = encoder.config.hidden_size
    data = (examples(ud, uner, "train") + extra_examples(extra))[:limit]
    dev = examples(ud, uner, "dev")[:limit]
    relation_names = sorted({r for e in data if e.relations for r in e.relations})
    labels = {"ner": list(NER_LABELS), "upos": list(UPOS)}
    index = {task: {t: i for i, t in enumerate(names)} for task, names in labels.items()}
    relation_index = {r: i for i, r in enumerate(relation_names)}
    heads = {task: torch.nn.Linear(hidden, len(names)) for task, names in labels.items()}
    parser = _parser_class()(hidden, len(relation_names))
    if init is not None:  # go on from a saved tagger
        saved = torch.load(init, map_location="cpu", weights_only=True)
        assert saved["relations"] == relation_names and saved["rank"] == rank
        with torch.no_grad():
            for name, u in updates.items():
                u.a.copy_(saved["updates"][f"{name}.A"].float())
                u.b.copy_(saved["updates"][f"{name}.B"].float())
        for task, head in heads.items():
            head.load_state_dict({k: v.float() for k, v in saved["heads"][task].items()})
        parser.load_state_dict({k: v.float() for k, v in saved["parser"].items()})
    params = [p for u in updates.values() for p in (u.a, u.b)] + \
        [p for h in heads.values() for p in h.parameters()] + list(parser.parameters())
    optimiser = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    steps = epochs * math.ceil(len(data) / batch_size)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, s / (0.06 * steps)) * max(0.0, (steps - s) / steps))
    drop = torch.nn.Dropout(0.1)
    print(f"{len(data)} training sentences, {len(dev)} dev, {len(relation_names)} relations; {steps} steps",
          flush=True)

    def batches(items, shuffle):
        order = sorted(range(len(items)), key=lambda i: len(items[i].words))
        groups = [order[i:i + batch_size] for i in range(0, len(order), batch_size)]
        if shuffle:
            random.shuffle(groups)
        return groups

    def forward(items):
        encoded = tokenizer([e.words[:WINDOW_WORDS] for e in items], is_split_into_words=True, truncation=True,
                            max_length=512, padding=True, return_tensors="pt")
        states = encoder(input_ids=encoded["input_ids"], attention_mask=encoded["attention_mask"]).last_hidden_state
        rows = [first_pieces(encoded.word_ids(n)) for n in range(len(items))]
        return encoded, states, rows

    def evaluate(items):
        encoder.eval()
        parser.eval()
        names, tags_right, tags_all, attached, labelled, words_all = [], 0, 0, 0, 0, 0
        with torch.inference_mode():
            for group in batches(items, False):
                batch = [items[i] for i in group]
                _, states, rows = forward(batch)
                trees, relations = parse_batch(parser, states, rows)
                for n, (item, positions) in enumerate(zip(batch, rows)):
                    if item.ner is not None:
                        best = heads["ner"](states[n, positions]).argmax(-1).tolist()
                        names.append((item.ner, repair_bio([NER_LABELS[k] for k in best]) +
                                      ["O"] * (len(item.words) - len(best))))
                    best = heads["upos"](states[n, positions]).argmax(-1).tolist()
                    tags_right += sum(UPOS[k] == g for k, g in zip(best, item.upos))
                    tags_all += len(item.upos)
                    for k, (head, gold_head, gold_rel) in enumerate(zip(trees[n], item.heads, item.relations)):
                        if head == gold_head:
                            attached += 1
                            labelled += relation_names[relations[n][k + 1]].split(":")[0] == gold_rel.split(":")[0]
                    words_all += len(item.words)
        encoder.train()
        parser.train()
        return {"ner_f1": entity_f1([g for g, _ in names], [p for _, p in names]), "upos": tags_right / tags_all,
                "uas": attached / words_all, "las": labelled / words_all}

    best, step, started = -1.0, 0, time.time()
    for epoch in range(epochs):
        encoder.train()
        parser.train()
        for group in batches(data, True):
            items = [data[i] for i in group]
            encoded, states, rows = forward(items)
            states = drop(states)
            loss = 0.0
            for task in ("ner", "upos"):
                target = _targets(items, rows, encoded["input_ids"].shape, task, index[task])
                if (target != IGNORE).any():
                    logits = heads[task](states)
                    loss = loss + (ner_weight if task == "ner" else 1.0) * torch.nn.functional.cross_entropy(
                        logits.reshape(-1, logits.shape[-1]), target.reshape(-1), ignore_index=IGNORE)
            gold_heads, gold_relations = _tree_targets(items, rows, relation_index)
            if (gold_heads != IGNORE).any():
                words = word_vectors(states, rows)
                arcs = parser.arcs(words)
                mask_padding(arcs, rows)
                loss = loss + torch.nn.functional.cross_entropy(
                    arcs.reshape(-1, arcs.shape[-1]), gold_heads.reshape(-1), ignore_index=IGNORE)
                relations = parser.relations(words, gold_heads.clamp(min=0))
                loss = loss + torch.nn.functional.cross_entropy(
                    relations.reshape(-1, relations.shape[-1]), gold_relations.reshape(-1), ignore_index=IGNORE)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            step += 1
            if step % 50 == 0:
                print(f"step {step}/{steps} loss {float(loss):.3f} {time.time() - started:.0f} s", flush=True)
        figures = evaluate(dev)
        print(f"epoch {epoch + 1}: dev " + ", ".join(f"{k} {v:.4f}" for k, v in figures.items()) +
              f" ({time.time() - started:.0f} s)", flush=True)
        if sum(figures.values()) > best:
            best = sum(figures.values())
            torch.save({
                "scale": scale, "rank": rank, "labels": labels,
                "relations": relation_names if "parse" in ship else None,
                "updates": {f"{name}.{part}": getattr(u, part.lower()).detach().half()
                            for name, u in updates.items() for part in ("A", "B")},
                "heads": {task: {k: v.detach().half() for k, v in head.state_dict().items()}
                          for task, head in heads.items() if task in ship},
                "parser": {k: v.detach().half() for k, v in parser.state_dict().items()} if "parse" in ship else {},
                "dev": {k: round(100 * v, 2) for k, v in figures.items()},
            }, out)
            print(f"saved {out}", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ud", type=Path, required=True, help="the UD_English-EWT folder")
    parser.add_argument("--uner", type=Path, required=True, help="the UNER_English-EWT folder")
    parser.add_argument("--ner-extra", type=Path, nargs="*", default=[])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "models" / "en" / "tagger.pt")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--rank", type=int, default=16)
    parser.add_argument("--lr", type=float, default=5e-4)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--limit", type=int, help="train and score on this many sentences only (a quick trial)")
    parser.add_argument("--init", type=Path, help="a saved tagger to go on training from")
    parser.add_argument("--ner-weight", type=float, default=1.0, help="weight of the names' loss against the others")
    parser.add_argument("--ship", default="upos,parse",
                        help="what the saved tagger decides, of ner, upos and parse (all three are trained)")
    args = parser.parse_args(argv)
    train(args.ud, args.uner, args.out, args.ner_extra, args.epochs, args.rank, args.lr, args.batch_size, args.seed,
          args.limit, args.init, args.ner_weight, tuple(args.ship.split(",")))


if __name__ == "__main__":
    main()
