"""The cross-encoder: a quote and a candidate source read together, as one input.

The sentence encoder embeds a quote and a statement apart, and on one topic it
scores a true source and its neighbours within a few hundredths of each other.
Read together, every word of the quote attends to every word of the candidate,
which tells a translation of a sentence from the sentence after it.

The model is multilingual-e5-small (the encoder claims already builds offline,
claims.nlp.encoder) with its top TRAINED_LAYERS layers fine-tuned and a linear
head over the mean of its last layer. Only those layers and the head ship in
the package (`cross_encoder.pt`, fp16); the rest is the encoder's own weights.
`python -m claims.verify.train_cross` trains it and writes `cross_model.json`,
the rule that combines its probability with the link model's (fitted on dev
documents) and its dev figures.

It reads only the link model's leading candidates (CROSS_TOP of them, from
CROSS_GATE): the rest are far from linking, and each pair costs a forward pass.
"""
from __future__ import annotations

import json
import time
from functools import lru_cache
from pathlib import Path

import numpy as np

WEIGHTS_PATH = Path(__file__).parent / "cross_encoder.pt"
RULE_PATH = Path(__file__).parent / "cross_model.json"
TRAINED_LAYERS = 4  # the default for training; the shipped rule says how many its weights hold
MAX_TOKENS = 192
CROSS_TOP = 2  # candidates read per quote
CROSS_GATE = 0.02  # the link model's probability below which a candidate is not read


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-4, 1 - 1e-4)
    return np.log(p / (1 - p))


class CrossEncoder:
    """The fine-tuned encoder and its tokenizer; `probabilities` reads pairs in batches."""

    def __init__(self, base, tokenizer, weights: dict | None = None, trained_layers: int = TRAINED_LAYERS):
        """`base` is the sentence encoder's transformer (a transformers model): its embeddings and lower
        layers are shared, not copied, and the top `trained_layers` are copied and take `weights`."""
        import copy

        import torch
        from transformers import AutoModel

        from claims.nlp.threads import configure_threads

        configure_threads()
        self.tokenizer = tokenizer
        with torch.device("meta"):
            self.encoder = AutoModel.from_config(base.config, add_pooling_layer=False)
        self.encoder.embeddings = base.embeddings
        first = len(base.encoder.layer) - trained_layers
        for i, layer in enumerate(base.encoder.layer):
            self.encoder.encoder.layer[i] = layer if i < first else copy.deepcopy(layer)
        self.head = torch.nn.Linear(base.config.hidden_size, 1)
        self.trained_layers = trained_layers
        if weights is not None:
            self.load_trained(weights)
        self.encoder.eval()

    @classmethod
    def on_sentence_encoder(cls, model, weights: dict | None = None, trained_layers: int = TRAINED_LAYERS
                            ) -> CrossEncoder:
        """Over a loaded SentenceTransformer (claims' encoder), sharing its weights."""
        return cls(model[0].auto_model, model.tokenizer, weights, trained_layers)

    # the parameters training changes, and the file that carries them
    def trained_parameters(self) -> dict:
        layers = self.encoder.encoder.layer
        first = len(layers) - self.trained_layers
        out = {f"encoder.{name}": p for name, p in self.encoder.named_parameters()
               if name.startswith("encoder.layer.") and int(name.split(".")[2]) >= first}
        out.update({f"head.{name}": p for name, p in self.head.named_parameters()})
        return out

    def load_trained(self, weights: dict) -> None:
        import torch

        own = self.trained_parameters()
        missing = set(own) - set(weights)
        if missing:
            raise ValueError(f"cross-encoder weights lack {sorted(missing)[:3]}")
        with torch.no_grad():
            for name, p in own.items():
                p.copy_(weights[name].to(p.dtype))

    def save_trained(self, path: Path) -> None:
        import torch

        torch.save({name: p.detach().to(torch.float16) for name, p in self.trained_parameters().items()}, path)

    def logits(self, quotes: list[str], sources: list[str]):
        enc = self.tokenizer(quotes, sources, truncation="longest_first", max_length=MAX_TOKENS, padding=True,
                             return_tensors="pt")
        hidden = self.encoder(**enc).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1)
        return self.head(pooled).squeeze(-1)

    def probabilities(self, quotes: list[str], sources: list[str], batch_size: int = 16) -> np.ndarray:
        import torch

        from claims.nlp.threads import cores

        out = np.zeros(len(quotes))
        # similar lengths together: padding is the cost of a batch
        order = sorted(range(len(quotes)), key=lambda i: len(quotes[i]) + len(sources[i]))
        with torch.inference_mode(), cores():
            for k in range(0, len(order), batch_size):
                chunk = order[k:k + batch_size]
                z = self.logits([quotes[i] for i in chunk], [sources[i] for i in chunk]).float().numpy()
                out[chunk] = 1.0 / (1.0 + np.exp(-z))
        return out


class CrossRule:
    """How the cross-encoder's probability and the link model's are combined: a logistic model over their
    logits, fitted on dev documents the cross-encoder was not trained on."""

    def __init__(self, weights: list[float], bias: float, info: dict | None = None,
                 trained_layers: int = TRAINED_LAYERS):
        self.weights = np.asarray(weights, dtype=float)
        self.bias = float(bias)
        self.info = info or {}
        self.trained_layers = trained_layers

    def combine(self, p_link: np.ndarray, p_cross: np.ndarray) -> np.ndarray:
        z = self.weights[0] * _logit(np.asarray(p_link)) + self.weights[1] * _logit(np.asarray(p_cross)) + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    @classmethod
    def load(cls, path: Path = RULE_PATH) -> CrossRule:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(data["weights"], data["bias"], data.get("info", {}), data.get("trained_layers", TRAINED_LAYERS))


class CrossReader:
    """The cross-encoder and its rule, applied to the link model's leading candidates."""

    def __init__(self, encoder: CrossEncoder, rule: CrossRule):
        self.encoder = encoder
        self.rule = rule
        self._cache: dict[tuple[str, str], float] = {}

    def forget(self) -> None:
        """Drop the pairs read so far."""
        self._cache.clear()

    @staticmethod
    def leaders(p_link: list[float]) -> list[int]:
        """The candidates the cross-encoder reads: the CROSS_TOP most probable, from CROSS_GATE."""
        return [i for i in sorted(range(len(p_link)), key=lambda i: -p_link[i])[:CROSS_TOP] if p_link[i] >= CROSS_GATE]

    def read(self, pairs: list[tuple[str, str]]) -> None:
        """Read the pairs not read yet, all in one pass: batches of similar lengths cost far less than a few
        pairs at a time."""
        todo = list(dict.fromkeys(pair for pair in pairs if pair not in self._cache))
        if not todo:
            return
        if len(self._cache) + len(todo) > 20_000:
            self._cache.clear()
        found = self.encoder.probabilities([q for q, _ in todo], [s for _, s in todo])
        self._cache.update({pair: float(p) for pair, p in zip(todo, found)})

    def read_ahead(self, weighings: list) -> None:
        """Read every pair that `rescore` will ask for on these weighings (claims.verify.link.Weighing)."""
        pairs = []
        for w in weighings:
            for index, (quote, found) in enumerate(zip(w.quotes, w.scores)):
                sentences = w.sentences(index)
                pairs.extend((quote, sentences[i]) for i in self.leaders(found))
        self.read(pairs)

    def rescore(self, text: str, sentences: list[str], p_link: list[float]) -> list[float]:
        """`p_link` with the leading candidates' probabilities combined with the cross-encoder's."""
        order = self.leaders(p_link)
        self.read([(text, sentences[i]) for i in order])
        out = list(p_link)
        if order:
            combined = self.rule.combine(np.array([p_link[i] for i in order]),
                                         np.array([self._cache[(text, sentences[i])] for i in order]))
            for i, p in zip(order, combined):
                out[i] = float(p)
        return out


def available() -> bool:
    return WEIGHTS_PATH.exists() and RULE_PATH.exists()


def load_weights() -> dict:
    import torch

    return torch.load(WEIGHTS_PATH, map_location="cpu", weights_only=True)


@lru_cache(maxsize=4)
def reader_for(sentence_encoder) -> CrossReader | None:
    """The bundled cross-encoder over a loaded sentence encoder (the default one: the trained layers continue
    its lower layers), or None when the package carries none."""
    if not available():
        return None
    rule = CrossRule.load()
    return CrossReader(CrossEncoder.on_sentence_encoder(sentence_encoder, load_weights(), rule.trained_layers), rule)


def status() -> dict:
    """The cross-encoder's row of `claims models status`."""
    started = time.time()
    row = {"model": "verify/cross", "source": "bundled (top layers over multilingual-e5-small)",
           "path": str(WEIGHTS_PATH), "ok": False, "error": None, "score": {}, "load_seconds": 0.0}
    if not available():
        row["error"] = "not trained: python -m claims.verify.train_cross"
        return row
    try:
        rule = CrossRule.load()
        load_weights()
    except Exception as exc:  # noqa: BLE001 - the status table reports whatever stops it loading
        row["error"] = f"{type(exc).__name__}: {exc}".splitlines()[0]
        return row
    from claims.verify.link import dev_precision_recall

    dev = rule.info.get("dev", {})
    score = dev_precision_recall(dev)
    if "pair accuracy" in dev:
        score["dev pair accuracy"] = dev["pair accuracy"]
    row.update(ok=True, score=score, load_seconds=round(time.time() - started, 2))
    return row


__all__ = ["CrossEncoder", "CrossRule", "CrossReader", "reader_for", "status"]
