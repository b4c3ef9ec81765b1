"""Attributed statements in Chinese articles (simplified and traditional).

Chinese writes no spaces between words and orders a report differently from
English and Vietnamese: time, place and addressee come between the speaker and
the cue ("外交部发言人林剑10日在例行记者会上表示：…"), and a quotation is
followed by its speaker ("“……”林剑说。"). The layouts read here:

- preposed:  SPEAKER [adjuncts] CUE [，|：] CONTENT
- postposed: “CONTENT” SPEAKER CUE。  /  CONTENT，SPEAKER CUE。
- according: 据 SOURCE 报道，CONTENT   /   据悉，CONTENT
- vague:     有分析认为，CONTENT
- colon:     SPEAKER：CONTENT (a headline's "外交部：…")

A quotation with no cue of its own belongs to the paragraph's last speaker;
他 / 她 / 该人士 resolve to the last person or anonymous source named. The
detector has the contract of claims.detect.extract.Detector: a document and
its parsed paragraphs in, attributions with document offsets out.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from claims.detect.extract import Detector
from claims.detect.langdata import load_language
from claims.detect.quotes import Quote, find_quotes
from claims.detect.registry import Registry
from claims.detect.speakers import Speaker
from claims.ingest import HAN as _HAN
from claims.model import Attribution, Document, Sentence, Token

_TIME = re.compile(r"\d+[日号號月年]|[上本下]?[周週][一二三四五六日天末]|[上本下][周週]|星期[一二三四五六日天]"
                   r"|[昨今明前]天|[昨今]日|当[天日]|當[天日]|日前|近日|[上本]月|去年|今年|[早晚]些时候")
_TIME_STARTS = re.compile(rf"(?=(?:{_TIME.pattern}))")
_FOREIGN_NAME = re.compile(r"^[A-Za-z][\w.\- ]*[A-Za-z.]$|^[\u3400-\u9fff]+·[\u3400-\u9fff·]+$")
_PUNCT = "，,：:、；;。！？!?　 \t"
_MAX_SUBJECT = 40     # characters a speaker phrase may have
_MAX_SOURCE = 30      # characters between 据 and its closing word


def alternation(phrases: list[str]) -> str:
    """A regex alternation of `phrases`, longest first; Han phrases match anywhere, as Chinese has no word
    boundaries."""
    return "|".join(re.escape(p) for p in sorted({p for p in phrases if p}, key=len, reverse=True))


@dataclass
class _CutPoints:
    """Where in one masked sentence a speaker phrase may end, found once for all its cues: a sentence of a
    thousand cues would otherwise be read a thousand times, character by character."""
    positions: list[int]          # sorted; any of the kinds below starts here
    adjunct_length: dict[int, int]  # the shortest adjunct opener starting at a position
    token_starts: list[int]       # document offsets, sorted
    token_start_set: set[int]
    adverb_starts: set[int]       # document offsets of the tagger's adverbs of two characters or more


class ChineseDetector:
    def __init__(self, lang: str = "zh"):
        self.lang = lang
        self.data = data = load_language(lang)
        self.marks = data["quotation_marks"]
        self.closers = "".join(c for closing in self.marks.values() for c in closing)
        self.ends = set(data["sentence_ends"])
        cues = data["cues"]
        self.re_cue = re.compile(alternation(cues["verbs"]))
        self.re_not_cue = re.compile(alternation(cues["not_cues"]))
        self.re_negated = re.compile(rf"(?:{alternation(cues['negated_markers'])})$")
        self.interviews = [re.compile(p) for p in cues["interview"]]
        self.addressed = cues["objects_before_cue"]
        self.outlet_nouns = cues["outlet_nouns"]
        acc = data["according_to"]
        self.re_according = re.compile(
            rf"^(?:{alternation(acc['openers'])})(?P<source>[^，,：:。]{{1,{_MAX_SOURCE}}}?)"
            rf"(?P<closer>{alternation(acc['closers'])})(?:称|稱|说|說)?[，,：:]")
        self.re_quoting = re.compile(rf"(?:{alternation(acc['quoting'])})(?P<source>[^，,：:。]{{1,{_MAX_SOURCE}}}?)"
                                     rf"(?:的话|的話)?(?:说|說|称|稱|表示)[，,：:]")
        self.re_bare = re.compile(rf"^(?:{alternation(acc['bare'])})[，,：:]")
        self.re_vague = re.compile(rf"^(?:{alternation(data['vague_phrases'])})[，,：:]?")
        self.re_opener = re.compile(rf"^(?:(?:{alternation(data['clause_openers'])})[，,]?)+")
        self.pronouns = {p: kind for kind, items in data["pronouns"].items() for p in items}
        self.titles = sorted(set(data["titles"]), key=len, reverse=True)
        self.title_suffixes = tuple(data["title_suffixes"])
        self.org_suffixes = tuple(sorted(data["organization_suffixes"], key=len, reverse=True))
        self.doc_nouns = tuple(data["document_nouns"])
        self.media_suffixes = tuple(data["media_suffixes"])
        self.vague_sources = data["vague_sources"]
        self.anonymous = data["anonymous_sources"]
        self.determiners = tuple(data["determiners"])
        self.adjuncts = sorted(data["adjunct_openers"], key=len, reverse=True)
        self.first_person = data["first_person"]
        self.surnames = set(data["surnames"])
        self._cut_cache: tuple[tuple, _CutPoints] | None = None

    # ------------------------------------------------------------------ document

    def detect(self, doc: Document, parsed: dict[int, list[Sentence]]) -> list[Attribution]:
        registry = Registry()
        found: list[Attribution] = []
        last: Speaker | None = None
        for index, paragraph in enumerate(doc.paragraphs):
            if paragraph.duplicate_of is not None or index not in parsed:
                continue
            quotes = find_quotes(doc.text, paragraph.start, paragraph.end, self.marks)
            tokens = [t for s in parsed[index] for t in s.tokens]
            made, last = self._paragraph(doc.text, paragraph.start, paragraph.end, quotes, tokens, registry, last)
            found.extend(made)
        return found

    def _paragraph(self, text: str, start: int, end: int, quotes: list[Quote], tokens: list[Token],
                   registry: Registry, last: Speaker | None) -> tuple[list[Attribution], Speaker | None]:
        made: list[Attribution] = []
        previous: Attribution | None = None
        for a, b in self._sentences(text, start, end, quotes):
            inside = [q for q in quotes if a <= q.start < b]
            found = self._sentence(text, a, b, inside, tokens, registry, last)
            if found is None and inside and self._all_quoted(text, a, b, inside):
                # a sentence that is a quotation with no cue of its own is the last speaker's (a quoted phrase
                # inside the reporter's own sentence is not)
                if last is not None and last.type not in ("vague",):
                    found = self._make(text, inside[0].inner[0], inside[-1].inner[1], "direct", "", last)
            elif found is None and previous is not None and last is not None and last.type == "person" \
                    and self._first_person(text[a:b]):
                # the next sentence in the speaker's own voice carries on their statement
                found = self._make(text, a, b, "continuation", "", last)
            if found is not None:
                speaker = registry_speaker(found)
                if speaker is not None and speaker.type in ("person", "anonymous", "organization", "document",
                                                            "group"):
                    registry.add(speaker)
                    last = speaker
                made.append(found)
                previous = found
            else:
                previous = None
        return made, last

    @staticmethod
    def _all_quoted(text: str, a: int, b: int, quotes: list[Quote]) -> bool:
        outside = list(text[a:b])
        for q in quotes:
            for i in range(max(q.start, a), min(q.end, b)):
                outside[i - a] = ""
        return len("".join(outside).strip(_PUNCT)) <= 2

    def _sentences(self, text: str, start: int, end: int, quotes: list[Quote]) -> list[tuple[int, int]]:
        """Sentence spans of a paragraph, split at a full stop, question or exclamation mark outside
        quotations."""
        spans, a = [], start
        for i in range(start, end):
            if text[i] in self.ends and not any(q.start < i < q.end for q in quotes):
                spans.append((a, i + 1))
                a = i + 1
        if text[a:end].strip():
            spans.append((a, end))
        out = []
        for a, b in spans:
            while a < b and text[a].isspace():
                a += 1
            if a < b:
                out.append((a, b))
        return out

    # ------------------------------------------------------------------ one sentence

    def _masked(self, text: str, a: int, b: int, quotes: list[Quote]) -> str:
        """The sentence with quoted words blanked (offsets kept), so that cues are looked for outside
        quotations only."""
        chars = list(text[a:b])
        for q in quotes:
            for i in range(max(q.start + 1, a), min(q.end - 1 if q.closed else q.end, b)):
                chars[i - a] = "□"
        return "".join(chars)

    def _sentence(self, text, a, b, quotes, tokens, registry, last) -> Attribution | None:
        masked = self._masked(text, a, b, quotes)
        lead = self.re_opener.match(masked)
        skip = lead.end() if lead else 0
        # "据悉，…": reported, with no source named
        m = self.re_bare.match(masked, skip)
        if m:
            vague = Speaker(text[a + skip:a + m.end()].rstrip(_PUNCT), "", a + skip, a + m.end(), "vague")
            return self._make(text, a + m.end(), b, "vague", text[a + skip:a + m.end()], vague, quotes)
        m = self.re_according.match(masked[skip:])
        if m:
            source = self._classify(text, a + skip + m.start("source"), a + skip + m.end("source"), tokens,
                                    registry, according=True)
            return self._make(text, a + skip + m.end(), b, "according_to", text[a + skip:a + skip + m.end()],
                              source, quotes)
        m = self.re_vague.match(masked[skip:])
        if m:
            phrase = text[a + skip:a + skip + m.end()]
            cue = self.re_cue.search(phrase)
            who = phrase[:cue.start()] if cue else phrase.rstrip(_PUNCT)
            vague = Speaker(who, who, a + skip, a + skip + len(who), "vague")
            return self._make(text, a + skip + m.end(), b, "vague", phrase, vague, quotes)
        m = self.re_quoting.search(masked, skip)
        if m:  # "彭博社援引知情人士的话说，…": the words are the cited source's
            source = self._classify(text, a + m.start("source"), a + m.end("source"), tokens, registry)
            if source is not None:
                return self._make(text, a + m.end(), b, "indirect", text[a + m.start():a + m.end()], source, quotes)
        for cue in self._cues(masked):
            found = self._at_cue(text, a, b, masked, cue, quotes, tokens, registry, last, skip)
            if found is not None:
                return found
        return self._colon(text, a, b, masked, quotes, tokens, registry)

    def _cues(self, masked: str) -> list[re.Match]:
        blanked = self.re_not_cue.sub(lambda m: "□" * len(m.group()), masked) if self.re_not_cue.pattern \
            else masked
        found = []
        for m in self.re_cue.finditer(blanked):
            if self.re_negated.search(blanked[:m.start()]):
                continue  # "不愿透露姓名": a cue denied is no statement
            found.append(m)
        return found

    def _at_cue(self, text, a, b, masked, cue, quotes, tokens, registry, last, skip) -> Attribution | None:
        cue_text = cue.group()
        left_start = max(masked.rfind(p, skip, cue.start()) for p in "，,；;")
        left_start = skip if left_start < skip else left_start + 1
        outlet = ""
        after = cue.end()
        if masked[after:after + 1] in ("称", "稱", "说", "說", "道") and masked[after + 1:after + 2] in tuple(_PUNCT):
            after += 1
        if cue_text in self.addressed:  # "告诉路透社，…": the addressee follows the cue
            stop = min((i for i in (masked.find(p, after) for p in "，,：:") if i >= 0), default=-1)
            if stop < 0 or stop - after > 12:
                return None
            outlet, after = masked[after:stop], stop
        rest = masked[after:]
        colon = bool(re.match(r"^\s*[：:]", rest))
        content_start = a + after + len(rest) - len(rest.lstrip(_PUNCT))
        subject_end, outlet = self._subject_end(masked, left_start, cue.start(), outlet, a, tokens)
        subject = (a + left_start, a + subject_end)
        if content_start >= b or not text[content_start:b].strip(_PUNCT + "”」』"):
            return self._postposed(text, a, b, masked, cue, subject, quotes, tokens, registry, last, outlet)
        if subject[1] - subject[0] <= 0 or subject[1] - subject[0] > _MAX_SUBJECT:
            return None
        speaker = self._classify(text, *subject, tokens, registry)
        if speaker is None:
            if not (colon or rest.lstrip(" 　").startswith(("，", ",")) or content_start in {q.start for q in quotes}):
                return None
            # a cue set off by its comma or colon is a statement whoever the phrase before it names
            phrase = text[subject[0]:subject[1]].strip(_PUNCT)
            speaker = Speaker(phrase, phrase, subject[0], subject[0] + len(phrase), "unknown")
        quote = next((q for q in quotes if q.start == content_start), None)
        if quote is not None:
            found = self._make(text, *quote.inner, "direct", text[a + cue.start():content_start], speaker)
        else:
            kind = "direct" if colon else "indirect"
            found = self._make(text, content_start, b, kind, text[a + cue.start():content_start], speaker, quotes)
        if found is not None:
            found.outlet = outlet
        return found

    def _subject_end(self, masked: str, left: int, cue_start: int, outlet: str, base: int,
                     tokens: list[Token]) -> tuple[int, str]:
        """Where the speaker phrase before a cue ends: at the first time word, preposition or adverb that
        begins a word of the tokenizer's ("10日", "在…上", "对记者", "还"; not the 也 of 也门), and the outlet
        an interview phrase or an addressee names."""
        points = self._cut_points(masked, base, tokens)
        # a word of the tokenizer's starts inside the phrase (an adjunct then counts only where a word starts)
        any_start = bisect_left(points.token_starts, base + left) < bisect_left(points.token_starts, base + cue_start)
        span = masked[left:cue_start]
        cut = len(span)
        for pattern in self.interviews:
            m = pattern.search(span)
            if m:
                outlet = outlet or m.group(1).strip("《》")
                cut = min(cut, m.start())
        protected = span.rfind("的")  # "一位不愿透露姓名的美国官员": the words before 的 describe the speaker
        named = self._name_after_title(span)  # a name is not cut, however the tagger tags its characters
        low, high = left + max(1, protected + 1), left + min(cut, len(span))
        candidates = points.positions
        for at in candidates[bisect_left(candidates, low):bisect_left(candidates, high)]:
            i = at - left
            if _TIME.match(masked, at, cue_start) or (not masked[at - 1].isdigit() and masked[at].isdigit()):
                cut = i
                break
            if base + at in points.adverb_starts and i >= named:
                # "分析人士普遍认为": the tagger's adverb ends the speaker phrase
                cut = i
                break
            length = points.adjunct_length.get(at)
            if length is not None and at + length <= cue_start and \
                    (not any_start or base + at in points.token_start_set):
                cut = i
                break
        if not outlet:
            # "对记者说", "向新华社透露": the addressee right before the cue, when it is the press
            for word in self.addressed:
                at = span.rfind(word)
                target = span[at + len(word):] if at >= 0 else ""
                if target and len(target) <= 12 and any(target.startswith(n) or target.endswith(n)
                                                        for n in self.outlet_nouns):
                    outlet = target
                    break
        return left + len(span[:cut].rstrip(_PUNCT)), outlet

    def _cut_points(self, masked: str, base: int, tokens: list[Token]) -> _CutPoints:
        key = (masked, base, id(tokens), len(tokens))
        if self._cut_cache is not None and self._cut_cache[0] == key:
            return self._cut_cache[1]
        adjunct_length: dict[int, int] = {}
        for word in self.adjuncts:
            for at in _find_all(masked, word):
                adjunct_length[at] = min(adjunct_length.get(at, len(word)), len(word))
        times = {m.start() for m in _TIME_STARTS.finditer(masked)}
        digits = {i for i in range(1, len(masked)) if masked[i].isdigit() and not masked[i - 1].isdigit()}
        adverbs = {t.start for t in tokens if t.upos == "ADV" and t.end - t.start > 1}
        starts = sorted(t.start for t in tokens)
        positions = sorted(set(adjunct_length) | times | digits | {at - base for at in adverbs})
        points = _CutPoints(positions, adjunct_length, starts, set(starts), adverbs)
        self._cut_cache = (key, points)
        return points

    def _name_after_title(self, span: str) -> int:
        """The end of a family-led name that opens `span` or follows a listed title in it ("刘正印说",
        "…主任医师刘正印"), or 0."""
        starts = [0] + [at + len(title) for title in self.titles for at in _find_all(span, title)]
        end = 0
        for after in starts:
            for k in (3, 2):
                name = span[after:after + k]
                if len(name) == k and self._chinese_name(name) and \
                        not (k == 3 and any(name.endswith(w) for w in self.adjuncts if len(w) == 1)):
                    end = max(end, after + k)
                    break
        return end

    def _postposed(self, text, a, b, masked, cue, subject, quotes, tokens, registry, last, outlet):
        """The cue ends the sentence: the statement comes before its speaker."""
        inside = [q for q in quotes if a <= q.start and q.end <= a + cue.start()]
        if inside:
            q = inside[-1]
            start = q.end - a
            if start > cue.start() or start <= 0:
                return None
            left = start + len(masked[start:cue.start()]) - len(masked[start:cue.start()].lstrip(_PUNCT))
            end, outlet = self._subject_end(masked, left, cue.start(), outlet, a, tokens)
            if end <= left:
                return None
            speaker = self._classify(text, a + left, a + end, tokens, registry)
            if speaker is None:
                return None
            found = self._make(text, *inside[0].inner, "direct", text[a + cue.start():a + cue.end()], speaker)
            if found is not None and len(inside) > 1:
                found.content, found.end = text[found.start:q.inner[1]], q.inner[1]
            if found is not None:
                found.outlet = outlet
            return found
        comma = max(masked.rfind(p, 0, cue.start()) for p in "，,")
        if comma <= 0:
            return None
        end, outlet = self._subject_end(masked, comma + 1, cue.start(), outlet, a, tokens)
        if end <= comma + 1 or end - comma - 1 > _MAX_SUBJECT:
            return None
        speaker = self._classify(text, a + comma + 1, a + end, tokens, registry)
        if speaker is None or speaker.type in ("unknown",):
            return None
        found = self._make(text, a, a + comma, "indirect", text[a + cue.start():a + cue.end()], speaker, quotes)
        if found is not None:
            found.outlet = outlet
        return found

    def _colon(self, text, a, b, masked, quotes, tokens, registry) -> Attribution | None:
        """"外交部：美方应…": a short speaker phrase and a colon, with no cue."""
        m = re.match(r"^([^，,：:。□“「『]{2,12})[：:]", masked)
        if not m:
            return None
        speaker = self._classify(text, a, a + m.end(1), tokens, registry)
        if speaker is None or speaker.type not in ("person", "organization", "document"):
            return None
        quote = next((q for q in quotes if q.start >= a + m.end() and not text[a + m.end():q.start].strip()), None)
        if quote is not None:
            return self._make(text, *quote.inner, "direct", "：", speaker)
        return self._make(text, a + m.end(), b, "direct", "：", speaker, quotes)

    # ------------------------------------------------------------------ speakers

    def _classify(self, text: str, start: int, end: int, tokens: list[Token], registry: Registry,
                  according: bool = False) -> Speaker | None:
        phrase = text[start:end].strip(_PUNCT)
        start = text.find(phrase, start) if phrase else start
        end = start + len(phrase)
        if not phrase:
            return None
        if phrase in self.pronouns:
            kind = self.pronouns[phrase]
            antecedent = registry.antecedent(kind)
            if antecedent is None:
                return Speaker(phrase, phrase, start, end, f"pronoun-{kind}")
            return Speaker(antecedent.name, phrase, start, end, antecedent.type, antecedent.role)
        if phrase.startswith(self.determiners):
            # "该委员会", "该公司": the body last named with that noun, else the mention itself
            noun = phrase[1:]
            for known in reversed(registry.speakers):
                if known.name.endswith(noun) and known.type in ("organization", "document"):
                    return Speaker(known.name, phrase, start, end, known.type, known.role)
            kind = "document" if noun.endswith(self.doc_nouns) else "organization" \
                if noun.endswith(self.org_suffixes) else "pronoun-person"
            if kind == "pronoun-person":
                antecedent = registry.antecedent("person")
                if antecedent is not None:
                    return Speaker(antecedent.name, phrase, start, end, antecedent.type, antecedent.role)
            return Speaker(phrase, phrase, start, end, kind)
        if phrase.startswith(("有", "不少", "许多", "很多", "一些", "多数", "許多")) or phrase in self.vague_sources:
            return Speaker(phrase, phrase, start, end, "vague")
        if any(marker in phrase for marker in self.anonymous):
            return Speaker(phrase, phrase, start, end, "anonymous")
        if phrase.startswith("《") or (according and phrase.endswith(self.media_suffixes)):
            return Speaker(phrase, phrase, start, end, "organization")
        if phrase.endswith(self.doc_nouns) and not according:
            return Speaker(phrase, phrase, start, end, "document")
        named = self._title_and_name(phrase, start, tokens)
        if named is not None:
            role, name = named
            offset = start + len(role)
            speaker = Speaker(name, phrase, offset, offset + len(name), "person", role)
            return registry.fullest(speaker)
        if phrase.endswith(self.org_suffixes):
            return Speaker(phrase, phrase, start, end, "organization")
        if any(phrase.endswith(t) for t in self.titles):
            # a title with no name: the last person who held it, else the role itself
            return registry.fullest(Speaker(phrase, phrase, start, end, "person", phrase))
        if self._looks_like_name(phrase, start, tokens):
            return registry.fullest(Speaker(phrase, phrase, start, end, "person"))
        if according:
            return Speaker(phrase, phrase, start, end, "organization")
        for known in reversed(registry.speakers):
            if known.name == phrase:
                return Speaker(known.name, phrase, start, end, known.type, known.role)
        return None

    def _title_and_name(self, phrase: str, start: int, tokens: list[Token]) -> tuple[str, str] | None:
        """(role, name) when the phrase is a title followed by a name: "外交部发言人林剑", "美国商务部长雷蒙多".
        A title the data does not list ("预报员") counts by its ending (员, 长, 师) before a name the tagger
        calls a proper noun."""
        best = None
        for i in range(1, len(phrase)):
            head, name = phrase[:i], phrase[i:]
            if not self._plausible_name(name):
                continue
            if any(head.endswith(t) for t in self.titles):
                best = (head, name)
                break  # the longest name after a title
            if best is None and head.endswith(self.title_suffixes) and len(head) >= 2 and \
                    (self._tagged_name(start + i, start + len(phrase), tokens) or self._chinese_name(name)):
                best = (head, name)
        return best

    @staticmethod
    def _plausible_name(name: str) -> bool:
        if _FOREIGN_NAME.match(name):
            return True
        return 2 <= len(name) <= 4 and all(_HAN.match(c) for c in name)

    @staticmethod
    def _tagged_name(start: int, end: int, tokens: list[Token]) -> bool:
        covering = [t for t in tokens if t.start < end and start < t.end]
        return bool(covering) and covering[0].start == start and all(t.upos == "PROPN" for t in covering)

    def _looks_like_name(self, phrase: str, start: int, tokens: list[Token]) -> bool:
        if _FOREIGN_NAME.match(phrase):
            return True
        if not (2 <= len(phrase) <= 6 and all(_HAN.match(c) for c in phrase)):
            return False
        covering = [t for t in tokens if t.start < start + len(phrase) and start < t.end]
        if covering and all(t.upos == "PROPN" for t in covering):
            return True
        return self._chinese_name(phrase)

    def _chinese_name(self, phrase: str) -> bool:
        """Two or three Han characters led by a common family name ("黃恩宏", "林剑")."""
        return 2 <= len(phrase) <= 3 and phrase[0] in self.surnames and all(_HAN.match(c) for c in phrase) \
            and not phrase.endswith(self.org_suffixes + self.doc_nouns)

    def _first_person(self, sentence: str) -> bool:
        return any(p in sentence for p in self.first_person)

    # ------------------------------------------------------------------ attributions

    def _make(self, text, start, end, kind, cue, speaker: Speaker | None, quotes: list[Quote] = ()):
        while start < end and text[start] in _PUNCT:
            start += 1
        while end > start and text[end - 1] in _PUNCT:
            end -= 1
        if end <= start:
            return None
        if kind in ("indirect", "direct") and quotes:
            inner = [q for q in quotes if start <= q.start < end]
            if inner and kind == "indirect":
                whole = len(inner) == 1 and inner[0].start == start and inner[0].end >= end
                kind = "direct" if whole else "mixed"
                if whole:
                    start, end = inner[0].inner
                    while end > start and text[end - 1] in _PUNCT:
                        end -= 1
        if speaker is not None and speaker.type == "vague" and kind in ("indirect", "mixed"):
            kind = "vague"
        attribution = Attribution(content=text[start:end], start=start, end=end, kind=kind, cue=cue.strip())
        if speaker is not None:
            Detector._set_speaker(attribution, speaker)
        return attribution


def _find_all(text: str, part: str) -> list[int]:
    found, at = [], text.find(part)
    while at >= 0:
        found.append(at)
        at = text.find(part, at + 1)
    return found


def registry_speaker(attribution: Attribution) -> Speaker | None:
    if not attribution.speaker:
        return None
    return Speaker(attribution.speaker, attribution.speaker_mention, attribution.speaker_start or 0,
                   attribution.speaker_end or 0, attribution.speaker_type, attribution.role)
