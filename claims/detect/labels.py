"""Statements with no cue: a source named as a label before a colon ("Bộ trưởng Y tế: Sẽ tăng lương …", a turn of
a dialogue), and quotations that stand alone or are followed by their speaker with any verb. A mixin of
claims.detect.extract.Detector, whose language data
claims.detect.compiled compiles."""
from __future__ import annotations

import re

from claims.detect.registry import Registry
from claims.detect.segment import CLOSING_MARKS, TRAILING, Segment
from claims.detect.speakers import Speaker
from claims.model import Attribution


# a spaced dash, a phrase with no sentence end or dash, a spaced dash: "… - ông kể - …"
_COLON_DASH = re.compile(r":\s+[-–—]\s+(?=\w)")  # a colon, then a dash that opens a turn of speech
_DASHED_CUE = re.compile(r"\s[-–—]\s([^-–—.!?:;\"“”]{2,80}?)\s[-–—]\s")


class LabelRules:
    LABEL_MOST_WORDS = 8

    def _label_colon(self, text: str, seg: Segment, registry: Registry) -> Attribution | None:
        """"Bộ trưởng Y tế: Sẽ tăng lương …", "Raimondo: 'We can't let China get these chips'": a paragraph that
        opens with a named source and a colon, with no cue, gives that source's words (a headline's habit, where
        the language has it: `source_labels`). A turn of a dialogue ('Rogers: "It's a Geiger Counter …"', a
        label of up to four words that names a person, a body or a document, and a quotation that fills the rest
        of the paragraph) gives its speaker's words in every language."""
        body = text[seg.start:seg.end]
        m = re.match(r"\s*([^,:;.!?\"“”«»]{2,80}?)\s*:\s+(?=\S)", body)
        described = None if m else self._described_label(body, seg)
        if described is not None:
            m = described
        if not m or len(m.group(1).split(",")[0].split()) > self.LABEL_MOST_WORDS:
            return None
        label = m.group(1)
        if label.casefold() in self.transcript_questions:
            return None
        turn = self._dialogue_turn(text, seg, seg.start + m.end()) and len(label.split()) <= self.TURN_MOST_WORDS
        if not (self.source_labels or turn):
            return None
        start = seg.start + m.start(1)
        inside = [t for t in seg.tokens if start <= t.start < start + len(label)]
        owner = self._owner_of_words(text, seg, start, seg.start + m.end())
        if owner is None and any(t.upos in ("VERB", "AUX") for t in inside) \
                and not self.speakers._is_title_led(label.lower()):
            return None
        if not (label[:1].isupper() or self.speakers._is_title_led(label.lower())):
            return None
        if described is None:
            # "Ông Đoàn lại lo lắng:": the adverbs between the subject and its predicate are neither's
            label = self.re_trailers.sub("", self._label_subject(label, start, inside)).strip() or label
        speaker = owner or self.speakers.classify(label, start, seg.tokens)
        if speaker.type not in ("person", "organization", "document") or speaker.place or \
                " ".join(label.lower().split()) in self.speakers.places:
            return None  # "Hà Nội: Một người chết …": a place before a colon says where, not who
        if speaker.type == "person" and not (turn or self._named_person_label(label, start, seg)):
            return None
        content_start = seg.start + m.end()
        if len(text[content_start:seg.end].split()) < 3:
            return None
        said = [t for t in seg.tokens if t.start >= content_start and t.upos != "PUNCT"]
        if not any(q.start >= content_start for q in seg.quotes) and \
                sum(t.upos not in ("PROPN", "NUM", "X", "SYM") for t in said) <= 1:
            return None  # "Giám đốc: Nguyễn Hữu Vinh - mobile: 903404554": a name and a number, a label's value
        speaker = self._resolve(speaker, registry, None)
        attribution = self._attribution(text, content_start, seg.end, "indirect", ":", speaker, seg)
        if attribution is None:
            return None
        registry.said_by[id(attribution)] = speaker
        registry.add(speaker)
        return attribution

    def _described_label(self, body: str, seg: Segment):
        """"Ông Phạm Xuân Ái, trưởng ban kinh tế - ngân sách HĐND TP. HCM: …": a label that names a person and
        describes them after a comma, with a title, before its colon; the match's first group is the whole label."""
        m = re.match(r"\s*([^,:;.!?\"“”«»]{2,60}?,\s*([^,:;!?\"“”«»]{2,80}?))\s*:\s+(?=\S)", body)
        if m is None or not self.speakers._is_title_led(m.group(2).strip().lower()):
            return None
        head = m.group(1).split(",")[0].strip()
        return m if self._named_person_label(head, seg.start + m.start(1), seg) else None

    def _label_subject(self, label: str, start: int, tokens: list) -> str:
        """"Ông Ngọ lúng túng: "…"", "Phó chủ tịch Mai Quốc Bình than: "…"": a label with a predicate after its
        subject names the subject; it ends before the first verb or adjective that is no title, after any
        capitalised syllables the tagger joined to that word ("Bộ trưởng Mai Ái Trực tiếp lời")"""
        verb = next((t for t in tokens[1:] if self._predicate_word(t, ("VERB", "ADJ", "AUX"))), None)
        if verb is None:
            return label
        end = verb.start
        for syllable in re.finditer(r"\S+", verb.text):
            if not syllable.group()[:1].isupper():
                break
            end = verb.start + syllable.end()
        subject = label[:end - start].rstrip()
        return subject if subject else label

    def _titled_pronoun(self, before: str, at: int, seg: Segment) -> Speaker | None:
        """"Ông trưởng thôn an cư đông 1 lại lo lắng:": a Vietnamese form of address with a title or a person's
        noun after it names that person; the phrase ends before the predicate (a title the tagger took for a
        verb is still the phrase's) and the adverbs before it."""
        if self.lang == "en":
            return None
        end = seg.start + len(before)
        tokens = [t for t in seg.tokens if at <= t.start < end]
        if len(tokens) < 2 or tokens[1].text.casefold() not in self.listed_nouns:
            return None
        predicate = ("VERB", "AUX", "ADJ", "PUNCT")
        stop = next((k for k, t in enumerate(tokens[1:], 1) if self._predicate_word(t, predicate)), len(tokens))
        while stop > 2 and tokens[stop - 1].upos == "ADV":
            stop -= 1
        phrase = before[at - seg.start:tokens[stop - 1].end - seg.start]
        speaker = self.speakers.classify(phrase, at, seg.tokens)
        return speaker if speaker.type in ("person", "anonymous") else None

    TURN_MOST_WORDS = 4  # the most words of a dialogue's speaker label ("Người đàn ông", "Rogers")

    @staticmethod
    def _dialogue_turn(text: str, seg: Segment, content_start: int) -> bool:
        """Whether the paragraph goes on, after its label's colon, with a quotation that fills the rest of it."""
        return any(q.start == content_start and not text[q.end:seg.end].strip(TRAILING + "!?") for q in seg.quotes)

    def _named_person_label(self, label: str, start: int, seg: Segment) -> bool:
        """A label that names a person by a title, a family name first ("Nguyễn Văn A", not "Nghệ An") or a
        person the tagger found; a province or a place alone is no speaker."""
        if self.speakers._is_title_led(label.lower()):
            return True
        name = self.speakers.person_name(label, start, seg.tokens)[0]
        if name is None:
            return False
        if self.speakers.family_names:
            return name[0].split()[0] in self.speakers.family_names
        return any(t.ner.endswith("PER") for t in seg.tokens if name[1] <= t.start < name[2])

    COLON_SUBJECT_MOST_WORDS = 6  # the most words of the subject of a clause that introduces a quotation

    def _colon_clause_subject(self, before: str, clause_start: int, seg: Segment) -> Speaker | None:
        """The subject of the clause that ends with the colon before a quotation, when it names who may speak (a
        person, a group, a body, a vague or unnamed source) and a predicate follows it."""
        # past a marker of tense ("đã giục tới tấp:"), the clause's first word
        first = next((t for t in seg.tokens if t.start >= seg.start + clause_start and t.upos != "PUNCT"
                      and t.text.casefold() not in self.single_word_trailers), None)
        shared = bool(clause_start and first is not None and first.upos == "VERB")
        if shared:
            # "Bà Lan xắn tay áo, khoe: "…"": a predicate with no subject of its own shares the sentence's first
            clause_start = 0
        clause = before[clause_start:-1]
        if clause_start == 0 and "," in clause:
            clause = clause[:clause.index(",")]
        topic = self.re_topic_marker.search(clause) if self.re_topic_marker is not None else None
        if topic is not None and clause[topic.end():].strip():
            # "Tôi đang mải nhìn thì ông Vang, …, đã giục tới tấp: "…"": after "thì" the main clause's own subject
            clause_start, clause = clause_start + topic.end(), clause[topic.end():]
        opener = self.re_openers.match(clause)
        skip = opener.end() if opener else 0
        skip += len(clause[skip:]) - len(clause[skip:].lstrip())
        phrase, at = clause[skip:].rstrip(), seg.start + clause_start + skip
        tokens = [t for t in seg.tokens if at <= t.start < at + len(phrase)]
        if not tokens or tokens[0].upos not in ("NOUN", "PROPN", "DET", "NUM", "ADJ") \
                or tokens[0].text.casefold() in self.personal_pronouns and not (
                    shared and len(tokens) > 1 and tokens[1].text[:1].isupper()):
            return None  # "Ông kiên quyết: …": a pronoun's person is found as such; "ông Vang, …, đã giục:" is named
        subject = self.re_trailers.sub("", self._label_subject(phrase, at, tokens)).strip()
        # the predicate is after the subject, or in the part of the sentence the colon ends
        if subject == phrase and not shared or not 0 < len(subject.split()) <= self.COLON_SUBJECT_MOST_WORDS:
            return None
        speaker = self.speakers.classify(subject, at, seg.tokens)
        return speaker if speaker.type in ("person", "group", "vague", "anonymous", "organization") else None

    def _owner_of_words(self, text: str, seg: Segment, start: int, end: int) -> Speaker | None:
        """"nhớ lại lời ông chủ quán đặc sản Như Ý: "…"": whose words a clause before a colon recalls; the phrase
        ends before its predicate."""
        owner = self._words_owner_start(text, start, end)
        if owner is None:
            return None
        colon = text.rindex(":", owner, end)
        phrase = text[owner:colon].rstrip()
        if not phrase:
            return None
        phrase = self._label_subject(phrase, owner, [t for t in seg.tokens if owner <= t.start < colon])
        speaker = self.speakers.classify(phrase, owner, seg.tokens)
        return speaker if speaker.type in ("person", "anonymous", "organization") else None

    # ------------------------------------------------------------------ bare quotations

    NAMED_AFTER_MOST_WORDS = 4  # the most words of a name between a quotation and its verb

    def _named_after(self, text: str, seg: Segment, quote, registry: Registry) -> Speaker | None:
        """'"… bị lộ ra," Hammel nhận thấy ngay khi …': a quotation at the head of its sentence and closed by a
        comma is followed by its attribution, whatever the verb a translation chose; the subject before that verb
        is the speaker when it is a person the article has already named."""
        a, b = quote.inner
        if text[seg.start:quote.start].strip() or not (text[a:b].rstrip().endswith(",")
                                                       or text[quote.end:quote.end + 1] == ","):
            return None
        verb = next((t for t in seg.tokens if t.start >= quote.end and t.upos in ("VERB", "AUX")), None)
        if verb is None:
            return None
        phrase = text[quote.end:verb.start]
        lead = len(phrase) - len(phrase.lstrip(" ,"))
        phrase = phrase.strip(" ,")
        if not phrase or len(phrase.split()) > self.NAMED_AFTER_MOST_WORDS:
            return None
        speaker = self.speakers.classify(phrase, quote.end + lead, seg.tokens)
        if speaker.type not in ("person", "unknown") or not phrase[:1].isupper():
            return None
        known = self._resolve(speaker, registry, None)
        if known.type != "person" or not any(k.name == known.name for k in registry.speakers):
            return None
        return known

    WHILE_SAYING_MOST_WORDS = 6  # the most words of the speaker in '"…" - vừa nói anh vừa …'

    def _said_while(self, text: str, seg: Segment, quote, registry: Registry, last: Speaker | None) -> Speaker | None:
        """'"…" - vừa nói anh vừa nhìn vợ': a cue between the two halves of "vừa … vừa" (while … also …) after a
        quotation, with its subject after it, says who spoke the quotation."""
        if self.re_while_saying is None:
            return None
        m = self.re_while_saying.match(text, quote.end, seg.end)
        if m is None:
            return None
        cue = next((c for regex in (self.re_always, self.re_complement_cue) for c in [regex.match(text, m.end())]
                    if c is not None), None)
        if cue is None:
            return None
        rest = text[cue.end():seg.end]
        second = self.re_while_saying_again.search(rest)
        if second is None or not 0 < len(rest[:second.start()].split()) <= self.WHILE_SAYING_MOST_WORDS:
            return None
        phrase = rest[:second.start()].strip()
        at = cue.end() + rest.index(phrase)
        speaker = self.speakers.classify(phrase, at, seg.tokens)
        if speaker.type in ("unknown", "pronoun:other") and not phrase[:1].isupper():
            return None
        return self._resolve(speaker, registry, last)

    NAMED_NOUN_MOST_WORDS = 4  # the most words of a noun phrase that a quotation after it names ("Kế hoạch")

    def _names_a_work(self, text: str, seg: Segment, quote) -> bool:
        """Whether a quotation is a name, not words said: right after a word that names (`title_words`: "mang tựa
        đề "…"", "titled "…""), or after a short noun phrase with no verb that it ends the sentence with ("Kế
        hoạch "rung chà cá nhảy".")."""
        lead = text[seg.start:quote.start].rstrip()
        if self.re_title_word is not None and self.re_title_word.search(lead):
            return True
        words = [t for t in seg.tokens if seg.start <= t.start < quote.start and t.upos != "PUNCT"]
        if not (0 < len(words) <= self.NAMED_NOUN_MOST_WORDS and not lead.endswith((":", ","))
                and words[-1].upos == "NOUN" and not any(t.upos in ("VERB", "AUX") for t in words)
                and not text[quote.end:seg.end].strip(TRAILING + CLOSING_MARKS)):
            return False
        # "Ông Nam "…"": a speaker with the colon left out still speaks
        lead_start = seg.start + len(lead) - len(lead.lstrip())
        return self.speakers.classify(lead.strip(), lead_start, seg.tokens).type not in (
            "person", "anonymous", "organization", "group")

    DASHED_SPEAKER_MOST_WORDS = 8  # the most words of a speaker set between dashes inside a quotation

    def _dashed_attribution(self, text: str, seg: Segment, a: int, b: int, registry: Registry | None,
                            last: Speaker | None) -> Attribution | None:
        """'"hồi ấy đây là vùng giao tranh ác liệt - ông kể - ngày nào cũng có người chết"': a speaker and a cue
        between dashes inside a quotation interrupt it; the quotation is one statement, theirs."""
        for m in _DASHED_CUE.finditer(text, a, b):
            phrase = m.group(1)
            cue = next((c for regex in (self.re_always, self.re_complement_cue) for c in regex.finditer(phrase)
                        if not phrase[c.end():].strip()), None)
            if cue is None or not 1 <= len(phrase[:cue.start()].split()) <= self.DASHED_SPEAKER_MOST_WORDS:
                continue
            head = phrase[:cue.start()].strip()
            speaker = self.speakers.classify(head, m.start(1), seg.tokens)
            if speaker.type in ("unknown", "pronoun:other") and not head[:1].isupper():
                continue
            if registry is not None:
                speaker = self._resolve(speaker, registry, last)
            attribution = self._attribution(text, a, b, "direct", cue.group().strip(), speaker, seg)
            if attribution is None:
                return None
            attribution.interruption = [m.start(), m.end()]
            if registry is not None:
                registry.said_by[id(attribution)] = speaker
                registry.add(speaker)
            return attribution
        return None

    def _clause_pronoun(self, before: str) -> str | None:
        """A form of address among the first words of the clause that ends `before` ("Vào cuối tháng Tám, ông
        kiên quyết:"), after the clause's opener ("Trong khi đó ông trưởng thôn …")."""
        clause_start = len(before) - len(before.rsplit(",", 1)[-1])
        clause = self.re_openers.sub("", before[clause_start:].lstrip(), count=1).split()
        return next((w for w in clause[:3] if w.casefold() in self.personal_pronouns), None)

    def _colon_speaker(self, text: str, seg: Segment, before: str, said_start: int, registry: Registry,
                       last: Speaker | None) -> Speaker | None:
        """Who speaks the words after the colon that ends `before`, the sentence up to them: the clause's own
        subject, the owner of the words it names, or the person its form of address and title name."""
        clause_start = len(before) - len(before.rsplit(",", 1)[-1])
        # "Nhiều người đã xúc động: "…"", "Mấy bà má tìm tôi: "…"": the clause's own subject speaks
        own = self._colon_clause_subject(before, clause_start, seg)
        if own is not None:
            return self._resolve(own, registry, last)
        # "Ông vẫn nhớ lời bà Lan: "…"": the words are the one's they are said to be, not the rememberer's
        owner = self._owner_of_words(text, seg, seg.start + clause_start, said_start)
        if owner is not None:
            return self._resolve(owner, registry, last)
        pronoun = self._clause_pronoun(before)
        if pronoun is None:
            return None
        # "Vào cuối tháng Tám, ông kiên quyết: "…"": the pronoun's person; "Ông trưởng thôn lo lắng: "…"": the
        # person the pronoun and a title name
        at = clause_start + re.search(rf"(?<!\w){re.escape(pronoun)}(?!\w)", before[clause_start:]).start()
        titled = self._titled_pronoun(before, seg.start + at, seg)
        found = self._resolve(titled or self.speakers.classify(pronoun, seg.start + at, seg.tokens), registry, last)
        return None if found.type.startswith("pronoun") else found

    def _turn_after_colon(self, text: str, seg: Segment, last: Speaker | None,
                          registry: Registry) -> Attribution | None:
        """"Rồi anh quay lại phía tôi: - Đây là đại tướng Võ Nguyên Giáp.": a dash after a colon opens a turn of
        speech as a quotation mark does, and what follows it to the sentence's end is the clause's speaker's."""
        m = _COLON_DASH.search(text, seg.start, seg.end)
        if m is None or any(q.start >= m.start() for q in seg.quotes):
            return None
        before = text[seg.start:m.start() + 1]
        speaker = self._colon_speaker(text, seg, before, m.end(), registry, last)
        if speaker is None:
            return None
        return self._attribution(text, m.end(), seg.end, "direct", "", speaker, seg)

    def _bare_quotes(self, text: str, seg: Segment, last: Speaker | None, registry: Registry | None = None,
                     subject: Speaker | None = None) -> list[Attribution]:
        """Quotations with no cue: the words of the person named after them (`_named_after`), of the sentence's
        `subject` when its clause ends with a colon before them ('Sunak defended the record: "…"'), or else of
        the paragraph's `last` source."""
        made = []
        words_in_seg = len(text[seg.start:seg.end].split())
        for q in seg.quotes:
            a, b = q.inner
            inner = text[a:b]
            words = len(inner.split())
            if words < 4 and (q.closed or text[seg.start:q.start].strip()):
                continue  # a short quotation is a phrase, unless it opens a paragraph and runs on ('"Không, không.')
            before = text[seg.start:q.start].rstrip()
            after = text[q.end:seg.end].strip(TRAILING + CLOSING_MARKS)
            whole = words >= 0.6 * words_in_seg
            closing = not after and (before.endswith((",", ":")) or not before)
            named = self._named_after(text, seg, q, registry) if registry is not None and not (whole or closing) \
                else None
            if named is None and registry is not None:
                named = self._said_while(text, seg, q, registry, last)
            if not (whole or closing or named):
                continue
            if named is not None:
                attribution = self._attribution(text, a, b, "direct", "", named, seg)
                if attribution is not None:
                    made.append(attribution)
                continue
            if self.speakers.classify(inner.strip(), a, seg.tokens).type == "document":
                continue
            if self._names_a_work(text, seg, q):
                continue
            dashed = self._dashed_attribution(text, seg, a, b, registry, last)
            if dashed is not None:
                made.append(dashed)
                continue
            pronoun = self._clause_pronoun(before)
            if subject is None and before.endswith(":") and registry is not None:
                subject = self._colon_speaker(text, seg, before, q.start, registry, last)
            introduced = subject is not None and before.endswith(":")
            # 'Naval bases … are daubed with the motto: "…"': a clause whose subject is no source introduces
            # words that are not the paragraph's last source's either
            unsourced = subject is None and before.endswith(":") and len(before.split()) >= 4 and not whole \
                and pronoun is None
            speaker = subject if introduced else None if unsourced else last
            if speaker is None and not unsourced and whole and registry is not None \
                    and self._in_first_person([t for t in seg.tokens if a <= t.start < b]):
                # a paragraph that is all one quotation in the first person, with no source in it or the paragraph
                # before: the last person the article quoted or named as a subject
                speaker = registry.antecedent("person")
            speaker = speaker or Speaker(name="", mention="", start=q.start, end=q.start, type="unknown")
            attribution = self._attribution(text, a, b, "direct", "", speaker, seg)
            if attribution is not None:
                if not introduced and (last is None or unsourced):
                    attribution.speaker_start = attribution.speaker_end = None
                made.append(attribution)
        return made
