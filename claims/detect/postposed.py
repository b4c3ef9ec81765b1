"""The postposed layouts: CONTENT, SPEAKER said. / "CONTENT," said SPEAKER, a spokesman. / "CONTENT," SPEAKER said.

A quotation interrupted by its attribution ('"…," Doe said, "…"') and an attribution set inside the sentence it
reports ("Churches, he added, could be replaced …") are one statement. A mixin of
claims.detect.extract.Detector, whose language data
claims.detect.compiled compiles.
"""
from __future__ import annotations

import re

from claims.detect.names import split_commas
from claims.detect.segment import CLOSING_MARKS, DASHES, SPACED_DASH, TRAILING, Cue, Segment, open_bracket


class PostposedRules:
    def _announced(self, modal: str, verb: str) -> bool:
        """'…, Theresa May will announce today': a statement given out before it is made is reported."""
        return modal.casefold() in self.announcing_modals and verb.casefold() in self.announcing_cues

    def _postposed(self, text, seg, cue, after, left_start):
        """CONTENT, SPEAKER said. / "CONTENT," said SPEAKER, a spokesman. / "CONTENT," SPEAKER said on Monday."""
        interrupted = self._interrupted(text, seg, cue, after, left_start) or \
            self._parenthetical(text, seg, cue, after, left_start)
        if interrupted is not None:
            return interrupted
        rest = text[after:seg.end]
        if self.re_coordinated_clause.match(rest) or self.re_coordinated_cue.match(rest) or \
                self.re_participle_clause.match(rest) or \
                self._after_quoted_speaker(text, rest, cue, after, left_start, seg) or \
                rest.split()[:1] and rest.split()[0].casefold() in self.cue_topic_after:
            rest = ""  # ""…," she said, but refused to …": what follows is another clause of hers
        elif self._only_addressee(text, after, seg.end) or \
                rest.lstrip().startswith(",") and rest.lstrip(" ,")[:1] not in self.marks \
                and self._clause_before_subject(text, seg, cue, left_start):
            rest = ""
        tail = rest.strip(TRAILING + CLOSING_MARKS)
        if tail and self._says_so(tail):
            tail = ""  # "…, anh Tuấn khẳng định chắc chắn như vậy": "so" points back at what was said
        if tail and cue.text.lower() not in self.invertible and self._quotation_opens(text, seg, cue, left_start) \
                and not any(q.start >= after for q in seg.quotes) \
                and not (self.re_always.search(tail) or self.re_complement_cue.search(tail)):
            # '"…", bị cáo khẳng định như đinh đóng cột': how or to whom it was said, not what; a cue after it
            # is the attribution ('"…", Thứ trưởng Bộ Thông tin và Truyền thông Phạm Đức Long nói')
            tail = ""
        inverted = None
        if tail and not self._is_adjunct(tail):
            if cue.text.lower() not in self.invertible:
                return None  # "declared a state of emergency": an object, not a speaker
            # inverted: the speaker follows the cue, up to a comma or the end, then only an apposition or adjunct
            parts = split_commas(rest)
            first, remainder = parts[0], ",".join(parts[1:])
            candidate = first.rstrip(TRAILING + CLOSING_MARKS)
            topic = self.re_inverted_topic.search(candidate) if self.re_inverted_topic else None
            if topic:
                candidate = candidate[:topic.start()]  # "recalled Ms. Schroeder about how the press reacted"
            adverbial = self.re_adverbial_word.search(candidate)
            if adverbial and candidate[:adverbial.start()].strip() and candidate[adverbial.start() - 1:][:1].isspace():
                candidate = candidate[:adverbial.start()]  # "said an emotional Garcia following the victory"
            remainder = remainder.strip(TRAILING)
            if not candidate.strip() or len(candidate.split()) > 10:
                return None
            rem_start = after + rest.find(remainder) if remainder else after
            # "said Dave Schwartz, a spokesman, when asked about it": appositions, then adjuncts
            described = self._apposition_prefix(remainder, rem_start, seg)
            if remainder and described is None:
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
            closing = (",", "!", "?", *self.marks, *"".join(self.marks.values()))
            if not text[left_start:cue.start].rstrip().endswith(closing):
                return None  # "The State Department said John Kerry …": a subject and its clause, not inverted
            inverted = (candidate.strip(), after + rest.find(candidate.strip()))
            if described:
                # "said Jane Doe, the team's coach": the apposition is her role
                whole = rest[:rem_start - after + described].strip().rstrip(TRAILING + CLOSING_MARKS)
                inverted = (whole, after + rest.find(whole))
        before = text[left_start:cue.start]
        if inverted:
            speaker_text, speaker_start = inverted
            content_end = cue.start
        else:
            quote = self._quote_before_speaker(text, [q for q in seg.quotes
                                                      if left_start <= q.start and q.end <= cue.start], cue.start)
            between = text[quote.end:cue.start] if quote else ""
            if quote and len(between.split()) <= self.POSTPOSED_MOST_WORDS.get(self.lang, 15) and not any(
                    q.start >= quote.end and q.end <= cue.start and not self._titled(text, q, quote.end)
                    for q in seg.quotes if q is not quote):
                speaker_text = between.lstrip(" ," + DASHES)  # '"…" - Vy kể': the dash stands for the comma
                speaker_start = cue.start - len(speaker_text)
                content_end = quote.end
            else:
                phrase, phrase_start = self._subject_phrase(self._dash_as_comma(before), left_start, seg)
                if not phrase.strip() or not self._dash_as_comma(text[left_start:phrase_start]).rstrip().endswith(","):
                    return None
                clause = text[phrase_start:cue.start].split()
                if self.lang == "en" and (any(w.casefold() in self.complementisers for w in clause)
                                          or clause and clause[-1].casefold() in self.modal_words
                                          and not self._announced(clause[-1], cue.text)):
                    return None  # ", hopeful that the tribunal in The Hague will find …": a clause, no speaker
                speaker_text, speaker_start = phrase, phrase_start
                content_end = phrase_start
        if open_bracket(speaker_text) >= 0:
            # "…, ông H. (xin giấu tên những người thợ săn chim đề cập trong bài), …": a cue inside brackets
            # reports nothing outside them
            return None
        said = text[left_start:content_end].strip(TRAILING + "“”\"‘’«»")
        quoted = any(left_start <= q.start < content_end for q in seg.quotes)
        predicated = any(left_start <= t.start < content_end and t.upos in ("VERB", "AUX") for t in seg.tokens)
        if not said or (not inverted and not quoted and self._is_adjunct(said) and len(said.split()) <= 6
                        and not predicated):
            # "Đầu năm 2018, nhóm đã trích dẫn …": an opening adverbial, not what was said; "At least 384 people
            # have been killed, the agency said" is a clause
            return None
        if not inverted and not quoted and len(said.split()) <= 3 and not predicated:
            return None  # "Another poll, conducted by Telma TV, found …": the subject, not what was said
        if not inverted and not quoted and self.lang != "en" and len(said.split()) <= self.FRONTED_ACT_MOST_WORDS:
            first = next((t for t in seg.tokens if t.start >= left_start and t.upos != "PUNCT"), None)
            if first is not None and first.upos == "VERB":
                return None  # "Cầm điện thoại, Nhi thấy …" (holding the phone): what the speaker did, no subject
        parts = split_commas(said)
        if not inverted and not quoted and len(parts) > 1 and self.speakers._is_title_led(parts[-1].strip().lower()) \
                and self._is_adjunct(",".join(parts[:-1])):
            # "Trong một bài phỏng vấn khác, nguyên Ngoại trưởng, ông Boris Johnson, đã nhấn mạnh vào …": an
            # opening adverbial, then the speaker's title and name; nothing said before them
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

    def _says_so(self, tail: str) -> bool:
        """Whether what follows a postposed cue is "so" (`said_so`: "như vậy"), after a word or two of manner or
        before where or when it was said ("nhấn mạnh như vậy tại hội nghị hôm qua")."""
        low = " ".join(tail.casefold().split())
        return any(low == w or low.endswith(" " + w) and len(low[:-len(w)].split()) <= self.MANNER_MOST_WORDS
                   or low.startswith(w + " ") and self._is_adjunct(low[len(w):]) for w in self.said_so)

    # the most words between a dash and the cue for the dash to introduce the speaker
    DASH_SPEAKER_MOST_WORDS = 8

    def _dash_as_comma(self, span: str) -> str:
        """'Tôi sống giống như ở tù - Vy nói': a single spaced dash before the few words of the speaker sets the
        attribution off as a comma does (the same length; a pair of dashes is an apposition, `_subject_phrase`)."""
        dashes = list(SPACED_DASH.finditer(span))
        if len(dashes) != 1 or len(span[dashes[0].end():].split()) > self.DASH_SPEAKER_MOST_WORDS \
                or not span[:dashes[0].start()].strip():
            return span
        m = dashes[0]
        return span[:m.start()] + m.group()[0] + "," + m.group()[2] + span[m.end():]

    def _quotation_opens(self, text: str, seg: Segment, cue: Cue, left_start: int) -> bool:
        """'"…", anh Thành Bỉ hỏi cắc cớ': a closed quotation opens the sentence and a comma or a dash, then a few
        words of subject stand before the cue; in a language that never puts the speaker after the cue, the
        sentence is that quotation's attribution, whatever follows the cue."""
        quote = next((q for q in seg.quotes if q.closed and q.end <= cue.start
                      and not text[left_start:q.start].strip(TRAILING)), None)
        if quote is None:
            return False
        between = text[quote.end:cue.start]
        # '"…" - bà Năm kể câu chuyện …': a dash sets the attribution off as the comma does
        return between.lstrip(CLOSING_MARKS).lstrip().startswith((",", *DASHES)) and \
            0 < len(between.strip(" ," + DASHES).split()) <= self.POSTPOSED_MOST_WORDS.get(self.lang, 15)

    CLAUSE_LEAST_WORDS = 4
    # the most syllables of a Vietnamese phrase that opens with a verb and no subject ("Cầm điện thoại") before a
    # subject and its cue: what the speaker did, not what they said
    FRONTED_ACT_MOST_WORDS = 4

    def _clause_before_subject(self, text: str, seg: Segment, cue: Cue, left_start: int) -> bool:
        """"Ít nhất 384 người đã thiệt mạng …, các quan chức cho biết, số người chết dự kiến sẽ còn tăng": a clause
        and a comma before the subject of a cue that a comma follows; the clause is the statement, and what
        follows the cue is another clause of the speaker's."""
        phrase, phrase_start = self._subject_phrase(text[left_start:cue.start], left_start, seg)
        said = text[left_start:phrase_start].rstrip()
        if not phrase.strip() or not said.endswith(",") or len(said.split()) < self.CLAUSE_LEAST_WORDS \
                or self._is_adjunct(said):
            return False
        words = [t for t in seg.tokens if left_start <= t.start < phrase_start and t.upos != "PUNCT"]
        if words and words[0].xpos in ("VBG", "VBN"):
            return False  # "Discussing his concern in a public statement, …": a participle phrase, not a clause
        return any(t.upos in ("VERB", "AUX") for t in words)

    # the most words between a quotation and its cue, for the speaker and their role: a Vietnamese word is a
    # syllable, about two thirds of an English word ("một giáo sư khoa học chính trị" is "a political scientist")
    POSTPOSED_MOST_WORDS = {"en": 15, "vi": 22}
    TITLE_WORDS = 6  # the most words of a quoted title inside a speaker's phrase ("Designated Survivor")

    def _quote_before_speaker(self, text: str, quotes: list, cue_start: int):
        """The quotation a postposed speaker follows: the last one before the cue, unless that one is a title
        inside the speaker's own phrase ('"…", Neal Baer, the showrunner of ABC's "Designated Survivor," said')."""
        quotes = sorted(quotes, key=lambda q: q.end)
        while len(quotes) > 1 and self._titled(text, quotes[-1], quotes[-2].end) \
                and len(text[quotes[-1].end:cue_start].split()) <= self.TITLE_WORDS:
            quotes.pop()
        return quotes[-1] if quotes else None

    def _titled(self, text: str, quote, said_end: int) -> bool:
        """Whether `quote` names a work inside the phrase that follows the quotation ending at `said_end`: a few
        capitalised words, after a comma that closed that quotation and words with no sentence end."""
        inner = text[quote.start + 1:quote.end - 1].strip(" ,.")
        words = inner.split()
        lead = text[said_end:quote.start]
        closed_by_comma = lead.lstrip().startswith(",") or \
            text[max(0, said_end - 3):said_end].rstrip(CLOSING_MARKS).endswith(",")
        return (0 < len(words) <= self.TITLE_WORDS and words[0][:1].isupper() and closed_by_comma
                and len(lead.strip(" ,").split()) >= 2 and not re.search(r"[.!?]", lead))

    def _interrupted(self, text, seg, cue, after, left_start):
        """ "CONTENT," SPEAKER said, "CONTENT." : one quotation that its attribution interrupts, one statement
        (as a newsroom counts it), from the first part's opening mark to the second part's closing one."""
        follow = next((q for q in seg.quotes if q.start >= after and q.closed
                       and not text[after:q.start].strip(" ,")), None)
        if follow is None or text[follow.end:seg.end].strip(TRAILING + CLOSING_MARKS):
            return None
        quote = max((q for q in seg.quotes if left_start <= q.start and q.end <= cue.start and q.closed),
                    default=None, key=lambda q: q.end)
        if quote is None or text[left_start:quote.start].strip(TRAILING):
            return None
        between = text[quote.end:cue.start]
        speaker_text = between.strip(" ,")
        if not speaker_text or len(speaker_text.split()) > 8:
            return None
        head, head_start = self._subject_phrase(speaker_text, quote.end + between.index(speaker_text), seg)
        if not head.strip():
            return None
        speaker = self.speakers.classify(head, head_start, seg.tokens)
        if speaker.type == "pronoun:other" or (speaker.type == "unknown" and not head[:1].isupper()):
            return None
        attribution = self._attribution(text, quote.start, follow.end, "direct", cue.text, speaker, seg)
        if attribution is None:
            return None
        attribution.interruption = [quote.end - 1, follow.start + 1]
        return attribution, speaker, False

    PARENTHETICAL_MOST_WORDS = {"en": 8, "vi": 12}  # the words before a parenthetical attribution

    def _parenthetical(self, text, seg, cue, after, left_start):
        """"Churches, he added, could be replaced by apartment buildings": an attribution set inside the sentence
        it reports, between commas after its first words; the statement is the sentence without it."""
        rest = text[after:seg.end]
        if not rest.startswith(",") or any(left_start <= q.start < seg.end for q in seg.quotes) \
                or self.re_participle_clause.match(rest):
            return None  # "…, John Smith said, adding …": the sentence ended at the cue
        before = text[left_start:cue.start]
        comma = before.rfind(",")
        if comma < 0:
            return None
        opening, subject = before[:comma], before[comma + 1:]
        if "," in opening or not opening.strip() or \
                not 1 <= len(subject.split()) <= 4 or len(opening.split()) > self.PARENTHETICAL_MOST_WORDS[self.lang]:
            return None
        if re.search(r"[.!?;:]", opening) or self._is_adjunct(opening) or self.re_openers.fullmatch(opening + " "):
            return None  # "On Monday, he said, …", "However, she said, …": an opening adverbial, not the statement
        resumed = after + 1 + len(rest[1:]) - len(rest[1:].lstrip())
        if not any(resumed <= t.start < seg.end and t.upos in ("VERB", "AUX") for t in seg.tokens) or \
                not text[resumed:resumed + 1].islower():
            return None  # the sentence goes on with its own predicate ("could be replaced …")
        subject_start = left_start + comma + 1 + len(subject) - len(subject.lstrip())
        speaker = self.speakers.classify(subject.strip(), subject_start, seg.tokens)
        if speaker.type in ("unknown", "pronoun:other"):
            return None
        attribution = self._attribution(text, left_start, seg.end, "indirect", cue.text, speaker, seg)
        if attribution is None:
            return None
        attribution.interruption = [left_start + comma, resumed]
        return attribution, speaker, False

    def _apposition_prefix(self, remainder: str, start: int, seg: Segment) -> int | None:
        """How much of `remainder` (at `start`), the comma parts after a postposed speaker, is the speaker's
        apposition: the parts up to the first adjunct, when every part after them is an adjunct, else None.
        The whole of it when it is one apposition with commas of its own ("a professor at X, Y")."""
        if not remainder:
            return 0
        parts, at, end, described = split_commas(remainder), 0, 0, True
        for part in parts:
            if not part.strip():
                at += len(part) + 1
                continue
            lead = len(part) - len(part.lstrip())
            first = next((t for t in seg.tokens if t.start >= start + at + lead), None)
            # "…, comforting her feverish baby boy at …": what the speaker was doing, not who they are
            participle = first is not None and first.upos == "VERB" and first.xpos in ("VBG", "VBN")
            if described and not participle and self._is_apposition(part, start + at, seg):
                end = at + len(part)
            elif participle or self._is_adjunct(part) or self._is_topic(part):
                described = False
            else:
                return len(remainder) if self._is_apposition(remainder, start, seg) else None
            at += len(part) + 1
        return end

    def _is_topic(self, part: str) -> bool:
        """'…," said Neal Baer, show runner of …, about a cabinet secretary who …': what the words were about."""
        words = part.strip().lstrip(CLOSING_MARKS).split()  # after a title's closing mark: '"Survivor," about'
        return bool(words) and words[0].casefold() in self.topic_openers
