"""Score detector output against hand annotations (the gold format of fixtures/gold).

The rules are those of the shared newsroom scorer: contents match one-to-one,
greedily, when their token F1 is at least 0.5 (or, with `recall_overlap` T, when
more than T of the gold content's tokens are in the prediction, the scorer's
`--recall-overlap` rule); predictions are deduplicated by
normalised content first; optional gold items cost nothing either way; a
speaker is right when it matches the gold speaker or one of its aliases.
Figures pool over files by summing the counts (micro average).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field


def norm_tokens(text: str) -> list[str]:
    """Lower-cased words; each Han character counts as a word of its own, as Chinese writes no spaces."""
    text = unicodedata.normalize("NFC", text or "").lower()
    text = re.sub(r"[\"“”‘’«»„‟「」『』'`]", " ", text)
    return re.findall(r"[\u3400-\u9fff\uf900-\ufaff]|[^\W\u3400-\u9fff\uf900-\ufaff]+", text)


def token_f1(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def recall_overlap(pred: list[str], gold: list[str]) -> float:
    """The share of the gold content's tokens that the prediction holds."""
    return sum((Counter(pred) & Counter(gold)).values()) / len(gold) if gold else 0.0


def speaker_ok(pred: str, gold: dict) -> bool:
    p = " ".join(norm_tokens(pred))
    if not p:
        return False
    for alias in [gold["speaker"]] + gold.get("speaker_aliases", []):
        a = " ".join(norm_tokens(alias))
        if a and (a in p or (p in a and len(p) >= 4) or token_f1(norm_tokens(pred), norm_tokens(alias)) >= 0.6):
            return True
    return False


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    speaker_correct: int = 0
    kind_correct: int = 0
    claims_hit: int = 0
    claims_total: int = 0
    misses: list[str] = field(default_factory=list)

    def __add__(self, other: "Score") -> "Score":
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn,
                     self.speaker_correct + other.speaker_correct, self.kind_correct + other.kind_correct,
                     self.claims_hit + other.claims_hit, self.claims_total + other.claims_total,
                     self.misses + other.misses)

    @staticmethod
    def _prf(t: int, predicted: int, gold: int) -> tuple[float, float, float]:
        p = t / predicted if predicted else 0.0
        r = t / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def figures(self) -> dict:
        dp, dr, df = self._prf(self.tp, self.tp + self.fp, self.tp + self.fn)
        ap, ar, af = self._prf(self.speaker_correct, self.tp + self.fp, self.tp + self.fn)
        return {"detect_p": dp, "detect_r": dr, "detect_f1": df, "attrib_p": ap, "attrib_r": ar, "attrib_f1": af,
                "speaker_accuracy": self.speaker_correct / self.tp if self.tp else None,
                "tp": self.tp, "fp": self.fp, "fn": self.fn, "speaker_correct": self.speaker_correct,
                "kind_correct": self.kind_correct,
                "claims_recall": self.claims_hit / self.claims_total if self.claims_total else None}


def score(gold: dict, pred: dict, recall_overlap_above: float | None = None) -> Score:
    seen, preds = set(), []
    for a in pred.get("attributions", []):
        key = " ".join(norm_tokens(a.get("content", "")))
        if key and key not in seen:
            seen.add(key)
            preds.append(a)
    golds = gold["attributions"]
    similarity = token_f1 if recall_overlap_above is None else recall_overlap
    pairs = sorted(((similarity(norm_tokens(p.get("content", "")), norm_tokens(g["content"])), i, j)
                    for i, p in enumerate(preds) for j, g in enumerate(golds)), reverse=True)
    used_p, used_g, match = set(), set(), {}
    for s, i, j in pairs:
        if (s < 0.5) if recall_overlap_above is None else (s <= recall_overlap_above):
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        match[j] = i
    required = [j for j, g in enumerate(golds) if not g.get("optional")]
    tp = sum(1 for j in required if j in match)
    optional_hits = sum(1 for j, g in enumerate(golds) if g.get("optional") and j in match)
    result = Score(tp=tp, fp=len(preds) - tp - optional_hits, fn=len(required) - tp)
    for j in required:
        if j not in match:
            result.misses.append(f"MISS {gold.get('article', '')} {golds[j]['id']} {golds[j]['content'][:70]}")
            continue
        p = preds[match[j]]
        if speaker_ok(p.get("speaker", ""), golds[j]):
            result.speaker_correct += 1
        else:
            result.misses.append(f"SPKR {gold.get('article', '')} {golds[j]['id']} got {p.get('speaker')!r} "
                                 f"want {golds[j]['speaker']!r}")
        if p.get("kind") == golds[j]["kind"]:
            result.kind_correct += 1
    matched = set(match.values())
    for i, p in enumerate(preds):
        if i not in matched:
            result.misses.append(f"FP   {gold.get('article', '')} {p.get('speaker')!r} {p.get('content', '')[:70]}")
    claims = pred.get("claims", [])
    for c in gold.get("unattributed_claims", []):
        result.claims_total += 1
        if any(token_f1(norm_tokens(x.get("text", "")), norm_tokens(c["text"])) >= 0.5 for x in claims):
            result.claims_hit += 1
        else:
            result.misses.append(f"CLAIM {gold.get('article', '')} {c['id']} {c['text'][:70]}")
    return result


def format_figures(f: dict) -> str:
    claims = "n/a" if f["claims_recall"] is None else f"{f['claims_recall']:.2f}"
    speakers = "n/a" if f["speaker_accuracy"] is None else f"{f['speaker_accuracy']:.2f}"
    return ("detection P/R/F1 %.2f/%.2f/%.2f  attribution P/R/F1 %.2f/%.2f/%.2f  speaker %s  kind %d/%d  "
            "claims recall %s" % (f["detect_p"], f["detect_r"], f["detect_f1"], f["attrib_p"], f["attrib_r"],
                                  f["attrib_f1"], speakers, f["kind_correct"], f["tp"], claims))
