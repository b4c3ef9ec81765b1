"""Judge an attributed statement against the source statements the matcher finds.

Verdicts: verified, paraphrase, altered, misattributed, unverified, vague.

A source is linked only with evidence beyond one cosine (multilingual-e5
scores unrelated statements 0.80-0.86): a statement by the attributed speaker
above `LINK_SAME`, or a near-verbatim statement by anyone above `LINK_ANY`.
The article's words are first aligned to the source span (the run of its
clauses closest to it), then compared on what needs no translator: numbers,
negation, modality, coordinated lists, conditions, and in the same language
the words themselves (difflib opcodes over tokens).

The thresholds come from the seed article's statements only and are a first
calibration, not a measured one.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass, field

from claims.detect.langdata import load_language
from claims.ingest import detect_language

LINK_SAME = 0.83      # a statement by the attributed speaker
LINK_ANY = 0.90       # a statement by anyone: near-verbatim only
PARAPHRASE = 0.93     # same language, different words, same meaning
MARGIN = 0.03         # how far another speaker's statement must beat the attributed speaker's
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"\w+(?:['’]\w+)?")


@dataclass
class Reason:
    type: str            # words, number, negation, modality, qualifier_dropped, entity_changed, speaker
    detail: str
    article_span: tuple[int, int] | None = None
    source_span: tuple[int, int] | None = None


@dataclass
class Verdict:
    verdict: str
    confidence: float
    reasons: list[Reason] = field(default_factory=list)
    source: dict | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        for r in d["reasons"]:
            for key in ("article_span", "source_span"):
                if r[key] is not None:
                    r[key] = list(r[key])
        return d


def _phrases(text: str, phrases: list[str]) -> list[re.Match]:
    if not phrases:
        return []
    clitics = [p for p in phrases if p.startswith(("'", "’", "n't", "n’t"))]  # attach to the word before them
    words = [p for p in phrases if p not in clitics]
    parts = []
    if words:
        parts.append(rf"(?<![\w'’])(?:{'|'.join(re.escape(p) for p in sorted(words, key=len, reverse=True))})(?![\w])")
    if clitics:
        parts.append(rf"(?:{'|'.join(re.escape(p) for p in clitics)})(?![\w])")
    return list(re.finditer("|".join(parts), text, re.IGNORECASE))


def _canonical(text: str, data: dict) -> str:
    """Write every name of the same thing the same way ("United States", "U.S." -> "US"); lengths may change,
    so this is only for comparing words, never for offsets."""
    for group in data.get("equivalents", []):
        for alias in sorted(group[1:], key=len, reverse=True):
            text = re.sub(rf"(?<![\w.]){re.escape(alias)}(?![\w])", group[0], text)
    return text


def _drop(text: str, phrases: list[str]) -> str:
    """Blank out words that contain a marker but are not one ("cần thiết" is "necessary", not "must")."""
    for m in _phrases(text, phrases):
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return text


class Verifier:
    def __init__(self, matcher):
        self.matcher = matcher
        self.data = {lang: load_language(lang)["verify"] for lang in ("vi", "en")}

    def verify(self, attribution: dict) -> Verdict:
        if attribution.get("kind") == "vague" or attribution.get("speaker_type") == "vague":
            return Verdict("vague", 1.0, [Reason("speaker", "the statement names no one in particular")])
        content = attribution["content"]
        candidates = self.matcher.match(content, speaker=attribution.get("speaker") or None, top=5)
        if not candidates:
            return Verdict("unverified", 1.0)
        # candidates come in fused order (meaning, words and speaker together): take the first of each kind
        own = next((c for c in candidates if c.same_speaker), None)
        other = next((c for c in candidates if not c.same_speaker), None)
        linked = None
        if other is not None and other.score >= LINK_ANY and (own is None or other.score - own.score >= MARGIN):
            linked = other  # someone else said it, nearly word for word
        elif own is not None and own.score >= LINK_SAME:
            linked = own
        if linked is None:
            best = max(c.score for c in candidates)
            return Verdict("unverified", round(min(1.0, 0.5 + (LINK_ANY - best) * 5), 2))
        store = self.matcher.store
        full = store.show(linked.statement_id)
        source = {"id": linked.statement_id, "speaker": linked.speaker, "text": full["text"], "date": linked.date,
                  "url": linked.url, "span": list(linked.span)}
        confidence = round(min(1.0, 0.5 + (linked.score - 0.8) * 5), 2)
        if attribution.get("speaker") and not linked.same_speaker:
            return Verdict("misattributed", confidence, [Reason(
                "speaker", f"the words are {linked.speaker}'s, not {attribution['speaker']}'s",
                (attribution.get("speaker_start"), attribution.get("speaker_end"))
                if attribution.get("speaker_start") is not None else None, None)], source)
        base = attribution.get("start", 0)
        # "[The department is] beginning ...": words in square brackets are the editor's, not the speaker's
        said = re.sub(r"\[[^\]]*\]", lambda m: " " * len(m.group()), linked.sentence)
        a_start, a_end = self._align(content, said)
        article = content[a_start:a_end]
        s_offset = linked.span[0]
        lang_a = detect_language(article)
        lang_s = full.get("lang") or detect_language(said)
        reasons = self._compare(article, said, lang_a, lang_s, base + a_start, s_offset)
        if reasons:
            return Verdict("altered", confidence, reasons, source)
        if lang_a == lang_s and linked.score < PARAPHRASE and self._word_ratio(article, said) < 0.9:
            return Verdict("paraphrase", confidence, [], source)
        return Verdict("verified", confidence, [], source)

    # -- alignment

    def _align(self, content: str, source: str) -> tuple[int, int]:
        """The run of the article's clauses closest in meaning to the source span."""
        from claims.nlp.encoder import embed

        cuts = [0] + [m.end() for m in re.finditer(r"[,;.]\s+", content)] + [len(content)]
        spans = [(a, b) for a, b in zip(cuts, cuts[1:]) if content[a:b].strip()]
        if len(spans) <= 1:
            return 0, len(content)
        windows = [(spans[i][0], spans[j][1]) for i in range(len(spans)) for j in range(i, min(len(spans), i + 4))]
        encoder = self.matcher.store._encoder(self.matcher.model)
        vectors = embed(encoder, [content[a:b] for a, b in windows], kind="query")
        target = embed(encoder, [source], kind="passage")[0]
        scores = vectors @ target
        best = max(range(len(windows)), key=lambda i: scores[i])
        a, b = windows[best]
        return a, len(content[:b].rstrip(" ,;.")) if b < len(content) else b

    # -- comparisons

    def _compare(self, article: str, source: str, lang_a: str, lang_s: str, a_off: int, s_off: int) -> list[Reason]:
        da, ds = self.data.get(lang_a, self.data["en"]), self.data.get(lang_s, self.data["en"])
        reasons = []
        na, ns = _NUMBER.findall(article), _NUMBER.findall(source)
        norm = lambda xs: sorted(x.replace(",", "").replace(".", "") for x in xs)  # noqa: E731
        if norm(na) != norm(ns):
            reasons.append(Reason("number", f"numbers {', '.join(na) or 'none'} in the article, "
                                            f"{', '.join(ns) or 'none'} in the source", self._span(article, na, a_off),
                                  self._span(source, ns, s_off)))
        neg_a, neg_s = _phrases(article, da["negators"]), _phrases(source, ds["negators"])
        # within one language every negation is counted; across languages one negation word may cover
        # several verbs ("không tìm cách ... hoặc cản trở" = "not seeking ... and not holding back")
        flipped = len(neg_a) != len(neg_s) if lang_a == lang_s else bool(neg_a) != bool(neg_s)
        if flipped:
            reasons.append(Reason("negation", f"{len(neg_s)} negation(s) in the source, {len(neg_a)} in the article",
                                  (a_off + neg_a[0].start(), a_off + neg_a[0].end()) if neg_a else None,
                                  (s_off + neg_s[0].start(), s_off + neg_s[0].end()) if neg_s else None))
        plain_a = _drop(article, da.get("not_modal", []))
        plain_s = _drop(source, ds.get("not_modal", []))
        mod_a = {k for k, words in da["modality"].items() if _phrases(plain_a, words)}
        mod_s = {k for k, words in ds["modality"].items() if _phrases(plain_s, words)}
        if mod_a != mod_s:
            reasons.append(Reason("modality", f"source {', '.join(sorted(mod_s)) or 'plain'}, article "
                                              f"{', '.join(sorted(mod_a)) or 'plain'}"))
        coord_a, coord_s = _phrases(article, da["coordinators"]), _phrases(source, ds["coordinators"])
        # an item dropped from a list of alternatives narrows or widens the claim ("non-state actors or China or
        # folks" -> "China or other countries"); only a shorter list counts, "and"/"or" wording differs too freely
        if len(coord_s) > len(coord_a) and _phrases(source, ds["coordinators"][:1]):
            reasons.append(Reason("entity_changed", f"a list of {len(coord_s) + 1} in the source "
                                                    f"has {len(coord_a) + 1} items in the article"))
        cond_a, cond_s = _phrases(article, da["conditions"]), _phrases(source, ds["conditions"])
        if cond_s and not cond_a:
            reasons.append(Reason("qualifier_dropped", f"the source's '{cond_s[0].group()}' condition is missing",
                                  None, (s_off + cond_s[0].start(), s_off + cond_s[0].end())))
        if lang_a == lang_s and not reasons:
            canon_a, canon_s = _canonical(article, da), _canonical(source, ds)
            changes = self._word_changes(canon_a, canon_s, a_off, s_off)
            if (canon_a, canon_s) != (article, source):
                for r in changes:  # offsets into rewritten text would point to the wrong words
                    r.article_span = r.source_span = None
            reasons.extend(changes)
        return reasons

    @staticmethod
    def _span(text: str, found: list[str], offset: int) -> tuple[int, int] | None:
        if not found:
            return None
        i = text.find(found[0])
        return offset + i, offset + i + len(found[0])

    @staticmethod
    def _word_ratio(a: str, b: str) -> float:
        wa, wb = [w.lower() for w in _WORD.findall(a)], [w.lower() for w in _WORD.findall(b)]
        return difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).ratio()

    def _word_changes(self, article: str, source: str, a_off: int, s_off: int) -> list[Reason]:
        ta, ts = list(_WORD.finditer(article)), list(_WORD.finditer(source))
        wa, ws = [m.group().lower() for m in ta], [m.group().lower() for m in ts]
        matcher = difflib.SequenceMatcher(a=ws, b=wa, autojunk=False)
        if matcher.ratio() >= 0.97:
            return []
        reasons = []
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            src = (s_off + ts[i1].start(), s_off + ts[i2 - 1].end()) if i2 > i1 else None
            art = (a_off + ta[j1].start(), a_off + ta[j2 - 1].end()) if j2 > j1 else None
            # a capital that only starts the sentence is not a name
            changed = [m.group() for k, m in list(enumerate(ts))[i1:i2] + list(enumerate(ta))[j1:j2] if k > 0]
            if not any(w[:1].isupper() or w[:1].isdigit() for w in changed):
                continue  # other words for the same thing; names and figures are what change a claim
            before, after = " ".join(ws[i1:i2]), " ".join(wa[j1:j2])
            detail = {"replace": f"'{before}' became '{after}'", "delete": f"'{before}' dropped",
                      "insert": f"'{after}' added"}[op]
            reasons.append(Reason("words", detail, art, src))
        return reasons[:5]
