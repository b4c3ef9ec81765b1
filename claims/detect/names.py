"""Names in a subject phrase: the person's name and their role, a body's name, words that spell a name.

"Bộ trưởng Thương mại Hoa Kỳ Gina Raimondo" is the name "Gina Raimondo" and the role before it; "Matthew Ingram
of The Globe and Mail" a name and the body after it; "Tập đoàn Vingroup" names no person. The helpers at the
top are shared by the detector's stages that read phrases.
"""
from __future__ import annotations

import re
import unicodedata

from claims.model import Token

_WORD = re.compile(r"[^\s,;:()“”\"«»]+")
_INITIALISM = re.compile(r"[A-Z][A-Z0-9&]+")  # "LSU", "NASA", "BBC": a body's initials, no person's name


def _ner_at(tokens: list[Token], offset: int) -> str:
    """The tagger's entity tag of the token at `offset` ("B-PER", "S-LOC", "O"), or ""."""
    return next((t.ner for t in tokens if t.start <= offset < t.end), "")


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _starts_with(text: str, phrases: list[str]) -> str:
    low = _norm(text)
    for phrase in sorted(phrases, key=len, reverse=True):
        if low == phrase or low.startswith(phrase + " ") or low.startswith(phrase + ","):
            return phrase
    return ""


def _words(text: str, offset: int) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start() + offset, m.end() + offset) for m in _WORD.finditer(text)]


_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?")


def is_vietnamese_syllable(word: str) -> bool:
    """Whether `word` is spelled as one Vietnamese syllable ("Hùng", "Nghĩa", "Khuyến"), tone and vowel marks
    aside; "Vingroup", "FPT" and "Petrolimex" are not."""
    plain = "".join(ch for ch in unicodedata.normalize("NFD", word.casefold().replace("đ", "d"))
                    if not unicodedata.combining(ch))
    return bool(_SYLLABLE.fullmatch(plain))


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or (word[:1].isdigit() and len(word) > 1 and word[-1:].isupper())


def _whole_words(phrases: list[str]) -> re.Pattern:
    """One pattern finding any of the phrases (longer than one character) as whole words."""
    alternatives = sorted({p for p in phrases if len(p) > 1}, key=len, reverse=True) or ["\uffff"]
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, alternatives))})(?!\w)")


SEPARATING_COMMA = re.compile(r"(?<!\d),|,(?!\d{3}(?!\d))")  # not the comma of a number ("4,000")


def split_commas(text: str) -> list[str]:
    """Comma-separated parts, not splitting inside brackets or numbers."""
    if "(" not in text and "[" not in text:
        return SEPARATING_COMMA.split(text)  # the same parts, without a walk over every character of a long span
    parts, depth, current = [], 0, []
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        if ch == "," and depth == 0 and SEPARATING_COMMA.match(text, i):
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


