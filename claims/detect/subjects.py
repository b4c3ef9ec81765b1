"""Subjects: who a cue's subject phrase names, with its appositions, titles and roles (how a mention resolves
to a source named before is claims.detect.mentions'). A mixin of claims.detect.extract.Detector, whose __init__
compiles the language data these rules read."""
from __future__ import annotations

import re

from claims.detect.names import split_commas
from claims.detect.segment import CLOSING_MARKS, SPACED_DASH, Segment, dateline_end, open_bracket
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
            after = text[m.end():cue_start].split()[:1]
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

    def _full_vietnamese_name(self, part: str, start: int, seg: Segment) -> bool:
        """Whether `part` names a person by a full Vietnamese name: a family name and at least one more syllable."""
        if not self.speakers.family_names:
            return False
        lead = len(part) - len(part.lstrip())
        name = self.speakers.person_name(part.strip(), start + lead, seg.tokens)[0]
        return name is not None and len(name[0].split()) >= 2 and name[0].split()[0] in self.speakers.family_names

    def _named_with_apposition(self, head: str, start: int, seg: Segment) -> bool:
        """"Ông Trần Văn B, Tổng giám đốc Tập đoàn Vingroup": a named person and an apposition about them, which
        the parser may take for the verb's subject."""
        parts = split_commas(head)
        if len(parts) < 2:
            return False
        first = parts[0]
        lead = len(first) - len(first.lstrip())
        if len(first.split()) > 6 or any(start <= t.start < start + len(first) and t.upos in ("VERB", "AUX")
                                         for t in seg.tokens):
            return False  # a clause ("Anh ta đã xuất hiện tại tòa vào thứ Bảy"), not a name
        return bool(self.speakers.person_name(first.strip(), start + lead, seg.tokens)[0])

    def _name_before_predicate(self, phrase: str, start: int, seg: Segment) -> str:
        """"bà Schroeder đã vô cùng thất vọng, cho rằng …", "bà Jenkyns cũng có mặt tại cuộc biểu tình, phát biểu
        …": a Vietnamese name (of a person or a body), then a tense marker or an adverb of the predicate and a
        predicate of its own before the comma: the subject is the name."""
        if self.lang == "en" or "," in phrase:
            return phrase
        words = phrase.split()
        for k in range(1, min(len(words) - 1, NAME_MOST_WORDS + 1)):
            if words[k].casefold() in self.tense_markers or words[k].casefold() in self.predicate_adverbs:
                # "Sở Y tế trước đó đã có công văn đề nghị …": an adverb of time between the name and the marker
                head = self.re_trailers.sub("", " ".join(words[:k])).strip()
                lead = len(phrase) - len(phrase.lstrip())
                # or a body's name, or a body's noun in lower case after an opening phrase ("Bộ Y tế đã công bố một
                # báo cáo vào thứ Sáu, cho biết …", "…, công an TP trước đó đã có văn bản đề nghị …")
                body = (words[0][:1].isupper() or self._headed_by_source_noun(head)) and \
                    self.speakers.classify(head, start + lead, seg.tokens).type == "organization"
                if head and (head.split()[-1][:1].isupper() and self.speakers.person_name(head, start, seg.tokens)[0]
                             or body or self.speakers.pronoun_type.get(head.casefold()) in ("person", "group")):
                    # or a pronoun: "Sau đó ông đã gửi … bức thư kêu gọi nạn nhân lên tiếng"
                    return phrase[:lead] + head
        return self._name_before_manner(phrase, start, seg)

    # the most words of a manner adverbial between a Vietnamese name and its cue ("xúc động", "nghẹn ngào")
    MANNER_MOST_WORDS = 2

    def _name_before_manner(self, phrase: str, start: int, seg: Segment) -> str:
        """"Ông Nguyễn Văn Nam xúc động nói", "Bà Lan nghẹn ngào chia sẻ": lower-case verbs, adjectives or
        adverbs between a person's name and the cue say how they spoke; the subject ends with the name."""
        lead = len(phrase) - len(phrase.lstrip())
        end = start + len(phrase.rstrip())
        tokens = [t for t in seg.tokens if start + lead <= t.start < end]
        k = len(tokens)
        while k and tokens[k - 1].upos in ("VERB", "ADJ", "ADV") and tokens[k - 1].text[:1].islower():
            k -= 1
        topic = next((i for i in range(1, len(tokens)) if tokens[i].text.casefold() in self.topic_markers
                      and tokens[i - 1].upos == "PROPN"), None)
        if topic is not None and 0 < len(tokens) - topic - 1 <= self.MANNER_MOST_WORDS \
                and all(t.text[:1].islower() for t in tokens[topic:]):
            k = topic  # "Anh Đu thì vui mừng thông báo": the topic marker ends the subject, what follows is manner
        if not 0 < len(tokens) - k <= self.MANNER_MOST_WORDS + (topic == k) or tokens[k - 1].upos != "PROPN":
            return self._name_before_own_predicate(phrase, start, tokens)
        head = phrase[:tokens[k - 1].end - start]
        if k == 1 and len(tokens[0].text.split()) == 1:
            return phrase  # "Nam diễn viên gần đây mới tiết lộ": a capitalised first word alone is no name
        if self.speakers.classify(head.strip(), start + lead, seg.tokens).type != "person":
            return phrase  # "Một cuộc thăm dò mới do YouGov tổ chức": a document's maker, not a speaker's name
        return head

    def _name_before_own_predicate(self, phrase: str, start: int, tokens: list) -> str:
        """"Bà Liễu tỏ thái độ hết sức thoải mái", "Ông bà Hồng xem phim": a person's name, then a predicate of its
        own in lower case with no one else named in it (who could be the cue's subject: "Ông Nam nghe bà Lan"),
        ends the subject at the name."""
        verb = next((k for k in range(1, len(tokens)) if tokens[k - 1].upos == "PROPN"
                     and tokens[k].upos in ("VERB", "ADJ") and tokens[k].text[:1].islower()
                     and tokens[k].text.casefold() not in self.listed_nouns), None)
        if verb is None or any(t.text[:1].isupper() or t.text.casefold() in self.personal_pronouns | self.listed_nouns
                               for t in tokens[verb:]):
            return phrase
        head = phrase[:tokens[verb - 1].end - start]
        if self.speakers.classify(head.strip(), start + len(head) - len(head.lstrip()), tokens).type != "person":
            return phrase
        return head

    def _first_predicate_subject(self, head: str, start: int, seg: Segment, comma: bool = False) -> str:
        """A phrase that ends with a coordinator before the cue ("Tổng thống Joko Widodo đến Palu vào chủ nhật
        và phát biểu") holds a first predicate: the subject ends where its verb, or a marker of tense before
        it, starts. With `comma`, the cue follows the phrase after a comma alone ("Ông Minh phản đối kế hoạch,
        nói rằng …"), and the same holds unless a name follows the verb: a verb before a name is more often a
        word of the subject the tagger took for one ("Người ủng hộ Brexit của Đảng bảo thủ Andrea Jenkyns …")."""
        words = head.rstrip(" ,").split()
        if len(words) < 3 or not comma and words[-1].casefold() not in self.coordinators:
            return head
        first = next((t for t in seg.tokens if start <= t.start < start + len(head)), None)
        if comma and (first is None or first.upos == "PROPN"):
            return head  # "Hoa Kỳ một lần nữa nâng cấp …, tuyên bố": a name that opens the phrase ends the subject
        inside = set(self.data.get("subject_prepositions", []))  # "Giám đốc của công ty": still the subject
        # a noun of the language data is no verb, whatever its tag ("nam diễn viên 31 tuổi … và đề cập rằng")
        nouns = self.listed_nouns
        # a Vietnamese adjective is a predicate of its own ("khá giận dữ với …"), with the adverbs before it
        predicates = ("VERB", "AUX", "ADP") + (("ADJ",) if self.lang != "en" else ())
        tokens = [t for t in seg.tokens if start < t.start < start + len(head)]
        for k, t in enumerate(tokens):
            if t.text.casefold() not in inside | nouns and (t.upos in predicates or t.text.casefold() in self.single_word_trailers):
                if comma and (t.text[:1].isupper() or any(u.upos == "PROPN" for u in tokens[k + 1:])):
                    return head  # a capitalised word is a name's ("Ủy ban Quốc hội hiện đang soạn thảo …")
                while k and tokens[k - 1].upos == "ADV":
                    k -= 1
                cut = head[:tokens[k].start - start].rstrip(" ,")
                return cut if cut else head
        return head

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

    def _subject_phrase(self, span: str, start: int, seg: Segment) -> tuple[str, int]:
        """The subject is the last comma part before the cue, with its appositions. A pair of spaced dashes sets
        an apposition off as commas do ("Ông Nguyễn Văn An - Phó giám đốc Sở Y tế Hà Nội - cho biết")."""
        span = self._without_aside(span, start, seg)
        if len(SPACED_DASH.findall(span)) >= 2:
            span = SPACED_DASH.sub(lambda m: m.group()[0] + "," + m.group()[2], span)  # the same length
        return self._comma_subject_phrase(span, start, seg)

    def _without_aside(self, span: str, start: int, seg: Segment) -> str:
        """"Người mặc quân phục - sau này tôi biết là sĩ quan tham mưu - nói": a clause between dashes just before
        the cue is the writer's aside, neither the subject nor its role; it is blanked (the same length)."""
        dashes = list(SPACED_DASH.finditer(span))
        if len(dashes) < 2:
            return span
        first, second = dashes[-2], dashes[-1]
        if any(w.casefold() not in self.single_word_trailers for w in span[second.end():].split()):
            return span  # the dashes close before the subject: "Năm 2000 - năm đại dịch - ông Nam nói"
        before = span[:first.start()].rsplit(",", 1)[-1]
        aside = span[first.end():second.start()]
        aside_start = start + first.end()
        if not before.strip():
            return span
        # a clause with a pronoun for its subject ("I later learned he was …", "who had served"), not a name
        # that a form of address opens ("ông Nam"); or no apposition of the subject
        words = aside.split()
        clause = len(words) >= 2 and words[0].casefold() in self.clause_pronouns and not words[1][:1].isupper()
        if not clause and (self._is_apposition(aside, aside_start, seg)
                            or self.speakers.person_name(aside.strip(), aside_start, seg.tokens)[0]):
            return span
        return span[:first.start()] + " " * (second.end() - first.start()) + span[second.end():]

    def _comma_subject_phrase(self, span: str, start: int, seg: Segment) -> tuple[str, int]:
        shared = self._shared_subject(span, start, seg)
        if shared is not None:
            return self._subject_phrase(*shared, seg)
        parts, offsets = self._comma_parts(span)
        k = len(parts) - 1
        # drop trailing parts that hold only adverbs ("Some scientists, however, say") or the mark closing a
        # title the comma stood inside (the showrunner of "Designated Survivor," said)
        while k > 0 and not self._strip_openers_trailers(parts[k]).strip(" " + CLOSING_MARKS):
            k -= 1
        last = k
        if self.lang != "en" and span.rstrip().endswith(",") and (k == 0 or not self._starts_apposition(parts[k])):
            # a part after a comma that opens like an apposition ("…, một tổ chức đối tác bao gồm …, cam kết") is
            # one, of what stands before it: no subject of its own
            parts[k] = self._first_predicate_subject(parts[k], start + offsets[k], seg, comma=True)
        antecedent = self._relative_antecedent(parts, offsets, k, start, seg)
        if antecedent is not None:
            return antecedent
        k = self._before_relative_list(parts, self._before_address(parts, k))
        # "X, a spokesman for Y, said": step back over appositions, but not onto an adverbial ("On Monday,"), and
        # never from a pronoun ("Morales's rhetoric has sapped goodwill, she said", "…, vì vậy cô thề rằng")
        def pronoun(part: str) -> bool:
            return self.re_openers.sub("", part, count=1).strip().casefold() in self.speakers.pronoun_type

        # "Kit, who recently married his co-star Rose Leslie, also 31, admitted": a relative clause describes the
        # part before it, and an apposition after the clause is about the clause's last name
        def relative_after_head(j: int) -> bool:
            return j > 0 and self.speakers._is_relative(parts[j]) and self._can_head(
                parts[j - 1], start + offsets[j - 1], seg)

        def examples(part: str) -> bool:
            # "Những người ủng hộ việc đổi tên, trong đó có cả Thủ tướng Zoran Zaev, cho rằng": examples of the
            # noun before them, which is the subject
            low = part.strip().casefold()
            return any(low.startswith(e + " ") for e in self.example_markers)

        if k > 0 and examples(parts[k]):
            k -= 1
        # "Cũng tương tự trường hợp ông Lê Huy Ngọ, bị cáo Nguyễn Thiện Luân cho biết": a part with a full name of
        # its own and no comma closing it before the cue is the subject, not a role of the name before it
        own_subject = k == last and not span.rstrip().endswith(",") and self._full_vietnamese_name(
            parts[k], start + offsets[k], seg)
        while k > 0 and not own_subject and not pronoun(parts[k]) and (self._is_apposition(
                parts[k], start + offsets[k], seg) or self._is_age(parts[k]) or self._lowercase_role(
                parts[k], parts[k - 1], start + offsets[k - 1], seg) or self._title_of_named(
                parts[k], start + offsets[k], parts[k - 1], start + offsets[k - 1], seg) or self._affiliation(
                parts[k], start + offsets[k], parts[k - 1], start + offsets[k - 1], seg)
                or self.lang == "en" and relative_after_head(k)) and (self._can_head(
                parts[k - 1], start + offsets[k - 1], seg) or self._apposition_run(parts, offsets, k - 1, start, seg)
                or self.lang == "en" and relative_after_head(k - 1)):
            if self._bare_title(parts[k]) and not self._named_before_titles(parts, offsets, k - 1, start, seg):
                break  # "Phát biểu tại cuộc họp, Thủ tướng nhấn mạnh": the title is the subject
            k -= 1
        phrase = ",".join(parts[k:last + 1])
        phrase_start = start + offsets[k]
        opener = self.re_openers.match(phrase)
        if opener:
            phrase_start += opener.end()
            phrase = phrase[opener.end():]
        timed = self.re_time_opener.match(phrase)
        if timed and self._opens_source(phrase[timed.end():]):
            # "30 năm sau cô ấy nói", "Last year Schroeder said": a time phrase before the subject, with no comma
            phrase_start += timed.end()
            phrase = phrase[timed.end():]
        phrase = self.re_trailers.sub("", phrase)
        phrase = self._strip_adverbs(phrase, phrase_start, seg.tokens)
        phrase = self._name_before_predicate(phrase, phrase_start, seg)
        lead = len(phrase) - len(phrase.lstrip())
        phrase, phrase_start = phrase.strip(), phrase_start + lead
        phrase = self._first_predicate_subject(phrase, phrase_start, seg)
        phrase = self._before_passive_modifier(phrase, phrase_start, seg)
        # a Vietnamese subject headed by a body or a title may carry a clause of its own ("Hãng khai thác chuyến
        # bay bị rơi tại vụng biển Thái Bình Dương ở Micronesia nói"); any other this long holds the cue inside a
        # clause (English puts the name last, where a phrase this long hides it: "Executive director of … Alia
        # Salem said")
        most = 20 if self.lang != "en" and self._headed_by_source_noun(phrase) else 14
        if len(split_commas(phrase)[0].split()) > most or len(phrase.split()) > 50:
            return "", phrase_start
        return phrase, phrase_start

    def _named_before_titles(self, parts: list[str], offsets: list[int], j: int, start: int, seg: Segment) -> bool:
        """Whether part `j` names a person, or is a title or an age in a run of them after a part that does ("Ông
        Nguyễn Văn An, Giám đốc Sở Y tế, Trưởng ban chỉ đạo cho biết": the last title, with no comma before the
        cue, is still his; "John Smith, 48, father of the victim, said")."""
        while j >= 0:
            part = parts[j].strip()
            if self.speakers.person_name(part, start + offsets[j] + len(parts[j]) - len(parts[j].lstrip()),
                                         seg.tokens)[0]:
                return True
            if not (self.speakers._is_title_led(part.lower()) or self._is_age(parts[j])):
                return False
            j -= 1
        return False

    def _opens_source(self, phrase: str) -> bool:
        """Whether `phrase` starts with what can name a source: a capitalised word or a personal pronoun."""
        low = phrase.casefold()
        return phrase[:1].isupper() or any(re.match(rf"{re.escape(p)}(?![\w-])", low)
                                           for p in self.data["pronouns"].get("person", []))

    def _shared_subject(self, span: str, start: int, seg: Segment) -> tuple[str, int] | None:
        """"Trump, who …, heaped praise on Kim for his courage, but said …", "The minister met Kim on Friday, and
        said …": a cue after a comma and a coordinator shares the subject of the predicate before it, which
        opens the sentence; returns that subject's phrase, never the object of the first predicate."""
        comma = span.rfind(",")
        if comma < 0:
            return None
        words = span[comma + 1:].casefold().split()
        coordinator = next((c for c in sorted(self.data.get("shared_subject_coordinators", []), key=len, reverse=True)
                            if words[:len(c.split())] == c.split()), None)
        if coordinator is None or any(w not in self.data.get("predicate_adverbs", [])
                                      for w in words[len(coordinator.split()):]):
            return None
        relatives = set(self.data.get("relative_subjects", [])) | set(self.data.get("relative_objects", []))
        parts, offsets = self._comma_parts(span[:comma])

        def opening(part: str, at: int) -> list:
            return [t for t in seg.tokens if at <= t.start < at + len(part) and t.upos != "PUNCT"]

        def relative(k: int) -> bool:
            inside = opening(parts[k], start + offsets[k])
            return bool(inside) and inside[0].text.casefold() in relatives

        skipped, k = False, len(parts) - 1
        while k >= 0:
            inside = opening(parts[k], start + offsets[k])
            if not inside:
                return None
            if relative(k) or k and skipped and self._is_adjunct(parts[k]):
                k -= 1  # "who last year threatened …", "on Friday"
            elif inside[0].upos in ("VERB", "AUX") and not inside[0].text[:1].isupper():
                skipped, k = True, k - 1  # the first predicate, after its subject and the subject's appositions
            else:
                break
        if not skipped:
            if k != 0:
                return None
            # "The minister met Kim on Friday, and said …": one part, its subject before its verb
            verb = next((t for t in opening(parts[0], start)[1:] if t.upos in ("VERB", "AUX")), None)
            if verb is None or not parts[0][:verb.start - start].strip():
                return None
            return parts[0][:verb.start - start], start
        kept = next((i for i in range(k + 1) if relative(i)), k + 1)
        return (",".join(parts[:kept]), start) if kept else None

    @staticmethod
    def _comma_parts(span: str) -> tuple[list[str], list[int]]:
        """The comma parts of `span` and where each starts in it."""
        parts, offsets, pos = [], [], 0
        for part in split_commas(span):
            parts.append(part)
            offsets.append(pos)
            pos += len(part) + 1
        return parts, offsets
