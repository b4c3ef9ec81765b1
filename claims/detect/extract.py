"""Attributed statements in one document.

The document is read paragraph by paragraph (each repeated paragraph once).
Within a paragraph, sentences are grouped into segments so that no quotation
crosses a segment boundary; each segment is searched for cues (verbs of saying,
"according to", vague formulas) outside quotations. A cue decides the layout:

- preposed:  SPEAKER cue [to OUTLET] [that|:] CONTENT
- postposed: CONTENT, SPEAKER cue.   /   "CONTENT," cue SPEAKER.
- according: according to SOURCE, CONTENT   /   CONTENT, according to SOURCE.

Quotations with no cue of their own belong to the paragraph's last source;
sentences that follow a source's statement in the same paragraph are its
continuation; a colon-introduced statement runs to the end of the paragraph
or the next attribution.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from claims.detect.langdata import load_language
from claims.detect.quotes import Quote, find_quotes
from claims.detect.speakers import Registry, Speaker, SpeakerAnalyser, split_commas
from claims.ingest import HAN as _HAN
from claims.model import Attribution, Document, Sentence, Token
from claims.nlp.pipeline import add_dependencies

_TRAILING = " \t\n,;:.–—-"




def phrase_regex(phrases: list[str]) -> re.Pattern:
    """Whole-word matches of `phrases`; a phrase of Han characters matches anywhere, as Chinese writes no
    spaces between words."""
    alternatives = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    han = [p for p in alternatives if _HAN.match(p)]
    spaced = [p for p in alternatives if not _HAN.match(p)]
    parts = []
    if spaced:
        body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in spaced)
        parts.append(rf"(?<![\w-])(?:{body})(?![\w-])")
    if han:
        parts.append("|".join(re.escape(p) for p in han))
    return re.compile("|".join(parts) or "(?!)", re.IGNORECASE)


@dataclass
class Cue:
    start: int
    end: int
    kind: str        # verb | according | vague
    text: str
    needs_complement: bool = False


@dataclass
class Segment:
    start: int
    end: int
    tokens: list[Token]
    quotes: list[Quote]
    paragraph: int
    attributions: list[Attribution] = field(default_factory=list)
    parsed: list[Sentence] = field(default_factory=list)  # the parser's sentences of the paragraph


class Detector:
    def __init__(self, lang: str):
        self.lang = lang
        self.data = load_language(lang)
        cues = self.data["cues"]
        self.re_always = phrase_regex(cues["always"])
        self.re_complement_cue = phrase_regex(cues["with_complement"])
        self.re_complementiser = re.compile(
            rf"\s*(?:{'|'.join(map(re.escape, cues['complementisers']))})(?![\w-])", re.IGNORECASE)
        # cues that report a clause without a complementiser ("Bà Lan nói bà không đồng ý"), and the words that
        # mark that what follows is a clause, not the verb's object ("nói tiếng Anh rất giỏi")
        self.bare_clause_cues = {c.casefold() for c in cues.get("bare_clause", {}).get("cues", [])}
        self.bare_clause_markers = {m.casefold() for m in cues.get("bare_clause", {}).get("markers", [])}
        # "believed the rumours that were spreading": the marker belongs to a relative clause of the object
        self.bare_clause_relatives = {m.casefold() for m in cues.get("bare_clause", {}).get("relatives", [])}
        self.re_outlet_prep = re.compile(
            rf"\s*(?:{'|'.join(re.escape(p) for p in cues['outlet_prepositions'])})(?![\w-])", re.IGNORECASE)
        self.outlet_nouns = sorted(cues["outlet_nouns"], key=len, reverse=True)
        acc = self.data["according_to"]
        self.re_according = phrase_regex(acc["phrases"])
        self.re_according_trailing = re.compile(
            rf"\s+(?:{'|'.join(map(re.escape, acc['trailing_verbs']))})\s*$", re.IGNORECASE) \
            if acc["trailing_verbs"] else None
        self.not_a_source = {w.lower() for w in acc["not_a_source"]}
        self.re_vague_phrase = phrase_regex(self.data["vague_phrases"])
        self.re_openers = re.compile(
            rf"^\s*(?:(?:{'|'.join(map(re.escape, sorted(self.data['clause_openers'], key=len, reverse=True)))})"
            rf"(?![\w-])[\s,]*)+", re.IGNORECASE)
        trailers = sorted(self.data["subject_trailers"], key=len, reverse=True)
        self.re_trailers = re.compile(
            rf"(?:[\s,]+(?:{'|'.join(map(re.escape, trailers))}))+\s*$", re.IGNORECASE)
        self.re_adverbial = re.compile(
            rf"\s*(?:\d|(?:{'|'.join(map(re.escape, self.data['adverbial_openers']))})(?![\w-]))", re.IGNORECASE)
        # time and place phrases between a cue and its statement; never modal or negating words ("sẽ", "not")
        adjuncts = [t for t in trailers if " " in t and t.split()[0] not in ("đã", "cũng", "has", "had", "not")]
        adjuncts += [w for w in ("yesterday", "today", "earlier", "later", "hôm qua", "hôm nay") if w in trailers]
        self.re_leading_adjuncts = re.compile(
            rf"(?:[\s,]*(?:{'|'.join(map(re.escape, sorted(adjuncts, key=len, reverse=True)))})(?![\w-]))+",
            re.IGNORECASE)
        self.re_trailers_full = re.compile(
            rf"(?:[\s,]+(?:{'|'.join(map(re.escape, trailers))}))+[\s.,]*", re.IGNORECASE)
        self.re_linkers = phrase_regex(self.data.get("clause_linkers", []) or ["\uffff"])
        # a cue word used as a noun ("bài phát biểu", "tuyên bố này", "theo dự báo"): told by the word before
        # or after it
        nouns = self.data["cues"].get("noun_use", {})
        self.cue_noun_before = {w.casefold() for w in nouns.get("before", [])}
        self.cue_noun_after = {w.casefold() for w in nouns.get("after", [])}
        # "X đến Palu và phát biểu", "X arrived and said": the subject of the first predicate is the speaker's
        self.coordinators = {w.casefold() for w in self.data.get("predicate_coordinators", [])}
        self.anonymity = sorted((m.lower() for m in self.data["anonymous_markers"] if len(m.split()) > 1),
                                key=len, reverse=True)
        self.re_outlet_opener = re.compile(
            rf"\s*(?:{'|'.join(map(re.escape, self.data['outlet_openers']))})(?![\w-])", re.IGNORECASE)
        self.conjunctions = sorted(self.data["continuation_conjunctions"], key=len, reverse=True)
        self.speakers = SpeakerAnalyser(lang, self.data)
        self.abbreviations = self.data.get("abbreviations", [])
        self._abbreviations = {a.lower() for a in self.abbreviations}
        self.invertible = {c.lower() for c in self.data["cues"].get("invertible", [])}
        negations = "|".join(map(re.escape, self.data.get("negated_cue_markers", []))) or "\uffff"
        self.re_negated = re.compile(rf"(?<![\w-])(?:{negations})(?:\s+\w+)?\s*$", re.IGNORECASE)
        self.marks = self.data["quotation_marks"]

    # ------------------------------------------------------------------ document

    def detect(self, doc: Document, parsed: dict[int, list[Sentence]]) -> list[Attribution]:
        """`parsed` maps a paragraph index to its sentences (unique paragraphs only)."""
        registry = Registry()
        found: list[Attribution] = []
        previous_last: Speaker | None = None
        pending: Attribution | None = None  # a quotation left open at the end of the previous paragraph
        previous_made: list[Attribution] = []
        for index, paragraph in enumerate(doc.paragraphs):
            if paragraph.duplicate_of is not None or index not in parsed:
                continue
            quotes = self._repair_unclosed(doc.text, find_quotes(doc.text, paragraph.start, paragraph.end, self.marks))
            segments = self._segments(parsed[index], quotes, paragraph, index)
            last = self._paragraph(doc.text, segments, registry, previous_last)
            made = [a for seg in segments for a in seg.attributions]
            if not made and previous_made and not quotes:
                carried = self._first_person_paragraph(doc.text, segments, previous_made[-1], previous_last)
                if carried is not None:
                    made, last = [carried], previous_last
            if pending is not None and made and doc.text[paragraph.start] in self.marks and made[0].speaker:
                # the next paragraph reopens the quotation: its speaker is the speaker of both
                for key in ("speaker", "speaker_type", "role"):
                    setattr(pending, key, getattr(made[0], key))
            pending = None
            open_quote = next((q for q in quotes if not q.closed), None)
            if open_quote is not None and made and not made[-1].speaker and made[-1].start >= open_quote.start:
                pending = made[-1]
            found.extend(made)
            previous_last, previous_made = last, made
        return found

    def _first_person_paragraph(self, text: str, segments: list[Segment], previous: Attribution,
                                speaker: Speaker | None) -> Attribution | None:
        """A paragraph that speaks in the first person with no quotation mark and no cue, right after a
        statement, carries that statement's source on ("Chúng tôi sẽ mở thêm ba nhà máy …" after "Ông Nam cho
        biết …"): a reporter does not write "we". The language names its first-person words (`first_person`)."""
        first_person = {w.casefold() for w in self.data.get("first_person", [])}
        if not first_person or not segments or speaker is None or speaker.name != previous.speaker \
                or previous.speaker_type not in ("person", "anonymous", "organization"):
            return None
        opening = segments[0]
        words = [t.text.casefold() for t in opening.tokens]
        if not any(w in first_person for w in words):
            return None
        body = text[opening.start:segments[-1].end]
        for regex in (self.re_always, self.re_complement_cue):
            for m in regex.finditer(body):
                if ":" in body[m.end():m.end() + 40].split(".")[0]:
                    return None  # "… phát biểu với các phóng viên: 'Tôi …'": someone else's turn
        return self._attribution(text, opening.start, segments[-1].end, "continuation", "", speaker)

    def _repair_unclosed(self, text: str, quotes: list[Quote]) -> list[Quote]:
        """An unclosed quotation that ends in ", said X." closes at that comma."""
        for q in quotes:
            if q.closed:
                continue
            inner = text[q.start:q.end]
            for comma in reversed([m.start() for m in re.finditer(",", inner)]):
                tail = inner[comma + 1:]
                if len(tail.split()) <= 10 and self.re_always.search(tail):
                    q.end = q.start + comma + 1
                    q.closed = True
                    break
        return quotes

    def _segments(self, sentences: list[Sentence], quotes: list[Quote], paragraph, index: int) -> list[Segment]:
        segments: list[Segment] = []
        for sent in self._refine_splits(sentences, quotes):
            start, end = sent.start, sent.end
            if segments and (any(q.start < start < q.end for q in quotes) or self._false_split(segments[-1], sent)):
                segments[-1].end = max(segments[-1].end, end)
                segments[-1].tokens.extend(sent.tokens)
                continue
            segments.append(Segment(start, end, list(sent.tokens), [], index, parsed=sentences))
        if segments:
            segments[0].start = min(segments[0].start, paragraph.start)
            segments[-1].end = max(segments[-1].end, paragraph.end)
        for seg in segments:
            seg.quotes = [q for q in quotes if seg.start <= q.start < seg.end]
        return segments

    _BOUNDARY = re.compile(r"[.!?…][\"”’»]?\s+(?=[\"“‘«]?[A-ZÀ-ỸĐ])")

    def _refine_splits(self, sentences: list[Sentence], quotes: list[Quote]) -> list[Sentence]:
        """Split where the tokenizer missed a sentence end: a full stop, then a capital or an opening quote."""
        refined = []
        for sent in sentences:
            text = "".join(" " * (t.start - sent.tokens[i - 1].end if i else 0) + t.text
                           for i, t in enumerate(sent.tokens)) if sent.tokens else ""
            cuts = []
            for m in self._BOUNDARY.finditer(text):
                pos = sent.start + m.end()
                before = text[:m.start() + 1].split()[-1] if text[:m.start() + 1].split() else ""
                if any(q.start < pos < q.end for q in quotes) or self._is_abbreviation(before):
                    continue
                cuts.append(pos)
            if not cuts:
                refined.append(sent)
                continue
            pieces, current = [], []
            for tok in sent.tokens:
                if cuts and tok.start >= cuts[0] and current:
                    pieces.append(current)
                    current = []
                    while cuts and tok.start >= cuts[0]:
                        cuts.pop(0)
                current.append(tok)
            pieces.append(current)
            for piece in pieces:
                refined.append(Sentence(piece[0].start, piece[-1].end, piece, sent.paragraph))
        return refined

    def _is_abbreviation(self, word: str) -> bool:
        return word.lower() in self._abbreviations or bool(re.fullmatch(r"[A-ZÀ-Ỹ]\.", word))

    def _false_split(self, previous: Segment, sent: Sentence) -> bool:
        """The tokenizer ends sentences after abbreviations ("Rep.", "Dr.") and before lower-case words."""
        if not sent.tokens or not previous.tokens:
            return False
        if sent.tokens[0].text[:1].islower():
            return True
        last = previous.tokens[-1].text
        joined = "".join(t.text for t in previous.tokens[-2:])
        return self._is_abbreviation(last) or self._is_abbreviation(joined)

    # ------------------------------------------------------------------ paragraph

    def _paragraph(self, text: str, segments: list[Segment], registry: Registry,
                   previous_last: Speaker | None) -> Speaker | None:
        last: Speaker | None = None
        last_attr: Attribution | None = None
        continuation: Attribution | None = None
        for n, seg in enumerate(segments):
            self._register_titles(text, seg, registry)
            made = self._segment(text, seg, registry, last)
            if made:
                seg.attributions.extend(made)
                for attribution in made:
                    speaker = registry.said_by.get(id(attribution))
                    if speaker is not None and attribution.kind not in ("vague",):
                        last = speaker
                last_attr = made[-1]
                continuation = None
                continue
            mention = self._sentence_subject(text, seg)
            if mention is not None:
                registry.add(mention)
            quote_made = self._bare_quotes(text, seg, last or (previous_last if n == 0 else None))
            if quote_made:
                seg.attributions.extend(quote_made)
                last_attr, continuation = quote_made[-1], None
                continue
            if last_attr is None or last is None:
                continue
            if id(last_attr) in registry.colon or continuation is not None:
                target = continuation if continuation is not None else last_attr
                target.end = self._trim_end(text, seg.start, seg.end)
                target.content = text[target.start:target.end]
                continue
            if last_attr.kind in ("indirect", "direct", "mixed") and last.type in ("person", "anonymous") \
                    and self._may_continue(seg, last_attr):
                continuation = self._attribution(text, seg.start, seg.end, "continuation", "", last)
                if continuation is not None:
                    seg.attributions.append(continuation)
        return last

    def _may_continue(self, seg: Segment, previous: Attribution) -> bool:
        """Whether a sentence with no cue may carry on the statement before it, by the language's rule
        (`continuation`): an English news sentence after a quotation is the reporter's unless it is itself
        quoted, and after reported speech it carries the speaker's words on in their backshifted mood
        ("It would cost $5 million"); a Vietnamese article carries a source's words on unmarked."""
        rule = self.data.get("continuation")
        if not rule:
            return True
        if previous.kind == "direct" and not rule.get("after_direct", True):
            return False
        markers = {m.casefold() for m in rule.get("markers", [])}
        return not markers or any(t.text.casefold() in markers for t in seg.tokens)

    def _sentence_subject(self, text: str, seg: Segment) -> Speaker | None:
        """A person named at the start of a sentence ("Mercer dismissed the poll.") can be referred to later."""
        tokens = seg.tokens
        comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
        if comma is not None and comma < 6 and self.re_adverbial.match(text[tokens[0].start:tokens[comma].start]):
            tokens = tokens[comma + 1:]  # "Chiều 15/6, Thủ tướng Phạm Minh Chính chủ trì ..."
        words = []
        for tok in tokens:
            if tok.upos in ("VERB", "AUX") or tok.text in (",", ":", ";") or len(words) >= 6:
                break
            if words and words[-1].upos == "PROPN" and tok.upos != "PROPN":
                break  # the subject ends with its name ("Thủ tướng Phạm Minh Chính | chủ trì")
            words.append(tok)
        if not words or not words[0].text[:1].isupper():
            return None
        phrase = text[words[0].start:words[-1].end]
        speaker = self.speakers.classify(phrase, words[0].start, seg.tokens)
        name = self.speakers.person_name(phrase, words[0].start, seg.tokens)[0]
        if not name or not any(t.upos == "PROPN" and name[1] <= t.start < name[2] for t in words):
            return None
        return speaker if speaker.type == "person" else None

    def _register_titles(self, text: str, seg: Segment, registry: Registry) -> None:
        """A quoted title that names a document ("Sắc lệnh hành pháp về ...") is a source that can be referred to."""
        for q in seg.quotes:
            a, b = q.inner
            inner = text[a:b].strip()
            head = self.speakers.classify(inner, a, seg.tokens)
            if head.type == "document":
                registry.add(head)

    # ------------------------------------------------------------------ segment

    def _segment(self, text: str, seg: Segment, registry: Registry, last: Speaker | None) -> list[Attribution]:
        cues = self._cues(text, seg)
        made: list[Attribution] = []
        consumed = seg.start
        current_speaker = None
        for cue in cues:
            if cue.start < consumed and not self._continues(text, consumed_start(made), cue):
                continue
            result = None
            if cue.kind == "according":
                result = self._according(text, seg, cue, consumed)
            elif cue.kind == "vague":
                result = self._vague_phrase(text, seg, cue, consumed)
            else:
                result = self._verb_cue(text, seg, cue, consumed, registry, current_speaker or last, made)
            if result is None:
                continue
            attribution, speaker, colon = result
            if speaker is not None:
                speaker = self._resolve(speaker, registry, current_speaker or last)
                self._set_speaker(attribution, speaker)
                if speaker.type == "vague":
                    attribution.kind = "vague"
            if made and attribution.start < made[-1].end:
                made[-1].end = self._trim_end(text, made[-1].start, self._conjunction_start(text, made[-1], cue))
                made[-1].content = text[made[-1].start:made[-1].end]
                made[-1].kind = self._kind(text, made[-1].start, made[-1].end, seg, made[-1].kind)
            registry.said_by[id(attribution)] = speaker
            if colon:
                registry.colon.add(id(attribution))
            made.append(attribution)
            consumed = max(consumed, attribution.end)
            if speaker is not None and speaker.type not in ("vague",):
                current_speaker = speaker
                registry.add(speaker)
        return made

    def _continues(self, text: str, content_start: int, cue: Cue) -> bool:
        """A second cue inside a statement starts a new one when a conjunction joins them
        ("..., đồng thời nói thêm rằng ...", "..., and added that ...")."""
        before = text[max(content_start, cue.start - 40):cue.start].rstrip().lower()
        return any(before.endswith(c) and (len(before) == len(c) or not before[-len(c) - 1].isalnum())
                   for c in self.conjunctions) and ("," in text[max(content_start, cue.start - 40):cue.start])

    def _conjunction_start(self, text: str, previous: Attribution, cue: Cue) -> int:
        window_start = max(previous.start, cue.start - 40)
        window = text[window_start:cue.start]
        comma = window.rfind(",")
        return window_start + comma if comma >= 0 else cue.start

    def _cues(self, text: str, seg: Segment) -> list[Cue]:
        body = text[seg.start:seg.end]
        inside = [(q.start, q.end) for q in seg.quotes]

        def outside(a: int, b: int) -> bool:
            return not any(qa <= a < qb or qa < b <= qb for qa, qb in inside)

        cues: list[Cue] = []
        for regex, kind, needs in ((self.re_vague_phrase, "vague", False), (self.re_according, "according", False),
                                   (self.re_always, "verb", False), (self.re_complement_cue, "verb", True)):
            for m in regex.finditer(body):
                a, b = m.start() + seg.start, m.end() + seg.start
                if not outside(a, b) or any(c.start <= a < c.end or a <= c.start < b for c in cues):
                    continue
                if kind == "verb" and not self._is_verb(seg.tokens, a, b):
                    continue
                if kind == "verb" and self.re_negated.search(text[max(seg.start, a - 25):a]):
                    continue  # "did not say", "không cho biết": nothing was said
                cues.append(Cue(a, b, kind, text[a:b], needs))
        return sorted(cues, key=lambda c: c.start)

    def _is_verb(self, tokens: list[Token], a: int, b: int) -> bool:
        """English cue words are also nouns ("claims", "notes", "reports"); trust the tagger there. Elsewhere
        the words around the cue tell a noun ("bài phát biểu", "tuyên bố này")."""
        if self.lang != "en":
            before = [t for t in tokens if t.end <= a]
            after = [t for t in tokens if t.start >= b]
            return not ((before and before[-1].text.casefold() in self.cue_noun_before)
                        or (after and after[0].text.casefold() in self.cue_noun_after))
        for tok in tokens:
            if tok.start <= a < tok.end:
                return tok.upos in ("VERB", "AUX") or tok.text.lower() in ("said", "says", "told")
        return True

    # ------------------------------------------------------------------ verb cues

    def _verb_cue(self, text, seg, cue, consumed, registry, fallback, made):
        after = cue.end
        outlet, after = self._outlet(text, after, seg.end, cue, seg.tokens)
        after = self._skip_adjuncts(text, after, seg)
        cue_end = after
        complement = self.re_complementiser.match(text, after, seg.end)
        colon = None
        if complement:
            after = complement.end()
        else:
            colon = self._colon_after(text, after, seg)
            if colon is not None:
                after = colon + 1
        quote_follows = any(q.start >= after and not text[after:q.start].strip(" ,") for q in seg.quotes)
        cue_text_end = after if (complement or colon is not None) else cue_end

        rest = text[after:seg.end]
        left_start = consumed
        postposed = self._postposed(text, seg, cue, after, left_start)
        if postposed is not None:
            return postposed
        if cue.needs_complement and not (complement or colon is not None or quote_follows) \
                and not self._bare_clause(seg, cue, after):
            return None
        if self.lang == "en" and cue.text.lower() in ("told", "tells", "tell") and not (
                complement or colon is not None or quote_follows) and not any(
                after <= t.start < seg.end and t.upos in ("VERB", "AUX") for t in seg.tokens):
            return None  # "told him the truth": a thing told, not a statement reported without "that"

        if not rest.strip(_TRAILING + "”\"’»"):
            return None
        speaker = self._subject(text, left_start, cue.start, seg, registry, fallback, made)
        if speaker is None:
            return None
        attribution = self._attribution(text, after, seg.end, "indirect", text[cue.start:cue_text_end].strip(),
                                        speaker, seg)
        if attribution is None:
            return None
        if colon is not None:
            attribution.kind = "direct"
        attribution.outlet = outlet
        return attribution, speaker, colon is not None

    def _bare_clause(self, seg: Segment, cue: Cue, after: int) -> bool:
        """A clause reported without a complementiser: it opens with its subject (or, for "hứa sẽ …", with a
        marker of tense, mood or negation), has such a marker, and a verb after it."""
        if cue.text.casefold() not in self.bare_clause_cues:
            return False
        before = [t for t in seg.tokens if t.end <= cue.start]
        if before and (before[-1].upos == "DET" or before[-1].text.casefold() in self.bare_clause_relatives):
            return False  # "an estimated 13 per cent", "friends who believe they know": no report
        tokens = [t for t in seg.tokens if after <= t.start < seg.end and t.upos != "PUNCT"]
        clause = []
        for t in tokens:
            if t.text in (",", ";"):
                break
            clause.append(t)
        if len(clause) < 2:
            return False
        first = clause[0]
        opens = first.upos in ("NOUN", "PRON", "PROPN", "NUM", "DET") or first.text.casefold() in self.bare_clause_markers
        marked = [i for i, t in enumerate(clause) if t.text.casefold() in self.bare_clause_markers]
        if not (opens and marked) or any(t.text.casefold() in self.bare_clause_relatives for t in clause[:marked[0]]):
            return False
        return any(t.upos in ("VERB", "AUX", "ADJ", "NOUN", "PROPN", "PRON") for t in clause[marked[0] + 1:]) \
            if self.lang == "en" else any(t.upos in ("VERB", "AUX", "ADJ") for t in clause[marked[0] + 1:])

    def _skip_adjuncts(self, text: str, pos: int, seg: Segment) -> int:
        """ "said on Friday (that) ...", "wrote in a note to clients that ...": the adjunct belongs to the cue."""
        m = self.re_leading_adjuncts.match(text, pos, seg.end)
        if m and m.end() > pos and text[m.end():seg.end].strip():
            return m.end()
        # a prepositional phrase without a verb, then a complementiser
        window = text[pos:min(seg.end, pos + 80)]
        comp = re.search(rf"(?<![\w-])(?:{'|'.join(map(re.escape, self.data['cues']['complementisers']))})(?![\w-])",
                         window, re.IGNORECASE)
        if comp and self.re_adverbial.match(window.lstrip()) and len(window[:comp.start()].split()) <= 8:
            span_end = pos + comp.start()
            if not any(pos <= t.start < span_end and t.upos in ("VERB", "AUX") for t in seg.tokens):
                return span_end
        return pos

    def _outlet(self, text: str, pos: int, limit: int, cue: Cue, tokens: list[Token] = ()) -> tuple[str, int]:
        """"nói với tờ Caijing rằng", "told Reuters that": the medium and the position after it."""
        m = self.re_outlet_prep.match(text, pos, limit)
        if self.lang == "en" and cue.text.lower() in ("told", "tells", "tell"):
            start = pos
        elif m:
            start = m.end()
        else:
            return "", pos
        stop = len(text[start:limit])
        stopped = False
        for word in self.data["cues"]["outlet_stop"] + self.data["cues"]["complementisers"]:
            found = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])" if word[0].isalnum() else re.escape(word),
                              text[start:limit], re.IGNORECASE)
            if found and found.start() < stop:
                stop, stopped = found.start(), True
        told = self.lang == "en" and cue.text.lower() in ("told", "tells", "tell")
        if told:
            stop = min(stop, self._addressee_end(start, limit, tokens) - start)
        span = text[start:start + stop]
        if len(span.split()) > 10:
            return "", pos
        outlet = span.strip()
        low = outlet.lower()
        for noun in self.outlet_nouns:
            if low.startswith(noun + " "):
                outlet = outlet[len(noun):].strip()
                break
        # keep the proper name: "Caijing trụ sở ở Bắc Kinh" -> "Caijing"
        words = outlet.split()
        name = []
        for w in words:
            if w[:1].isupper() or (name and w.lower() in ("of", "the", "de")):
                name.append(w)
            elif name:
                break
        outlet = " ".join(name).strip(" ,")
        if outlet and not stopped and not told:
            # "nói với VnExpress bà sẽ …": no word ends the outlet, so its name does
            return outlet, text.index(outlet, start) + len(outlet)
        return outlet, start + stop

    @staticmethod
    def _addressee_end(start: int, limit: int, tokens: list[Token]) -> int:
        """"told reporters the vaccine was safe": with no "that", the addressee is the noun phrase after "told",
        up to the determiner or pronoun that opens the reported clause."""
        seen_head = False
        for t in (t for t in tokens if start <= t.start < limit):
            if seen_head and t.upos in ("DET", "PRON"):
                return t.start
            if t.upos in ("NOUN", "PROPN") or not seen_head and t.upos not in ("DET", "ADJ", "PUNCT"):
                seen_head = True  # the addressee's head, whatever the tagger calls it ("reporters" as a verb)
            elif t.upos not in ("DET", "ADJ", "PUNCT"):
                break
        return limit

    def _colon_after(self, text: str, pos: int, seg: Segment) -> int | None:
        """A colon soon after the cue ("cho biết trước quy định mới này: ...")."""
        window = text[pos:min(seg.end, pos + 120)]
        i = window.find(":")
        if i < 0 or len(window[:i].split()) > 12:
            return None
        if any(q.start < pos + i < q.end for q in seg.quotes):
            return None
        if not text[pos + i + 1:seg.end].strip():
            return None
        return pos + i

    def _postposed(self, text, seg, cue, after, left_start):
        """CONTENT, SPEAKER said. / "CONTENT," said SPEAKER, a spokesman. / "CONTENT," SPEAKER said on Monday."""
        rest = text[after:seg.end]
        tail = rest.strip(_TRAILING + "”\"’»")
        inverted = None
        if tail and not self._is_adjunct(tail):
            if cue.text.lower() not in self.invertible:
                return None  # "declared a state of emergency": an object, not a speaker
            # inverted: the speaker follows the cue, up to a comma or the end, then only an apposition or adjunct
            parts = split_commas(rest)
            first, remainder = parts[0], ",".join(parts[1:])
            candidate = first.rstrip(_TRAILING + "”\"’»")
            remainder = remainder.strip(_TRAILING)
            if not candidate.strip() or len(candidate.split()) > 10:
                return None
            rem_start = after + rest.find(remainder) if remainder else after
            if remainder and not (self._is_apposition(remainder, rem_start, seg) or self._is_adjunct(remainder)):
                return None
            cand_start = after + rest.find(candidate.strip())
            cand_end = cand_start + len(candidate.strip())
            if any(cand_start <= t.start < cand_end and t.upos in ("VERB", "AUX") for t in seg.tokens):
                return None  # a clause, not a speaker: "said the lanes would hurt ..."
            low = candidate.strip().lower()
            kind = self.speakers.classify(candidate.strip(), cand_start, seg.tokens).type
            if kind == "pronoun:other" or not (candidate.strip()[:1].isupper() or kind != "unknown" or
                                               low.split()[0] in self.data.get("determiners", [])):
                return None
            inverted = (candidate.strip(), after + rest.find(candidate.strip()))
            if remainder and self._is_apposition(remainder, rem_start, seg):
                # "said Jane Doe, the team's coach": the apposition is her role
                whole = rest.strip().rstrip(_TRAILING + "”\"’»")
                inverted = (whole, after + rest.find(whole))
        before = text[left_start:cue.start]
        if inverted:
            speaker_text, speaker_start = inverted
            content_end = cue.start
        else:
            quote = max((q for q in seg.quotes if left_start <= q.start and q.end <= cue.start), default=None,
                        key=lambda q: q.end)
            between = text[quote.end:cue.start] if quote else ""
            if quote and len(between.split()) <= 15 and not any(
                    q.start >= quote.end and q.end <= cue.start for q in seg.quotes if q is not quote):
                speaker_text = between.lstrip(" ,")
                speaker_start = cue.start - len(between) + (len(between) - len(between.lstrip(" ,")))
                content_end = quote.end
            else:
                phrase, phrase_start = self._subject_phrase(before, left_start, seg)
                if not phrase.strip() or not text[left_start:phrase_start].rstrip().endswith(","):
                    return None
                speaker_text, speaker_start = phrase, phrase_start
                content_end = phrase_start
        if not text[left_start:content_end].strip(_TRAILING + "“”\"‘’«»"):
            return None
        head, head_start = self._subject_phrase(speaker_text, speaker_start, seg)
        if not head.strip():
            return None
        speaker = self.speakers.classify(head, head_start, seg.tokens)
        if speaker.type == "pronoun:other" or (speaker.type == "unknown" and not head.strip()[:1].isupper()):
            return None
        attribution = self._attribution(text, left_start, content_end, "indirect", cue.text, speaker, seg)
        if attribution is None:
            return None
        return attribution, speaker, False

    def _is_adjunct(self, text: str) -> bool:
        """"on Monday", "in a statement", "tại buổi họp báo": what may follow a postposed cue."""
        low = text.strip().lower()
        return bool(self.re_adverbial.match(low) or self.re_trailers_full.fullmatch(" " + low))

    # ------------------------------------------------------------------ subjects

    def _subject(self, text, left_start, cue_start, seg, registry, fallback, made) -> Speaker | None:
        span = text[left_start:cue_start]
        # an earlier clause of the same sentence is not part of the subject
        if made:
            span_start = made[-1].end
        else:
            span_start = left_start
        span = text[span_start:cue_start]
        head, head_start = self._subject_phrase(span, span_start, seg)
        dep = self._dependency_subject(text, span_start, cue_start, seg) if len(head.split()) > 6 else None
        if dep is not None and head.strip() and dep[1] > head_start and len(dep[0]) < len(head) \
                and dep[0][:1].isalnum():
            # the parser found the verb's own subject inside a longer clause ("Apple shares fell after the
            # company warned that ...": the company)
            head, head_start = dep
        if not head.strip():
            if fallback is not None:
                return Speaker(fallback.name, "", cue_start, cue_start, fallback.type, fallback.role)
            return None
        if self.lang == "en":
            head, head_start = self._trailing_noun_phrase(text, head, head_start, seg)
        speaker = self.speakers.classify(head, head_start, seg.tokens)
        if speaker.type == "pronoun:other":
            return None  # "who asked not to be named", "it said": not a source
        if speaker.type == "unknown":
            # "Hoa Kỳ một lần nữa nâng cấp lệnh cấm, tuyên bố ...": the subject ends where its own verb starts
            verb = next((t for t in seg.tokens if head_start < t.start < head_start + len(head)
                         and t.upos == "VERB"), None)
            if verb is not None:
                cut = self.re_trailers.sub("", text[head_start:verb.start]).strip()
                # a determiner alone is no subject ("The Associated Press": "Associated" tagged a verb)
                if cut and cut.casefold() not in self.speakers.determiners | self.speakers.name_articles:
                    speaker = self.speakers.classify(cut, head_start, seg.tokens)
        if speaker.type == "unknown" and not head.strip()[:1].isupper():
            return None  # a verb phrase or clause, not a source ("được thành lập để thông báo ...")
        return speaker

    def _first_predicate_subject(self, head: str, start: int, seg: Segment) -> str:
        """A phrase that ends with a coordinator before the cue ("Tổng thống Joko Widodo đến Palu vào chủ nhật
        và phát biểu") holds a first predicate: the subject ends where its verb, or a marker of tense before
        it, starts."""
        words = head.rstrip(" ,").split()
        if len(words) < 3 or words[-1].casefold() not in self.coordinators:
            return head
        trailers = {w.casefold() for w in self.data["subject_trailers"] if " " not in w}
        inside = set(self.data.get("subject_prepositions", []))  # "Giám đốc của công ty": still the subject
        for t in seg.tokens:
            if start < t.start < start + len(head) and t.text.casefold() not in inside and (
                    t.upos in ("VERB", "AUX", "ADP") or t.text.casefold() in trailers):
                cut = head[:t.start - start].rstrip(" ,")
                return cut if cut else head
        return head

    _NP_TAGS = {"DET", "NOUN", "PROPN", "ADJ", "NUM", "PRON", "PART"}

    def _trailing_noun_phrase(self, text: str, head: str, start: int, seg: Segment) -> tuple[str, int]:
        """English subjects are head-final: when a long phrase holds a clause linker ("Apple shares fell 4%
        on Thursday after the company warned"), the subject is the noun phrase after the last linker."""
        if "," in head or len(head.split()) <= 6:
            return head, start
        linkers = [m for m in self.re_linkers.finditer(head)]
        if not linkers:
            return head, start
        cut = linkers[-1].end()
        rest = head[cut:].strip()
        if not rest or len(rest.split()) > 6:
            return head, start
        return rest, start + head.index(rest, cut)

    def _dependency_subject(self, text: str, left: int, cue_start: int, seg: Segment) -> tuple[str, int] | None:
        """The subtree of the cue verb's nsubj, when it lies before the cue."""
        parsed = next((s for s in seg.parsed if s.start <= cue_start < s.end), None)
        if parsed is None:
            return None
        if parsed.tokens and parsed.tokens[0].head is None:
            # parsed here, the first time it is needed: a few sentences of an article are, of all of them
            add_dependencies([parsed], self.lang)
        sentence = parsed.tokens
        cue_index = next((i for i, t in enumerate(sentence) if t.start <= cue_start < t.end), None)
        if cue_index is None:
            return None
        subjects = [i for i, t in enumerate(sentence) if t.head == cue_index + 1 and t.deprel.startswith("nsubj")]
        if not subjects:
            return None
        members = {subjects[0]}
        changed = True
        while changed:
            changed = False
            for i, t in enumerate(sentence):
                if i not in members and t.head - 1 in members:
                    members.add(i)
                    changed = True
        lo, hi = min(members), max(members)
        if hi >= cue_index or sentence[lo].start < left or hi - lo + 1 != len(members):
            return None
        if not any(sentence[i].upos in ("NOUN", "PROPN", "PRON", "NUM") for i in members):
            return None
        return text[sentence[lo].start:sentence[hi].end], sentence[lo].start

    def _subject_phrase(self, span: str, start: int, seg: Segment) -> tuple[str, int]:
        """The subject is the last comma part before the cue, with its appositions."""
        parts, offsets, pos = [], [], 0
        for part in split_commas(span):
            parts.append(part)
            offsets.append(pos)
            pos += len(part) + 1
        k = len(parts) - 1
        # drop trailing parts that hold only adverbs ("Some scientists, however, say")
        while k > 0 and not self._strip_openers_trailers(parts[k]).strip():
            k -= 1
        last = k
        # "X, a spokesman for Y, said": step back over appositions, but not onto an adverbial ("On Monday,")
        while k > 0 and (self._is_apposition(parts[k], start + offsets[k], seg) or self._lowercase_role(
                parts[k], parts[k - 1], start + offsets[k - 1], seg)) and self._can_head(
                parts[k - 1], start + offsets[k - 1], seg):
            if self._bare_title(parts[k]) and not self.speakers.person_name(
                    parts[k - 1].strip(), start + offsets[k - 1], seg.tokens)[0]:
                break  # "Phát biểu tại cuộc họp, Thủ tướng nhấn mạnh": the title is the subject
            k -= 1
        phrase = ",".join(parts[k:last + 1])
        phrase_start = start + offsets[k]
        opener = self.re_openers.match(phrase)
        if opener:
            phrase_start += opener.end()
            phrase = phrase[opener.end():]
        phrase = self.re_trailers.sub("", phrase)
        phrase = self._strip_adverbs(phrase, phrase_start, seg.tokens)
        lead = len(phrase) - len(phrase.lstrip())
        phrase, phrase_start = phrase.strip(), phrase_start + lead
        phrase = self._first_predicate_subject(phrase, phrase_start, seg)
        if len(split_commas(phrase)[0].split()) > 14 or len(phrase.split()) > 50:
            return "", phrase_start  # too long to be a subject: the cue is inside a clause
        return phrase, phrase_start

    def _lowercase_role(self, part: str, previous: str, previous_start: int, seg: Segment) -> bool:
        """After a named person, a part in lower case describes them ("Bà Lê Thị Mai, chủ một cây xăng ở quận
        Hoàng Mai, chia sẻ"): a new subject would start with a capital or a title."""
        stripped = part.strip()
        return bool(stripped) and stripped[0].islower() and self._strip_openers_trailers(part) != "" and bool(
            self.speakers.person_name(previous.strip(), previous_start + len(previous) - len(previous.lstrip()),
                                      seg.tokens)[0])

    def _bare_title(self, part: str) -> bool:
        stripped = part.strip()
        return self.speakers._is_title_led(stripped) and not self._starts_apposition(stripped)

    def _strip_openers_trailers(self, part: str) -> str:
        opener = self.re_openers.match(part)
        if opener:
            part = part[opener.end():]
        return self.re_trailers.sub("", " " + part).strip()

    def _can_head(self, part: str, start: int, seg: Segment) -> bool:
        """A part that can carry an apposition: a short noun phrase, not a clause or an adverbial."""
        stripped = self._strip_openers_trailers(part)
        if not stripped or self.re_adverbial.match(stripped) or self.re_outlet_opener.match(stripped):
            return False
        if len(stripped.split()) > 12:
            return False
        end = start + len(part)
        inside = [t for t in seg.tokens if start <= t.start < end]
        if inside and not any(t.upos in ("NOUN", "PROPN", "PRON", "NUM", "X") for t in inside):
            return False  # "Somehow, the council said,": a capitalised adverb is no name to describe
        verbs = [t for t in inside if t.upos in ("VERB", "AUX")]
        return not verbs or bool(self.speakers.person_name(stripped, start, seg.tokens)[0])

    def _is_apposition(self, part: str, start: int, seg: Segment) -> bool:
        """An apposition or a participle phrase about the subject: "a spokesman for Y", "chuyên gia tài chính",
        "đề nghị giấu tên", "published on Thursday by ...". A part with a name of its own is a subject."""
        stripped = part.strip()
        if not stripped:
            return False
        if self._starts_apposition(stripped):
            return True
        low = stripped.lower()
        if any(low.startswith(m) for m in self.anonymity):
            return True
        has_name = bool(self.speakers.person_name(stripped, start, seg.tokens)[0])
        if self.speakers._is_title_led(stripped) and not has_name:
            return True
        core = self.speakers._core(low)
        if self.lang == "en" and not has_name and (self.speakers._is_title_led(core) or
                                                    self.speakers._head_noun(core) in self.speakers.titles):
            return True  # "Meta's president of global affairs", "the company's chief executive"
        first = next((t for t in seg.tokens if t.start >= start + (len(part) - len(part.lstrip()))), None)
        return bool(first and first.upos == "VERB" and first.xpos in ("VBN", "VBG") and not has_name)

    def _starts_apposition(self, part: str) -> bool:
        low = part.strip().lower()
        return any(low.startswith(o + " ") for o in self.data["apposition_openers"]) and not low.startswith(
            tuple(p + " " for p in self.data["pronouns"]["person"]))

    def _strip_adverbs(self, phrase: str, start: int, tokens: list[Token]) -> str:
        """Drop adverbs and auxiliaries the tagger finds right before the cue ("đã", "has also")."""
        end = start + len(phrase.rstrip())
        for tok in reversed(tokens):
            if tok.end > end or tok.start < start:
                continue
            if tok.end == end and tok.upos in ("ADV", "AUX", "PART") and tok.start > start:
                end = tok.start
                while end > start and phrase[end - start - 1].isspace():
                    end -= 1
            elif tok.end <= end:
                break
        return phrase[:end - start]

    def _resolve(self, speaker: Speaker, registry: Registry, fallback: Speaker | None) -> Speaker:
        if speaker.type.startswith("pronoun:"):
            kind = speaker.type.split(":", 1)[1]
            antecedent = registry.antecedent(kind) or (fallback if kind not in ("document", "other") else None)
            if antecedent is None:
                # "the company" with no company named before it is still an organisation
                speaker.type = kind if kind in ("organization", "document", "group") else "unknown"
                return speaker
            return Speaker(antecedent.name, speaker.mention, speaker.start, speaker.end, antecedent.type,
                           antecedent.role)
        return registry.fullest(speaker)

    # ------------------------------------------------------------------ according to / vague

    def _according(self, text, seg, cue, consumed):
        before = text[max(consumed, seg.start):cue.start]
        after_text = text[cue.end:seg.end]
        opening = not before.strip(" ,\"“") or self.re_openers.fullmatch(before.strip() + " ") is not None
        comma = after_text.find(",")
        # "Theo ông Thường, Giám đốc Sở, việc cấm ...": the apposition belongs to the source
        while opening and comma > 0:
            following = after_text.find(",", comma + 1)
            part = after_text[comma + 1:following] if following > 0 else ""
            if following > 0 and len(part.split()) <= 8 and self._is_apposition(part, cue.end + comma + 1, seg):
                comma = following
            else:
                break
        if opening and comma > 0:
            source_text = after_text[:comma]
            source_start = cue.end
            content_start, content_end = cue.end + comma + 1, seg.end
            cue_text = text[cue.start:cue.end + comma + 1]
        elif before.rstrip().endswith(",") and after_text.strip():
            source_text = after_text.rstrip(_TRAILING)
            source_start = cue.end
            content_start, content_end = max(consumed, seg.start), cue.start
            cue_text = text[cue.start:seg.end].rstrip(_TRAILING)
        else:
            return None
        trimmed = self.re_according_trailing.sub("", source_text) if self.re_according_trailing else source_text
        if not trimmed.strip() or len(trimmed.split()) > 12:
            return None
        first = trimmed.strip().split()[0].lower()
        if first in self.not_a_source or trimmed.strip().lower() in self.not_a_source:
            return None
        lead = len(trimmed) - len(trimmed.lstrip())
        speaker = self.speakers.classify(trimmed.strip(), source_start + lead, seg.tokens)
        if speaker.type == "unknown" and not trimmed.strip()[:1].isupper():
            return None
        kind = "vague" if speaker.type == "vague" else "according_to"
        attribution = self._attribution(text, content_start, content_end, kind, cue_text.strip(" ,"), speaker, seg)
        if attribution is None:
            return None
        return attribution, speaker, False

    def _vague_phrase(self, text, seg, cue, consumed):
        content_start = cue.end
        if not text[content_start:seg.end].strip(_TRAILING):
            content_start = max(consumed, seg.start)
        speaker = Speaker(name="", mention=cue.text, start=cue.start, end=cue.end, type="vague")
        for phrase in sorted(self.data["vague_sources"], key=len, reverse=True):
            m = re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", cue.text, re.IGNORECASE)
            if m:
                speaker.name = speaker.mention = m.group()
                speaker.start, speaker.end = cue.start + m.start(), cue.start + m.end()
                break
        if not speaker.name:
            # "It is widely believed that": the formula itself is the (vague) source
            phrase = re.sub(r"\s+(?:that|rằng)$", "", cue.text.strip(), flags=re.IGNORECASE)
            speaker.name = speaker.mention = phrase
            speaker.end = cue.start + len(phrase)
        attribution = self._attribution(text, content_start, seg.end, "vague", cue.text, speaker, seg)
        if attribution is None:
            return None
        return attribution, speaker, False

    # ------------------------------------------------------------------ bare quotations

    def _bare_quotes(self, text: str, seg: Segment, last: Speaker | None) -> list[Attribution]:
        made = []
        words_in_seg = len(text[seg.start:seg.end].split())
        for q in seg.quotes:
            a, b = q.inner
            inner = text[a:b]
            words = len(inner.split())
            if words < 4:
                continue
            before = text[seg.start:q.start].rstrip()
            after = text[q.end:seg.end].strip(_TRAILING + "”\"’»")
            whole = words >= 0.6 * words_in_seg
            closing = not after and (before.endswith((",", ":")) or not before)
            if not (whole or closing):
                continue
            if self.speakers.classify(inner.strip(), a, seg.tokens).type == "document":
                continue
            speaker = last or Speaker(name="", mention="", start=q.start, end=q.start, type="unknown")
            attribution = self._attribution(text, a, b, "direct", "", speaker, seg)
            if attribution is not None:
                if last is None:
                    attribution.speaker_start = attribution.speaker_end = None
                made.append(attribution)
        return made

    # ------------------------------------------------------------------ building

    def _attribution(self, text, start, end, kind, cue, speaker: Speaker | None, seg: Segment | None = None):
        start, end = self._trim(text, start, end)
        if end <= start:
            return None
        if seg is not None and kind in ("indirect", "according_to", "vague"):
            kind = self._kind(text, start, end, seg, kind)
        if kind == "direct" or (seg is not None and self._fully_quoted(text, start, end, seg)):
            start, end = self._unquote(text, start, end)
            if kind != "continuation":
                kind = "direct" if kind in ("indirect", "direct") else kind
        attribution = Attribution(content=text[start:end], start=start, end=end, kind=kind, cue=cue)
        if speaker is not None:
            self._set_speaker(attribution, speaker)
        return attribution

    @staticmethod
    def _set_speaker(attribution: Attribution, speaker: Speaker) -> None:
        attribution.speaker = speaker.name
        attribution.speaker_mention = speaker.mention
        attribution.speaker_start = speaker.start if speaker.mention else None
        attribution.speaker_end = speaker.end if speaker.mention else None
        attribution.speaker_type = speaker.type if not speaker.type.startswith("pronoun") else "unknown"
        attribution.role = speaker.role

    def _kind(self, text, start, end, seg, kind):
        if kind != "indirect":
            return kind
        has_quote = any(start <= q.start < end for q in seg.quotes)
        if not has_quote:
            return "indirect"
        return "direct" if self._fully_quoted(text, start, end, seg) else "mixed"

    def _fully_quoted(self, text, start, end, seg) -> bool:
        for q in seg.quotes:
            if q.start <= start and q.end >= end - 0:
                return True
            if abs(q.start - start) <= 1 and q.end >= end - 1:
                return True
        return False

    def _unquote(self, text, start, end):
        if start < end and text[start] in self.marks:
            start += 1
        while end > start and text[end - 1] in "”\"’»」』›“":
            end -= 1
        return self._trim(text, start, end)

    def _trim(self, text, start, end):
        while start < end and text[start] in " \t\n,;:–—-":
            start += 1
        return start, self._trim_end(text, start, end)

    def _trim_end(self, text, start, end):
        while end > start and text[end - 1] in " \t\n,;:.–—-!?":
            end -= 1
        # a quotation mark closing right after the last word stays if its opening is inside
        return end


def consumed_start(made: list[Attribution]) -> int:
    return made[-1].start if made else 0
