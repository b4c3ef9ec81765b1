"""The sources a document has named so far, and how a later mention resolves to one of them: "Raimondo" to
"Gina Raimondo", "Thủ tướng" to the last person who held the title, "bà" to the last woman, "the wildfire
service" to "The BC Wildfire Service", "Hãng hàng không" to the airline named before."""
from __future__ import annotations

import re

from dataclasses import dataclass, field

from claims.detect.speakers import _AGE, _HONORIFIC, Speaker, genders_agree


@dataclass
class Registry:
    """The sources named so far in a document, for resolving later mentions, and who said what."""
    speakers: list[Speaker] = field(default_factory=list)
    documents: list[Speaker] = field(default_factory=list)
    said_by: dict[int, Speaker] = field(default_factory=dict)   # id(attribution) -> its speaker
    colon: set[int] = field(default_factory=set)                 # ids of colon-introduced statements
    # the last sentence of the paragraph before the one being read, and statements made in it from a later one
    # ("“…”" / "Ông X nhấn mạnh như vậy."), which the document's list has still to take
    previous_segment: object = None
    made_back: list = field(default_factory=list)
    # words that point back at a title ("chuyên gia này", "this official"): the title is the rest
    demonstratives: frozenset[str] = frozenset()
    # nouns that describe rather than name an office ("nam cầu thủ", "the player"): the last person named
    epithets: frozenset[str] = frozenset()
    # Vietnamese nouns that name a kind of body ("hãng hàng không", "bộ"): alone, they refer to one named before
    body_nouns: frozenset[str] = frozenset()
    generic_body_nouns: frozenset[str] = frozenset()  # of them, those that refer to any body ("nhóm", the group)
    # whether a body's noun may stand anywhere in its name ("Foreign Ministry", "Ministry of Defence") rather than
    # open it ("Bộ Ngoại giao"): the language file's `body_noun_anywhere_in_name`
    body_noun_anywhere: bool = False
    # posts held at a body, which with the body's name describe someone named before ("the Sunderland boss")
    post_nouns: frozenset[str] = frozenset()
    # words before a figure that make it a date, not an age ("chuyên gia … hồi tháng 7")
    date_words: frozenset[str] = frozenset()
    # every source named so far, in order, with persons named only in passing ("…, Candace Turner."), whom a
    # demonstrative ("ông này", "this man") points back at
    mentions: list[Speaker] = field(default_factory=list)
    # the last source of the paragraph before the one being read, while its first sentence is read
    previous_paragraph: Speaker | None = None
    # words before the body a person's role places them at ("một quan chức cấp cao của Cơ quan …")
    affiliation_words: frozenset[str] = frozenset()
    name_articles: frozenset[str] = frozenset()  # an article a body's name may open with ("the Home Office")
    # titles of someone who speaks for a body ("đại diện", "a spokesperson for"): typed by the body, but a person
    # that "vị này" or "she" may mean
    representatives: tuple[str, ...] = ()

    def add(self, speaker: Speaker) -> None:
        if speaker.type.startswith("pronoun") or speaker.type == "vague":
            return
        if speaker.type == "document":
            self.documents.append(speaker)
        self.speakers.append(speaker)
        self.mentions.append(speaker)
        body = self._body_in_role(speaker)
        if body is not None:
            self.mentions.append(body)

    def _body_in_role(self, speaker: Speaker) -> Speaker | None:
        """"Matthew Albence, một quan chức cấp cao của Cơ quan Thực thi Di trú và Hải quan, …. Cơ quan này xác nhận
        …": the body a person's role names, with a body's noun in its name, is what a later "cơ quan này" means."""
        if speaker.type != "person" or not speaker.role or not self.affiliation_words:
            return None
        words = speaker.role.rstrip(" ,.;:").split()

        def named_after(k: int) -> bool:
            following = words[k + 1:k + 3]
            if following[0].casefold() in self.name_articles and len(following) > 1:
                following = following[1:]
            return following[0][:1].isupper()
        at = next((k for k in range(len(words) - 2, -1, -1)
                   if words[k].casefold() in self.affiliation_words and named_after(k)), None)
        if at is None:
            return None
        name = " ".join(words[at + 1:])
        if name.split()[0].casefold() in self.name_articles:
            name = name.split(maxsplit=1)[1]
        if not any(self._named_with(name.casefold(), n) for n in self.body_nouns):
            return None
        return Speaker(name, name, speaker.start, speaker.end, "organization")

    def _named_with(self, name: str, noun: str) -> bool:
        """Whether a body's lower-cased name has a body's noun where the language puts it: anywhere ("Foreign
        Ministry", "Ministry of Defence", `body_noun_anywhere`) or first ("Bộ Ngoại giao")."""
        if self.body_noun_anywhere:
            return f" {noun} " in f" {name} "
        return name == noun or name.startswith(noun + " ")

    def mention(self, speaker: Speaker) -> None:
        """A person named in passing: no source yet, but what a demonstrative after it refers to."""
        self.mentions.append(speaker)

    def fullest(self, speaker: Speaker) -> Speaker:
        """The fullest earlier name for a person ("Raimondo" -> "Gina Raimondo"); a bare title names the
        last person who held it ("Thủ tướng" -> "Phạm Minh Chính"); a body by the last words of its name ("the
        wildfire service" -> "The BC Wildfire Service")."""
        if speaker.type == "organization":
            return self.body_by_its_noun(speaker) or self._body_by_its_tail(speaker)
        if speaker.type not in ("person", "unknown"):
            return speaker
        # "Mr. Hemming", "Dr. Lee": an abbreviated honorific before a name is a title, the name is the rest
        named = [w for w in speaker.name.split() if not _HONORIFIC.match(w)]
        bare_title = speaker.role and speaker.role == speaker.name and len(named) == len(speaker.name.split())
        lowered = speaker.name.lower().split()
        if not bare_title and speaker.type == "unknown" and lowered[:1] and lowered[0] in self.demonstratives \
                and self._points_back(lowered):
            # "The 34-year-old says …", "the three-time world champion said"
            return self._last_person(speaker)
        if bare_title:
            title_words = []
            for w in lowered:
                if w[:1].isdigit():
                    break  # "Vận động viên 24 tuổi": the title ends where an age starts
                if w not in self.demonstratives:
                    title_words.append(w)
            title = " ".join(title_words)
            if not title:
                return speaker
            for known in reversed(self.speakers):
                if known.type == "person" and known.role and known.name != known.role and \
                        " ".join(known.role.lower().split()).startswith(title):
                    return known.as_mentioned(speaker)
            # "the former Alloa Athletic boss": a post at a body named inside the phrase, not a possessor's
            at_body = len(lowered) >= 3 and lowered[0] in self.demonstratives and lowered[-1] in self.post_nouns \
                and any(w[:1].isupper() for w in speaker.name.split()[1:-1]) \
                and not re.search(r"['’]s\b", speaker.name)
            if self._points_back(lowered) or at_body:
                # "Người phụ nữ 34 tuổi này", "nam cầu thủ", "the former Alloa Athletic boss": no one held such a
                # title before
                return self._last_person(speaker)
            return speaker
        words = named or speaker.name.split()
        own_role = speaker.role if speaker.role != speaker.name else ""
        for known in reversed(self.speakers):
            known_words = known.name.split()
            if known.type in ("group", "anonymous", "document"):
                continue  # "Bolivia" is not "Nhiều người dân Bolivia", the people of it
            if len(known_words) > len(words) and known_words[-len(words):] == words:
                return known.as_mentioned(speaker, own_role or known.role)
            if known.name == speaker.name and known.role and not speaker.role:
                return known.as_mentioned(speaker)
        if len(words) == 1 and speaker.name[:1].isupper():
            # a Chinese name puts the family name first, and English text keeps the order ("Lin" after "Lin
            # Jian"); a first name alone is the same person too ("Tiffany" after "Tiffany Ng")
            for known in reversed(self.speakers):
                known_words = known.name.split()
                # a name, every word capitalised: "Người" is not "Người dân", the people
                if known.type == "person" and 2 <= len(known_words) <= 3 and known_words[0] == words[0] \
                        and all(w[:1].isupper() for w in known_words):
                    return known.as_mentioned(speaker, own_role or known.role)
        return speaker

    def _points_back(self, words: list[str]) -> bool:
        """Whether a description points back at someone already named rather than naming an office: it has an
        age ("34 tuổi", "34-year-old"), a demonstrative after its noun ("chuyên gia này"), or it is an epithet
        (`epithets`: "nam cầu thủ", "the three-time world champion")."""
        core = [w for w in words if w not in self.demonstratives]
        aged = any(_AGE.fullmatch(w) and not (i and words[i - 1] in self.date_words) for i, w in enumerate(words))
        epithet = any(" ".join(core[:n]) in self.epithets for n in (1, 2, 3)) or bool(
            core and core[-1] in self.epithets and len(core) <= 4)
        return aged or epithet or any(w in self.demonstratives for w in words[1:])

    def _last_person(self, speaker: Speaker) -> Speaker:
        """The last person named, of the gender `speaker` marks, as `speaker` mentions them."""
        known = self.antecedent("person", speaker.gender)
        return known.as_mentioned(speaker) if known is not None and known.name != known.role else speaker

    def body_by_its_noun(self, speaker: Speaker) -> Speaker | None:
        """"Hãng hàng không cho biết" after "Air Niugini nói": a body's noun alone is the body named last that
        has that noun in its name ("Bộ" after "Bộ Thương mại") or a foreign name with no noun of its own."""
        words = [w for w in speaker.name.casefold().split() if w not in self.demonstratives]
        noun = " ".join(words)
        if noun not in self.body_nouns:
            return None
        for known in reversed(self.mentions):
            name = known.name.casefold()
            if known.type != "organization" or name == noun:
                continue
            # "The airline said" after "Air Niugini": a body whose name has that noun, or no body noun at all
            if noun in self.generic_body_nouns or self._named_with(name, noun) or not any(
                    self._named_with(name, n) for n in self.body_nouns):
                return known.as_mentioned(speaker)
        return None

    def _body_by_its_tail(self, speaker: Speaker) -> Speaker:
        words = speaker.name.split()
        if len(words) < 2 or words[0].casefold() not in self.demonstratives or any(w[:1].isupper() for w in words[1:]):
            return speaker
        tail = [w.casefold() for w in words[1:]]
        for known in reversed(self.speakers):
            known_words = [w.casefold() for w in known.name.split()]
            if known.type == "organization" and len(known_words) > len(tail) and known_words[-len(tail):] == tail:
                return known.as_mentioned(speaker)
        return speaker

    def antecedent(self, kind: str, gender: str = "", demonstrative: bool = False) -> Speaker | None:
        """The nearest earlier source of a kind; of persons, one whose gender does not contradict `gender`. With
        `demonstrative` ("ông này"), the nearest person named at all, a source or not."""
        wanted = {"person": ("person", "anonymous"), "group": ("group", "organization", "person", "anonymous"),
                  "document": ("document",), "organization": ("organization",)}.get(kind)
        if wanted is None:
            return None  # "it", "nó": not a source the registry names
        pool = self.documents if kind == "document" else self.mentions if demonstrative else self.speakers
        for known in reversed(pool):
            if (known.type in wanted or kind == "person" and self._speaks_for_body(known)) \
                    and genders_agree(gender, known.gender):
                return known
        return None

    def _speaks_for_body(self, known: Speaker) -> bool:
        """"Trong khi đó, đại diện Hiệp hội … cho rằng …. Theo vị này, …": a body's representative is a person."""
        low = known.name.casefold()
        return known.type == "organization" and any(low.startswith(r + " ") for r in self.representatives)
