"""A word tagger and parser on the multilingual sentence encoder: parts of speech, dependencies, names.

The encoder claims already ships (multilingual-e5-small, `claims.nlp.encoder`) reads each
sentence; linear heads label each word by its first sub-word piece and the parser scores every
pair of words. The encoder's weights stay as they are on disk: the tagger file holds low-rank
updates of its linear layers (LoRA, Hu et al. 2021), the label heads and a biaffine parser
(Dozat and Manning, 2017), 5 MB, merged into a private copy of the encoder at load time.

    tagger = load_tagger("en")
    tagger.tag([["Lin", "Jian", "said", "so", "."]])
    # [{"upos": ["PROPN", "PROPN", "VERB", "ADV", "PUNCT"], "head": [3, 1, 0, 3, 3],
    #   "deprel": ["nsubj", "flat", "root", "advmod", "punct"]}]

A name head can be trained with it (UNER's PER, ORG and LOC); the shipped English tagger leaves it
out, as it scores below stanza's NER. `claims.nlp.pipeline` uses the tagger in place of stanza's
tags and parse when CLAIMS_WORD_TAGGER=1.

`python -m claims.nlp.train_tagger` trains it.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from claims.nlp.pipeline import BUNDLED_DIR
from claims.nlp.threads import cores

TAGGER_FILE = "tagger.pt"
# The linear layers of each encoder block that get a low-rank update.
ADAPTED = ("attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense",
           "intermediate.dense", "output.dense")
# Words per piece a long sentence is cut into, so that its sub-words fit the encoder's 512 positions.
WINDOW_WORDS = 120


def tagger_switched_on() -> bool:
    """The tagger replaces stanza's parts of speech and parse only when CLAIMS_WORD_TAGGER is set: it is
    better on the treebank, but the detector's rules were written against stanza's tags (README,
    "The word tagger")."""
    return os.environ.get("CLAIMS_WORD_TAGGER", "").strip().lower() in ("1", "true", "yes", "on")


def tagger_path(lang: str) -> Path:
    return BUNDLED_DIR / lang / TAGGER_FILE


def has_tagger(lang: str) -> bool:
    return tagger_path(lang).exists()


def adapted_layers(encoder):
    """(name, linear layer) of every layer that gets a low-rank update."""
    for name, module in encoder.named_modules():
        parts = name.split(".", 3)
        if name.startswith("encoder.layer.") and len(parts) == 4 and parts[3] in ADAPTED:
            yield name, module


def merge_low_rank(encoder, updates: dict, scale: float) -> None:
    """Add each layer's update B·A (times `scale`) to its weight, in place."""
    import torch

    with torch.no_grad():
        for name, layer in adapted_layers(encoder):
            a, b = updates[f"{name}.A"].float(), updates[f"{name}.B"].float()
            layer.weight += scale * (b @ a)


def first_pieces(word_ids: list) -> list[int]:
    """The position of each word's first sub-word piece, in word order."""
    seen, positions = set(), []
    for position, word in enumerate(word_ids):
        if word is not None and word not in seen:
            seen.add(word)
            positions.append(position)
    return positions


def repair_bio(tags: list[str]) -> list[str]:
    """IOB2 tags with every entity opened by B-: an I- after O or after another type starts one."""
    fixed, previous = [], "O"
    for tag in tags:
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        fixed.append(tag)
        previous = tag
    return fixed


def windows(words: list[str], size: int = WINDOW_WORDS) -> list[tuple[int, int]]:
    return [(i, min(i + size, len(words))) for i in range(0, len(words), size)] or [(0, 0)]


def _parser_class():
    import torch

    class BiaffineParser(torch.nn.Module):
        """Dependency arcs and relations over word vectors (Dozat and Manning, 2017); position 0 is the root."""

        def __init__(self, hidden: int, relations: int, arc: int = 256, rel: int = 128, dropout: float = 0.2):
            super().__init__()

            def mlp(size):
                return torch.nn.Sequential(torch.nn.Linear(hidden, size), torch.nn.GELU(), torch.nn.Dropout(dropout))

            self.arc_dep, self.arc_head, self.rel_dep, self.rel_head = mlp(arc), mlp(arc), mlp(rel), mlp(rel)
            self.arc_weight = torch.nn.Parameter(torch.zeros(arc, arc))
            self.arc_prior = torch.nn.Linear(arc, 1, bias=False)
            self.rel = torch.nn.Bilinear(rel, rel, relations)

        def arcs(self, words):
            """[batch, dependent, head] scores."""
            head = self.arc_head(words)
            return self.arc_dep(words) @ self.arc_weight @ head.transpose(1, 2) + self.arc_prior(head).transpose(1, 2)

        def relations(self, words, heads):
            """[batch, dependent, relation] scores of each word with the given head."""
            head = self.rel_head(words)
            chosen = head.gather(1, heads.unsqueeze(-1).expand(-1, -1, head.shape[-1]))
            return self.rel(self.rel_dep(words).contiguous(), chosen.contiguous())

    return BiaffineParser


def word_vectors(hidden, rows: list[list[int]]):
    """[batch, 1 + words, hidden]: the sentence-start vector as the root, then each word's first piece."""
    import torch

    longest = max(len(r) for r in rows)
    index = torch.zeros((len(rows), longest + 1), dtype=torch.long)
    for n, positions in enumerate(rows):
        index[n, 1:len(positions) + 1] = torch.tensor(positions, dtype=torch.long)
    return hidden.gather(1, index.unsqueeze(-1).expand(-1, -1, hidden.shape[-1]))


def decode_tree(scores) -> list[int]:
    """The best tree with one root for a [1 + words, 1 + words] matrix of head log-probabilities."""
    from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root

    return [int(h) for h in chuliu_edmonds_one_root(scores)[1:]]