class PersonNames:
    """The name-reading half of `claims.detect.speakers.SpeakerAnalyser`, which holds the language data it reads
    (titles, places, honorifics, family names, organisation nouns and suffixes) and the document."""

    def _has_name(self, text: str, start: int, tokens: list[Token]) -> bool:
        return bool(self.person_name(text, start, tokens)[0])

    def _name_before_affiliation(self, words: list[tuple[str, int, int]], tokens: list[Token]):
        """"Matthew Ingram of The Globe and Mail", "Jane Doe at Johnson and Johnson": in English a person's name
        opens the phrase and the body they speak from follows it, so the name is not the phrase's last words
        ("Mail"). The opening run is a name when the tagger found a person in it and no title leads it
        ("Secretary of State Antony Blinken" is a title and a name)."""
        affiliation_words = tuple(self.data.get("affiliation_words", []))
        k = 0
        while k < len(words) and _capitalised(words[k][0]):
            k += 1
        if not 2 <= k <= 4 or k >= len(words) - 1 or words[k][0] not in affiliation_words \
                or not any(_capitalised(w) for w, _, _ in words[k + 1:]):
            return None
        run = words[:k]
        low = " ".join(w for w, _, _ in run).lower()
        if self._is_title_led(low):
            return None
        if self.lang == "en":
            if not any(t.ner.endswith("PER") for t in tokens if run[0][1] <= t.start < run[-1][2]):
                return None
        elif _starts_with(low, self.org_nouns) or _starts_with(low, self.doc_nouns) or not (
                run[0][0] in self.family_names or not is_vietnamese_syllable(run[0][0])):
            # "Mike Organ tại Tennessee", "Nguyễn Văn A thuộc Viện …": a foreign name, or one that opens with a
            # family name, before "tại" or "thuộc"; "Nhà Tù Long Lartin tại …" is a place
            return None
        return (" ".join(w for w, _, _ in run), run[0][1], run[-1][2]), " ".join(w for w, _, _ in words[k:])

    BODY_NAME_MOST_WORDS = 8  # the most words of a body's name before the country that ends it

    def _after_body_of_a_country(self, run: list) -> list:
        """"người đứng đầu Bộ Ngoại Giao Triều Tiên Ri Yong Ho": a body's name that ends with its country (a run that
        opens with an organisation noun, `organization_nouns`, and has a place of `places` inside it) runs into the
        person's name, which is what follows the place; a Vietnamese name with its family name is found as such."""
        if self.lang == "en" or len(run) < 4 or not self.family_names:
            return run
        opening = " ".join(w for w, _, _ in run[:3]).casefold()
        if not any(opening == noun or opening.startswith(noun + " ") for noun in self.org_nouns):
            return run
        for k in range(1, min(len(run) - 2, self.BODY_NAME_MOST_WORDS)):
            for place in self.place_words:
                end = k + len(place)
                if [w for w, _, _ in run[k:end]] == place and len(run) - end >= 2 \
                        and run[end][0] not in self.family_names:
                    return run[end:]
        return run

    def _without_leading_place(self, run: list) -> list:
        """The run of capitalised words without the place names that open it, as long as a word is left."""
        changed = True
        while run and changed:
            changed = False
            for place in self.place_words:
                if len(place) < len(run) and [w for w, _, _ in run[:len(place)]] == place:
                    run = run[len(place):]
                    changed = True
                    break
        return run

    def _after_organisation_head(self, before: str) -> bool:
        """Whether `before` ends with the title of an organisation's head (`organization_head_titles`)."""
        low = " ".join(before.casefold().split())
        return any(low == t or low.endswith(" " + t) for t in self.organization_heads)

    def person_name(self, text: str, start: int, tokens: list[Token]):
        """((name, start, end), role) for the trailing proper-name run of `text`, or (None, '')."""
        text = re.sub(r"\s*\([^)]*\)?\s*$", lambda m: " " * len(m.group()), text)  # "(EVN)": an acronym
        words = _words(text, start)
        if not words:
            return None, ""
        affiliated = self._name_before_affiliation(words, tokens)
        if affiliated is not None:
            return affiliated
        # the capitalised run at the end of the phrase
        i = len(words)
        while i > 0 and _capitalised(words[i - 1][0]):
            i -= 1
        run = words[i:]
        if self.lang == "en":
            run = self._english_name_run(words, tokens)
        # drop leading place names and titles from the run
        changed = True
        while run and changed:
            shorter = self._without_leading_place(run)
            changed, run = len(shorter) < len(run), shorter
            title = self._leading_title(run) if run[0][0] not in self.honorifics else 0
            if title and title < len(run):
                run = run[title:]
                changed = True
        run = self._after_body_of_a_country(run)
        if run and self.family_names:
            # "Tập đoàn Vingroup Nguyễn Việt Quang": the organisation's name runs into the person's, which starts
            # at a family name and has two to four syllables
            families = [k for k, (w, _, _) in enumerate(run) if w in self.family_names and 2 <= len(run) - k <= 4]
            if families and families[0] > 0:
                run = run[families[0]:]
            elif run[0][0] not in self.family_names and self._after_org_noun(text[:run[0][1] - start]):
                # "Giám đốc của công ty ABC", "Tổng giám đốc Tập đoàn Vingroup": the name names the organisation
                return None, ""
        if self.lang != "en" and len(run) >= 3 and (words.index(run[0]) > 0 and
                                                   words[words.index(run[0]) - 1][0] in ("of", "de", "and")):
            # "Tổng Chưởng lý District of Columbia Karl Racine": the run's first word ends the name of a place
            run = run[1:]
        if len(run) >= 3 and run[0][0] not in self.family_names and self._named_without(run[1:], run[0][0]):
            run = run[1:]  # "Olympic Tom Daley" where the article also writes "Tom Daley": the first word describes
        while len(run) >= 3 and _INITIALISM.fullmatch(run[0][0]) and _capitalised(run[1][0]) \
                and not _INITIALISM.fullmatch(run[1][0]):
            run = run[1:]  # "huấn luyện viên bóng rổ LSU Will Wade", "LSU coach": an initialism names a body
            run = self._without_leading_place(run)  # "Bộ trưởng Ngoại giao CHDCND Triều Tiên Ri Yong Ho"
        if self.family_names and len(run) >= 3 and run[0][0] not in self.family_names \
                and not is_vietnamese_syllable(run[0][0]) and self._after_organisation_head(text[:run[0][1] - start]):
            run = run[1:]  # "Giám đốc điều hành Apple Tim Cook": the head's organisation, then the person
        if not run:
            return None, ""
        role_start = start
        if self.family_names and len(run) >= 2 and self._sentence_initial_word(run[0], tokens) \
                and run[0][0].casefold() not in self.kin_nouns:
            role_start = run[0][2]
            run = run[1:]  # "Nhưng Liên không nghe máy", "Việc Thắng theo dõi …": the first word is capitalised as
            # the sentence's, a conjunction or a noun the tagger found outside the name (not "Chồng Nhi", Nhi's
            # husband, who is someone else)
        if self.family_names and len(run) == 1 and self._sentence_initial_word(run[0], tokens):
            return None, ""  # "Quán quân ba lần vô địch …": capitalised only as the sentence's first word
        before = text[:run[0][1] - start].split()
        if before and before[-1].casefold() in self.place_nouns and not self._titled_full_name(before[:-1], run):
            return None, ""
        name = text[run[0][1] - start:run[-1][2] - start]
        if len(before) >= 2 and before[-1].casefold() in self.origin_prepositions \
                and not _ner_at(tokens, run[0][1]).endswith("PER") and not self._is_org_entity(name, run[0][1], tokens):
            return None, ""  # "The programme preview from San Jose": where the words come from, not who says them
        if _norm(name) in self.places or _norm(name) in {n.lower() for n in self.org_nouns}:
            return None, ""
        if _norm(name) in self.pronoun_type:
            return None, ""
        role = text[role_start - start:run[0][1] - start].strip(" ,\"“”'‘’«»")
        return (name, run[0][1], run[-1][2]), role

    def _titled_full_name(self, before: list[str], run) -> bool:
        """"Chủ tịch xã Bùi Văn Luyến": after a title and a place's noun, a family name, a middle name that only
        persons carry (`person_middle_names`) and a given name are a person's name, not the place's."""
        held = " ".join(before).casefold()
        return len(run) >= 3 and run[0][0] in self.family_names and run[1][0] in self.person_middle_names \
            and any(held == t or held.endswith(" " + t) for t in self.titles)

    def _sentence_initial_word(self, word, tokens: list[Token]) -> bool:
        """Whether `word` opens its sentence as a Vietnamese syllable that is no family name and that the tagger
        did not take for part of a proper name."""
        text, at, _ = word
        return text not in self.family_names and is_vietnamese_syllable(text) and not any(
            t.end <= at and t.upos != "PUNCT" for t in tokens) and any(
            t.start == at and t.upos != "PROPN" for t in tokens)

    def _named_without(self, run, head: str) -> bool:
        """Whether the document (`document`, set for each one detected) writes the name in `run` without `head`
        before it, elsewhere."""
        tail = " ".join(w for w, _, _ in run)
        return any(not self.document[max(0, m.start() - len(head) - 3):m.start()].rstrip().endswith(head)
                   for m in re.finditer(rf"(?<!\w){re.escape(tail)}(?!\w)", self.document))

    def _after_org_noun(self, before: str) -> bool:
        """Whether the text before a name ends with an organisation noun ("công ty", "tập đoàn")."""
        low = _norm(before).rstrip(" ,")
        return any(low == noun or low.endswith(" " + noun) for noun in self.org_nouns)

    def _leading_title(self, run) -> int:
        low = [w.lower() for w, _, _ in run]
        for title in self.titles:
            parts = title.split()
            if low[:len(parts)] == parts:
                return len(parts)
        return 0

    def _english_name_run(self, words, tokens):
        """English titles are capitalised too ("Commerce Secretary Gina Raimondo", "Helen Park of Ohio State
        University"): the name is a person entity if the tagger found one, else the first capitalised run
        after the last title word that is not an organisation or a place."""
        tags = {w: _ner_at(tokens, w[1]) for w in words}
        per = [w for w in words if tags[w].endswith("PER")]
        # the tagger may take a title alone for a person ("Senator from Massachusetts Elizabeth Warren")
        per = [w for w in per if w[0].lower().strip(".") not in self.single_titles
               or not tags[w].startswith("S-")] or per
        if per:
            # the tagger's person entities, each a run of words: where it finds several, the name is the last that
            # starts with a capital ("Tory Brexiteer" and "Andrea Jenkyns"; "Elizabeth Warren" and "of
            # Massachusetts")
            entities: list[list] = []
            for w in per:
                adjacent = entities and words.index(w) == words.index(entities[-1][-1]) + 1
                if adjacent and not tags[w].startswith(("B-", "S-")):
                    entities[-1].append(w)
                else:
                    entities.append([w])
            named = [e for e in entities if _capitalised(e[0][0])]
            run = (named or entities)[-1]
            first = words.index(run[0])
            if first and words[first - 1][0] in self.honorifics and len(run) == 1:
                # "Mr. Hemming": the entity leaves the honorific out, and a family name alone keeps it
                # (the registry resolves it to the full name); before a full name it is a title ("Dr. Sarah Lee")
                run.insert(0, words[first - 1])
            return run
        last_title = -1
        for k, (w, _, _) in enumerate(words):
            if w.lower().strip(".") in self.single_titles:
                last_title = k
        runs, current = [], []
        for w in words[last_title + 1:]:
            if _capitalised(w[0]) and not w[0].lower().endswith(("'s", "’s")):
                current.append(w)
            else:
                if current:
                    runs.append(current)
                current = []
        if current:
            runs.append(current)
        for run in runs:
            names = [w for w, _, _ in run]
            if names[-1].strip(".,") in self.org_suffixes:
                body = self._body_name_with_connector(words, run)
                if body is not None:
                    return body  # "Agency for the Assessment and Application of Technology": one body's name
                continue
            if " ".join(names).lower() in self.places:
                continue
            if any(n.lower().strip(".,") in self.calendar for n in names):
                continue
            tagged = [t for t in tokens if run[0][1] <= t.start < run[-1][2]]
            if tagged and not any(t.upos == "PROPN" for t in tagged):
                continue  # "The", "However": capitalised at the start of a sentence, not a name
            return self._with_of_name(words, run)
        return []

    BODY_CONNECTORS = ("for", "of", "on")  # "Agency for …", "Centers for …", "Institute of …", "Committee on …"
    BODY_INNER_WORDS = ("and", "of", "the", "for", "&")  # lower-case words inside a body's name

    def _body_name_with_connector(self, words, run):
        """"Indonesia's Agency for the Assessment and Application of Technology", "the Centers for Disease Control
        and Prevention": a body's noun, a connector and capitalised words, inner "and"/"of"/"the" included, are
        one name; None when no capitalised word follows the connector."""
        end = words.index(run[-1])
        k = end + 1
        if self.lang != "en" or k >= len(words) or words[k][0] not in self.BODY_CONNECTORS:
            return None
        k += 1
        if k < len(words) and words[k][0] == "the":
            k += 1
        extended = list(run) + words[end + 1:k]
        last_capital = None
        while k < len(words) and (_capitalised(words[k][0]) or words[k][0] in self.BODY_INNER_WORDS):
            extended.append(words[k])
            if _capitalised(words[k][0]):
                last_capital = len(extended)
            k += 1
        if last_capital is None:
            return None
        return extended[:last_capital]

    def _with_of_name(self, words, run):
        """"The City of Toronto", "Bank of Canada": a body's noun joined by "of" to the name that follows it."""
        end = words.index(run[-1])
        if run[-1][0].lower() not in self.org_nouns or end + 2 >= len(words) or words[end + 1][0] != "of" \
                or not _capitalised(words[end + 2][0]):
            return run
        extended = list(run) + [words[end + 1]]
        for w in words[end + 2:]:
            if not _capitalised(w[0]):
                break
            extended.append(w)
        return extended

    def _is_org_entity(self, name: str, start: int, tokens: list[Token]) -> bool:
        low = _norm(name)
        if name.split()[-1].strip(".,") in self.org_suffixes or (
                len(name.split()) > 1 and name.split()[0] in self.org_prefixes):
            return True
        before = [t for t in tokens if t.end <= start]
        if self.name_articles and (name.split()[0].casefold() in self.name_articles
                                   or (before and before[-1].text.casefold() in self.name_articles)):
            return True
        if _starts_with(low, self.org_nouns) or any(low.endswith(" " + n) for n in self.org_nouns):
            return True
        if re.fullmatch(r"[A-Z]{3,6}", name):
            return True  # "KCNA", "BPPT": a body's initials, whatever the tagger says; news writes no person so
        return _ner_at(tokens, start).endswith("ORG")
