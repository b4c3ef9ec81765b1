"""Sentences of a source statement, each stored and embedded as a unit of its own."""
from __future__ import annotations

import re
from functools import lru_cache

_SENTENCE_END = re.compile(r"(?<=[.!?。！？…])[\"'”’»)]*\s+(?=[\"'“‘«(\[]?[A-ZÀ-ỸĐ0-9])")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """Words whose full stop ends the word, not the sentence ("Mr.", "TT.", "U.S."), in every language."""
    from claims.detect.langdata import available_languages, load_language

    return frozenset(a.casefold() for lang in available_languages()
                     for a in load_language(lang).get("abbreviations", []))


def _ends_abbreviation(text: str, end: int) -> bool:
    word = text[:end].rsplit(None, 1)[-1] if text[:end].strip() else ""
    word = word.lstrip("\"'“‘«([")
    return word.casefold() in _abbreviations() or bool(re.fullmatch(r"[A-ZÀ-ỸĐ]\.", word))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a source statement (edited text: a full stop, a space and a capital, not after an
    abbreviation or an initial)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if text[m.start() - 1] == "." and _ends_abbreviation(text, m.start()):
            continue
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans
