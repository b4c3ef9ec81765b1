""""According to" and vague formulas: "according to SOURCE, CONTENT", "CONTENT, according to SOURCE", "theo X",
an outlet that quotes a source, and "it is said that". A mixin of claims.detect.extract.Detector, whose
__init__ compiles the language data these rules read."""
from __future__ import annotations

import re

from claims.detect.names import SEPARATING_COMMA, split_commas
from claims.detect.segment import TRAILING, Segment
from claims.detect.speakers import Speaker


class AccordingRules:
    # the most words of the source after "according to": a Vietnamese word is a syllable ("theo một báo cáo được
    # công bố hôm thứ Bảy bởi Cảnh sát bang Alaska")
    SOURCE_MOST_WORDS = {"en": 12, "vi": 18}

    def _according(self, text, seg, cue, consumed):
        interrupting = None
        before = text[max(consumed, seg.start):cue.start]
        after_text = text[cue.end:seg.end]
        quoted_by = self._outlet_quoting(text, seg, cue, before, after_text)
        if quoted_by is not None:
            return quoted_by
        opening = not before.strip(" ,\"“") or self.re_openers.fullmatch(before.strip() + " ") is not None
        separator = SEPARATING_COMMA.search(after_text)  # not the comma of a number ("4,000")
        comma = separator.start() if separator else -1
        # "Theo ông Thường, Giám đốc Sở, việc cấm ...": the apposition belongs to the source
        while opening and comma > 0:
            following = after_text.find(",", comma + 1)
            part = after_text[comma + 1:following] if following > 0 else ""
            if following > 0 and len(part.split()) <= 8 and self._is_apposition(part, cue.end + comma + 1, seg):
                comma = following
            else:
                break
        colon = after_text.find(":", max(comma, 0))
        if opening and 0 < comma < colon and len(after_text[comma + 1:colon].split()) <= 14 \
                and "," not in after_text[comma + 1:colon] and self._is_apposition(
                    after_text[comma + 1:colon], cue.end + comma + 1, seg):
            # "dẫn lời Simon Haeder, một nhà nghiên cứu …: "…"": the apposition runs up to the colon
            source_stop, comma = comma, colon
        else:
            source_stop = None
        named = self._name_without_comma(text, cue.end, seg) if opening and source_stop is None and (
            comma < 0 or len(after_text[:comma].split()) > 12) else None
        topic = self._topic_after_source(after_text, comma) if opening and source_stop is None else None
        if topic is not None:
            # "Theo ông Nam thì giá xăng sẽ còn tăng": the topic marker ends the source, the clause after it is said
            source_text = after_text[:topic.start()]
            source_start = cue.end
            content_start, content_end = cue.end + topic.end(), seg.end
            cue_text = text[cue.start:cue.end]
        elif named is not None:
            # "According to Rathbun the property was returned …": the name alone, with no comma after it
            source_text = text[cue.end:named]
            source_start = cue.end
            content_start, content_end = named, seg.end
            cue_text = text[cue.start:cue.end]
        elif opening and comma > 0:
            source_text = after_text[:source_stop or comma]
            source_start = cue.end
            content_start, content_end = cue.end + comma + 1, seg.end
            cue_text = text[cue.start:cue.end + comma + 1]
        elif (interrupting := self._interrupting_source(text, seg, cue, consumed)) is not None:
            # "Việc ký xác nhận này, theo ông Luân, diễn ra …": the source set between commas inside the sentence
            close = interrupting
            source_text = after_text[:close]
            source_start = cue.end
            content_start, content_end = max(consumed, seg.start), seg.end
            cue_text = text[cue.start:cue.end + close]
        elif before.rstrip().endswith((",", "”", "\"", "»")) and after_text.strip() \
                and self._said_before(seg, max(consumed, seg.start), cue.start):
            # "…, theo X", and '"…” theo X' where the comma was left out after the quotation
            source_text = after_text.rstrip(TRAILING)
            # "…, according to Nielsen, and MSNBC's show has …": the source ends where a new clause begins
            joined = self.re_coordinated_clause.search(source_text)
            if joined:
                source_text = source_text[:joined.start()]
            second = self.re_second_according.search(source_text) if self.re_second_according else None
            if second:
                source_text = source_text[:second.start()]
            parts = split_commas(source_text)
            if len(parts) > 1 and self._is_apposition(",".join(parts[1:]), cue.end + len(parts[0]) + 1, seg):
                # "…", theo Brent Montgomery, giám đốc điều hành của …: the apposition is the source's role
                source_text = parts[0]
            source_start = cue.end
            content_start, content_end = max(consumed, seg.start), cue.start
            cue_text = text[cue.start:cue.end + len(source_text) if joined else seg.end].rstrip(TRAILING)
        else:
            return None
        # "according to Die Zeit newspaper citing an army spokesperson": the one cited is the source, the
        # newspaper where it was reported
        citing = self.re_citing.search(source_text) if self.re_citing else None
        reported_in = ""
        cited = source_text[citing.end():].strip(" ,") if citing else ""
        if cited and self.speakers.classify(cited, source_start + citing.end(), seg.tokens).type not in (
                "unknown", "pronoun:other", "vague"):
            reported_in = " ".join(w for w in source_text[:citing.start()].split() if w[:1].isupper()).strip(",")
            source_start += citing.end()
            source_text = source_text[citing.end():]
        trimmed = self.re_according_trailing.sub("", source_text) if self.re_according_trailing else source_text
        owner = self._words_owner_start(text, source_start, source_start + len(trimmed.rstrip()))
        if owner is not None:
            # "Theo lời ông Nam", "Theo kinh nghiệm của những thợ lặn": the words or experience are their owner's
            trimmed, source_start = trimmed[owner - source_start:], owner
        elif self.re_statement_owner is not None and (stated := self.re_statement_owner.match(trimmed)):
            # "Theo đánh giá của giới chuyên gia", "Theo ước tính của Ngân hàng Thế giới": the estimate's owner
            trimmed, source_start = trimmed[stated.end():], source_start + stated.end()
        if not trimmed.strip() or len(trimmed.split()) > self.SOURCE_MOST_WORDS.get(self.lang, 12):
            return None
        first = trimmed.strip().split()[0].lower()
        owned = any(trimmed.strip().lower().startswith(w + " ") for w in self.owned_sources) and self._named_owner(
            trimmed)
        low = trimmed.strip().lower()
        # an English noun phrase ends with its head ("Indonesian regulations"), a Vietnamese one starts with it
        head = low.split()[-1] if self.lang == "en" and low.split()[-1] not in self.owned_sources else first
        # a title is a person's, whatever its first syllable ("luật sư", a lawyer, is no "luật", a law)
        if (first in self.not_a_source or head in self.not_a_source or low in self.not_a_source
                or any(low.startswith(w + " ") for w in self.not_a_source if " " in w)) and not owned \
                and not (self.lang != "en" and self.speakers._is_title_led(low)):
            return None
        lead = len(trimmed) - len(trimmed.lstrip())
        speaker = self.speakers.classify(trimmed.strip(), source_start + lead, seg.tokens)
        if low in self.bare_documents:
            speaker.type = "pronoun:body"  # "…, theo công bố": the body that spoke last announced it
        if speaker.type == "unknown" and not trimmed.strip()[:1].isupper():
            return None
        kind = "vague" if speaker.type == "vague" else "according_to"
        attribution = self._attribution(text, content_start, content_end, kind, cue_text.strip(" ,"), speaker, seg)
        if attribution is None:
            return None
        attribution.outlet = reported_in
        if interrupting is not None:
            attribution.interruption = [before.rstrip().rfind(",") + max(consumed, seg.start), cue.end + close + 1]
        return attribution, speaker, False

    def _topic_after_source(self, after_text: str, comma: int):
        """The topic marker (`topic_markers`: "thì") that ends an opening source with no comma before it, as a
        match in `after_text`, or None."""
        if self.re_topic_marker is None:
            return None
        m = self.re_topic_marker.search(after_text)
        if m is None or 0 <= comma < m.start() or not after_text[m.end():].strip(TRAILING) \
                or len(after_text[:m.start()].split()) > self.SOURCE_MOST_WORDS.get(self.lang, 12):
            return None
        return m

    INTERRUPTED_SUBJECT_MOST_WORDS = {"en": 10, "vi": 15}

    def _interrupting_source(self, text: str, seg: Segment, cue, consumed: int) -> int | None:
        """Where the source of an "according to" set between commas inside its sentence ends (its closing comma,
        from the cue's end): a subject with no comma before it, a predicate in lower case after it ("Fuel prices,
        according to the ministry, will fall …")."""
        start = max(consumed, seg.start)
        before = text[start:cue.start].rstrip()
        if not before.endswith(",") or "," in before[:-1] or self._is_adjunct(before[:-1]) or \
                len(before.split()) > self.INTERRUPTED_SUBJECT_MOST_WORDS.get(self.lang, 10):
            return None
        separator = SEPARATING_COMMA.search(text, cue.end, seg.end)
        if separator is None or len(text[cue.end:separator.start()].split()) > self.SOURCE_MOST_WORDS.get(self.lang, 12):
            return None
        rest = separator.end() + len(text[separator.end():seg.end]) - len(text[separator.end():seg.end].lstrip())
        first = next((t for t in seg.tokens if t.start >= rest), None)
        if first is None or not first.text[:1].islower() or not (
                first.upos in ("VERB", "AUX") or first.text.casefold() in self.tense_markers | self.predicate_adverbs):
            return None
        return separator.start() - cue.end

    ADVERBIAL_MOST_WORDS = 4

    def _said_before(self, seg: Segment, start: int, end: int) -> bool:
        """Whether the words before a postposed "theo X" say something: a quotation, a predicate, a figure, or more
        than a few words ("Bước đầu, theo kinh nghiệm thì …": an opening adverbial, then "theo" in another sense)."""
        words = [t for t in seg.tokens if start <= t.start < end and t.upos != "PUNCT"]
        return len(words) > self.ADVERBIAL_MOST_WORDS or any(start <= q.start < end for q in seg.quotes) or any(
            t.upos in ("VERB", "AUX", "ADJ", "NUM") for t in words)

    def _outlet_quoting(self, text, seg, cue, before: str, after_text: str):
        """"Báo Die Zeit dẫn lời người phát ngôn quân đội: Hoạt động …": an outlet quoting someone before a colon;
        the words after the colon are that person's, the outlet the statement's `outlet`."""
        if self.re_quoting is None or not self.re_quoting.fullmatch(cue.text):
            return None
        outlet = before.strip(" ,")
        colon = after_text.find(":")
        # "dẫn lời Michael Steele, cựu Chủ tịch … nói vào tuần trước: "…"": the source ends at a cue of its own
        said = next((c.start - cue.end for c in self._cues(text, seg)
                     if c.kind == "verb" and cue.end < c.start < cue.end + max(colon, 0)), max(colon, 0))
        # a date before the colon is when it was said ("dẫn lời Karine Jean-Pierre hôm Thứ Sáu:")
        source = self.re_trailers.sub("", after_text[:said])
        comma, role = source.find(","), ""
        if 0 < comma and len(source[comma + 1:].split()) <= self.SOURCE_MOST_WORDS.get(self.lang, 12) \
                and self._is_apposition(source[comma + 1:], cue.end + comma + 1, seg):
            # "dẫn lời Karine Jean-Pierre, cố vấn cấp cao của nhóm MoveOn: "…"": the apposition is the role
            source, role = source[:comma], source[comma + 1:].strip()
        source = source.strip()
        if not outlet[:1].isupper() or not 1 <= len(outlet.split()) <= self.QUOTING_OUTLET_MOST_WORDS or colon <= 0 \
                or not source or len(source.split()) > 12:
            return None
        lead = len(after_text) - len(after_text.lstrip())
        speaker = self.speakers.classify(source, cue.end + lead, seg.tokens)
        if speaker.type in ("unknown", "pronoun:other") and not source[:1].isupper():
            return None
        speaker.role = speaker.role or role
        attribution = self._attribution(text, cue.end + colon + 1, seg.end, "indirect", cue.text, speaker, seg)
        if attribution is None:
            return None
        attribution.outlet = self._outlet_name(outlet)
        whole = any(q.start <= attribution.start and attribution.end <= q.end for q in seg.quotes)
        attribution.kind = "direct" if whole else self._kind(text, attribution.start, attribution.end, seg, "indirect")
        return attribution, speaker, True

    # how far after an owner marker its capitalised name may start: a Vietnamese word is a syllable, and a body's
    # noun may come first ("của văn phòng Kinh tế - Văn hóa Đài Bắc")
    OWNER_NAME_WITHIN = {"en": 2, "vi": 4}

    def _named_owner(self, phrase: str) -> bool:
        """Whether an owner marker ("của", "from") is followed, within a few words, by a capitalised name."""
        words = phrase.split()
        within = self.OWNER_NAME_WITHIN.get(self.lang, 2)
        return any(w.casefold() in self.owner_markers and any(n[:1].isupper() for n in words[i + 1:i + 1 + within])
                   for i, w in enumerate(words))

    def _name_without_comma(self, text: str, pos: int, seg: Segment) -> int | None:
        """Where a proper name right after `pos` ends, when a clause follows it: the end of a run of up to five
        proper nouns, then a lower-case word. A body's noun ends such a run too ("According to Catalan
        authorities almost 1000 people were injured", "According to police the man …")."""
        run, bodies = [], self.body_nouns_for_sources
        for t in (t for t in seg.tokens if t.start >= pos):
            ended = bool(run) and run[-1].upos == "NOUN"  # a body's noun closes the run
            if not ended and len(run) < 5 and t.text[:1].isupper() and t.upos in ("PROPN", "ADJ"):
                run.append(t)
                continue
            if not ended and t.upos == "NOUN" and t.text.casefold() in bodies:
                run.append(t)
                continue
            if run and run[-1].upos != "ADJ" and (t.text[:1].islower() or t.upos == "NUM") \
                    and t.upos not in ("PUNCT", "ADP", "CCONJ", "PART"):
                return run[-1].end
            return None
        return None

    def _vague_phrase(self, text, seg, cue, consumed):
        content_start, content_end = cue.end, seg.end
        rest = text[cue.end:seg.end].strip(TRAILING)
        if not rest:
            content_start = max(consumed, seg.start)
        elif len(rest.split()) <= 4 and text[max(consumed, seg.start):cue.start].rstrip().endswith(","):
            # "…, theo báo chí địa phương đưa tin.": the formula closes the sentence, its words come before it
            content_start, content_end = max(consumed, seg.start), cue.start
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
        attribution = self._attribution(text, content_start, content_end, "vague", cue.text, speaker, seg)
        if attribution is None:
            return None
        return attribution, speaker, False
