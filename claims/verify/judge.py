"""The judge: does a quote in one language say what its source in another says?

The comparison rules (claims.verify, `_compare`) find what differs between a
quote and its source: a negation, a modal, a figure, a name. Within one
language they are exact. Across languages they flag what a translator does as
a matter of course, too: "phải trải qua" for "undergoes", "không tỉnh táo" for
"intoxicated", "có thể" for "would". The judge reads the quote and the source
together and gives the probability that the quote was altered; a cross-language
difference the rules found stands only when that probability reaches the
judge's threshold for its kind. The judge never finds a difference the rules
did not, and weighs only the kinds where it clears more faithful quotes than it
loses altered ones on development documents.

The model is the cross-encoder's architecture (claims.verify.cross): the top
layers of multilingual-e5-small, started from the cross-encoder's, fine-tuned
with a linear head on professional translations (faithful) and the same
translations altered by one edit (claims.verify.data). Only its top layers and
head ship (`judge.pt`, fp16). `python -m claims.verify.train_judge` trains it
and writes `judge.json`: the thresholds, chosen on development documents, and
the figures they were chosen by.
"""
from __future__ import annotations

import json
import time
from functools import lru_cache
from pathlib import Path

WEIGHTS_PATH = Path(__file__).parent / "judge.pt"
RULE_PATH = Path(__file__).parent / "judge.json"
# the rule kinds the judge may overrule across languages; a speaker, a contradicted or an added sentence is
# decided elsewhere
JUDGED = ("negation", "modality", "number", "entity_changed", "qualifier_dropped")


class Judge:
    """The judge's model and threshold, with the pairs read so far remembered."""

    def __init__(self, encoder, thresholds: dict[str, dict[str, float]], info: dict | None = None):
        self.encoder = encoder  # claims.verify.cross.CrossEncoder
        # "vi>en" (the quote's language, the source's) -> {kind of difference: threshold}; the kinds and
        # directions it was not chosen for are left to the rules
        self.thresholds = thresholds
        self.info = info or {}
        self._cache: dict[tuple[str, str], float] = {}

    def probability(self, quote: str, source: str) -> float:
        """The probability that `quote` was altered from `source`."""
        key = (quote, source)
        if key not in self._cache:
            if len(self._cache) > 20_000:
                self._cache.clear()
            self._cache[key] = float(self.encoder.probabilities([quote], [source])[0])
        return self._cache[key]

    def overruled(self, quote: str, source: str, lang_q: str, lang_s: str, kinds: set[str]) -> set[str]:
        """Of the `kinds` of difference the rules found between `quote` and `source`, those that do not stand."""
        chosen = self.thresholds.get(f"{lang_q}>{lang_s}", {})
        weighed = kinds & set(chosen)
        if not weighed:
            return set()
        p = self.probability(quote, source)
        return {kind for kind in weighed if p < chosen[kind]}

    def forget(self) -> None:
        self._cache.clear()


def available() -> bool:
    return WEIGHTS_PATH.exists() and RULE_PATH.exists()


def load_rule(path: Path = RULE_PATH) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def judge_for(sentence_encoder) -> Judge | None:
    """The bundled judge over a loaded sentence encoder (the default one), or None when the package carries
    none."""
    if not available():
        return None
    import torch

    from claims.verify.cross import CrossEncoder

    rule = load_rule()
    weights = torch.load(WEIGHTS_PATH, map_location="cpu", weights_only=True)
    encoder = CrossEncoder.on_sentence_encoder(sentence_encoder, weights, rule["trained_layers"])
    return Judge(encoder, rule["thresholds"], rule.get("info", {}))


def status() -> dict:
    """The judge's row of `claims models status`: its development figures."""
    started = time.time()
    row = {"model": "verify/judge", "source": "bundled (top layers over multilingual-e5-small)",
           "path": str(WEIGHTS_PATH), "ok": False, "error": None, "score": {}, "load_seconds": 0.0}
    if not available():
        row["error"] = "not trained: python -m claims.verify.train_judge"
        return row
    try:
        import torch

        rule = load_rule()
        torch.load(WEIGHTS_PATH, map_location="cpu", weights_only=True)
    except Exception as exc:  # noqa: BLE001 - the status table reports whatever stops it loading
        row["error"] = f"{type(exc).__name__}: {exc}".splitlines()[0]
        return row
    dev = rule.get("info", {}).get("dev", {}).get("vi>en", {})
    row.update(ok=True, score={f"dev vi>en {k}": v for k, v in dev.items() if k.startswith("with the judge")},
               load_seconds=round(time.time() - started, 2))
    return row


__all__ = ["Judge", "JUDGED", "judge_for", "status"]
