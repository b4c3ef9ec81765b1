"""Judge an attributed statement against the source statements the matcher finds.

Verdicts: verified, paraphrase, partial, altered, misattributed, unverified, vague.

Which source a quote is linked to, if any, is the link model's decision
(claims.verify.link): the most probable of the matcher's candidates, when its
probability reaches the model's threshold. `claims match` shows the same
probabilities and the same choice.
The article's words are then aligned to the source span (the run of its
clauses closest to it) and compared on what needs no translator: numbers,
negation, modality, coordinated lists, conditions, names, and in the same
language the words themselves (difflib opcodes over tokens). A quote of
several sentences is also judged part by part: a part that says the opposite
of its source sentence makes it `altered`, a part the source does not say
makes it `partial`, never `verified`.
"""
from __future__ import annotations

import re

import numpy as np

from claims.ingest import detect_language
from claims.verify.compare import compare, language_data, word_ratio
from claims.verify.link import STRANGER_BAR
from claims.verify.markers import WORD, blank, lexical_negations, negations, polarity_differs
from claims.verify.verdict import Reason, Verdict
from claims.verify.windows import clause_windows, trimmed

__all__ = ["Reason", "Verdict", "Verifier", "names_agree"]

PARAPHRASE = 0.93     # same language, different words, same meaning
ALIGN_MARGIN = 0.005  # how much closer a part of a quote or source must be than the whole of it
# across languages a clause of a translation is often as close to the source as the whole of it: cut the
# quote only when a part is clearly closer, or a negation in the clause left out goes unseen
ALIGN_MARGIN_CROSS = 0.03
RENDERED_MARGIN = 0.03  # how much closer to a quote the source sentence it renders is than the next
PART_FOUND = 0.86     # a part of a quote this close to a source sentence is found in the source,
PART_SLACK = 0.03     # and so is one nearly as close as the whole quote is to the whole source
OWN_STATEMENT = 0.1   # a candidate of the named speaker this probable is their source, though another's is closer
RELINK_BAR = 0.8      # what another speaker's statement needs, weighed as if no one were named, to make a quote
#                       of a speaker the database knows that links to nothing misattributed


def _parts(text: str) -> list[str]:
    """The sentences of a quote of several, those of four words or more, as the matcher searches them; none
    for a quote of one sentence."""
    from claims.match.query import search_text
    from claims.store import split_sentences

    query = search_text(text)
    sentences = [query[a:b] for a, b in split_sentences(query)]
    return [p for p in sentences if len(WORD.findall(p)) >= 4] if len(sentences) > 1 else []


def _is_vague(attribution: dict) -> bool:
    return attribution.get("kind") == "vague" or attribution.get("speaker_type") == "vague"


def names_agree(a: str, b: str) -> bool:
    """Whether two names can be one person's: every word of the shorter is a word of the longer, in any order
    ("Lin" and "Lin Jian", "Raimondo" and "Gina Raimondo", "Kiếm" and "Lâm Kiếm")."""
    wa, wb = set(WORD.findall(a.casefold())), set(WORD.findall(b.casefold()))
    return bool(wa and wb) and (wa <= wb or wb <= wa)


