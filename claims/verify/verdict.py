"""The verifier's answer about one attributed statement: a verdict, its reasons and the source it was judged
against."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Reason:
    type: str            # words, number, negation, modality, qualifier_dropped, entity_changed, speaker
    detail: str
    article_span: tuple[int, int] | None = None
    source_span: tuple[int, int] | None = None
    # whether the judge (claims.verify.judge) may overrule it: not a hedge hardened into a certainty, which
    # weighs more than the judge's training edits taught it
    judged: bool = field(default=True, repr=False)


@dataclass
class Verdict:
    verdict: str
    confidence: float
    reasons: list[Reason] = field(default_factory=list)
    source: dict | None = None
    parts: list[dict] | None = None  # a quote of several sentences, each found, added or contradicted

    def to_dict(self) -> dict:
        d = asdict(self)
        if d["parts"] is None:
            del d["parts"]
        for r in d["reasons"]:
            del r["judged"]
            for key in ("article_span", "source_span"):
                if r[key] is not None:
                    r[key] = list(r[key])
        return d
