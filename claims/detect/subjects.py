"""Subjects: where the span before a cue that holds its subject starts (after a subordinate or coordinated
clause, a purpose, an opener, an aside, a dateline) and who the subject phrase names; the phrase's own parts are
claims.detect.subject_phrases', and how a mention resolves to a source named before is claims.detect.mentions'.
A mixin of claims.detect.extract.Detector, whose language data
claims.detect.compiled compiles."""
from __future__ import annotations

import re

from claims.detect.segment import CLOSING_MARKS, Segment, dateline_end, open_bracket
from claims.detect.speakers import Speaker
from claims.nlp.pipeline import add_dependencies

# the most words of a name that a tense marker or an adverb of its predicate may follow ("Ủy ban Nhân dân Thành phố
# Hồ Chí Minh đã …"); a longer run before one is no name, and reading every prefix of a long phrase as a name cost
# minutes on a generated sentence of a thousand cues
NAME_MOST_WORDS = 12


class SubjectRules:
    def _after_subordinator(self, span: str, start: int, seg: Segment) -> tuple[str, int]:
        """"Sau đó anh đã nhảy ra khỏi tháp vì anh nghĩ rằng …", "He jumped because he thought …": a cue in a
        subordinate clause after a main clause has the subordinate clause's subject, not the main clause."""
        low = span.casefold()
        # a relative clause's own subject comes after its pronoun too ("colleagues with whom I had thought")
        openers = self.subordinators | set(self.data.get("relative_objects", []))
        # "vì vậy" (so) opens a main clause, though "vì" alone (because) subordinates one
        found = [m for w in openers for m in re.finditer(rf"(?<![\w]){re.escape(w)}(?![\w])", low)
                 if not any(o != w and o.startswith(w + " ") and low.startswith(o, m.start())
                            for o in self.longer_openers)]
        if not found:
            return span, start
        main = self._main_clause_after_fronted(span)
        if main is not None:
            return span[main:], start + main
        fronted = self._fronted_subordinator(span)
        if fronted is not None:
            return span[fronted:], start + fronted
        m = max(found, key=lambda m: (m.start(), -m.end()))
        rest = span[m.end():]
        if not 1 <= len(rest.split()) <= 6 or "," in rest or not any(
                start <= t.start < start + m.start() and t.upos == "VERB" for t in seg.tokens):
            return span, start
        return rest, start + m.end()

    def _main_clause_after_fronted(self, span: str) -> int | None:
        """"Mặc dù cảnh báo có hiệu quả thì việc thiếu những tiếng còi cảnh báo …": after a fronted subordinate
        clause, a word of the language's data ("thì") opens the main clause, whose subject comes after it;
        returns where that subject starts."""
        low = span.casefold()
        lead = len(low) - len(low.lstrip())
        fronting = self.data.get("fronted_clause_subordinators", []) + self.data.get("subordinators", [])
        if not any(re.match(rf"{re.escape(w)}(?![\w])", low[lead:]) for w in fronting):
            return None
        marks = [m for w in self.data.get("main_clause_markers", [])
                 for m in re.finditer(rf"(?<![\w]){re.escape(w)}(?![\w])", low)]
        if not marks:
            return None
        end = max(m.end() for m in marks)
        return end + len(span[end:]) - len(span[end:].lstrip())

    # the most words between a fronted clause's conjunction and its cue: a subject and what it did first ("Khi ngôi
    # sao 37 tuổi Willoughby lên Instagram để thông báo rằng …")
    FRONTED_CLAUSE_MOST_WORDS = 10

    def _fronted_subordinator(self, span: str) -> int | None:
        """"Khi cô tuyên bố rằng …, cô đã …", "When she announced that …, she …": a sentence that opens with a
        subordinate clause holding the cue has that clause's subject, right after its conjunction; returns where
        the subject starts."""
        low = span.casefold()
        lead = len(low) - len(low.lstrip())
        # not "as" ("As Heald told The Huffington Post, …": the main clause is what was said) nor "if" (nothing
        # was said yet)
        fronting = sorted(self.data.get("fronted_clause_subordinators", []), key=len, reverse=True)
        word = next((w for w in fronting if re.match(rf"{re.escape(w)}(?![\w])", low[lead:])), None)
        if word is None:
            return None
        rest = span[lead + len(word):]
        if not 1 <= len(rest.split()) <= self.FRONTED_CLAUSE_MOST_WORDS or "," in rest:
            return None
        return lead + len(word) + len(rest) - len(rest.lstrip())

    def _subject(self, text, left_start, cue_start, seg, registry, fallback, made) -> Speaker | None:
        span = text[left_start:cue_start]
        # an earlier clause of the same sentence is not part of the subject
        if made:
            span_start = made[-1].end
        else:
            span_start = left_start
        span = text[span_start:cue_start]
        opener = self.re_as_opener.match(span) if self.re_as_opener is not None else None
        if opener is not None:
            span, span_start = span[opener.end():], span_start + opener.end()  # "As Spieth says, …": not "As Spieth"
        if made and fallback is not None and span.strip(" ," + CLOSING_MARKS).casefold() in self.coordinators:
            # 'described the damage as "extensive" and said …': a second predicate of the statement's speaker
            return Speaker(fallback.name, "", cue_start, cue_start, fallback.type, fallback.role)
        participle = self._participle_subject(text, span_start, cue_start, seg)
        if participle is not None:
            span, span_start = participle
        else:
            span, span_start = self._after_coordinated_clause(text, span_start, cue_start, seg)
        quoting = self._quoting(text, span_start, cue_start)
        if quoting is not None:
            span, span_start = text[quoting[1]:cue_start], quoting[1]
        owner = self._words_owner_start(text, span_start, cue_start)
        if owner is not None:
            span, span_start = text[owner:cue_start], owner
        elif self.re_statement_owner is not None and (stated := self.re_statement_owner.match(span)):
            # "Thông tin từ Bộ Y tế cho biết …", "Đánh giá của các chuyên gia cho thấy …": the owner speaks
            span, span_start = span[stated.end():], span_start + stated.end()
        past = dateline_end(text, span_start, span_start + len(span))
        span, span_start = span[past - span_start:], past
        label = span.rfind(": ")
        if label >= 0 and not any(q.start < span_start + label < q.end for q in seg.quotes):
            # "Tai nạn máy bay ở Micronesia: Air Niugini nói …": a headline's topic ends at its colon
            span, span_start = span[label + 2:], span_start + label + 2
        span = self._without_aside(span, span_start, seg)
        bracket = open_bracket(span)
        if bracket >= 0:
            # "Mr. H. (the hunters named in this story asked that …)": a cue inside brackets has its subject there
            span, span_start = span[bracket + 1:], span_start + bracket + 1
        span, span_start = self._after_subordinator(span, span_start, seg)
        head, head_start = self._subject_phrase(span, span_start, seg)
        head, head_start = self._pronoun_after_fronted_phrase(head, head_start, seg)
        head = self._before_purpose(head, head_start, seg)
        if head.strip().casefold() in self.subordinators:
            return None  # "Mặc dù cảnh báo có hiệu quả …": a conjunction, and the cue word a noun
        dep = self._dependency_subject(text, span_start, cue_start, seg) if len(head.split()) > 6 else None
        if dep is not None and head.strip() and (dep[1] > head_start or self.lang == "en" and dep[1] == head_start) \
                and len(dep[0]) < len(head) \
                and dep[0][:1].isalnum() and not self._named_with_apposition(head, head_start, seg) \
                and not self._title_then_name(head, head_start, dep):
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
        if speaker.type == "unknown" and not head.strip()[:1].isupper() and not head.strip()[:1].isdigit() and (
                registry is None or registry.fullest(speaker).name == speaker.name):
            # a verb phrase or clause, not a source ("được thành lập để thông báo ..."); "the singer", "the
            # rapper" point back at the person named before
            return None
        if speaker.type == "unknown" and self._opens_with_predicate(head_start, seg):
            return None  # capitalised only as the sentence's first word: "Đào tạo mô hình lớn yêu cầu …", "Nâng mức"
        if speaker.type == "unknown" and text[head_start + len(head):cue_start].strip() == "," \
                and self._is_adjunct(head):
            return None  # "Ngày 27/11, phát biểu tại hội nghị, Tổng bí thư … nói": when, then a fronted phrase
        return speaker

    def _pronoun_after_fronted_phrase(self, head: str, start: int, seg: Segment) -> tuple[str, int]:
        """"In the interview he also admitted …", "Trong cuộc phỏng vấn ông cho biết …": a phrase that opens the
        sentence with no comma after it, then a pronoun right before the cue, which is its subject ("38 percent
        said they thought" is a clause before the pronoun, not a phrase)."""
        if not self.re_adverbial.match(head):
            return head, start
        words = [(m.group(), m.start()) for m in re.finditer(r"\S+", head)]
        for word, at in reversed(words[1:]):
            if self.speakers.pronoun_type.get(word.casefold()) in ("person", "group"):
                if self.re_trailers.sub(" ", " " + head[at + len(word):]).strip() or any(
                        start <= t.start < start + at and t.upos in ("VERB", "AUX") for t in seg.tokens):
                    break  # more than adverbs between the pronoun and the cue, or a clause before it
                return head[at:], start + at
        return head, start

    def _before_purpose(self, head: str, start: int, seg: Segment) -> str:
        """"Ông Nam lên Facebook để thông báo rằng …": a cue right after a marker of purpose (`purpose_markers`)
        serves the clause before it, whose subject ends where that clause's predicate starts."""
        words = head.rstrip(" ,").split()
        if len(words) < 3 or words[-1].casefold() not in self.purpose_markers:
            return head
        tokens = [t for t in seg.tokens if start < t.start < start + len(head)]
        k = next((k for k, t in enumerate(tokens) if t.upos in ("VERB", "AUX", "ADJ")
                  and t.text.casefold() not in self.listed_nouns), None)
        if k is None:
            return head
        while k and (tokens[k - 1].upos == "ADV" or tokens[k - 1].text.casefold() in self.single_word_trailers):
            k -= 1
        cut = head[:tokens[k].start - start].rstrip(" ,")
        return cut if cut.strip() else head

    def _title_then_name(self, head: str, head_start: int, dep: tuple[str, int]) -> bool:
        """"Vận động viên bơi lội Olympic Adam Peaty": the parser's subject is the name that ends a phrase led by
        a title, and the title before it is the person's role."""
        return dep[1] + len(dep[0]) == head_start + len(head.rstrip()) and self.speakers._is_title_led(head.strip())

    _NOT_NAMING = {"VERB", "AUX", "ADV", "ADP", "SCONJ", "CCONJ", "PART", "INTJ"}

    def _opens_with_predicate(self, start: int, seg: Segment) -> bool:
        """Whether the phrase at `start` opens a sentence with a word that names nothing (a verb, an adverb, a
        preposition); a name or a noun phrase would open with a noun."""
        first = next((t for t in seg.tokens if t.start >= start and t.upos != "PUNCT"), None)
        if first is None or first.upos not in self._NOT_NAMING:
            return False
        second = next((t for t in seg.tokens if t.start > first.start and t.upos != "PUNCT"), None)
        if first.text.casefold() in self.quantity_openers and second is not None and (
                second.text[:1].isdigit() or second.text.casefold() in self.quantity_nouns):
            return False  # "About half of the individuals …", "Chỉ 10%": a quantity opens the subject
        before = [t for t in seg.tokens if t.end <= first.start and t.upos != "PUNCT"]
        return not before

    QUOTING_OUTLET_MOST_WORDS = 6

    def _quoting(self, text: str, start: int, cue_start: int) -> tuple[str, int] | None:
        """"NBC News dẫn lời Michael Steele, cựu Chủ tịch …, nói: "…"": an outlet quoting someone before the
        cue (`quoting_phrases`). Returns the outlet and where the quoted speaker's phrase starts."""
        if self.re_quoting is None:
            return None
        found = list(self.re_quoting.finditer(text, start, cue_start))
        if not found or not text[found[-1].end():cue_start].strip(" ,"):
            return None
        before = text[start:found[-1].start()]
        outlet = before[before.rfind(",") + 1:].strip()
        words = outlet.split()
        if not 1 <= len(words) <= self.QUOTING_OUTLET_MOST_WORDS or not words[0][:1].isupper():
            return None
        return outlet, found[-1].end()

    def _words_owner_start(self, text: str, start: int, cue_start: int) -> int | None:
        """"Tôi nhớ lời anh chủ tịch xã Bùi Văn Luyến nhắc đi nhắc lại: …": someone's words (`words_of`) that the
        writer remembers or repeats are theirs; returns where the owner's phrase starts."""
        if self.re_words_of is None:
            return None
        def owned(m) -> bool:
            # a person follows ("lời anh …", "lời Bác"), not a kind of words ("những lời chỉ trích", "lời khuyên");
            # "trả lời" (to answer) is another word
            after = text[m.end():cue_start].split()[:2]
            if len(after) > 1 and after[0].casefold() in self.plural_markers:
                after = after[1:]  # "kinh nghiệm của những thợ lặn": of people of a kind
            return text[max(start, m.start() - 4):m.start()].split()[-1:] not in (["trả"], ["Trả"]) and bool(after) \
                and (after[0][:1].isupper() or after[0].casefold() in self.personal_pronouns | self.listed_nouns)

        found = [m for m in self.re_words_of.finditer(text, start, cue_start) if owned(m)]
        if not found or not text[found[-1].end():cue_start].strip(" ,"):
            return None
        return found[-1].end() + len(text[found[-1].end():cue_start]) - len(text[found[-1].end():cue_start].lstrip())

    def _after_coordinated_clause(self, text: str, span_start: int, cue_start: int, seg: Segment) -> tuple[str, int]:
        """"The broadcasts began on August 10 and South Korea says …": after a clause with its own verb and a
        coordinator, the cue's subject starts after the coordinator."""
        inside = [t for t in seg.tokens if span_start <= t.start and t.end <= cue_start]
        for i in range(len(inside) - 1, 0, -1):
            t = inside[i]
            if i + 1 < len(inside) and inside[i - 1].text[:1].isupper() and inside[i + 1].text[:1].isupper():
                continue  # "The Globe and Mail", "Johnson and Johnson": a coordinator inside a name
            # "nhưng" is tagged a subordinator as often as a coordinator: the word decides
            coordinator = t.upos == "CCONJ" or t.text.casefold() in self.bare_clause_breaks
            # the clause has a subject before its verb: a verb right after a comma opens an apposition the
            # tagger misread ("Ana Balarin, đối tác và ECD tại Mother": "đối tác" tagged a verb)
            if coordinator and any(u.upos in ("VERB", "AUX") and j and inside[j - 1].text != ","
                                         for j, u in enumerate(inside[:i])) \
                    and not any(u.upos in ("VERB", "AUX") for u in inside[i + 1:]) and i + 1 < len(inside):
                return text[inside[i + 1].start:cue_start], inside[i + 1].start
        return text[span_start:cue_start], span_start

    def _participle_subject(self, text: str, span_start: int, cue_start: int, seg: Segment) -> tuple[str, int] | None:
        """The subject of a participle cue (`participle_cues`): the noun phrase of "with X stating", or, after a
        comma, the subject of the clause it hangs from ("The minister defended the plan, saying ...")."""
        word = re.match(r"\w*", text[cue_start:]).group().casefold()
        if word not in self.participle_cues:
            return None
        before = text[span_start:cue_start]
        with_phrase = self.re_with_subject.search(before)
        if with_phrase:
            return with_phrase.group(1), span_start + with_phrase.start(1)
        verb = next((t for t in seg.tokens if span_start <= t.start < cue_start and t.upos in ("VERB", "AUX")), None)
        if verb is None:
            return None
        if not before.rstrip().endswith(","):
            between = [t for t in seg.tokens if verb.start <= t.start and t.end <= cue_start]
            if between and all(t.upos in ("AUX", "VERB", "ADV") for t in between) and between[-1].upos == "VERB" \
                    and between[-1].xpos == "VBN":
                return text[span_start:verb.start], span_start  # "A police officer was heard telling …"
            # "He left Pyongyang in July saying that …": without the comma, only after a time or place phrase
            last = [t for t in seg.tokens if verb.end <= t.start and t.end <= cue_start][-3:]
            if len(last) >= 2 and last[-1].upos == "NOUN" and last[-1].text.casefold() in self.speakers.person_nouns \
                    and last[-2].upos == "DET":
                # "a text from the mother complaining that …": the person the participle describes
                return text[last[-2].start:cue_start], last[-2].start
            if not (len(last) >= 2 and any(t.upos == "ADP" for t in last[:-1])
                    and last[-1].upos in ("NOUN", "PROPN", "NUM")):
                return None
        return text[span_start:verb.start], span_start

    _NP_TAGS = {"DET", "NOUN", "PROPN", "ADJ", "NUM", "PRON", "PART"}

    def _trailing_noun_phrase(self, text: str, head: str, start: int, seg: Segment) -> tuple[str, int]:
        """English subjects are head-final: when a long phrase holds a clause linker ("Apple shares fell 4%
        on Thursday after the company warned"), the subject is the noun phrase after the last linker."""
        if "," in head or len(head.split()) <= 6:
            return head, start
        # "Conservative sites such as Gateway Pundit and RedState": "as" opens examples, not a clause
        linkers = [m for m in self.re_linkers.finditer(head)
                   if not any(head[:m.end()].casefold().rstrip().endswith(e) for e in self.example_markers)]
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
        def subtree(roots: list[int]) -> set[int]:
            members = set(roots)
            changed = True
            while changed:
                changed = False
                for i, t in enumerate(sentence):
                    if i not in members and t.head - 1 in members:
                        members.add(i)
                        changed = True
            return members

        # "North Korea's top diplomat Ri Yong Ho said": the parser may make the title and the name two subjects
        # of the verb; side by side, they are one
        members = subtree(subjects)
        named = all(sentence[i].upos == "PROPN" for i in members - subtree(subjects[:1]))
        if not named or max(members) - min(members) + 1 != len(members):
            # the later subject is more than a name ("Political scientist Helen Park of Ohio State University")
            members = subtree(subjects[:1])
        lo, hi = min(members), max(members)
        head = subjects[0]
        if self.lang == "en" and hi - lo >= 6 and any(sentence[i].upos in ("VERB", "AUX") for i in members if i > head) \
                and not any(sentence[i].text == "," for i in members):
            # "The airline operating a flight that crashed into a Pacific lagoon … says": the noun and what
            # stands before it, without the clause that follows it
            hi = head
            members = {i for i in members if lo <= i <= hi}
        if hi >= cue_index or sentence[lo].start < left or hi - lo + 1 != len(members):
            return None
        if not any(sentence[i].upos in ("NOUN", "PROPN", "PRON", "NUM") for i in members):
            return None
        return text[sentence[lo].start:sentence[hi].end], sentence[lo].start
