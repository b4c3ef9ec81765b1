"""The pieces every rule of the detector shares: a cue, a segment of a paragraph, and phrase matching."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from claims.detect.quotes import Quote
from claims.ingest import HAN as _HAN
from claims.model import Attribution, Sentence, Token

TRAILING = " \t\n,;:.–—-"
# marks that close a quotation in the languages with spaces between words; the straight single quote is one
# in British news ('…,' he said)
CLOSING_MARKS = "”\"’»'"
# dashes that set words off as commas do; with a space on each side, a pair sets an apposition off
DASHES = "-–—"
SPACED_DASH = re.compile(rf"\s[{DASHES}]\s")


def open_bracket(text: str, start: int = 0, end: int | None = None) -> int:
    """Where a bracket opens in text[start:end] that does not close there, else -1 ("ông H. (xin giấu tên …")."""
    end = len(text) if end is None else end
    at = text.rfind("(", start, end)
    return at if at > text.rfind(")", start, end) else -1


def phrase_regex(phrases: list[str]) -> re.Pattern:
    """Whole-word matches of `phrases`; a phrase of Han characters matches anywhere, as Chinese writes no
    spaces between words."""
    alternatives = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    han = [p for p in alternatives if _HAN.match(p)]
    spaced = [p for p in alternatives if not _HAN.match(p)]
    parts = []
    if spaced:
        body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in spaced)
        parts.append(rf"(?<![\w-])(?:{body})(?![\w-])")
    if han:
        parts.append("|".join(re.escape(p) for p in han))
    return re.compile("|".join(parts) or "(?!)", re.IGNORECASE)


@dataclass
class Cue:
    start: int
    end: int
    kind: str        # verb | according | vague
    text: str
    needs_complement: bool = False


@dataclass
class Segment:
    start: int
    end: int
    tokens: list[Token]
    quotes: list[Quote]
    paragraph: int
    attributions: list[Attribution] = field(default_factory=list)
    parsed: list[Sentence] = field(default_factory=list)  # the parser's sentences of the paragraph


def consumed_start(made: list[Attribution]) -> int:
    return made[-1].start if made else 0


_DATELINE = re.compile(r"([^\n—–-]{2,40}?)\s*[—–-]\s+")


def dateline_end(text: str, start: int, end: int) -> int:
    """Past a dateline that opens a line ("TORONTO — Ontario will …", "HÀ NỘI - Bộ Y tế …"): where the story
    was filed is neither the speaker nor the words."""
    if start > 0 and text[start - 1] != "\n":
        return start
    m = _DATELINE.match(text, start, end)
    if m and m.group(1)[:1].isalpha() and m.group(1).isupper():
        return m.end()
    return start


def is_question(text: str, start: int, end: int) -> bool:
    """Whether the sentence at text[start:end] asks ("Ông đánh giá thế nào về đề án?", "… nhỉ?\""): a question
    reports nothing and names no one as its subject."""
    return text[start:end].rstrip(" \t\n" + CLOSING_MARKS).endswith("?")

