"""Continuations: statements that run on past the sentence or paragraph of their cue.

A quotation opened in one paragraph and closed paragraphs later is one statement; a paragraph that says
"we" with no cue, right after a statement, is that source's; a paragraph ending in a cue and a colon
introduces the next paragraph's quotation; and a sentence with no cue may carry the statement before it on,
by the language's rule (`continuation`, `continuation_markers`).
"""
from __future__ import annotations

from claims.detect.quotes import Quote
from claims.detect.registry import Registry
from claims.detect.segment import CLOSING_MARKS, TRAILING, Segment
from claims.detect.speakers import Speaker
from claims.model import Attribution


class ContinuationRules:
    """Mixed into `claims.detect.extract.Detector`, which holds the language data and the other rules."""

    SAID_SO_TYPES = ("person", "organization", "group", "anonymous", "vague", "document")
    # the most words of the owner a "Đó là khẳng định của …" sentence names, with the role after its name
    # ("ông Nguyễn Văn Hùng, Giám đốc Công ty cấp nước Sài Gòn")
    OWNER_MOST_WORDS = 24

    def _said_so_back(self, text: str, seg: Segment, previous: Segment, registry: Registry,
                      last: Speaker | None) -> list[Attribution] | None:
        """"“…”. Bộ trưởng Mai Ái Trực đã nhấn mạnh như vậy tại hội nghị hôm qua.": a sentence whose only words
        after its cue are "so" (`said_so`), and where or when, says who said the sentence before it. A quotation
        there with no speaker is theirs; a sentence with no statement becomes one; a statement with its own
        cue keeps its speaker. Returns what was made or given a speaker, or None when `seg` is no such sentence."""
        owned = self._owned_statement(text, seg)
        if owned is not None:
            speaker, cue_text = owned
        else:
            body = text[seg.start:seg.end].casefold()
            if not any(w in body for w in self.said_so):
                return None  # most sentences: no need to read their cues a second time
            cue = next((c for c in self._cues(text, seg) if c.kind == "verb"), None)
            if cue is None or not self._says_so(text[cue.end:seg.end].strip(TRAILING + CLOSING_MARKS)):
                return None
            speaker = self._subject(text, seg.start, cue.start, seg, registry, None, [])
            if speaker is None:
                return None
            cue_text = text[cue.start:cue.end]
        speaker = self._resolve(speaker, registry, last)
        if speaker.type not in self.SAID_SO_TYPES:
            return None
        unsourced = [a for a in previous.attributions if not a.speaker or a.kind == "continuation"]
        if previous.attributions and not unsourced:
            return []  # "Ông Nam cho biết …. Bộ trưởng cũng khẳng định như vậy.": agreeing, and no one's continuation
        for attribution in unsourced:
            self._set_speaker(attribution, speaker)
            attribution.cue = cue_text
            if attribution.kind == "continuation":
                attribution.kind = "indirect"
        if unsourced:
            registry.add(speaker)
            return unsourced
        whole = next((q for q in previous.quotes if q.start <= previous.start + 1 and q.end >= previous.end - 2), None)
        start, end = whole.inner if whole is not None else (previous.start, previous.end)
        attribution = self._attribution(text, start, end, "direct" if whole is not None else "indirect",
                                        cue_text, speaker, previous)
        if attribution is None:
            return None
        previous.attributions.append(attribution)
        registry.said_by[id(attribution)] = speaker
        registry.add(speaker)
        return [attribution]

    def _owned_statement(self, text: str, seg: Segment) -> tuple[Speaker, str] | None:
        """"“…”. Đó là khẳng định của ông Nguyễn Văn Hùng, Giám đốc …": a sentence that names the one whose
        statement the sentence before it was (`said_so_owned`), and where or when; returns that source and the
        words that name the statement, or None."""
        if self.re_said_so_owned is None:
            return None
        m = self.re_said_so_owned.match(text, seg.start, seg.end)
        if m is None:
            return None
        phrase = text[m.end():seg.end].rstrip(TRAILING + CLOSING_MARKS)
        adjunct = self.re_adverbial_word.search(phrase)
        if adjunct is not None and phrase[:adjunct.start()].strip(" ,"):
            phrase = phrase[:adjunct.start()].rstrip(" ,")  # "… của TS Lê Đăng Doanh tại hội thảo sáng nay"
        if not phrase.strip() or len(phrase.split()) > self.OWNER_MOST_WORDS:
            return None
        speaker = self.speakers.classify(phrase, m.end(), seg.tokens)
        if speaker.type in ("unknown", "pronoun:other") and not phrase.strip()[:1].isupper():
            return None
        return speaker, text[m.start():m.end()].strip()

    def _close_across(self, text: str, opened: list[Attribution], made: list[Attribution], closing: Quote,
                      found: list[Attribution]) -> list[Attribution]:
        """A quotation opened in an earlier paragraph, carried over paragraphs with no mark of their own and
        closed here ('"Họ muốn lợi dụng tên tuổi của tôi … / … mọi chuyện đều tốt cả," nam cầu thủ bổ sung') is one
        statement: what was made from its first paragraph runs on to the closing mark, with the speaker named
        at the close."""
        first = opened[0] if opened and opened[0].kind == "direct" else None
        closing_part = next((a for a in made if closing.start <= a.start < closing.end), None)
        if first is None or closing_part is None:
            return made
        first.end = closing_part.end
        first.content = text[first.start:first.end]
        named_first = first.speaker and first.speaker_type not in ("unknown", "vague")
        if named_first and closing_part.cue.casefold() in self.report_verbs and closing_part.speaker_start is not None \
                and closing_part.speaker_start >= closing.end and closing_part.speaker_type == "organization":
            # '… Các bạn đã sẵn sàng chưa?" CNN đưa tin.': the outlet that reported the quotation
            first.outlet = first.outlet or self._outlet_name(closing_part.speaker_mention or closing_part.speaker)
        # the speaker named at the close is the quotation's; one carried from before is a guess
        elif closing_part.speaker and ((closing_part.speaker_mention and closing_part.cue) or not first.speaker
                                       or first.speaker_type == "unknown"):
            for key in ("speaker", "speaker_mention", "speaker_start", "speaker_end", "speaker_type", "role",
                        "cue", "outlet"):
                setattr(first, key, getattr(closing_part, key))
        for carried in opened[1:]:
            if carried in found:
                found.remove(carried)
        return [a for a in made if a is not closing_part]

    def _first_person_paragraph(self, text: str, segments: list[Segment], previous: Attribution,
                                speaker: Speaker | None) -> Attribution | None:
        """A paragraph that speaks in the first person with no quotation mark and no cue, right after a
        statement, carries that statement's source on ("Chúng tôi sẽ mở thêm ba nhà máy …" after "Ông Nam cho
        biết …"): a reporter does not write "we". The language names its first-person words (`first_person`)."""
        if not self.first_person or not segments or speaker is None or speaker.name != previous.speaker \
                or previous.speaker_type not in ("person", "anonymous", "organization"):
            return None
        opening = segments[0]
        if not self._in_first_person(opening.tokens):
            return None
        body = text[opening.start:segments[-1].end]
        for regex in (self.re_always, self.re_complement_cue):
            for m in regex.finditer(body):
                if ":" in body[m.end():m.end() + 40].split(".")[0]:
                    return None  # "… phát biểu với các phóng viên: 'Tôi …'": someone else's turn
        return self._attribution(text, opening.start, segments[-1].end, "continuation", "", speaker)

    def _in_first_person(self, tokens) -> bool:
        """Whether the words say "I" or "we" (`first_person`); "US" in capitals is the country, not "us"."""
        return any(t.text.casefold() in self.first_person for t in tokens
                   if not (len(t.text) > 1 and t.text.isupper()))

    # the most words after the cue of a sentence that introduces the quotation after it with a full stop
    # ("Olivera Georgijevska, 79 tuổi, tại Skopje phát biểu. “Hôm nay tôi …”")
    STOP_INTRODUCER_MOST_WORDS = 4

    def _introducer(self, text: str, seg: Segment, registry: Registry, fallback: Speaker | None,
                    before_quotation: bool = False) -> Speaker | None:
        """The speaker of a paragraph that ends with a cue and a colon and says nothing itself: its statement is
        the next paragraph's quotation. With `before_quotation`, of a sentence that ends with its cue and a full
        stop, right before a quotation in the same paragraph."""
        ending = text[seg.start:seg.end].rstrip()
        if not (ending.endswith(":") or before_quotation and ending.endswith(".")):
            return None
        most = 12 if ending.endswith(":") else self.STOP_INTRODUCER_MOST_WORDS
        for cue in reversed(self._cues(text, seg)):
            if cue.kind != "verb" or len(text[cue.end:seg.end].split()) > most:
                continue
            speaker = self._subject(text, seg.start, cue.start, seg, registry, None, [])
            if speaker is not None and speaker.type not in ("vague", "unknown"):
                speaker = self._resolve(speaker, registry, fallback)
                registry.add(speaker)
                return speaker
        return None

    def _may_continue(self, seg: Segment, previous: Attribution) -> bool:
        """Whether a sentence with no cue may carry on the statement before it, by the language's rule
        (`continuation`): an English news sentence after a quotation is the reporter's unless it is itself
        quoted, and after reported speech it carries the speaker's words on in their backshifted mood
        ("It would cost $5 million"); a Vietnamese article carries a source's words on unmarked."""
        if previous.kind == "direct" and not self.continuation.get("after_direct", True):
            return False
        return not self.continuation_markers or any(t.text.casefold() in self.continuation_markers
                                                    for t in seg.tokens)
