"""Mentions: whom each sentence names, for what a later pronoun, title or epithet means, and how a mention
resolves to the fullest source named before it. A mixin of claims.detect.extract.Detector."""
from __future__ import annotations

import re

from claims.detect.registry import Registry
from claims.detect.segment import CLOSING_MARKS, Segment, is_question
from claims.detect.speakers import Speaker, genders_agree


_AGE_WORD = re.compile(r"\d{1,3}-year-old(?![\w-])")


class MentionRules:
    def _sentence_subject(self, text: str, seg: Segment) -> Speaker | None:
        """A person named at the start of a sentence ("Mercer dismissed the poll.") can be referred to later; a
        question ("Vì sao Tổng Thống Trump từ bỏ nhiều đến thế?") names no one as its subject."""
        tokens = seg.tokens
        if is_question(text, seg.start, seg.end) or self._title_case_line(text[seg.start:seg.end]):
            return None
        comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
        if comma is not None and comma < 12 and self.re_adverbial.match(text[tokens[0].start:tokens[comma].start]):
            tokens = tokens[comma + 1:]  # "Chiều 15/6, Thủ tướng Phạm Minh Chính chủ trì ..."
        elif tokens and tokens[0].text.casefold() in self.subordinators:
            main = self._main_clause_after_fronted(text[seg.start:seg.end])
            if main is not None:
                # "Mặc dù các đồng nghiệp chạy trốn nhưng Anthonius Gunawan Agung, 21 tuổi, lại từ chối …": the
                # main clause's subject
                tokens = [t for t in tokens if t.start >= seg.start + main]
            else:
                tokens = tokens[1:]  # "While Ri reprised …": Ri is named, whatever the main clause's subject
        named = self._title_before_named_apposition(text, tokens)
        if named is not None:
            return named
        subject = self._person_opening(text, tokens, seg)
        comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
        if subject is None and comma is not None and comma < self.OPENING_CLAUSE_MOST_WORDS \
                and tokens[0].upos in ("ADP", "SCONJ", "CCONJ", "ADV", "PART"):
            # "But despite his colleagues fleeing for their lives, 21-year-old Anthonius Gunawan Agung refused …",
            # "Riêng về xuất khẩu lao động, anh Luyến có cách nghĩ riêng: …":
            # the person opens the clause after a fronted phrase (not "Others of those trapped, Mr. Mandagi
            # included, were …", where the sentence's subject comes first)
            subject = self._person_opening(text, tokens[comma + 1:], seg)
        return subject

    def _predicate_word(self, tok, tags: tuple[str, ...]) -> bool:
        """Whether `tok` is tagged as one of `tags` and is no title or person's noun of the language data, which
        in Vietnamese the tagger may take for a verb ("Ông trưởng thôn lo lắng")."""
        return tok.upos in tags and not (self.lang != "en" and tok.text.casefold() in self.listed_nouns)

    # the most words of a phrase fronted before the subject and its comma
    OPENING_CLAUSE_MOST_WORDS = 15

    def _person_opening(self, text: str, tokens: list, seg: Segment) -> Speaker | None:
        """The person whose name opens `tokens`, after an age ("21-year-old Anthonius Gunawan Agung")."""
        age = _AGE_WORD.match(text, tokens[0].start) if tokens else None
        if age is not None:
            tokens = [t for t in tokens if t.start >= age.end()]
        words = []
        # "Giám đốc điều hành Apple Tim Cook phát biểu …": a title's own words are no predicate, whatever their tags
        opening = text[tokens[0].start:tokens[-1].end].casefold() if tokens and self.lang != "en" else ""
        title = next((t for t in self.speakers.titles if opening.startswith(t + " ")), "")
        title_end = tokens[0].start + len(title) if title else -1
        for tok in tokens:
            if tok.text in ("'s", "’s"):
                break  # "Ross's predecessors include …": the person named is Ross, for a later "he"
            if self._predicate_word(tok, ("VERB", "AUX")) and tok.start >= title_end \
                    or tok.text in (",", ":", ";") or len(words) >= 6:
                break
            if words and tok.start == words[-1].end and (tok.text == "-" or words[-1].text == "-"):
                words.append(tok)  # "Ednan-Laperouse": a hyphen inside a name
                continue
            if words and words[-1].upos == "PROPN" and tok.upos != "PROPN":
                break  # the subject ends with its name ("Thủ tướng Phạm Minh Chính | chủ trì")
            if tok.upos == "ADP" and any(w.upos == "NOUN" and w.text.islower() for w in words):
                break  # "Naval bases from Lake Titicaca …": the subject is the bases, not a place after them
            words.append(tok)
            if tok.text.endswith(("'s", "’s")):
                break
        if not words:
            return None
        phrase = text[words[0].start:words[-1].end]
        if phrase.endswith(("'s", "’s")):
            phrase = phrase[:-2]
        if not words[0].text[:1].isupper() and not self.speakers._is_title_led(phrase.lower()):
            return None  # after an adverbial a title opens the subject in lower case ("Trước đó, đại biểu …")
        speaker = self.speakers.classify(phrase, words[0].start, seg.tokens)
        name = self.speakers.person_name(phrase, words[0].start, seg.tokens)[0]
        if not name or not any(t.upos == "PROPN" and name[1] <= t.start < name[2] for t in words):
            return None
        return speaker if speaker.type == "person" else None

    def _title_before_named_apposition(self, text: str, tokens: list) -> Speaker | None:
        """"Nghị sĩ đảng Lao động, Lord Adonis, đã chế giễu …", "The Labour peer, Lord Adonis, mocked …": a title
        between commas before the name it describes, which is the sentence's subject."""
        commas = [i for i, t in enumerate(tokens) if t.text == ","][:2]
        if len(commas) < 2 or not 0 < commas[0] <= 8 or commas[1] - commas[0] > 5:
            return None
        title = text[tokens[0].start:tokens[commas[0] - 1].end]
        role_noun = tokens[commas[0] - 1].upos == "NOUN" and tokens[commas[0] - 1].text.islower()
        if not (role_noun or self.speakers._is_title_led(title.lower())) or \
                self.speakers.person_name(title, tokens[0].start, tokens)[0]:
            return None
        inside = tokens[commas[0] + 1:commas[1]]
        after = tokens[commas[1] + 1] if commas[1] + 1 < len(tokens) else None
        if not inside or after is None or not (after.upos in ("VERB", "AUX") or
                                               after.text.casefold() in self.tense_markers):
            return None
        phrase = text[inside[0].start:inside[-1].end]
        speaker = self.speakers.classify(phrase, inside[0].start, tokens)
        if speaker.type != "person" or speaker.name != phrase:
            return None
        speaker.role = speaker.role or title
        return speaker

    ROLE_WORDS_BEFORE_NAME = 3  # lower-case words between a coordinator and a name ("and coach Peter Murchie")

    def _coordinated_subjects(self, text: str, seg: Segment) -> list[Speaker]:
        """Persons named as the subject of a clause after a coordinator ("… carried the home side and coach Peter
        Murchie had every right to be pleased"): who a later "he" may mean, though the sentence opened with
        someone or something else."""
        tokens, found = seg.tokens, []
        for i, tok in enumerate(tokens):
            if tok.upos != "CCONJ":
                continue
            j = i + 1
            while j < len(tokens) and j - i <= self.ROLE_WORDS_BEFORE_NAME and tokens[j].upos == "NOUN" \
                    and tokens[j].text.islower():
                j += 1
            k = j
            while k < len(tokens) and tokens[k].upos == "PROPN":
                k += 1
            if k - j < 2 or k >= len(tokens) or tokens[k].upos not in ("VERB", "AUX"):
                continue  # a full name, then its own verb
            phrase = text[tokens[i + 1].start:tokens[k - 1].end]
            speaker = self.speakers.classify(phrase, tokens[i + 1].start, tokens)
            if speaker.type == "person" and speaker.name == text[tokens[j].start:tokens[k - 1].end]:
                found.append(speaker)
        return found

    @staticmethod
    def _title_case_line(line: str) -> bool:
        """A headline with every word capitalised ("Lợn Sát Thủ Tấn Công Nông Dân Trung Quốc Tử Vong", "Killer
        Pig Attacks Chinese Farmer"): longer than a name, so its words are no one's name."""
        words = [w for w in line.split() if w[:1].isalpha()]
        # English title case leaves short words lower ("Killer Pig Mauls Chinese Farmer to Death")
        return len(words) > 5 and all(w[:1].isupper() or len(w) <= 3 for w in words) \
            and sum(w[:1].isupper() for w in words) > 4

    def _passing_mention(self, text: str, seg: Segment) -> Speaker | None:
        """A person named in a sentence's closing apposition ("… người đứng đầu nhóm TPUSA, Candace Turner.",
        "…, a lawyer, Jane Doe."): what "ông này" in the next sentence points back at."""
        body = text[seg.start:seg.end].rstrip(" .!?" + CLOSING_MARKS)
        comma = body.rfind(",")
        if comma < 0:
            return None
        part = body[comma + 1:]
        words = part.split()
        if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
            return None
        start = seg.start + comma + 1 + (len(part) - len(part.lstrip()))
        speaker = self.speakers.classify(part.strip(), start, seg.tokens)
        return speaker if speaker.type == "person" and speaker.name == part.strip() else None

    def _register_titles(self, text: str, seg: Segment, registry: Registry) -> None:
        """A quoted title that names a document ("Sắc lệnh hành pháp về ...") is a source that can be referred to."""
        for q in seg.quotes:
            a, b = q.inner
            inner = text[a:b].strip()
            head = self.speakers.classify(inner, a, seg.tokens)
            if head.type == "document":
                registry.add(head)

    def _resolve(self, speaker: Speaker, registry: Registry, fallback: Speaker | None) -> Speaker:
        if speaker.type.startswith("pronoun:"):
            kind = speaker.type.split(":", 1)[1]
            if kind == "body":
                # '"…", said KCNA. "…", it added': an English "it" that speaks is the body that spoke last in the
                # paragraph, or, in its first sentence, the body the paragraph before ended with; any other
                # "it" ("The report was released. It said …") is no source this can name
                body = fallback if fallback is not None else registry.previous_paragraph
                if body is None or body.type != "organization":
                    speaker.type = "pronoun:other"
                    return speaker
                return body.as_mentioned(speaker)
            demonstrative = kind == "person" and speaker.name.split()[-1].casefold() in registry.demonstratives
            # "The company said" after "Microsoft … The European Commission …": a body with that noun in its name
            # or no body noun at all, before the nearest body of any kind
            named_body = registry.body_by_its_noun(speaker) if kind == "organization" else None
            antecedent = named_body or registry.antecedent(kind, speaker.gender, demonstrative) or (
                fallback if kind not in ("document", "other") and fallback is not None
                and genders_agree(speaker.gender, fallback.gender) else None)
            if antecedent is not None and speaker.gender and not antecedent.gender and kind == "person":
                # "Dianne Feinstein … cô ấy": the pronoun tells the person's gender, for the next pronoun ("ông")
                antecedent.gender = speaker.gender
            if antecedent is None:
                # "the company" with no company named before it is still an organisation
                speaker.type = kind if kind in ("organization", "document", "group") else "unknown"
                return speaker
            return antecedent.as_mentioned(speaker)
        body = self._body_referred_to(speaker, registry)
        if body is not None:
            return body
        found = registry.fullest(speaker)
        if speaker.place and speaker.type == "person" and found.name == speaker.name:
            # "Toronto said it would appeal": a place speaking is its government or its team; a family name
            # the tagger took for a place ("West" after "Kanye West") was resolved to the person above
            found.type = "organization"
        return found

    def _body_referred_to(self, speaker: Speaker, registry: Registry) -> Speaker | None:
        """"Người phát ngôn của bộ này" after "Bộ Thương mại Mỹ": someone speaking for a body the article named
        before, by its noun and a demonstrative, speaks as that body."""
        words = speaker.name.lower().split()
        representative = next((r for r in sorted(self.speakers.representatives, key=len, reverse=True)
                               if words[:len(r.split())] == r.split()), None)
        if representative is None or len(words) < len(representative.split()) + 2:
            return None
        rest = words[len(representative.split()):]
        if rest[-1] not in registry.demonstratives:
            return None
        noun = " ".join(rest[:-1])
        if noun not in self.data.get("referring_nouns", {}).get("organization", []):
            return None
        for known in reversed(registry.speakers):
            if known.type == "organization" and known.name.lower().startswith(noun + " "):
                return known.as_mentioned(speaker, "")
        return None
