"""Who is speaking: classify a subject phrase and resolve it within the document.

A subject phrase ("Bộ trưởng Thương mại Hoa Kỳ Gina Raimondo", "John Smith, a
spokesman for the ministry", "Một luật sư người Mỹ", "she") becomes a speaker
with a type, a name separated from its role, and offsets. Later mentions
("Raimondo", "bà", "he") resolve to the fullest name seen before them
(claims.detect.registry).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from claims.detect.langdata import load_language
from claims.detect.names import (PersonNames, _capitalised, _ner_at, _norm, _starts_with, _whole_words, _words,
                                 is_vietnamese_syllable, split_commas)
from claims.model import Token

_HONORIFIC = re.compile(r"^[A-Z][a-z]{0,3}\.$")
_AGE = re.compile(r"\d{1,3}(?:-year-old)?")


@dataclass
class Speaker:
    name: str
    mention: str
    start: int
    end: int
    type: str = "unknown"
    role: str = ""
    gender: str = ""  # "female" or "male" where the mention marks it ("bà", "ông", "she", "Mr."), else ""
    place: bool = False  # one word the tagger calls a place: a government or a team, unless a known person's

    def as_mentioned(self, mention: Speaker, role: str | None = None) -> Speaker:
        """This known source as `mention` names it: its name, type and role (or `role`), the mention's place."""
        return Speaker(self.name, mention.mention, mention.start, mention.end, self.type,
                       self.role if role is None else role, mention.gender or self.gender)


def genders_agree(a: str, b: str) -> bool:
    """Two genders, either unknown (""), that do not contradict each other."""
    return not (a and b and a != b)


