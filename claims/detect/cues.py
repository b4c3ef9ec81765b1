"""Cues and the preposed layout: the verbs, "according to" and vague formulas that attribute a statement, and
how the speaker, the outlet and the content sit around a verb cue ("SPEAKER cue [to OUTLET] [that|:] CONTENT";
the postposed layouts are claims.detect.postposed's). A mixin of claims.detect.extract.Detector, whose language data
claims.detect.compiled compiles."""
from __future__ import annotations

import re
from itertools import takewhile

from claims.detect.segment import CLOSING_MARKS, TRAILING, Cue, Segment, is_question, open_bracket
from claims.model import Token

_INTRODUCING_COLON = re.compile(r"(?<!\d):|:(?!\d)")  # not the colon of a time or a score ("02:30", "2:1")
_COMMA = re.compile(r"\s*,\s*")


class CueRules:
    def _cues(self, text: str, seg: Segment) -> list[Cue]:
        body = text[seg.start:seg.end]
        inside = [(q.start, q.end) for q in seg.quotes]

        def outside(a: int, b: int) -> bool:
            return not any(qa <= a < qb or qa < b <= qb for qa, qb in inside)

        cues: list[Cue] = []
        held = [(m.start() + seg.start, m.end() + seg.start) for m in self.re_not_cue.finditer(body)] \
            if self.re_not_cue is not None else []
        for regex, kind, needs in ((self.re_vague_phrase, "vague", False), (self.re_according, "according", False),
                                   (self.re_always, "verb", False), (self.re_complement_cue, "verb", True)):
            for m in regex.finditer(body):
                a, b = m.start() + seg.start, m.end() + seg.start
                if not outside(a, b) or any(c.start <= a < c.end or a <= c.start < b for c in cues) \
                        or any(ha <= a < hb or a <= ha < b for ha, hb in held):
                    continue
                if kind == "verb" and not self._is_verb(seg.tokens, a, b):
                    continue
                if kind == "verb" and self.lang != "en" and self._inside_name(text, seg, a, b):
                    continue
                if kind == "verb" and self._names_a_topic(text, seg, a, b):
                    continue
                before = text[max(seg.start, a - 25):a]
                if self.re_negation_compound is not None:
                    before = self.re_negation_compound.sub(lambda m: "_" * len(m.group()), before)
                if kind == "verb" and self.re_negated.search(before):
                    continue  # "did not say", "không cho biết": nothing was said
                if text[a:b].casefold() in self.only_before_quotation and \
                        not self._introduces_at_once(text[b:seg.end]):
                    continue
                if text[a:b].casefold() in self.only_at_clause_edge and not (
                        self._introduces_at_once(text[b:seg.end]) or not text[b:seg.end].strip(TRAILING + "!?")):
                    continue
                trailer = self.re_cue_trailer.match(text, b, seg.end) if kind == "verb" and self.re_cue_trailer \
                    else None
                if trailer is not None:
                    b = trailer.end()
                cues.append(Cue(a, b, kind, text[a:b], needs))
        return sorted(cues, key=lambda c: c.start)

    # the most words of manner between such a cue and its colon ("cười khanh khách:", "rỉ tai nhau:")
    MANNER_MOST_WORDS = 2

    def _introduces_at_once(self, after: str) -> bool:
        """Whether what follows a cue that reports only what it introduces at once ("tiếp tục", "thở dài") is a
        quotation, a comma or a colon, or a colon after a word or two of manner."""
        rest = after.lstrip()
        if rest[:1] in (":", ",", *self.marks):
            return True
        colon = rest.find(":")
        return 0 < colon and len(rest[:colon].split()) <= self.MANNER_MOST_WORDS \
            and not any(ch in rest[:colon] for ch in ",.;!?")

    @staticmethod
    def _inside_name(text: str, seg: Segment, a: int, b: int) -> bool:
        """"Cơ Quan Đánh Giá và Ứng Dụng Công Nghệ": a Vietnamese cue with every syllable capitalised after a
        capitalised word is part of a name (an English cue is capitalised only where a sentence or title starts);
        a cue that starts inside a word of several syllables, or ends inside one, is part of that word ("cân
        nhắc", to weigh up, holds "nhắc"; "bảo vệ", to protect, holds "bảo")."""
        if any(t.start < a < t.end and text[t.start:a].strip()[:1].islower() for t in seg.tokens):
            return True  # not after a name the tokenizer ran into the cue ("Ri phát biểu" as one word)
        if " " not in text[a:b].strip() and any(t.start == a and b < t.end and text[b:t.end].strip()[:1].islower()
                                               for t in seg.tokens):
            # the first syllable of a longer word ("bảo vệ", to protect, holds "bảo", to tell); a cue of several
            # syllables is a word already, and a longer token holding it is the segmenter's mistake ("nhận định giá")
            return True
        before = text[seg.start:a].split()
        return bool(before) and before[-1][:1].isupper() and all(w[:1].isupper() for w in text[a:b].split())

    def _names_a_topic(self, text: str, seg: Segment, a: int, b: int) -> bool:
        """"lo ngại về các vấn đề tuân thủ", "phát biểu về vấn đề này": a cue with a topic after it says what
        someone spoke of, unless a quotation before it is what they said (""…", Neal Baer nói về việc …")."""
        following = next((t for t in seg.tokens if t.start >= b), None)
        if following is None or following.text.casefold() not in self.cue_topic_after:
            return False
        return not any(q.end <= a and len(text[q.end:a].split()) <= 20 for q in seg.quotes)

    def _is_verb(self, tokens: list[Token], a: int, b: int) -> bool:
        """English cue words are also nouns ("claims", "notes", "reports"); trust the tagger there. Elsewhere
        the words around the cue tell a noun ("bài phát biểu", "tuyên bố này")."""
        if self.lang != "en":
            before = [t for t in tokens if t.end <= a]
            after = [t for t in tokens if t.start >= b]
            own = next((t for t in tokens if t.start <= a < t.end), None)
            words = " ".join(t.text for t in tokens if a <= t.start < b).casefold()
            # "Ông thông tin: …": after a form of address alone at the start, the word is its predicate
            addressed = len(before) == 1 and before[0].text.casefold() in self.personal_pronouns
            if own is not None and own.upos == "NOUN" and words in self.cue_noun_tagged and not addressed:
                return False
            # "390 cam kết", "hai tuyên bố": a count before it makes the cue a noun
            preceding = " ".join(t.text for t in before[-3:]).replace(" / ", "/").split()
            counted = bool(preceding) and re.fullmatch(r"\d[\d.,]*", preceding[-1]) is not None and not (
                len(preceding) > 1 and preceding[-2].casefold() in self.date_words)  # "ngày 10/5 cho biết"
            if before and before[-1].text.casefold() in self.purpose_markers:
                # "Cơ sở để khẳng định điều đó, theo luật sư Tình, …" (the grounds to assert it): after a noun
                # with no predicate of its own, the purpose is the noun's and the cue names no one's words
                clause = list(takewhile(lambda t: t.upos != "PUNCT", reversed(before[:-1])))
                if clause and not any(t.upos in ("VERB", "AUX", "ADJ", "PRON") for t in clause):
                    return False
            # "được dẫn lời cho biết" (was quoted as saying): the words are the quoting verb's object
            quoting = len(before) > 1 and self.re_quoting is not None and self.re_quoting.fullmatch(
                f"{before[-2].text} {before[-1].text}") is not None
            return not ((before and before[-1].text.casefold() in self.cue_noun_before and not quoting) or counted
                        or (after and after[0].text.casefold() in self.cue_noun_after))
        for i, tok in enumerate(tokens):
            if tok.start <= a < tok.end:
                if tok.xpos == "VB" and i and (tokens[i - 1].text.casefold() == "to" or tokens[i - 1].upos == "AUX"):
                    following = next((t for t in tokens if t.start >= b), None)
                    # "…, Theresa May will announce today": given out before it is made, and reported so (the
                    # postposed layout, `announced_statements`)
                    return self._announced(tokens[i - 1].text, tok.text) and (
                        following is None or following.text.casefold() not in self.complementisers
                        and following.text != ":" and following.text not in self.marks
                        and (following.upos not in ("DET", "PRON", "PROPN", "NUM", "VERB", "AUX", "SCONJ")
                             or tok.text.casefold() in self.addressee_cues
                             and following.upos in ("DET", "PRON", "PROPN")))  # "will tell the conference"
                    # else "plans to announce that …", "will confirm that …", "Critics will say the plan …": a
                    # statement still to come
                if tok.xpos == "VBN" and i and tokens[i - 1].lemma == "be":
                    # "who is expected to submit …", "the woman whose body was found is local": what is expected
                    # of or found about the subject, not what it said (the hearsay of "is said to", "it was
                    # reported that" is a vague phrase of its own)
                    return False
                if tok.upos in ("VERB", "AUX") or tok.text.lower() in ("said", "says", "told"):
                    return True
                # "The report states that …", "The Department of Agriculture notes, "…"": a noun or name before
                # it and a complementiser, colon, comma or quotation after it make it the verb, whatever the tag
                before = tokens[i - 1] if i else None
                following = [t for t in tokens if t.start >= b][:2]
                if tok.text.casefold() in self.participle_cues and following and (
                        following[0].text.casefold() in self.complementisers or following[0].text == ":"):
                    return True  # "with one woman saying that …": "saying" before "that" is the verb, whatever its tag
                if before is not None and before.text == "," and following \
                        and following[0].text.casefold() in self.complementisers:
                    return True  # "Greece, which has a province called Macedonia, maintains that …": no article, a verb
                if before is None or not following or not (
                        before.upos in ("NOUN", "PROPN") or before.text == ")"
                        or (before.upos == "ADJ" and before.text[:1].isupper())):
                    return False
                first = following[0].text
                if (before.upos == "PROPN" or before.text[:1].isupper()) and tok.text.islower() \
                        and tok.text.endswith("s") and (first in (".", ",") or following[0].upos in (
                            "DET", "NOUN", "PROPN", "NUM", "PRON")):
                    # "Kit believes television may be …", "…, CBS affiliate WAFB reports.": a present-tense cue
                    # after a name, then a clause or the sentence's end (what it reports is checked after)
                    return True
                return (first.casefold() in self.complementisers or first == ":" or first in self.marks
                        or (first == "," and len(following) > 1 and following[1].text in self.marks))
        return True

    OBJECT_MOST_WORDS = 6  # a cue's bare object up to this many words, with no predicate, says nothing

    NAME_ALONE_MOST_WORDS = 4  # the most words of a name that is all a complementiser introduces

    def _verb_cue(self, text, seg, cue, consumed, registry, fallback, made):
        if cue.text.casefold() in self.naming_quotation_only and not any(q.start >= cue.end for q in seg.quotes):
            return None  # "Người ta gọi ông là ông Ba Phước": what he is called, not words anyone said
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
        if not complement and colon is None and cue.needs_complement and self.lang != "en" \
                and not any(q.end <= cue.start for q in seg.quotes):
            # "Bà Lan kể, mẹ bà luôn đặt một con dao dưới gối": a comma may stand where a complementiser would
            # (after a quotation, '"…", cô nói, …' is the postposed layout, and what follows is a clause of hers)
            comma = _COMMA.match(text, after, seg.end)
            as_said = self.re_as_opener is not None and self.re_as_opener.match(text, consumed, cue.start)
            if comma and (as_said or self._bare_clause(text, seg, cue, comma.end())):
                complement, after = comma, comma.end()
        quote_follows = any(q.start >= after and not text[after:q.start].strip(" ,") for q in seg.quotes)
        if quote_follows and cue.text.casefold() in self.naming_cues and not (complement or colon is not None) \
                and not text[after:min(q.start for q in seg.quotes if q.start >= after)].strip():
            return None  # "a user labelled "Anonymous"", "called "Insurgency Wiki"": a name given, not words said
        if not (complement or colon is not None or quote_follows) and self.lang != "en" \
                and cue.text.casefold() not in self.addressed_cues:
            preceding = next((t for t in reversed(seg.tokens) if t.end <= cue.start), None)
            if preceding is not None and preceding.text.casefold() in self.purpose_markers:
                # "… được tiến hành nhằm tiết lộ cách loài dơi …" (carried out to reveal how bats …): what is
                # yet to be made known, not words said; "để thông báo rằng …" reports what follows "rằng"
                return None
        named, characterised = None, False
        if not (complement or colon is not None or quote_follows):
            named = self._naming_quote(text, seg, cue, after)
            if named is not None:
                after, quote_follows = named, True
            else:
                characterised = self._characterised(seg, cue, after)
        cue_text_end = after if (complement or colon is not None) else cue_end

        rest = text[after:seg.end]
        left_start = consumed
        # "…, Candace Turner who tweeted: "…"": a cue that opens its own statement with a colon or a complementiser
        # reports what follows it, not the clause before its subject
        promised = None if complement or colon is not None or quote_follows else self._promised(text, seg, cue, after)
        postposed = self._postposed(text, seg, cue, after, left_start) if not (
            complement or colon is not None or promised is not None) else self._interrupted(text, seg, cue, after,
                                                                                            left_start)
        if postposed is not None:
            postposed[0].outlet = postposed[0].outlet or outlet  # '"…," Grant Reeher told The Hill'
            return postposed
        if not (complement or colon is not None or quote_follows) and self._says_so(rest.strip(TRAILING + CLOSING_MARKS)):
            return None  # "nhấn mạnh như vậy tại hội nghị": what was said is in the sentence before (`_said_so_back`)
        addressed = " ".join(cue.text.split()).casefold() in self.addressed_cues
        if promised is not None:
            after = promised  # "vowed to 'mobilise the people's army'": what was promised
        elif cue.needs_complement and not characterised and not (complement or colon is not None or quote_follows) \
                and not self._bare_clause(text, seg, cue, after) and not (addressed and self._asked_to(seg, after)):
            return None
        if not (complement or colon is not None or quote_follows):
            following = [t for t in seg.tokens if after <= t.start < seg.end and t.upos != "PUNCT"]
            if following and following[0].upos == "ADP" and not any(t.upos in ("VERB", "AUX") for t in following):
                return None  # "phát biểu tại hội nghị": where it was said, not what
            if following and following[0].upos in ("VERB", "ADJ") and cue.text.casefold() in self.announced_acts \
                    and not any(t.text.casefold() in self.tense_markers or t.upos == "AUX" for t in following):
                # "tuyên bố giải nghệ" (announced his retirement): an act, not words reported; a marker of tense
                # after the first words makes them a clause with its subject ("tuyên bố hip hop đã không còn …")
                return None
            if self.lang != "en" and len(following) <= self.OBJECT_MOST_WORDS and not any(
                    t.upos in ("VERB", "AUX", "ADJ") for t in following):
                # "kêu gọi nhân chứng", "bày tỏ quan điểm trên Twitter": a thing, not words said (English verbs
                # the tagger calls nouns, as in "said the toll rose", would be lost)
                return None
            if is_question(text, seg.start, seg.end):
                return None
        if addressed and not outlet and not (  # "told KSWB-TV in San Diego he had been …": the outlet was told
                complement or colon is not None or quote_follows):
            first = next((t for t in seg.tokens if t.start >= after and t.upos != "PUNCT"), None)
            # a person's noun the language lists is the addressee whatever its tag ("khuyến cáo phụ huynh …")
            if first is None or first.upos not in ("NOUN", "PROPN", "PRON", "DET", "NUM") and not (
                    self.lang != "en" and first.text.casefold() in self.listed_nouns):
                return None
        if self.lang == "en" and cue.text.lower() in ("told", "tells", "tell") and not (
                complement or colon is not None or quote_follows) and not any(
                after <= t.start < seg.end and t.upos in ("VERB", "AUX") for t in seg.tokens):
            return None  # "told him the truth": a thing told, not a statement reported without "that"

        if not rest.strip(TRAILING + CLOSING_MARKS) or (colon is None and rest.rstrip().endswith(":")):
            return None  # nothing said here; a cue that ends its paragraph with a colon introduces the next one
        if complement and not quote_follows and self.lang != "en":
            said = [t for t in seg.tokens if after <= t.start < seg.end and t.upos != "PUNCT"]
            if said and len(said) <= self.NAME_ALONE_MOST_WORDS and all(t.upos == "PROPN" for t in said):
                return None  # "tâm sự với một đồng minh là Tuyết": "là" says who the ally is; a name is no statement
        speaker = self._subject(text, left_start, cue.start, seg, registry, fallback, made)
        if speaker is None:
            return None
        if cue.text.casefold() in self.said_by_people_cues and not (complement or colon is not None or quote_follows) \
                and speaker.type not in ("person", "group", "anonymous", "organization", "vague"):
            return None  # "Các cuộc biểu tình phản ánh sự phân rẽ …": the protests reflect it, no one says it
        end = self._fronted_clause_end(text, seg, left_start, cue, after) if colon is None else seg.end
        if open_bracket(text, seg.start, cue.start) >= 0:
            closing = text.find(")", after, end)
            if closing >= 0:
                end = closing  # "Ông Hải (người dân cho biết ông là thợ săn) dẫn tôi …": up to where the brackets close
        naming = next((q for q in seg.quotes if q.start == named), None) if named is not None else None
        if naming is not None and self.re_coordinated_cue.match(text, naming.end, end):
            end = naming.end  # 'described the damage as "extensive" and said …': the second cue says the rest
        attribution = self._attribution(text, after, end, "indirect", text[cue.start:cue_text_end].strip(),
                                        speaker, seg)
        if attribution is None:
            return None
        quoting = self._quoting(text, left_start, cue.start)
        outlet = outlet or (quoting[0] if quoting else "") or self._fronted_outlet(text, left_start, cue.start)
        if colon is not None:
            attribution.kind = "direct"
        attribution.outlet = outlet
        return attribution, speaker, colon is not None

    def _fronted_clause_end(self, text: str, seg: Segment, left_start: int, cue: Cue, after: int) -> int:
        """A cue inside a subordinate clause that opens the sentence ("When she announced that she would not run,
        she …") reports up to the comma that ends the clause; the main clause after it is the reporter's."""
        if self._fronted_subordinator(text[left_start:cue.start]) is None:
            return seg.end
        for m in re.finditer(",", text[after:seg.end]):
            pos = after + m.start()
            if not any(q.start < pos < q.end for q in seg.quotes):
                return pos
        return seg.end

    @staticmethod
    def _after_quoted_speaker(text: str, rest: str, cue: Cue, after: int, left_start: int, seg: Segment) -> bool:
        """""…," ông Trump phát biểu, hướng vào đám đông", ""…," he said, pointing to the chart": after a
        quotation, its speaker and cue, what follows a comma says what the speaker did; the quotation is what
        they said."""
        if not rest.lstrip().startswith(","):
            return False
        quote = max((q for q in seg.quotes if left_start <= q.start and q.end <= cue.start), default=None,
                    key=lambda q: q.end)
        if quote is None:
            return False
        between = text[quote.end:cue.start]
        return 0 < len(between.split()) <= 8 and not re.search(r"[.!?;:]", between)

    def _promised(self, text: str, seg: Segment, cue: Cue, after: int) -> int | None:
        """"vowed to cut taxes", "pledged to work toward …": a promise or a threat (`promise` cues) reports the
        "to" clause right after it; returns where what was promised starts. "admitted to shooting Wayde Sims": an
        admission (`admission` cues) reports the gerund after "to"."""
        following = [t for t in seg.tokens if t.start >= after][:3]
        if cue.text.casefold() in self.admission_cues and len(following) >= 2 \
                and following[0].text.casefold() == "to" and following[1].xpos == "VBG":
            rest = [t for t in seg.tokens if t.start >= following[1].start]
            if any(t.text == "," and nxt.text.casefold() in self.participle_cues for t, nxt in zip(rest, rest[1:])):
                return None  # "admitted to being a part of the effort, writing in a blog post "…"": the quotation
            return following[1].start
        if cue.text.casefold() not in self.promise_cues:
            return None
        if len(following) < 2 or following[0].text.casefold() != "to" or following[0].upos != "PART":
            return None
        verb = next((t for t in following[1:] if t.upos != "PUNCT"), None)
        if verb is None or verb.upos not in ("VERB", "AUX"):
            return None
        return following[1].start

    def _asked_to(self, seg: Segment, after: int) -> bool:
        """"urged residents to remain calm", "asked the governments … not to turn away boats": a request to
        someone to do something, an addressee and then "to" and a verb, before the clause ends."""
        clause = []
        for t in (t for t in seg.tokens if t.start >= after):
            if t.text in (";", ":") or t.upos == "PUNCT" and t.text == "." and t.end >= seg.end - 1:
                break
            clause.append(t)
        if not clause or clause[0].upos not in ("NOUN", "PROPN", "PRON", "DET", "NUM", "ADJ"):
            return False
        # "in order to", "so as to" give a purpose, not what was asked
        return any(t.text.casefold() == "to" and t.upos == "PART" and i + 1 < len(clause)
                   and clause[i + 1].upos in ("VERB", "AUX") and not (i and clause[i - 1].text.casefold() in (
                       "order", "as")) for i, t in enumerate(clause[:15]))

    def _naming_quote(self, text: str, seg: Segment, cue: Cue, after: int) -> int | None:
        """ "He described Montalvo as an individual, "facing …"": a cue that names or characterises something
        reports the quotation that follows what it names, within a few words and the same sentence; returns
        where that quotation starts."""
        if cue.text.casefold() not in self.naming_cues:
            return None
        following = next((q for q in seg.quotes if q.start >= after), None)
        if following is None:
            return None
        between = text[after:following.start]
        if not between.strip(" ,"):
            return None  # "a user labelled "Anonymous"": a name given, with nothing named before it
        if len(between.split()) > self.naming_most_words or re.search(r"[.!?;]\s", between):
            return None
        return following.start

    CHARACTERISED_MOST_WORDS = {"en": 8, "vi": 12}  # the words of what is characterised, before "as"

    def _characterised(self, seg: Segment, cue: Cue, after: int) -> bool:
        """"described the move as a great opportunity", "mô tả động thái này là một cơ hội": a cue that characterises
        something with no quotation says what it is; the object, then "as" (`naming.as_words`) and a noun phrase."""
        if cue.text.casefold() not in self.naming_cues or not self.naming_as_words:
            return False
        following = [t for t in seg.tokens if t.start >= after and t.upos != "PUNCT"]
        most = self.CHARACTERISED_MOST_WORDS.get(self.lang, 8)
        for i, t in enumerate(following[:most + 1]):
            if t.text.casefold() in self.naming_as_words:
                return 0 < i and i + 1 < len(following) and following[i + 1].upos in (
                    "DET", "ADJ", "NOUN", "NUM", "PROPN")
            if t.upos in ("VERB", "AUX"):
                return False
        return False

    def _bare_clause(self, text: str, seg: Segment, cue: Cue, after: int) -> bool:
        """A clause reported without a complementiser: it opens with its subject (or, for "hứa sẽ …", with a
        marker of tense, mood or negation), has such a marker, and a verb after it."""
        if cue.text.casefold() not in self.bare_clause_cues:
            return False
        before = [t for t in seg.tokens if t.end <= cue.start]
        if before and (before[-1].upos == "DET" or before[-1].text.casefold() in self.bare_clause_relatives):
            return False  # "an estimated 13 per cent", "friends who believe they know": no report
        after = self._fronted_adverbial_end(text, seg, after)
        clause = []
        for t in (t for t in seg.tokens if after <= t.start < seg.end):
            if t.text in (",", ";"):
                break
            if t.upos != "PUNCT":
                clause.append(t)
        if len(clause) < 2:
            return False
        if any(" ".join(t.text for t in clause[:n]).casefold() in self.bare_clause_adjuncts for n in (1, 2)) \
                and not any(t.text.casefold() in self.topic_markers for t in clause):
            return False  # "nói khi đang đi trên đường": when; "nói khi giá tăng thì …" reports the clause after "thì"
        first = clause[0]
        if cue.text.casefold() in self.bare_clause_cognition and first.text.casefold() in self.bare_clause_markers:
            return False  # "hy vọng sẽ giành …": a wish to act; a thought is reported with a subject of its own
        opens = first.upos in ("NOUN", "PRON", "PROPN", "NUM", "DET") or first.text.casefold() in self.bare_clause_markers
        # a person's noun the language lists opens a subject whatever its tag ("cáo buộc ứng cử viên … đã để lộ")
        opens = opens or self.lang != "en" and first.text.casefold() in self.listed_nouns
        # a quantifier or an adjective opens a subject when a noun or the marker follows ("many are not", "most
        # voters are"); "found guilty of …", "found dead in …" open no clause
        opens = opens or (first.upos == "ADJ" and (clause[1].upos in ("NOUN", "PROPN")
                                                    or clause[1].text.casefold() in self.bare_clause_markers
                                                    or self.lang != "en"
                                                    and clause[1].text.casefold() in self.subject_prepositions))
        # a later marker precedes its predicate ("công ty vừa được cấp phép"); last, it is a word of the clause's
        # object ("ủng hộ chính sách mới", the new policy)
        marked = [i for i, t in enumerate(clause) if t.text.casefold() in self.bare_clause_markers
                  or 0 < i < len(clause) - 1 and t.text.casefold() in self.bare_clause_later_markers]
        if self.lang == "en" and opens and cue.text.casefold() not in self.bare_clause_cognition \
                and self._finite_after_subject(clause, marked[0] if marked else len(clause)):
            # "reports the Massachusetts Democrat spoke …", "admitted he feels …": a tensed verb and no marker; a
            # thought needs a marker ("a teacher thought it resembled a bomb" reports no words)
            return True
        if opens and not marked and self.lang != "en" and self._unmarked_clause(clause):
            marked = [0]
        relative = next((i for i, t in enumerate(clause[:marked[0]] if marked else [])
                         if t.text.casefold() in self.bare_clause_relatives), None)
        if self.lang == "en" and relative is not None and len(marked) > 1 and relative > 0 \
                and clause[relative - 1].upos in ("NOUN", "PROPN", "ADJ") \
                and any(t.upos == "VERB" for t in clause[marked[0] + 1:marked[1]]):
            # "confirmed the woman whose body was found is local": the subject's relative clause has its own verb
            # and marker; the clause's own marker comes after it
            marked, relative = marked[1:], None
        if not (opens and marked) or relative is not None:
            return False
        if any(t.upos == "CCONJ" and (t.text.casefold() in self.bare_clause_breaks or clause[i + 1].upos == "PRON")
               for i, t in enumerate(clause[:marked[0]])):
            return False
        if clause[marked[0]].text.casefold() in self.bare_clause_singular and any(
                t.upos == "CCONJ" and t.text.casefold() == "and" for t in clause[:marked[0]]):
            # "found the home defence impenetrable and goalkeeper Liam Kelly was untroubled": subjects joined by
            # "and" take a plural verb, so the "and" opens a clause of its own and the cue's object is no clause
            return False
        if "Case=Acc" in first.feats:
            return False  # "found him guilty": an object, not the subject of a clause
        # an English marker may be the copula itself ("the Navy is running out"), with a noun after it
        predicate = {"VERB", "AUX", "ADJ"} | ({"NOUN", "PROPN", "PRON"} if self.lang == "en" else set())
        if marked[0] and clause[marked[0]].text.casefold() in self.bare_clause_copulas:
            predicate |= {"NOUN", "PROPN", "NUM"}
        return any(t.upos in predicate for t in clause[marked[0] + 1:])

    def _unmarked_clause(self, clause: list) -> bool:
        """Vietnamese marks no tense: a clause with no marker is reported when its opening is surely a subject
        with its predicate after it: six words or more ("đều nói máy bay hạ cánh tại vụng biển"), a pronoun
        and its predicate ("nói ông ủng hộ ứng viên này"), or a share of people ("cho thấy 70% người dân ủng
        hộ"); a shorter noun phrase may be the cue's object ("kể câu chuyện xảy ra năm 2000")."""
        first = clause[0]
        if len(clause) >= 6 and first.upos in ("NOUN", "PROPN", "PRON", "NUM", "DET", "ADJ") and any(
                t.upos in ("VERB", "ADJ") for t in clause[1:]):
            return True
        if len(clause) < 3:
            return False
        if (first.upos == "PRON" or first.text.casefold() in self.personal_pronouns) \
                and clause[1].upos in ("VERB", "ADJ", "ADV", "AUX"):
            return True
        return first.upos == "NUM" and clause[1].text.casefold() in self.bare_clause_shares and any(
            t.upos in ("VERB", "ADJ") for t in clause[2:])

    # the most words of a time or place phrase that opens a reported clause before its comma
    FRONTED_MOST_WORDS = 10

    def _fronted_adverbial_end(self, text: str, seg: Segment, after: int) -> int:
        """Where a Vietnamese reported clause's subject may start: after a fronted time or place phrase and its
        comma ("cho thấy trong năm 2014, 17% nhà tuyển dụng …"), else at `after`."""
        timed = self.re_time_opener.match(text, after, seg.end) if self.lang != "en" else None
        if timed and text[timed.end():seg.end].startswith(","):
            # "kể hơn 30 năm trước, một phụ nữ …": how long ago, in the reported clause
            return next((t.start for t in seg.tokens if t.start > timed.end()), after)
        words = [t for t in seg.tokens if after <= t.start < seg.end]
        if self.lang == "en" or not words or words[0].text[:1].isdigit() \
                or not self.re_adverbial.match(" ".join(t.text for t in words[:self.FRONTED_MOST_WORDS])):
            return after
        for k, t in enumerate(words[:self.FRONTED_MOST_WORDS + 1]):
            if t.text == ",":
                return words[k + 1].start if k + 1 < len(words) and k > 0 else after
            if t.upos == "PUNCT" and t.text not in ("-", "/"):
                return after
        return after

    SUBJECT_MOST_WORDS = 6

    @classmethod
    def _finite_after_subject(cls, clause: list[Token], before: int) -> bool:
        """Whether `clause` opens with a noun phrase and its tensed verb (before the first marker): the noun phrase
        holds no second determiner or pronoun, which would open a relative clause ("revealed the dress she
        wore") or a second object."""
        for k, t in enumerate(clause[:min(before, cls.SUBJECT_MOST_WORDS + 1)]):
            if t.xpos in ("VBD", "VBZ", "VBP"):
                return 0 < k and clause[k - 1].upos in ("NOUN", "PROPN", "PRON")
            if t.upos not in ("DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "PART") or k and (
                    t.upos in ("DET", "PRON") and clause[k - 1].upos != "PART"):
                return False
        return False

    # the most words of an adjunct between a cue and its complementiser; a Vietnamese word is a syllable ("trong
    # cuộc biểu tình Leave Means Leave tại Solihull rằng")
    ADJUNCT_MOST_WORDS = {"en": 8, "vi": 12}

    def _skip_adjuncts(self, text: str, pos: int, seg: Segment) -> int:
        """ "said on Friday (that) ...", "wrote in a note to clients that ...": the adjunct belongs to the cue."""
        quote = next((q for q in seg.quotes if q.start >= pos), None)
        lead = text[pos:quote.start] if quote is not None else ""
        first = next((t for t in seg.tokens if t.start >= pos), None)
        if self.lang != "en" and 0 < len(lead.split()) <= 10 and lead.strip().endswith(",") \
                and "," not in lead.strip()[:-1] and first is not None and first.upos == "ADP":
            # "phát biểu sau màn trình diễn đáng thất vọng của đội mình, "…"": Vietnamese makes nouns of verbs
            # ("trình diễn"), which the tagger calls verbs; the comma closes the adjunct before the quotation
            return quote.start
        m = self.re_leading_adjuncts.match(text, pos, seg.end)
        if m and m.end() > pos and text[m.end():seg.end].strip():
            return m.end()
        # a prepositional phrase without a verb, then a complementiser
        window = text[pos:min(seg.end, pos + 80)]
        comp = re.search(rf"(?<![\w-])(?:{'|'.join(map(re.escape, self.data['cues']['complementisers']))})(?![\w-])",
                         window, re.IGNORECASE)
        # a longer adjunct only before a complementiser that is nothing else: "là" is also the copula ("cái gọi là")
        unambiguous = bool(comp) and comp.group().casefold() in self.data["cues"].get("unambiguous_complementisers", [])
        most = self.ADJUNCT_MOST_WORDS.get(self.lang, 8) if unambiguous else 8
        # every part between commas is itself adverbial ("on Friday, in a statement, that") or a name ("in
        # Nashville, Tennessee, that"); a part that is neither, or a number after a comma, opens the reported
        # clause ("cho biết trong năm nay, 17 ca là do …": "là" is then the clause's copula)
        parts = [part.strip() for part in window[:comp.start()].split(",")] if comp else []
        if comp and not unambiguous and parts[0][:1].isdigit() and not self._is_time_phrase(parts[0]):
            comp = None  # "khẳng định 90% là đúng đối tượng": a figure, then the copula, is the reported clause
        if comp and self.re_adverbial.match(parts[0]) and all(
                part[:1].isupper() or self.re_adverbial.match(part) and not part[:1].isdigit()
                for part in parts[1:] if part) \
                and len(window[:comp.start()].split()) <= most:
            span_end = pos + comp.start()
            # English "that" also opens relative clauses; "rằng" only reports ("chia sẻ trong một cuộc họp báo
            # rằng …", whatever the tagger makes of "họp báo")
            if self.lang != "en" or not any(pos <= t.start < span_end and t.upos in ("VERB", "AUX")
                                            for t in seg.tokens):
                return span_end
        # "writing in a blog post "…"": a prepositional phrase without a verb, then the quotation
        quote = next((q for q in seg.quotes if q.start >= pos), None)
        if quote is not None and 0 < len(text[pos:quote.start].split()) <= 8:
            between = [t for t in seg.tokens if pos <= t.start < quote.start]
            if between and between[0].upos == "ADP" and not any(t.upos in ("VERB", "AUX") for t in between) \
                    and not text[pos:quote.start].strip().endswith(":"):
                return quote.start  # "spoke after a disappointing performance for his squad, "…""
        return pos

    def _is_time_phrase(self, phrase: str) -> bool:
        """Whether `phrase` is all a time phrase ("2 ngày qua", "năm 2020", "last week")."""
        timed = self.re_time_opener.match(phrase + " ")
        return bool(timed and timed.end() == len(phrase) + 1)

    def _colon_after(self, text: str, pos: int, seg: Segment) -> int | None:
        """A colon soon after the cue ("cho biết trước quy định mới này: ...")."""
        window = text[pos:min(seg.end, pos + 120)]
        colon = _INTRODUCING_COLON.search(window)
        i = colon.start() if colon else -1
        if i < 0 or len(window[:i].split()) > 12:
            return None
        if any(q.start < pos + i < q.end for q in seg.quotes):
            return None
        if not text[pos + i + 1:seg.end].strip():
            return None
        if self.re_always.search(window[:i]):
            return None  # "Variety reported, with one person there saying: …": the colon is the second cue's
        return pos + i

    def _is_adjunct(self, text: str) -> bool:
        """"on Monday", "in a statement", "tại buổi họp báo": what may follow a postposed cue."""
        low = text.strip().lower()
        if re.match(r"\d{1,3}-year-old\b", low):
            return False  # "said 35-year-old mother Risa Kusuma": an age describes the speaker
        if self._is_time_phrase(low.rstrip(".!?")):
            return True  # "this week", "two days later", "tuần trước"
        return bool(self.re_adverbial.match(low) or self.re_trailers_full.fullmatch(" " + low))