def mask_padding(arcs, rows: list[list[int]]) -> None:
    """No word of a sentence takes a padding position as its head."""
    for row, positions in enumerate(rows):
        arcs[row, :, len(positions) + 1:] = float("-inf")


def parse_batch(parser, hidden, rows: list[list[int]]) -> tuple[list[list[int]], list[list[int]]]:
    """Each sentence's best tree (the head of each word, 0 for the root) and the relation index of each word
    (position 0 is the root's), from the encoder's states and each sentence's first-piece positions."""
    import torch

    words = word_vectors(hidden, rows)
    arcs = parser.arcs(words)
    mask_padding(arcs, rows)
    scores = torch.log_softmax(arcs, -1).numpy()
    trees = [decode_tree(scores[row, :len(positions) + 1, :len(positions) + 1]) for row, positions in enumerate(rows)]
    heads = torch.zeros(arcs.shape[:2], dtype=torch.long)
    for row, tree in enumerate(trees):
        heads[row, 1:len(tree) + 1] = torch.tensor(tree, dtype=torch.long)
    return trees, parser.relations(words, heads).argmax(-1).tolist()


class WordTagger:
    """Tags pre-tokenised sentences; one instance per process (`load_tagger`)."""

    def __init__(self, path: Path, encoder_dir: Path | None = None):
        import torch
        from transformers import AutoModel, AutoTokenizer

        from claims.nlp.encoder import build_encoder, quiet_libraries

        quiet_libraries()
        saved = torch.load(path, map_location="cpu", weights_only=True)
        folder = encoder_dir or build_encoder()
        self.tokenizer = AutoTokenizer.from_pretrained(str(folder))
        self.encoder = AutoModel.from_pretrained(str(folder), add_pooling_layer=False)
        merge_low_rank(self.encoder, saved["updates"], saved["scale"])
        self.encoder.eval()
        self.labels = saved["labels"]
        self.relations = saved.get("relations")
        self.parser = None
        if self.relations:
            self.parser = _parser_class()(self.encoder.config.hidden_size, len(self.relations))
            self.parser.load_state_dict({k: v.float() for k, v in saved["parser"].items()})
            self.parser.eval()
        self.heads = {}
        for task, labels in self.labels.items():
            if task not in saved["heads"]:
                continue  # a task left to stanza
            head = torch.nn.Linear(self.encoder.config.hidden_size, len(labels))
            head.load_state_dict({k: v.float() for k, v in saved["heads"][task].items()})
            self.heads[task] = head.eval()

    @property
    def tasks(self) -> set[str]:
        """What the tagger decides: "ner", "upos" and "parse" (heads and relations)."""
        return set(self.heads) | ({"parse"} if self.parser is not None else set())

    def tag(self, sentences: list[list[str]], batch_size: int = 32) -> list[dict[str, list[str]]]:
        """For each sentence, each task's label per word."""
        import torch

        pieces = [(n, a, b) for n, words in enumerate(sentences) for a, b in windows(words)]
        order = sorted(range(len(pieces)), key=lambda i: pieces[i][2] - pieces[i][1])
        results = [{task: [""] * len(words) for task in self.heads} for words in sentences]
        if self.parser is not None:
            for words, result in zip(sentences, results):
                result["head"], result["deprel"] = [0] * len(words), ["dep"] * len(words)
        with cores(), torch.inference_mode():
            for start in range(0, len(order), batch_size):
                batch = [pieces[i] for i in order[start:start + batch_size]]
                batch = [p for p in batch if p[2] > p[1]]
                if not batch:
                    continue
                encoded = self.tokenizer([sentences[n][a:b] for n, a, b in batch], is_split_into_words=True,
                                         truncation=True, max_length=512, padding=True, return_tensors="pt")
                hidden = self.encoder(input_ids=encoded["input_ids"],
                                      attention_mask=encoded["attention_mask"]).last_hidden_state
                rows = [first_pieces(encoded.word_ids(row)) for row in range(len(batch))]
                for row, (n, a, b) in enumerate(batch):
                    for task, head in self.heads.items():
                        best = head(hidden[row, rows[row]]).argmax(-1).tolist()
                        labels = [self.labels[task][k] for k in best]
                        results[n][task][a:a + len(labels)] = labels
                if self.parser is not None:
                    self._parse(hidden, rows, batch, results)
        for result in results:
            if "head" in result:
                join_windows(result)
            if "ner" in result:
                result["ner"] = repair_bio([tag or "O" for tag in result["ner"]])
        return results

    def _parse(self, hidden, rows, batch, results) -> None:
        trees, relations = parse_batch(self.parser, hidden, rows)
        for row, ((n, a, b), tree) in enumerate(zip(batch, trees)):
            for k, head in enumerate(tree):
                results[n]["head"][a + k] = head + a if head else 0
                results[n]["deprel"][a + k] = self.relations[relations[row][k + 1]]


def join_windows(result: dict[str, list], size: int = WINDOW_WORDS) -> None:
    """A long sentence parsed window by window: each later window's root hangs on the first one's."""
    heads = result["head"]
    if len(heads) <= size:
        return
    first_root = next((k for k in range(size) if heads[k] == 0), 0) + 1
    for k in range(size, len(heads)):
        if heads[k] == 0:
            heads[k], result["deprel"][k] = first_root, "parataxis"


@lru_cache(maxsize=None)
def load_tagger(lang: str) -> WordTagger | None:
    """The bundled tagger of `lang`, loaded once per process; None when there is none."""
    return WordTagger(tagger_path(lang)) if has_tagger(lang) else None