class SpeakerAnalyser(PersonNames):
    document = ""  # the text being detected, for what one phrase cannot tell alone

    def __init__(self, lang: str, data: dict):
        self.lang = lang
        self.data = data
        pronouns = data["pronouns"]
        self.pronoun_type = {p: kind for kind, items in pronouns.items() for p in items}
        examples = data.get("example_markers", {}).get("words", [])
        # "Conservative sites such as Gateway Pundit and RedState": examples of the kind that speaks
        self.re_examples = re.compile(rf"\s(?:{'|'.join(map(re.escape, examples))})\s") if examples else None
        self.titles = sorted({t.lower() for t in data["titles"]}, key=len, reverse=True)
        self.places = {p.lower() for p in data["places"]}
        self.place_words = sorted((p.split() for p in data["places"]), key=len, reverse=True)
        # "tỉnh Bến Tre", "huyện Thạnh Phú": a name after a word for a place names that place
        self.place_nouns = {w.casefold() for w in data.get("place_nouns", [])}
        self.person_middle_names = set(data.get("person_middle_names", []))
        self.origin_prepositions = {w.casefold() for w in data.get("origin_prepositions", [])}
        self.org_nouns = data["organization_nouns"]
        self.doc_nouns = data["document_nouns"]
        self.group_nouns = set(data["group_nouns"])
        self.vague = data["vague_sources"]
        self.anonymous = data["anonymous_markers"]
        self.person_nouns = data["person_nouns"]
        # a post held at a body, which names someone when the body's name stands before it ("the Sunderland boss")
        self.epithet_heads = {w.lower() for w in data.get("post_nouns", [])}
        self.determiners = set(data.get("determiners", []))
        self.indefinites = set(data.get("indefinites", []))  # "a senior official": an unnamed someone
        self.representatives = data.get("representative_titles", [])
        self.side_words = data.get("side_words", [])
        self.clause_openers = sorted((w.casefold() for w in data.get("clause_openers", [])), key=len, reverse=True)
        self.epithet_phrases = sorted((e.casefold() for e in data.get("epithets", []) if " " in e), key=len,
                                      reverse=True)
        self.representative_nouns = set(data.get("representative_nouns", []))
        self.organization_heads = set(data.get("organization_head_titles", {}).get("titles", []))
        self.gendered = data.get("gendered_words", {})
        self.single_titles = {t.strip(".") for t in self.titles if " " not in t}
        self.calendar = {w.lower() for w in data.get("calendar_words", [])}
        # a foreign body keeps its own name in any language's text ("Air Niugini", "Adani Group"): the English
        # marks of a body's name ("Air …", "… Group") hold everywhere
        english = data if lang == "en" else load_language("en")
        self.org_suffixes = set(data.get("organization_suffixes", [])) | set(english["organization_suffixes"])
        self.org_prefixes = set(english.get("organization_prefixes", []))
        self.honorifics = set(data.get("honorifics", []))
        self.former_markers = data.get("former_markers", [])
        # "the Toronto Maple Leafs", "The Associated Press": a person's name takes no article
        self.name_articles = {w.casefold() for w in data.get("name_articles", [])}
        self.family_names = set(data.get("family_names", []))
        self.kin_nouns = {w.casefold() for w in data.get("kin_nouns", {}).get("words", [])}
        # after "a", "một": a title or a person, organisation or group noun makes an unnamed someone
        self.re_someone = _whole_words(self.titles + list(self.person_nouns) + list(self.org_nouns)
                                       + list(self.group_nouns))
        self.re_anonymous = _whole_words([m for m in self.anonymous
                                          if len(m.split()) > 1 or m in ("anonymous", "unnamed", "insider")])

    # ------------------------------------------------------------ classification

    def classify(self, text: str, start: int, tokens: list[Token]) -> Speaker:
        """`text` is the subject phrase found at `start`; `tokens` are the sentence tokens."""
        speaker = self._classify(text, start, tokens)
        speaker.gender = self.gender_of(split_commas(text)[0])
        return speaker

    def gender_of(self, phrase: str) -> str:
        """The gender an honorific or a pronoun at the start of a phrase marks ("Bà Lan", "she", "Mr. Lee")."""
        low = _norm(phrase)
        for gender, marked in self.gendered.items():
            if _starts_with(low, marked):
                return gender
        return ""

    def _classify(self, text: str, start: int, tokens: list[Token]) -> Speaker:
        head, appositions = self._split_appositions(text)
        head_text = head.strip()
        if not head_text:  # the phrase was all apposition or punctuation: nobody is named
            return Speaker(name="", mention="", start=start, end=start)
        lead = len(head) - len(head.lstrip())
        mention_start = start + lead
        mention_end = mention_start + len(head_text)
        speaker = Speaker(name=head_text, mention=head_text, start=mention_start, end=mention_end)
        low = _norm(head_text)
        # a relative clause describes, and what follows it in the phrase is the clause's ("người từng làm việc
        # cho Google, Microsoft và Apple")
        relative = next((i for i, a in enumerate(appositions) if self._is_relative(a)), len(appositions))
        role_extra = ", ".join(a.strip() for a in appositions[:relative]).strip(" ,")
        core = self._core(low)

        opened = self.re_examples.search(head_text) if self.re_examples else None
        if opened and opened.start() > 0:
            # "Conservative sites such as Gateway Pundit and RedState": the kind, with its examples, speaks
            kind = self._classify(head_text[:opened.start()], mention_start, tokens)
            if kind.type != "pronoun:other":
                plural = head_text[:opened.start()].rstrip().endswith("s")
                speaker.type = "group" if kind.type == "unknown" and plural else kind.type
                speaker.role = kind.role
                return speaker
        if low in self.pronoun_type and not (len(head_text) > 1 and head_text.isupper()):  # "WHO" is no "who"
            speaker.type = "pronoun:" + self.pronoun_type[low]
            return speaker
        epithet = _starts_with(low, self.epithet_phrases) if self.lang != "en" else ""
        if epithet and not any(_capitalised(w) for w in head_text.split()[len(epithet.split()):]):
            # "Nam rapper tuyên bố …" (the male rapper): a capitalised word of gender before a profession is no
            # name; the description points back at the person named before (`Registry.fullest`)
            speaker.type, speaker.role = "person", head_text
            return speaker
        side = _starts_with(low, self.side_words)
        if side and len(low.split()) > len(side.split()):
            # "Phía Mỹ", "phía cảnh sát": the side of a body or group is that body or group
            rest = head_text.split(None, len(side.split()))[-1]
            inner = self._classify(rest, mention_start + head_text.index(rest), tokens)
            if not inner.type.startswith("pronoun") and inner.type != "unknown":
                speaker.type, speaker.role = inner.type, inner.role
                return speaker
        if low in self.data.get("indefinite_sources", []):
            speaker.type = "anonymous"  # "Someone wrote", "Another added": an unnamed person, capitalised or not
            return speaker
        head_noun = self._head_noun(core)
        if self.lang == "en" and head_noun in self.group_nouns | set(self.vague) and re.search(
                r" (?:at|from|of|with) [A-Z]", head_text):
            speaker.type = "group"  # "Analysts at Morgan Stanley": attributable, not vague
            return speaker
        if self.lang == "en" and (core.split() or [""])[0] in self.org_nouns and re.match(
                r"\S+ (?:in|at) [A-Z]", head_text):
            speaker.type = "organization"  # "Police in Baton Rouge, La.": a body where it is, not a person there
            return speaker
        if self.lang == "en" and head_text.split()[-1].strip(".,") in self.org_suffixes and \
                head_text.split()[0][:1].isupper():
            speaker.type = "organization"  # "Counterpoint Research", "Bluewater Energy"
            return speaker
        if (_starts_with(low, self.vague) or _starts_with(core, self.vague)) and not self._has_name(
                head_text, mention_start, tokens):
            speaker.type = "vague"
            return speaker
        words = core.split()
        while words and words[0] in self.indefinites:
            words = words[1:]
        if self.lang == "en" and (self._head_noun(core) in self.doc_nouns and not self._capitalised_name_end(
                head_text, self._head_noun(core)) or (
                len(words) > 2 and words[0] in self.doc_nouns and (words[1] in ("by", "released", "published",
                                                                                 "issued") or words[1].endswith("ed")))):
            # "a statement from the mayor's office", "the report", "a report released last month by …"
            speaker.type = "document"
            return speaker
        if self._speaks_for_named_body(head_text, core, mention_start, tokens):
            speaker.type = "organization"
            speaker.role = role_extra
            return speaker
        # "Matthew Albence, a senior official with …": a named person described, not an anonymous one
        if self._is_anonymous(low, appositions) and not (appositions and self._has_name(head_text, mention_start,
                                                                                          tokens)):
            speaker.type = "anonymous"
            speaker.role = role_extra
            return speaker
        name, role = self.person_name(head_text, mention_start, tokens)
        head_noun = self._head_noun(core)
        document_led = self._document_led(" ".join(words)) if self.lang != "en" else False
        if (_starts_with(core, self.doc_nouns) or document_led or head_noun in self.doc_nouns
                and not self._capitalised_name_end(head_text, head_noun)) and (
                not name or self._name_in_complement(name, mention_start, tokens) or document_led and any(
                    mention_start < t.start < name[1] and t.upos == "VERB" for t in tokens)):
            # "Thông báo cho cuộc họp Đảng Lao động Nottingham East": a name after a preposition is what the
            # document is about or for, not who speaks; after a verb, who wrote it ("một báo cáo được công bố
            # bởi Cảnh sát bang Alaska")
            speaker.type = "document"
            return speaker
        if name and self._name_in_complement(name, mention_start, tokens) and self._plural_people(low):
            speaker.type = "group"  # "Khoảng một nửa những người tham gia nghiên cứu của Nationwide"
            return speaker
        plural = next((m for m in self.data.get("plural_markers", []) if low.startswith(m + " ")), None)
        if plural and not name and (_starts_with(low[len(plural) + 1:], self.titles)
                                    or _starts_with(low[len(plural) + 1:], self.person_nouns)):
            # "các công tố viên", "những nhà nghiên cứu": people of one office or kind, as "prosecutors" are
            speaker.type = "group"
            return speaker
        if plural and name and len(name[0].split()) == 1 and (_starts_with(low[len(plural) + 1:], self.titles)
                                                             or _starts_with(low[len(plural) + 1:], self.person_nouns)):
            # "những người dân Bolivia", "các nhà hoạt động Bolivia": people of a place, not one person's name
            speaker.type = "group"
            return speaker
        title = _starts_with(core, self.titles)
        if title and len(title) > len(_starts_with(core, self.org_nouns)) and (
                not name or self._is_org_entity(name[0], name[1], tokens) or _norm(name[0]) in self.places
                or self._names_organisation(title, name[0])):
            # "Bộ trưởng Tài chính", "Thứ trưởng Bộ Công Thương", "Chủ tịch UBND TP Hà Nội": someone named by
            # their office, not the office's organisation ("Đại sứ quán" is an embassy, not an ambassador)
            speaker.type = "person"
            speaker.role = ", ".join(x for x in (head_text, role_extra) if x)
            return speaker
        # a person named after an organisation word is that organisation's person in English
        # ("Council member Tom Becker"); in Vietnamese the organisation comes first ("Công ty Luật Zhong Lun")
        person_wins = name and (self._is_title_led(head_text) or self.lang == "en"
                                or not _starts_with(core, self.org_nouns))
        if (_starts_with(core, self.org_nouns) or head_noun in self.org_nouns) and not person_wins:
            speaker.type = "organization"
            speaker.role = role_extra
            return speaker
        if (_starts_with(core, self.group_nouns) or head_noun in self.group_nouns) and not name:
            speaker.type = "group"
            return speaker
        after_name = head_text[name[2] - mention_start:].split() if name else []
        if self.lang == "en" and name and not appositions and len(after_name) == 1 and low.split()[0] in (
                self.name_articles | self.indefinites) \
                and not name[0].endswith(("'s", "’s")) \
                and after_name[0].lower() in self.epithet_heads and self._is_org_entity(name[0], name[1], tokens):
            # "The former Alloa Athletic boss says": someone described by a post at a body, who is named before
            speaker.type = "person"
            speaker.role = head_text
            return speaker
        owned = after_name
        if name and not appositions and name[0].endswith(("'s", "’s")) and 1 <= len(owned) <= 3 \
                and owned[0][:1].islower():
            # "Saipov's defense team", "the senator's office": the speaker is what the named person has
            speaker.type = "organization" if self._head_noun(core) in self.org_nouns else "group"
            return speaker
        if name:
            speaker.name = name[0]
            speaker.mention = name[0]
            speaker.start, speaker.end = name[1], name[2]
            speaker.type = "organization" if self._is_org_entity(name[0], name[1], tokens) else "person"
            speaker.place = len(name[0].split()) == 1 and not role and _ner_at(tokens, name[1]).endswith(
                ("LOC", "GPE"))
            opener = _starts_with(_norm(role), self.clause_openers)
            if opener:
                # "Còn anh Đu thì: …": "còn" (as for) opens the clause and is no part of a role
                role = " ".join(role.split()[len(opener.split()):]).strip(" ,")
            if _norm(role) in self.pronoun_type:
                role = ""  # "ông", "bà" are honorifics, not roles
            speaker.role = ", ".join(x for x in (role, role_extra) if x)
            return speaker
        if core in self.places:
            speaker.type = "organization"  # a country speaking is its government
            return speaker
        if _starts_with(core, self.titles) or _starts_with(core, self.person_nouns) or head_noun in self.titles:
            speaker.type = "person"
            speaker.role = head_text
            return speaker
        words = head_text.split()
        if len(words) > 1 and words[0].casefold() in self.name_articles and all(_capitalised(w) for w in words[1:]):
            speaker.type = "organization"  # "The Associated Press", "The New York Times"
            return speaker
        token = next((t for t in tokens if t.start == mention_start), None)
        if self.lang == "en" and len(words) == 1 and _capitalised(head_text) and token is not None \
                and token.upos in ("NOUN", "PROPN") and not self._sentence_initial(token, tokens) \
                and low not in self.group_nouns | set(self.vague) and low not in self.org_nouns:
            # '"…," Trump said': a capitalised word inside a sentence names someone, though the tagger took
            # "Trump" for a noun and no entity
            speaker.type = "person"
            return speaker
        speaker.type = "unknown"
        return speaker

    @staticmethod
    def _sentence_initial(token: Token, tokens: list[Token]) -> bool:
        before = [t for t in tokens if t.end <= token.start and t.upos != "PUNCT"]
        return not before

    def _speaks_for_named_body(self, head_text: str, core: str, start: int, tokens: list[Token]) -> bool:
        """"a Norvex spokeswoman", "a spokesperson for the Department of Commerce", "Đại diện Bộ Công Thương":
        an unnamed person speaking for a body the article names is typed by that body. "A company spokesperson"
        and "Đại diện một công ty" name no body, and "a spokesman for Mr. Lee" speaks for a person."""
        if self.lang == "en":
            if self._head_noun(core) not in self.representative_nouns:
                return False
            words = _words(head_text, start)[1:]  # the first may be capitalised only because it opens a sentence
            named = [(w, b) for w, b, _ in words if _capitalised(w)]
            if any(_ner_at(tokens, b).endswith("PER") or w.rstrip(".").casefold() in self.single_titles
                   for w, b in named):
                return False
            return bool(named)
        representative = _starts_with(head_text, self.representatives)
        if not representative:
            return False
        body = _words(head_text, start)[len(representative.split()):]
        named = [w for w, _, _ in body if _capitalised(w)]
        # "Đại diện Nguyễn Văn An", "Người phát ngôn Bộ Ngoại giao Lâm Kiếm" name a person: a Vietnamese name
        # starts with a family name
        name = self.person_name(head_text, start, tokens)[0]
        if not named or (name and name[0].split()[0] in self.family_names):
            return False
        # a body opens with an organisation noun ("Bộ Công Thương") or is a name no Vietnamese syllable spells
        # ("EVN", "Vingroup"); "Người phát ngôn Lin" is a person named alone
        after = " ".join(w for w, _, _ in body).lower()
        return bool(_starts_with(after, self.org_nouns)) or not all(is_vietnamese_syllable(w) for w in named)

    def _names_organisation(self, title: str, name: str) -> bool:
        """"Tổng giám đốc Vingroup", "Giám đốc Petrolimex": after the title of an organisation's head, one
        word that no Vietnamese syllable spells is the organisation, while "Giám đốc Hùng" is a person."""
        return title in self.organization_heads and len(name.split()) == 1 and not is_vietnamese_syllable(name)

    def _core(self, low: str) -> str:
        """Without leading determiners and possessives ("the city's transportation department")."""
        words = low.split()
        while words and (words[0] in self.determiners or words[0].endswith(("'s", "’s"))):
            words = words[1:]
        return " ".join(words)

    def _head_noun(self, core: str) -> str:
        """English noun phrases end in their head ("a Norvex spokeswoman"); Vietnamese ones start with it."""
        if self.lang != "en" or not core:
            return ""
        head = re.split(r" (?:of|at|from|with|for|in|on|by) ", core)[0].split()
        return head[-1] if head else ""

    def _split_appositions(self, text: str) -> tuple[str, list[str]]:
        parts = split_commas(text)
        return parts[0], parts[1:]

    def _plural_people(self, low: str) -> bool:
        """A plural marker within the phrase's first words, before a noun for people ("khoảng một nửa những
        người tham gia", "các cư dân")."""
        words = low.split()
        for i, w in enumerate(words[:5]):
            if w in self.data.get("plural_markers", []):
                return bool(_starts_with(" ".join(words[i + 1:]), self.person_nouns))
        return False

    def _name_in_complement(self, name: tuple[str, int, int], start: int, tokens: list[Token]) -> bool:
        """In a language whose noun phrases open with their head (Vietnamese), a name after a preposition of
        the phrase belongs to the head's complement ("Phần giới thiệu chương trình từ San Jose")."""
        return self.lang != "en" and any(start < t.start < name[1] and t.upos == "ADP" for t in tokens)

    def _capitalised_name_end(self, head_text: str, noun: str) -> bool:
        """"the New York Post": a document noun written capitalised after a capitalised word ends an outlet's or a
        body's name (the language file's `common_document_nouns`)."""
        if noun not in self.data.get("common_document_nouns", {}).get("nouns", []):
            return False
        words = head_text.split()
        at = next((i for i in range(len(words) - 1, 0, -1) if words[i].casefold().strip(".,") == noun), None)
        return at is not None and words[at][:1].isupper() and words[at - 1][:1].isupper()

    def _is_relative(self, text: str) -> bool:
        low = _norm(text)
        return low.startswith(("người ", "who ", "whose ", "whom ", "which ", "mà ", "nơi ", "where "))

    def _is_title_led(self, text: str) -> bool:
        former = _starts_with(text, self.former_markers)  # "nguyên Ngoại trưởng", "former Foreign Secretary"
        return bool(_starts_with(text[len(former):].lstrip() if former else text, self.titles))

    def _document_led(self, low: str) -> bool:
        """Whether a phrase opens with a document's noun ("báo cáo được công bố …"), not with a longer title or noun
        that starts with the same syllables ("luật sư" is a lawyer, "luật" a law)."""
        document = _starts_with(low, self.doc_nouns)
        return bool(document) and all(len(_starts_with(low, nouns)) <= len(document) for nouns in (
            self.titles, self.person_nouns, self.org_nouns, list(self.group_nouns)))

    def _is_anonymous(self, low: str, appositions: list[str]) -> bool:
        words = low.split()
        if not words:
            return False
        if words[0] in self.indefinites and len(words) > 1:
            # "a senior official", "Một nhà sáng lập", "Một doanh nghiệp": an unnamed someone, not "a state of ..."
            # nor a document ("một báo cáo được công bố bởi Cảnh sát bang Alaska")
            # "Một nguồn tin thân cận với Jones": a source marker makes an unnamed someone too, whoever it is near
            return bool(self.re_someone.search(low) or self.re_anonymous.search(low)) \
                and not self._document_led(" ".join(words[1:]))
        representative = _starts_with(low, self.representatives)
        if representative and set(low[len(representative):].split()[:1]) & self.indefinites:
            return True  # "Đại diện một công ty nước ngoài": for a body the article does not name
        joined = " ".join([low] + [_norm(a) for a in appositions])
        return bool(self.re_anonymous.search(joined))
