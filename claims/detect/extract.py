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

The rules live by their seam: cues and the preposed layout in claims.detect.cues,
the postposed and interrupted layouts in claims.detect.postposed,
"according to" and vague formulas in claims.detect.according, where a cue's
subject starts in claims.detect.subjects, where its phrase and a name in it end
in claims.detect.subject_phrases, whom sentences name and how mentions resolve
in claims.detect.mentions, the parts of a subject phrase
in claims.detect.appositions, labels and
quotations with no cue in claims.detect.labels, sentence ends and segments
in claims.detect.splits, page furniture in
claims.detect.furniture, statements that run on past their sentence or
paragraph in claims.detect.continuations; this module reads paragraphs and
segments.
"""
from __future__ import annotations

from claims.detect.according import AccordingRules
from claims.detect.appositions import AppositionRules
from claims.detect.compiled import CompiledLanguage
from claims.detect.continuations import ContinuationRules
from claims.detect.cues import CueRules
from claims.detect.labels import LabelRules
from claims.detect.outlets import OutletRules
from claims.detect.postposed import PostposedRules
from claims.detect.mentions import MentionRules
from claims.detect.quotes import find_quotes
from claims.detect.splits import SplitRules
from claims.detect.segment import CLOSING_MARKS, TRAILING, Cue, Segment, consumed_start, dateline_end
from claims.detect.registry import Registry
from claims.detect.speakers import Speaker
from claims.detect.subject_phrases import SubjectPhraseRules
from claims.detect.subjects import SubjectRules
from claims.model import Attribution, Document, Sentence


class Detector(CompiledLanguage, CueRules, PostposedRules, AccordingRules, OutletRules, SubjectRules,
               SubjectPhraseRules, MentionRules, AppositionRules, LabelRules, SplitRules, ContinuationRules):
    """The quote detector of one language: `CompiledLanguage` reads the language's data once, the rules are
    mixins by their seam, and `detect` reads a document paragraph by paragraph."""

    # ------------------------------------------------------------------ document

    def detect(self, doc: Document, parsed: dict[int, list[Sentence]]) -> list[Attribution]:
        """`parsed` maps a paragraph index to its sentences (unique paragraphs only)."""
        registry = Registry(demonstratives=self.demonstratives, epithets=self.epithets,
                            body_nouns=self.body_nouns | self.generic_body_nouns,
                            body_noun_anywhere=self.data.get("body_noun_anywhere_in_name", False),
                            generic_body_nouns=self.generic_body_nouns,
                            post_nouns=frozenset(w.lower() for w in self.data.get("post_nouns", [])),
                            date_words=frozenset(self.date_words), affiliation_words=frozenset(self.affiliation_words),
                            name_articles=frozenset(self.speakers.name_articles),
                            representatives=tuple(r.casefold() for r in self.speakers.representatives))
        self.speakers.document = doc.text
        found: list[Attribution] = []
        previous_last: Speaker | None = None
        pending: Attribution | None = None  # a quotation left open at the end of the previous paragraph
        previous_made: list[Attribution] = []
        # a quotation opened in an earlier paragraph and not closed since: what was made from it, and how many
        # paragraphs it has run over
        still_open: list[Attribution] | None = None
        open_for, open_mark = 0, ""
        for index, paragraph in enumerate(doc.paragraphs):
            if paragraph.duplicate_of is not None or index not in parsed:
                continue
            continued = open_mark if still_open is not None and open_for < self.QUOTE_MOST_PARAGRAPHS else False
            quotes = self._repair_unclosed(doc.text, find_quotes(
                doc.text, paragraph.start, paragraph.end, self.marks, continued=continued, inner_marks=self.inner_marks,
                cues=(self.re_always, self.re_complement_cue)))
            segments = self._segments(parsed[index], quotes, paragraph, index)
            last = self._paragraph(doc.text, segments, registry, previous_last)
            for attribution in registry.made_back:
                if not any(a is attribution for a in found):
                    found.insert(next((k for k, a in enumerate(found) if a.start > attribution.start), len(found)),
                                 attribution)
            registry.made_back = []
            registry.previous_segment = segments[-1] if segments else None
            made = [a for seg in segments for a in seg.attributions]
            if segments and not segments[-1].attributions:
                # "US President Barack Obama tweeted:" and the quotation as the next paragraph
                introducer = self._introducer(doc.text, segments[-1], registry, previous_last)
                if introducer is not None:
                    last = introducer
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
            closing = next((q for q in quotes if q.opened_before), None)
            if closing is not None and still_open:
                made = self._close_across(doc.text, still_open, made, closing, found)
            found.extend(made)
            previous_last, previous_made = last, made
            if open_quote is not None:  # a quotation opens here and is not closed
                still_open, open_for = [a for a in made if a.start >= open_quote.start], 0
                open_mark = doc.text[open_quote.start]
            elif continued and not quotes:  # a paragraph with no mark inside one
                still_open, open_for = still_open + made, open_for + 1
            else:
                still_open, open_for = None, 0
        return found

    QUOTE_MOST_PARAGRAPHS = 12  # a quotation runs over at most this many paragraphs with no mark of their own
    SENTENCE_MOST_CUES = 40  # cues read in one sentence

    # ------------------------------------------------------------------ paragraph

    def _paragraph(self, text: str, segments: list[Segment], registry: Registry,
                   previous_last: Speaker | None) -> Speaker | None:
        last: Speaker | None = None
        last_attr: Attribution | None = None
        continuation: Attribution | None = None
        passing: Speaker | None = None
        for n, seg in enumerate(segments):
            # what "it" in the first sentence may mean; after it, "The report was released. It said …" names no one
            registry.previous_paragraph = previous_last if n == 0 else None
            self._register_titles(text, seg, registry)
            if passing is not None:
                registry.mention(passing)  # after what the sentence before it named as its subject
            passing = self._passing_mention(text, seg)
            made = self._segment(text, seg, registry, last)
            if made:
                seg.attributions.extend(made)
                for attribution in made:
                    speaker = registry.said_by.get(id(attribution))
                    if speaker is not None and attribution.kind not in ("vague",):
                        last = speaker
                if all(a.kind == "according_to" for a in made):
                    # "Saipov, a native of Uzbekistan, demonstrated …, according to court documents": the
                    # person the statement is about is who a later "he" means
                    about = self._sentence_subject(text, seg)
                    if about is not None and about.name not in {a.speaker for a in made}:
                        registry.add(registry.fullest(about))
                last_attr = made[-1]
                continuation = None
                continue
            before = segments[n - 1] if n else registry.previous_segment
            said_back = self._said_so_back(text, seg, before, registry, last) if before is not None else None
            if said_back and not n:
                registry.made_back.extend(a for a in said_back if a.start < seg.start)
            if said_back is not None:
                if said_back:
                    last = registry.said_by.get(id(said_back[-1]), last)
                last_attr, continuation = None, None
                continue
            labelled = self._label_colon(text, seg, registry) if n == 0 else None
            if labelled is not None:
                seg.attributions.append(labelled)
                last_attr, continuation = labelled, None
                continue
            mention = self._sentence_subject(text, seg)
            if mention is not None:
                mention = registry.fullest(mention)
                registry.add(mention)  # "Mr. Ford dismissed …" is Doug Ford, for a later "he"
            for named in self._coordinated_subjects(text, seg):
                registry.add(registry.fullest(named))
            quote_made = self._bare_quotes(text, seg, last or (previous_last if n == 0 else None), registry, mention)
            if not quote_made and self.lang != "en":
                turn = self._turn_after_colon(text, seg, last or (previous_last if n == 0 else None), registry)
                quote_made = [turn] if turn is not None else []
            if quote_made:
                seg.attributions.extend(quote_made)
                last_attr, continuation = quote_made[-1], None
                continue
            if n + 1 < len(segments) and text[segments[n + 1].start:segments[n + 1].end].lstrip()[:1] in self.marks:
                introducer = self._introducer(text, seg, registry, last, before_quotation=True)
                if introducer is not None:
                    last, last_attr, continuation = introducer, None, None
                    continue
            if last_attr is None or last is None:
                continue
            if id(last_attr) in registry.colon or continuation is not None:
                target = continuation if continuation is not None else last_attr
                target.end = self._trim_end(text, seg.start, seg.end)
                target.content = text[target.start:target.end]
                continue
            # "Theo ông Hùng, …. Việc thu phí chỉ áp dụng …": where the language carries a source's words on
            # unmarked, a person's "according to" is carried on too
            carried = ("indirect", "direct", "mixed") + (() if self.continuation_markers else ("according_to",))
            # a request ("urged residents to …") reports an action asked for, which no sentence carries on
            requested = " ".join(last_attr.cue.split()).casefold() in self.addressed_cues
            if last_attr.kind in carried and last.type in ("person", "anonymous") and not requested \
                    and self._may_continue(seg, last_attr):
                continuation = self._attribution(text, seg.start, seg.end, "continuation", "", last)
                if continuation is not None:
                    seg.attributions.append(continuation)
        if passing is not None:
            registry.mention(passing)
        return last

    # ------------------------------------------------------------------ segment

    def _segment(self, text: str, seg: Segment, registry: Registry, last: Speaker | None) -> list[Attribution]:
        # a sentence of news has a few cues; one of hundreds is no prose, and each cue reads the words before it
        cues = self._cues(text, seg)[:self.SENTENCE_MOST_CUES]
        made: list[Attribution] = []
        consumed = seg.start
        current_speaker = None
        reported_by = None  # "According to ABC News, Basya believes …": Basya's statement, as ABC News reports it
        for cue in cues:
            if cue.kind == "according" and self._reported_after(text, seg, cue, made, consumed):
                continue
            if cue.kind in ("according", "vague") and made and made[-1].kind in ("according_to", "vague") \
                    and self._second_source(text, seg, cue):
                continue  # "…, according to shelter workers and according to reports …": one statement, two sources
            if cue.kind == "verb" and self._reporter_after(text, seg, cue, made):
                continue
            if cue.start < consumed and not self._continues(text, consumed_start(made), cue):
                continue
            result = None
            if cue.kind == "according":
                reporter = self._reporter_of_a_report(text, seg, cue, cues)
                if reporter is not None:
                    reported_by = reporter
                    consumed = max(consumed, text.index(",", cue.end) + 1)
                    continue
                result = self._according(text, seg, cue, consumed)
            elif cue.kind == "vague":
                result = self._vague_phrase(text, seg, cue, consumed)
            else:
                result = self._verb_cue(text, seg, cue, consumed, registry, current_speaker or last, made)
            if result is None:
                continue
            attribution, speaker, colon = result
            if cue.kind == "verb":
                self._past_second_cue(text, seg, attribution, cue, cues)
                words = attribution.content.casefold().split()
                if attribution.kind == "indirect" and 0 < len(words) <= 8 and words[0] in self.place_prepositions \
                        and not any(w in self.tense_markers or w in self.modal_words for w in words) \
                        and not any(attribution.start <= t.start < attribution.end and t.upos == "AUX"
                                    for t in seg.tokens):
                    # "Feinstein phát biểu tại phiên họp.": where she spoke, not what she said; "At least 384
                    # people have been killed, officials said" is a clause
                    continue
            if reported_by is not None:
                attribution.outlet = attribution.outlet or reported_by
            reported_by = None
            if speaker is not None:
                speaker = self._resolve(speaker, registry, current_speaker or last)
                if speaker.type == "pronoun:other":
                    continue
                self._set_speaker(attribution, speaker)
                if speaker.type == "vague":
                    attribution.kind = "vague"
            if made and attribution.start < made[-1].end:
                made[-1].end = self._trim_end(text, made[-1].start, self._conjunction_start(text, made[-1], cue))
                made[-1].content = text[made[-1].start:made[-1].end]
                made[-1].kind = self._kind(text, made[-1].start, made[-1].end, seg, made[-1].kind)
            registry.said_by[id(attribution)] = speaker
            if colon and not self._closed_quotation(text, seg, attribution):
                registry.colon.add(id(attribution))
            made.append(attribution)
            consumed = max(consumed, attribution.end)
            if speaker is not None and speaker.type not in ("vague",):
                current_speaker = speaker
                registry.add(speaker)
        self._report_closing(text, made)
        return made

    @staticmethod
    def _closed_quotation(text: str, seg: Segment, attribution: Attribution) -> bool:
        """Whether what a colon introduces is a quotation that closes in its own sentence ('said: "…." The
        reason …'): the statement ends with it, and the sentences after it are not carried on as the colon's."""
        return any(q.closed and not q.opened_before and q.start <= attribution.start <= q.start + 1
                   and q.end <= seg.end and not text[q.end:seg.end].strip(TRAILING) for q in seg.quotes)

    def _second_source(self, text: str, seg: Segment, cue: Cue) -> bool:
        """Whether `cue` is an "according to" joined by a coordinator to the one before it."""
        if self.re_second_according is None:
            return False
        window = max(seg.start, cue.start - 12)
        return any(m.start() < cue.start <= m.end() + 1
                   for m in self.re_second_according.finditer(text, window, min(seg.end, cue.end + 20)))

    def _past_second_cue(self, text: str, seg: Segment, attribution: Attribution, cue: Cue, cues: list[Cue]) -> None:
        """"Ông Ri phát biểu trong phiên họp của Đại hội đồng, cho biết Triều Tiên đã …": where and when the first
        cue was spoken, or only "và", then a second cue: the statement is what the second one introduces."""
        following = next((c for c in cues if c.kind == "verb" and c is not cue
                          and attribution.start <= c.start < attribution.end), None)
        if following is None or attribution.kind not in ("indirect", "mixed"):
            return
        lead = text[attribution.start:following.start]
        joined = lead.strip().casefold() in self.coordinators  # "Ông nói thêm và cho rằng …"
        if not joined and (not lead.rstrip().endswith(",") or len(lead.split()) > 15 or not self._is_adjunct(lead)):
            return
        start = following.end
        m = self.re_complementiser.match(text, start, attribution.end)
        if m:
            start = m.end()
        start += len(text[start:attribution.end]) - len(text[start:attribution.end].lstrip(" ,:"))
        if start >= attribution.end:
            return
        attribution.start = start
        attribution.content = text[start:attribution.end]
        attribution.cue = f"{attribution.cue} … {following.text}"
        attribution.kind = self._kind(text, start, attribution.end, seg, "indirect")

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

    # ------------------------------------------------------------------ building

    def _attribution(self, text, start, end, kind, cue, speaker: Speaker | None, seg: Segment | None = None):
        start, end = self._trim(text, start, end)
        if end <= start:
            return None
        if seg is not None and kind in ("indirect", "according_to", "vague"):
            kind = self._kind(text, start, end, seg, kind)
        if kind == "direct" or (seg is not None and self._fully_quoted(text, start, end, seg)):
            start, end = self._unquote(text, start, end)
            if end <= start:
                return None  # '“ “' after a cue: marks with nothing inside them
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
        while end > start and text[end - 1] in CLOSING_MARKS + "」』›“":
            end -= 1
        return self._trim(text, start, end)

    def _trim(self, text, start, end):
        while start < end and text[start] in " \t\n,;:–—-":
            start += 1
        start = dateline_end(text, start, end)
        return start, self._trim_end(text, start, end)

    def _trim_end(self, text, start, end):
        while end > start and text[end - 1] in " \t\n,;:.–—-!?":
            end -= 1
        # a quotation mark closing right after the last word stays if its opening is inside
        return end
