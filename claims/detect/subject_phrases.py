"""Subject phrases: where the phrase before a cue starts and ends (its comma parts, appositions between dashes,
a subject shared by two predicates) and where a Vietnamese name ends before its predicate or its manner. A mixin of
claims.detect.extract.Detector, beside claims.detect.subjects, which finds the span these rules read."""
from __future__ import annotations

import re

from claims.detect.names import split_commas
from claims.detect.segment import CLOSING_MARKS, SPACED_DASH, Segment
from claims.detect.subjects import NAME_MOST_WORDS


class SubjectPhraseRules:
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
        # "Cô mừng rỡ sang khoe với tôi là …": a form of address alone is the subject too
        # ("ông trưởng thôn lại lo lắng" names the head of the village, whatever the tagger calls the title)
        addressed = k == 1 and tokens[0].text.casefold() in self.personal_pronouns and not any(
            t.text.casefold() in self.listed_nouns for t in tokens[1:])
        if not 0 < len(tokens) - k <= self.MANNER_MOST_WORDS + (topic == k) or not (
                tokens[k - 1].upos == "PROPN" or addressed):
            return self._name_before_own_predicate(phrase, start, tokens)
        head = phrase[:tokens[k - 1].end - start]
        if addressed:
            return head
        if k == 1 and len(tokens[0].text.split()) == 1:
            return phrase  # "Nam diễn viên gần đây mới tiết lộ": a capitalised first word alone is no name
        if self.speakers.classify(head.strip(), start + lead, seg.tokens).type != "person":
            return phrase  # "Một cuộc thăm dò mới do YouGov tổ chức": a document's maker, not a speaker's name
        return head

    def _name_before_own_predicate(self, phrase: str, start: int, tokens: list) -> str:
        """"Bà Liễu tỏ thái độ hết sức thoải mái", "Ông bà Hồng xem phim": a person's name, then a predicate of its
        own in lower case with no one else named in it (who could be the cue's subject: "Ông Nam nghe bà Lan"),
        ends the subject at the name. A name may be an initial ("Thợ săn K. có thâm niên …") and have where the
        person lives in brackets after it ("Ông Nam (xã Phù Long) có …")."""
        verb = next((k for k in range(1, len(tokens)) if self._name_end_before(tokens, k) is not None
                     and tokens[k].upos in ("VERB", "ADJ") and tokens[k].text[:1].islower()
                     and tokens[k].text.casefold() not in self.listed_nouns), None)
        if verb is None or any(t.text[:1].isupper() or t.text.casefold() in self.personal_pronouns | self.listed_nouns
                               for t in tokens[verb:]):
            return phrase
        head = phrase[:self._name_end_before(tokens, verb) - start]
        if self.speakers.classify(head.strip(), start + len(head) - len(head.lstrip()), tokens).type != "person":
            return phrase
        return head

    def _name_end_before(self, tokens: list, k: int) -> int | None:
        """Where a name that ends right before `tokens[k]` ends: a proper noun, an initial and its full stop, or
        either of them before a closed bracket."""
        j = k
        if tokens[j - 1].text == ")":
            j = next((i for i in range(j - 2, -1, -1) if tokens[i].text == "("), 0)
            if j < 1:
                return None
        prev = tokens[j - 1]
        if prev.upos == "PROPN":
            return prev.end
        if prev.text == "." and j >= 2 and self._is_abbreviation(tokens[j - 2].text + prev.text):
            return prev.end  # an initial, as the sentence splitter reads one ("K.")
        return None

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
                while k and tokens[k - 1].upos in ("ADV", "PART"):  # "ngay lập tức", at once
                    k -= 1
                cut = head[:tokens[k].start - start].rstrip(" ,")
                return cut if cut else head
        return head

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
