"""Segments of a paragraph: where its sentences really end.

The tokenizer's sentences are regrouped so that no quotation crosses a segment: a sentence end the tokenizer
missed is cut, one it made after an abbreviation or before a lower-case word is joined, and a quotation ending
with "!" or "?" keeps the attribution after it.
"""
from __future__ import annotations

import re

from claims.detect.quotes import Quote
from claims.detect.segment import DASHES, Segment
from claims.model import Sentence


class SplitRules:
    def _repair_unclosed(self, text: str, quotes: list[Quote]) -> list[Quote]:
        """An unclosed quotation that ends in ", said X." closes at that comma."""
        for q in quotes:
            if q.closed:
                continue
            inner = text[q.start:q.end]
            for comma in reversed([m.start() for m in re.finditer(",", inner)]):
                tail = inner[comma + 1:]
                if len(tail.split()) <= 10 and self.re_always.search(tail):
                    q.end = q.start + comma + 1
                    q.closed = True
                    break
        return quotes

    def _segments(self, sentences: list[Sentence], quotes: list[Quote], paragraph, index: int) -> list[Segment]:
        segments: list[Segment] = []
        for sent in self._refine_splits(sentences, quotes):
            start, end = sent.start, sent.end
            if segments and (any(q.start < start < q.end for q in quotes) or self._false_split(segments[-1], sent)
                             or self._attribution_after_quote(segments[-1], sent, quotes)):
                segments[-1].end = max(segments[-1].end, end)
                segments[-1].tokens.extend(sent.tokens)
                continue
            segments.append(Segment(start, end, list(sent.tokens), [], index, parsed=sentences))
        if segments:
            segments[0].start = min(segments[0].start, paragraph.start)
            segments[-1].end = max(segments[-1].end, paragraph.end)
        for seg in segments:
            seg.quotes = [q for q in quotes if seg.start <= q.start < seg.end]
        return segments

    _BOUNDARY = re.compile(r"[.!?…][\"”’»']?\s+(?=[\"“‘«]?[A-ZÀ-ỸĐ])")

    def _refine_splits(self, sentences: list[Sentence], quotes: list[Quote]) -> list[Sentence]:
        """Split where the tokenizer missed a sentence end: a full stop, then a capital or an opening quote."""
        refined = []
        for sent in sentences:
            text = "".join(" " * (t.start - sent.tokens[i - 1].end if i else 0) + t.text
                           for i, t in enumerate(sent.tokens)) if sent.tokens else ""
            cuts = []
            for m in self._BOUNDARY.finditer(text):
                pos = sent.start + m.end()
                before = text[:m.start() + 1].split()[-1] if text[:m.start() + 1].split() else ""
                if any(q.start < pos < q.end for q in quotes) or self._is_abbreviation(before):
                    continue
                cuts.append(pos)
            if not cuts:
                refined.append(sent)
                continue
            pieces, current = [], []
            for tok in sent.tokens:
                if cuts and tok.start >= cuts[0] and current:
                    pieces.append(current)
                    current = []
                    while cuts and tok.start >= cuts[0]:
                        cuts.pop(0)
                current.append(tok)
            pieces.append(current)
            for piece in pieces:
                refined.append(Sentence(piece[0].start, piece[-1].end, piece, sent.paragraph))
        return refined

    def _is_abbreviation(self, word: str) -> bool:
        # "U.N.", "D.C.", an initial ("J.")
        return word.lower() in self._abbreviations or bool(re.fullmatch(r"(?:[A-ZÀ-Ỹ]\.)+", word))

    # the words of an attribution that stands after its quotation: its speaker's, and what may follow its cue
    SPEAKER_MOST_WORDS = 8
    AFTER_CUE_MOST_WORDS = 4

    def _attribution_after_quote(self, previous: Segment, sent: Sentence, quotes: list[Quote]) -> bool:
        """'"Why would we stop now?" Jones asked.': a quotation that ends with a question or an exclamation mark,
        where a comma cannot stand, then its speaker and a cue with little after it, is one sentence, which the
        tokenizer ends after the mark. After a full stop only a speaker and a cue with nothing after it are (the
        next sentence is otherwise the reporter's: '"… himself." Rathbun described the house.')"""
        if not sent.tokens or not any(q.closed and q.end == previous.end for q in quotes) or \
                len(previous.tokens) < 2 or previous.tokens[-2].text[-1:] not in "!?….":
            return False
        words = " ".join(t.text for t in sent.tokens)
        cue = self.re_always.search(words) or self.re_complement_cue.search(words)
        if cue is None or not 0 < len(words[:cue.start()].split()) <= self.SPEAKER_MOST_WORDS:
            return False
        after = len(words[cue.end():].strip(" .!?").split())
        if previous.tokens[-2].text[-1:] == ".":
            # '“… rất thách thức.” Bà Sumbung chia sẻ.': a speaker and a cue with nothing after it, or only where it
            # was said ("Sturridge phát biểu trên trang LiverpoolFC.com"); one with an object is the reporter's
            # next sentence
            return (after == 0 or self._is_adjunct(words[cue.end():])) and len(words[:cue.start()].split()) <= 4
        return after <= self.AFTER_CUE_MOST_WORDS

    def _false_split(self, previous: Segment, sent: Sentence) -> bool:
        """The tokenizer ends sentences after abbreviations ("Rep.", "Dr.") and before lower-case words, and the
        Vietnamese one after a dash ("Ông Nguyễn Văn An – | Phó giám đốc Sở Y tế – cho biết …"), which ends no
        sentence."""
        if not sent.tokens or not previous.tokens:
            return False
        if sent.tokens[0].text[:1].islower():
            return True
        last = previous.tokens[-1].text
        if last in DASHES:
            return True
        joined = "".join(t.text for t in previous.tokens[-2:])
        return self._is_abbreviation(last) or self._is_abbreviation(joined)
