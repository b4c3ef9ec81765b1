"""Unattributed check-worthy claims: sentences stating a checkable fact with no source.

A sentence qualifies when it carries a figure, an amount, a percentage, a
superlative, a comparison or the date of an event, is not part of any
attributed statement, and is not a question or an opinion.
"""
from __future__ import annotations

import re

from claims.detect.segment import phrase_regex
from claims.detect.langdata import load_language
from claims.ingest import HAN as _HAN
from claims.model import Attribution, Claim, Document, Sentence

_AMOUNT = re.compile(r"(?:[$€£¥]\s?\d[\d.,]*|\d[\d.,]*\s?(?:%|[$€£¥]))")
_PERCENT = re.compile(r"\d[\d.,]*\s?(?:%|percent|per cent|phần trăm)", re.IGNORECASE)
_DIGITS = re.compile(r"\d")


class ClaimFinder:
    def __init__(self, lang: str):
        data = load_language(lang)["claims"]
        self.superlative = phrase_regex(data["superlative"])
        self.comparison = phrase_regex(data["comparison"])
        self.units = phrase_regex([u for u in data["units"] if u[:1].isalnum()])
        self.number_words = phrase_regex(data["number_words"])
        self.opinion = phrase_regex([o for o in data["opinion"] if o != "?"])
        self.event_dates = phrase_regex(data["event_dates"])
        self.dates = re.compile("|".join(f"(?:{p})" for p in data["date_patterns"]), re.IGNORECASE)

    def reason(self, sentence: str) -> str | None:
        # a Chinese word is about two characters, and no space separates them
        words = sentence.split() + [""] * (len(_HAN.findall(sentence)) // 2)
        if len(words) < 6 or sentence.rstrip().endswith("?") or self.opinion.search(sentence):
            return None
        if _PERCENT.search(sentence):
            return "percentage"
        amount = _AMOUNT.search(sentence) or (_DIGITS.search(sentence) and self.units.search(sentence) and
                                              re.search(r"\d[\d.,]*\s+(?:tỷ|triệu|nghìn|billion|million|trillion|"
                                                        r"USD|usd|đô|yuan|nhân dân tệ|euros?|dollars?)"
                                                        r"|\d[\d.,]*\s*[万萬亿億]?(?:元|美元|人民币|欧元)",
                                                        sentence))
        if amount:
            return "amount"
        if self.superlative.search(sentence):
            return "superlative"
        without_dates = self.dates.sub(" ", sentence)
        if _DIGITS.search(without_dates):
            return "number"
        if self.comparison.search(sentence) and self.number_words.search(sentence):
            return "comparison"
        if self.dates.search(sentence):
            return "date"
        return None

    def find(self, doc: Document, sentences: list[Sentence], attributions: list[Attribution]) -> list[Claim]:
        covered = [(a.start, a.end) for a in attributions]
        cues = [(a.speaker_start, a.speaker_end) for a in attributions if a.speaker_start is not None]
        claims = []
        for sent in sentences:
            if any(a < sent.end and sent.start < b for a, b in covered + cues):
                continue
            text = doc.text[sent.start:sent.end]
            reason = self.reason(text)
            if reason:
                claims.append(Claim(text=text, start=sent.start, end=sent.end, reason=reason))
        return claims
