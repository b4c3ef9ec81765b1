"""The parts of a subject phrase: which comma-separated part is the head that names the speaker, and which
are appositions, titles, affiliations, ages and addresses that describe it ("Lâm Kiếm, người phát ngôn Bộ
Ngoại giao", "Matthew Ingram of The Globe and Mail"). A mixin of claims.detect.extract.Detector, whose
__init__ compiles the language data these rules read."""
from __future__ import annotations

import re

from claims.detect.names import _starts_with, split_commas
from claims.detect.segment import Segment
from claims.model import Token


_AGE_PART = re.compile(r"\s*\d{1,3}(?:\s|$)")  # an age between commas ("35 tuổi", "48")


class AppositionRules:
    def _headed_by_source_noun(self, phrase: str) -> bool:
        low = phrase.strip().lower()
        return bool(_starts_with(low, self.speakers.org_nouns) or _starts_with(low, self.speakers.titles))

    def _headed_by_document(self, phrase: str) -> bool:
        """Headed by a document's noun, after an article or a plural marker or not ("Một cuộc thăm dò …")."""
        words = phrase.strip().lower().split()
        if words[:1] and words[0] in self.head_determiners:
            words = words[1:]
        return bool(_starts_with(" ".join(words), self.speakers.doc_nouns))

    def _before_passive_modifier(self, phrase: str, start: int, seg: Segment) -> str:
        """"Một cuộc thăm dò được công bố vào thứ Hai tuần trước bởi Viện … cho biết": a document's noun followed by
        a passive participle ("được", "bị" and a verb) is the subject; the participle's phrase describes it."""
        if self.lang == "en" or not self._headed_by_document(phrase):
            return phrase
        inside = [t for t in seg.tokens if start <= t.start < start + len(phrase)]
        for a, b in zip(inside, inside[1:]):
            if a.text.casefold() in self.passive_markers and b.upos == "VERB" and a.start > start:
                rest = phrase[a.start - start:].casefold().split()
                if any(w in self.subordinators for w in rest):
                    # "Phán quyết của ICJ được đưa ra … khi các cuộc tranh luận … cho thấy": the cue is in a clause
                    return phrase
                return phrase[:a.start - start].rstrip()
        return phrase

    ADDRESS_HEAD_MOST_WORDS = 8  # "cảnh sát tại Baton Rouge", not a clause that holds "tại"

    def _before_address(self, parts: list[str], k: int) -> int:
        """"Giáo sư Jay Berzofsky, thuộc Viện Ung thư Quốc gia Hoa Kỳ, Bethesda, Maryland, nói": the places after
        an affiliation are its address, not the subject; the part that opens the affiliation, if one does."""
        def place(part: str) -> bool:
            words = part.split()
            return 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words)

        j = k
        while j > 1 and place(parts[j]):
            j -= 1
        opener = parts[j].strip().split()[:1]
        if j < k and opener and opener[0] in self.address_openers:
            return j
        # "cảnh sát tại Baton Rouge, La., đã tuyên bố": the places go on the address inside the subject
        places = set(self.address_openers) & set(self.data.get("place_prepositions", []))
        if j < k and self.lang != "en" and len(parts[j].split()) <= self.ADDRESS_HEAD_MOST_WORDS and any(
                w in places for w in parts[j].strip().split()[1:]):
            return j
        return k

    def _relative_antecedent(self, parts: list[str], offsets: list[int], k: int, start: int, seg: Segment
                             ) -> tuple[str, int] | None:
        """"He traveled to Florida to meet with Devocht, who said …": a relative pronoun as the subject is the
        person named right before its comma."""
        words = parts[k].split()
        if k < 1 or not words or words[0].casefold() not in self.data.get("relative_subjects", []):
            return None
        lead = start + offsets[k] + len(parts[k]) - len(parts[k].lstrip())
        rest = [t for t in seg.tokens if lead + len(words[0]) <= t.start < start + offsets[k] + len(parts[k])]
        if any(t.upos not in ("AUX", "ADV", "PART") for t in rest):
            return None  # "who had", "who also": the relative's auxiliaries before the cue
        name = self.speakers.person_name(parts[k - 1], start + offsets[k - 1], seg.tokens)[0]
        if not name or len(parts[k - 1].rstrip()) != name[2] - start - offsets[k - 1]:
            return None
        return name[0], name[1]

    def _before_relative_list(self, parts: list[str], k: int) -> int:
        """"Kai-Fu Lee, người từng làm việc cho Google, Microsoft và Apple chia sẻ", "Lee, who has worked for
        Google, Microsoft and Apple, said": the items of a list that ends a relative clause are the clause's, not
        the subject; the part that opens the clause."""
        def item(part: str) -> bool:
            words = part.split()
            return 1 <= len(words) <= 4 and words[0][:1].isupper()

        j = k
        while j > 1 and item(parts[j]):
            j -= 1
        if j < k and self.speakers._is_relative(parts[j]) and any(
                w in self.coordinators for w in parts[k].casefold().split()):
            return j
        return k

    @staticmethod
    def _is_age(part: str) -> bool:
        return bool(_AGE_PART.match(part))

    def _apposition_run(self, parts: list[str], offsets: list[int], k: int, start: int, seg: Segment) -> bool:
        """"Anh Nguyễn Minh Trí, 35 tuổi, cùng xã, kể …": an age, then another apposition, after a part that can
        head them all."""
        return k > 0 and self._is_age(parts[k]) and self._can_head(
            parts[k - 1], start + offsets[k - 1], seg)

    def _lowercase_role(self, part: str, previous: str, previous_start: int, seg: Segment) -> bool:
        """After a named person, a part in lower case describes them ("Bà Lê Thị Mai, chủ một cây xăng ở quận
        Hoàng Mai, chia sẻ"): a new subject would start with a capital or a title."""
        stripped = part.strip()
        if not stripped or not stripped[0].islower() or self._strip_openers_trailers(part) == "":
            return False
        if stripped.split()[0] in self.data.get("plural_markers", []):
            return False  # "…, các tổ chức phi chính phủ nước ngoài cho biết": many are no one's role
        # after a title that describes the person before it ("Guy Cecil, giám đốc Tổ chức Priorities USA, nhóm
        # hỗ trợ ...") or their age ("Ông Nguyễn Quốc Phòng, 48 tuổi, bố của Diệp, cho biết") the description goes on
        return self.speakers._is_title_led(previous.strip().lower()) or self._is_age(previous) or bool(
            self.speakers.person_name(previous.strip(), previous_start + len(previous) - len(previous.lstrip()),
                                      seg.tokens)[0])

    def _title_of_named(self, part: str, start: int, previous: str, previous_start: int, seg: Segment) -> bool:
        """A title after a named person, with one word of a name that is no full Vietnamese name, is about that
        person ("Ông Trần Văn B, Tổng giám đốc Vingroup, cho biết": Vingroup is the company)."""
        families = self.speakers.family_names
        if not families or not self.speakers._is_title_led(part.strip()):
            return False
        lead = len(part) - len(part.lstrip())
        name = self.speakers.person_name(part.strip(), start + lead, seg.tokens)[0]
        if name is None or len(name[0].split()) > 1 or name[0] in families:
            return False
        lead = len(previous) - len(previous.lstrip())
        return bool(self.speakers.person_name(previous.strip(), previous_start + lead, seg.tokens)[0])

    def _affiliation(self, part: str, start: int, previous: str, previous_start: int, seg: Segment) -> bool:
        """A body named after a named person is where they work, not a second subject ("PGS.TS Lê Minh Tuấn,
        Trường Đại học Giao thông Vận tải, đánh giá"). English writes the affiliation with "of" or "at"; a body
        between commas after a name there is as often a party of its own, and its tagger tells a person from a
        body less surely."""
        if self.lang == "en" or _starts_with(part.strip(), self.outlet_nouns):
            return False  # "…, Deborah Ramirez, Tờ The Guardian đưa tin": an outlet reports, it employs no one here
        if not part.strip()[:1].isupper():
            return False  # "…, các tổ chức phi chính phủ nước ngoài cho biết": bodies unnamed are a subject
        lead = len(part) - len(part.lstrip())
        body = self.speakers.classify(part.strip(), start + lead, seg.tokens)
        if body.type != "organization" or split_commas(part.strip())[1:]:
            return False
        lead = len(previous) - len(previous.lstrip())
        return self.speakers.classify(previous.strip(), previous_start + lead, seg.tokens).type == "person"

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
        if inside and inside[0].upos == "ADP" and inside[0].text[:1].isupper():
            return False  # "Of those, 70 percent said": a fronted prepositional phrase, not a noun phrase
        verbs = [t for t in inside if t.upos in ("VERB", "AUX")]
        if not verbs or self.speakers._is_title_led(stripped):
            return True  # a title is a noun phrase whatever the tagger makes of its words ("giám đốc Tổ chức …")
        # a name that the tagger's verbs follow; one after a verb is its object ("He wanted to display the ISIS
        # flag in his room, police said")
        name = self.speakers.person_name(stripped, start + len(part) - len(part.lstrip()), seg.tokens)[0]
        return bool(name) and name[1] < verbs[0].start

    def _is_apposition(self, part: str, start: int, seg: Segment) -> bool:
        """An apposition or a participle phrase about the subject: "a spokesman for Y", "chuyên gia tài chính",
        "đề nghị giấu tên", "published on Thursday by ...". A part with a name of its own is a subject."""
        stripped = part.strip()
        if not stripped:
            return False
        if self._title_case_name(stripped):
            return False  # "…, Deborah Ramirez, The Guardian reported": a name with its article is a subject
        if self._starts_apposition(stripped) or re.match(r"\d{1,3}(?:\s|$)", stripped):
            return True  # an opener, or an age ("35 tuổi", "Jane Doe, 35, said")
        lead = len(part) - len(part.lstrip())
        inside = [t for t in seg.tokens if start + lead <= t.start < start + lead + len(stripped) and t.upos != "PUNCT"]
        if len(inside) >= 2 and all(t.upos == "ADV" for t in inside[:-1]) and re.fullmatch(r"\d{1,3}", inside[-1].text):
            return True  # an age after an adverb: "Rose Leslie, also 31, admitted"
        if stripped.split()[0].casefold() in self.speakers.place_nouns:
            return True  # an address: "…, huyện Thạnh Phú, tỉnh Bến Tre, cho biết"
        if inside and len(inside) <= 3 and all(t.ner[2:] == "LOC" for t in inside):
            return True  # a place after the part it locates: "…, a voter in the capital, Skopje"
        low = stripped.lower()
        if any(low.startswith(m) for m in self.anonymity):
            return True
        name = self.speakers.person_name(stripped, start, seg.tokens)[0]
        has_name = bool(name)
        if self.speakers._is_title_led(stripped) and (not has_name or self.lang != "en" and set(
                part[:name[1] - start].casefold().split()) & self.affiliation_words):
            return True  # "cố vấn cấp cao của nhóm MoveOn": a title held at the body named after it
        core = self.speakers._core(low)
        if self.lang == "en" and (self.speakers._is_title_led(core) or
                                  self.speakers._head_noun(core) in self.speakers.titles):
            # "Meta's president of global affairs", "the company's chief executive"; a name before the title
            # is the body the title is held at ("Bellator senior vice president of marketing")
            head_at = self._head_offset(part, start, self.speakers._head_noun(core))
            if not has_name or name[2] <= head_at or self._body_after_title(part, start, head_at, name[1]):
                return True

        first = next((t for t in seg.tokens if t.start >= start + lead), None)
        # a title in quotation marks is a name, whatever its words ("the ABC drama "Designated Survivor"")
        titled = [q for q in seg.quotes if q.start < start + lead + len(stripped) and q.end > start + lead]
        if self.lang == "en" and first is not None and first.upos == "NOUN" and stripped[:1].islower() \
                and not any(t.upos in ("VERB", "AUX") and not any(q.start < t.start < q.end for q in titled)
                            for t in inside):
            return True  # a post without an article: "…, show runner of the ABC drama …"
        if self.lang != "en" and len(inside) >= 2 and inside[0].text.casefold() in self.passive_markers \
                and inside[1].upos == "VERB":
            return True  # a passive participle phrase: "Một cuộc thăm dò khác, được thực hiện bởi Telma TV, cho biết"
        # a participle phrase; a name inside it after the participle is its object or place ("filed in the
        # Southern District of New York"), one before it the subject of a clause; a participle alone is an item
        # of a list ("According to Indonesian regulations, funding, supplies and staffing …")
        return bool(first and first.upos == "VERB" and first.xpos in ("VBN", "VBG") and len(inside) > 1 and (
            not has_name or stripped[:1].islower() and name[1] > first.start))

    def _body_after_title(self, part: str, start: int, head_at: int, name_start: int) -> bool:
        """"Father Johnson's son and successor at St. Martin's": the name after the title and a preposition is
        the body the title is held at, not a person."""
        if name_start <= head_at:
            return False
        between = part[head_at - start:name_start - start].casefold().split()
        return any(w in self.data.get("subject_prepositions", []) for w in between)

    def _head_offset(self, part: str, start: int, head: str) -> int:
        """Where the English head noun `head` of `part` (at `start`) begins: before its first "of", "at", …."""
        body = re.split(r" (?:of|at|from|with|for|in|on|by) ", part.lower())[0]
        found = [m.start() for m in re.finditer(rf"\b{re.escape(head)}\b", body)] if head else []
        return start + found[-1] if found else -1

    def _title_case_name(self, part: str) -> bool:
        """"The Guardian", "The New York Times": an article and capitalised words only, which no title leads."""
        words = part.split()
        return len(words) >= 2 and words[0] == "The" and all(w[:1].isupper() for w in words[1:]) \
            and not self.speakers._is_title_led(" ".join(words[1:]).lower())

    def _starts_apposition(self, part: str) -> bool:
        low = part.strip().lower()
        return any(low.startswith(o + " ") for o in self.data["apposition_openers"]) and not low.startswith(
            tuple(p + " " for p in self.data["pronouns"]["person"]))

    def _ends_compound(self, phrase: str) -> bool:
        """"Hãng hàng không": the tagger's adverb is the end of a word it split (`negation_compounds`)."""
        end = len(phrase.rstrip())
        return self.re_negation_compound is not None and any(
            m.end() == end for m in self.re_negation_compound.finditer(phrase))

    def _strip_adverbs(self, phrase: str, start: int, tokens: list[Token]) -> str:
        """Drop adverbs and auxiliaries the tagger finds right before the cue ("đã", "has also")."""
        end = start + len(phrase.rstrip())
        for tok in reversed(tokens):
            if tok.end > end or tok.start < start:
                continue
            # a capitalised word inside the phrase is a name the tagger missed ("Phan Văn Mãi"), not an adverb
            if tok.end == end and tok.upos in ("ADV", "AUX", "PART") and tok.start > start \
                    and not tok.text[:1].isupper() and not self._ends_compound(phrase[:end - start]):
                end = tok.start
                while end > start and phrase[end - start - 1].isspace():
                    end -= 1
            elif tok.end <= end:
                break
        return phrase[:end - start]