class Verifier:
    def __init__(self, matcher, link_model=None, cross=None, judge=None):
        from claims.verify.link import default_model

        self.matcher = matcher
        self.link_model = link_model or default_model()
        self.cross = cross  # claims.verify.cross.CrossReader; the bundled one over the default encoder if None
        self.judge = judge  # claims.verify.judge.Judge; the bundled one over the default encoder if None
        self._evidence = None
        self._known: dict[tuple[str, str], np.ndarray] = {}
        self.data = language_data()

    def candidates(self, text: str, speaker: str | None, q: np.ndarray | None = None, top: int | None = None,
                   kind: str | None = None) -> list:
        """The matcher's candidates for `text` (`top` of them, POOL by default), each with its link
        probability, the most probable first; `linked` marks the one the verdict is about. `kind` is the
        detector's (reported speech is linked more loosely to its speaker's own statements). `claims match`
        shows the same list."""
        return self._settle(self._weigh(self._gather(text, speaker, q, top, kind)), top)

    def _weigh(self, gathered: tuple):
        """The link model's probabilities for gathered candidates (claims.verify.link.Weighing), before the
        cross-encoder reads them."""
        from claims.verify.link import weigh

        text, found, speaker, parts, reported = gathered
        return weigh(text, found, speaker, self.matcher.store, self._evidence, self.link_model, parts,
                     reported=reported)

    def _gather(self, text: str, speaker: str | None, q: np.ndarray | None = None, top: int | None = None,
                kind: str | None = None) -> tuple:
        """The matcher's candidates for `text`, and for each of its sentences the candidates realigned to it:
        what `_weigh` weighs."""
        from claims.match.query import search_text
        from claims.nlp.encoder import is_default_encoder
        from claims.verify.cross import reader_for
        from claims.verify.judge import judge_for
        from claims.verify.link import POOL, REPORTED_KINDS, SymmetricEvidence

        if q is None:
            q = self.matcher.embed_queries([text])[0]
        if self._evidence is None:
            encoder = self.matcher.store.encoder(self.matcher.model)
            self._evidence = SymmetricEvidence(encoder)
            if self.cross is None and is_default_encoder(self.matcher.model):
                # its trained layers continue the default encoder's, and mean nothing over another's
                self.cross = reader_for(encoder)
            if self.judge is None and is_default_encoder(self.matcher.model):
                self.judge = judge_for(encoder)
        found = self.matcher.match_vector(q, text, speaker, top=max(top or POOL, POOL))
        # a quote attributed in an article may stitch its sentences from several statements, so each is weighed
        # too, against the span of each statement closest to it. A text attributed to no one (a post, a claim
        # pasted alone) is one claim with comment around it: its sentences alone would link to whatever each
        # of them resembles (CheckThat! 2020 dev MAP@5 0.824 weighed whole, 0.781 with its sentences)
        parts = _parts(text) if speaker or kind else []
        aligned = [self.matcher.realign(found, v) for v in self._embed(parts, "query")] if parts else []
        return search_text(text), found, speaker, list(zip(parts, aligned)), kind in REPORTED_KINDS

    def _settle(self, weighing, top: int | None = None) -> list:
        from claims.verify.link import POOL, settle

        top = top or POOL
        found = settle(weighing, self.link_model, self.cross)
        # the most probable first: the link model weighs more evidence than the fused ranking
        ranked = sorted(found, key=lambda c: -c.p_link)
        linked = [c for c in ranked[top:] if c.linked]
        return ranked[:top - len(linked)] + linked if linked else ranked[:top]

    def candidates_many(self, quotes: list[tuple[str, str | None, str | None]], vectors, top: int | None = None
                        ) -> list[list]:
        """`candidates` for several (text, speaker, kind) quotes with their query vectors, the cross-encoder
        reading all their leading pairs in one pass."""
        gathered = [self._gather(text, speaker, q, top, kind) for (text, speaker, kind), q in zip(quotes, vectors)]
        # the evidence of every quote and candidate span in one pass of the encoder: one call per quote cost
        # 2.0 s on the seed article where one call for all costs 0.6 s
        pairs = []
        for text, found, _, parts, _ in gathered:
            pairs += [(quote, [c.sentence for c in aligned]) for quote, aligned in [(text, found), *parts]]
        self._evidence.prefetch(pairs)
        weighings = [self._weigh(g) for g in gathered]
        if self.cross is not None:
            self.cross.read_ahead(weighings)
        return [self._settle(w, top) for w in weighings]

    def article_candidates(self, quotes: list[tuple[str, str | None, str | None]], vectors,
                           top: int | None = None) -> tuple[list[list], dict[int, int]]:
        """`candidates_many` for the quotes of one article, where no two quotes that say different things keep
        a link to one source sentence (claims.verify.link.one_quote_per_source); also returns {quote that
        gave up its link: the quote that kept it}."""
        from claims.verify.link import one_quote_per_source

        found = self.candidates_many(quotes, vectors, top)
        return found, one_quote_per_source(found, vectors)

    def verify_many(self, attributions: list[dict]) -> list[Verdict]:
        """`verify` for every statement of an article, their queries embedded in one batch and their leading
        candidates read by the cross-encoder in one pass."""
        todo = [i for i, a in enumerate(attributions) if not _is_vague(a)]
        texts = [attributions[i]["content"] for i in todo]
        if not texts or not self.matcher.unit_count():
            return [self.verify(a, []) for a in attributions]
        parts = list(dict.fromkeys(p for text in texts for p in _parts(text)))
        vectors = self.matcher.embed_queries(texts + parts)
        # alignment compares a statement with its source again: its own vector is the one just computed, and so
        # are those of the sentences of a longer one
        self._known = {("query", text): q for text, q in zip(texts + parts, vectors)}
        vectors = vectors[:len(texts)]
        try:
            found, lost = self.article_candidates(
                [(text, attributions[i].get("speaker") or None, attributions[i].get("kind"))
                 for i, text in zip(todo, texts)], vectors)
            candidates = dict(zip(todo, found))
            # a quote that gave its source up to a closer quote is not weighed again as anyone's
            unnamed: dict[int, list] = {todo[k]: [] for k in lost}
            # the second weighing, without the speaker, of every named quote that links to nothing, in one pass
            again = [(i, q) for i, q in zip(todo, vectors) if attributions[i].get("speaker")
                     and candidates[i] and not any(c.linked for c in candidates[i]) and i not in unnamed]
            if again:
                unnamed.update(zip([i for i, _ in again], self.candidates_many(
                    [(attributions[i]["content"], None, attributions[i].get("kind")) for i, _ in again],
                    [q for _, q in again])))
            verdicts = [self.verify(a, candidates.get(i), unnamed.get(i)) for i, a in enumerate(attributions)]
            for k, keeper in lost.items():
                source = next(c.statement_id for c in found[keeper] if c.linked)
                verdicts[todo[k]].reasons.append(Reason(
                    "source", f"its closest source, {source}, is the source of another quote "
                              f"of the article that renders it more closely: '{texts[keeper]}'"))
            return verdicts
        finally:
            self._known = {}

    def verify(self, attribution: dict, candidates: list | None = None, unnamed: list | None = None) -> Verdict:
        """The verdict on one attributed statement; `candidates` are `candidates()`' answer, when known, and
        `unnamed` its answer with no speaker named, when known."""
        if _is_vague(attribution):
            return Verdict("vague", 1.0, [Reason("speaker", "the statement names no one in particular")])
        content = attribution["content"]
        if candidates is None:
            candidates = self.candidates(content, attribution.get("speaker") or None, kind=attribution.get("kind")) \
                if self.matcher.unit_count() else []
        linked = next((c for c in candidates if c.linked), None)
        speaker = attribution.get("speaker")
        if linked is None and speaker and candidates:
            # the link model counts a speaker's own statements as likelier sources, so words of someone else's
            # may stay below its threshold: weighed as if no one were named they may link to their speaker,
            # when the words alone carry it; for a speaker the database does not know, as far as they carry
            # any link to a stranger's statement (STRANGER_BAR)
            bar = RELINK_BAR if self.matcher.store.speaker(speaker) is not None else STRANGER_BAR
            if unnamed is None:
                unnamed = self.candidates(content, None, kind=attribution.get("kind"))
            linked = next((c for c in unnamed if c.linked and c.p_link >= bar and self._wrong_speaker(attribution, c)),
                          None)
        if linked is None:
            best = max((c.p_link for c in candidates), default=0.0)
            return Verdict("unverified", round(1.0 - best, 2))
        if speaker and self._wrong_speaker(attribution, linked):
            # the same words may be on record from two speakers (a spokesman and his embassy): when the named
            # speaker's own statement is a likely source too, the quote is theirs
            linked = next((c for c in candidates if c.same_speaker and c.p_link >= OWN_STATEMENT), linked)
        full = self.matcher.store.show(linked.statement_id)
        source = {"id": linked.statement_id, "speaker": linked.speaker, "text": full["text"], "date": linked.date,
                  "url": linked.url, "span": list(linked.span), "p_link": linked.p_link}
        confidence = round(linked.p_link, 2)
        if speaker and self._wrong_speaker(attribution, linked):
            return Verdict("misattributed", confidence, [Reason(
                "speaker", f"the words are {linked.speaker}'s, not {speaker}'s",
                (attribution.get("speaker_start"), attribution.get("speaker_end"))
                if attribution.get("speaker_start") is not None else None, None)], source)
        return self._judge(attribution, linked, full, source, confidence)

    def _wrong_speaker(self, attribution: dict, linked) -> bool:
        """Someone else said it: the linked statement is another speaker's, and the attributed speaker is named
        (a person or a body, or one the database knows), not merely a shorter form of the source's name."""
        speaker = attribution["speaker"]
        if linked.same_speaker or not linked.speaker or names_agree(speaker, linked.speaker):
            return False
        store = self.matcher.store
        if any(names_agree(speaker, name) for name in store.speaker_names(linked.speaker)):
            return False
        named = attribution.get("speaker_type", "person") in ("person", "organization")
        return named or store.speaker(speaker) is not None

    def _judge(self, attribution: dict, linked, full: dict, source: dict, confidence: float) -> Verdict:
        content = attribution["content"]
        base = attribution.get("start", 0)
        # the matched unit may hold more than the quote takes from it: keep the run of its clauses the quote covers
        n_start, n_end = self._align(linked.sentence, content, query_side=False)
        s_offset = linked.span[0] + n_start
        named = linked.sentence[n_start:n_end]
        # "[The department is] beginning ...": words in square brackets are the editor's, not the speaker's
        said = re.sub(r"\[[^\]]*\]", lambda m: " " * len(m.group()), named)
        lang_s = full.get("lang") or detect_language(said)
        cross = detect_language(content) != lang_s
        a_start, a_end = self._align(content, said, margin=ALIGN_MARGIN_CROSS if cross else ALIGN_MARGIN)
        article = content[a_start:a_end]
        source["span"] = [s_offset, s_offset + len(named)]
        lang_a = detect_language(article)
        parts = self._parts(content, full["text"], base, lang_a, lang_s)
        reasons = compare(article, said, lang_a, lang_s, base + a_start, s_offset, self.data, named,
                                whole=(content, base) if (a_start, a_end) != (0, len(content)) else None)
        if reasons and lang_a != lang_s and self.judge is not None:
            overruled = self.judge.overruled(article, said, lang_a, lang_s, {r.type for r in reasons if r.judged})
            reasons = [r for r in reasons if not (r.judged and r.type in overruled)]
        if not any(r.type == "negation" for r in reasons):
            flipped = self._negated_sentence(content, base, linked.sentence, linked.span[0], lang_a, lang_s)
            if flipped:
                reasons += flipped
                source["span"] = list(flipped[0].source_span)
        contradicted = [p for p in parts if p["status"] == "contradicted"]
        added = [p for p in parts if p["status"] == "added"]
        for p in contradicted:
            if not any(r.type == "negation" and r.article_span and p["span"][0] <= r.article_span[0] < p["span"][1]
                       for r in reasons):
                reasons.append(Reason("contradicted", f"'{p['text']}' says the opposite of the source's "
                                                     f"'{p['source_text']}'", tuple(p["span"]),
                                      tuple(p["source_span"])))
        verdict = None
        if reasons:
            verdict = "altered"
        elif added:
            verdict = "partial"
            reasons = [Reason("added", f"the source does not say '{p['text']}'", tuple(p["span"]), None)
                       for p in added]
        elif lang_a == lang_s and linked.score < PARAPHRASE and word_ratio(article, said) < 0.9:
            verdict = "paraphrase"
        result = Verdict(verdict or "verified", confidence, reasons, source)
        if len(parts) > 1:
            result.parts = parts
        return result

    def _negated_sentence(self, content: str, base: int, unit: str, offset: int, lang_a: str, lang_s: str
                          ) -> list[Reason]:
        """A quote of one sentence that renders one sentence of a source of several, and negates what that
        sentence affirms or the reverse. Compared with the whole source, a negation the quote adds can balance
        one in a sentence it does not render, and the quote's negation draws it toward that sentence: the
        sentence it renders is the one closest to it with its negations taken out, when one stands out."""
        from claims.store import split_sentences

        sentences = [(a, b) for a, b in split_sentences(unit) if len(WORD.findall(unit[a:b])) >= 4]
        if len(sentences) < 2 or len(split_sentences(content)) != 1:
            return []
        da, ds = self.data.get(lang_a, self.data["en"]), self.data.get(lang_s, self.data["en"])
        cross = lang_a != lang_s
        negated = negations(content, da, cross)
        query = self._embed([" ".join(blank(content, negated).split())], "query")[0]
        scores = self._embed([unit[a:b] for a, b in sentences] + [unit], "passage") @ query
        ranked = sorted(range(len(sentences)), key=lambda i: -scores[i])
        first, second = ranked[0], ranked[1]
        if scores[first] - scores[second] < RENDERED_MARGIN or scores[first] < scores[-1] - ALIGN_MARGIN_CROSS:
            return []
        a, b = sentences[first]
        said = unit[a:b]
        denied = negations(said, ds, cross)
        if not polarity_differs(negated, lexical_negations(content, da), denied, lexical_negations(said, ds), said):
            return []
        said_words = ", ".join(m.group() for m in denied) or "none"
        quote_words = ", ".join(m.group() for m in negated) or "none"
        return [Reason("negation", f"negations in the source sentence the quote renders ('{said.strip()}'): "
                                   f"{said_words}; in the article: {quote_words}",
                       (base + negated[0].start(), base + negated[0].end()) if negated else None,
                       (offset + a, offset + b))]

    def _parts(self, content: str, source_text: str, base: int, lang_a: str, lang_s: str) -> list[dict]:
        """A quote of several sentences, part by part: each sentence is `found` in the source (aligned to the
        source sentence closest to it), `contradicted` (found, but one side negates what the other affirms)
        or `added` (the source says nothing like it)."""
        from claims.store import split_sentences

        spans = [(a, b) for a, b in split_sentences(content) if len(WORD.findall(content[a:b])) >= 4]
        if len(spans) < 2:
            return []
        ds = self.data.get(lang_s, self.data["en"])
        sources = clause_windows(source_text, [(a, b) for a, b in split_sentences(source_text)
                                                if source_text[a:b].strip()], coordinators=tuple(ds["coordinators"]))
        vectors = self._embed([content[a:b] for a, b in spans], "query")
        targets = self._embed([source_text[a:b] for a, b in sources], "passage")
        scores = vectors @ targets.T
        whole = float(self._embed([content], "query")[0] @ self._embed([source_text], "passage")[0])
        da = self.data.get(lang_a, self.data["en"])
        cross = lang_a != lang_s
        parts = []
        for (a, b), row in zip(spans, scores):
            j = int(np.argmax(row))
            text, said = content[a:b], source_text[sources[j][0]:sources[j][1]]
            status = "found" if row[j] >= min(PART_FOUND, whole - PART_SLACK) else "added"
            if status == "found" and polarity_differs(negations(text, da, cross), lexical_negations(text, da),
                                                       negations(said, ds, cross),
                                                       lexical_negations(said, ds), said):
                status = "contradicted"
            x, y = trimmed(source_text, *sources[j])
            parts.append({"status": status, "span": [base + a, base + b], "text": text.strip(" ,."),
                          "source_span": [x, y], "source_text": source_text[x:y], "score": round(float(row[j]), 4)})
        return parts

    # -- alignment

    def _align(self, content: str, other: str, query_side: bool = True, margin: float = ALIGN_MARGIN
               ) -> tuple[int, int]:
        """The run of `content`'s parts closest in meaning to `other`; the whole of it unless a shorter run
        is clearly closer, since a quote usually takes a whole clause and a translation reorders words.

        The article's quote is cut into clauses, the source into sentences: a source clause left out of the
        quote is a truncation to judge, not a part to ignore."""
        # a full stop after a capital ("U.S.", "H.R.") ends an abbreviation, not a sentence
        boundary = r"(?:(?<![A-Z])[.?!]|[,;])\s+" if query_side else r"(?<![A-Z])[.?!]\s+"
        cuts = [0] + [m.end() for m in re.finditer(boundary, content)] + [len(content)]
        spans = [(a, b) for a, b in zip(cuts, cuts[1:]) if content[a:b].strip()]
        if len(spans) <= 1:
            return 0, len(content)
        windows = [(spans[i][0], spans[j][1]) for i in range(len(spans)) for j in range(i, min(len(spans), i + 4))]
        if (0, len(content)) not in windows:
            windows.append((0, len(content)))
        kinds = ("query", "passage") if query_side else ("passage", "query")
        vectors = self._embed([content[a:b] for a, b in windows], kinds[0])
        target = self._embed([other], kinds[1])[0]
        scores = vectors @ target
        whole = windows.index((0, len(content)))
        best = max(range(len(windows)), key=lambda i: scores[i])
        if scores[best] - scores[whole] < margin:
            best = whole
        a, b = windows[best]
        return a, len(content[:b].rstrip(" ,;")) if b < len(content) else b

    def _embed(self, texts: list[str], kind: str) -> np.ndarray:
        """Embeddings of `texts`, taking those already computed for this article from `_known`."""
        from claims.nlp.encoder import embed

        missing = [t for t in dict.fromkeys(texts) if (kind, t) not in self._known]
        found = dict(self._known)
        if missing:
            encoder = self.matcher.store.encoder(self.matcher.model)
            found.update(((kind, t), v) for t, v in zip(missing, embed(encoder, missing, kind=kind)))
        return np.stack([found[(kind, t)] for t in texts])
