"""Quotation spans in a paragraph, robust to nesting and to unbalanced marks.

Only top-level quotations are returned; a nested quotation stays part of its
outer one. An opening mark that is never closed runs to the end of its
paragraph and no further, so one stray mark cannot swallow the article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice


@dataclass
class Quote:
    start: int          # offset of the opening mark (the paragraph's start when it was opened before it)
    end: int            # offset just after the closing mark (or the paragraph end)
    closed: bool
    opened_before: bool = False  # closes a quotation opened in an earlier paragraph

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + (0 if self.opened_before else 1), self.end - 1 if self.closed else self.end


def _is_apostrophe(text: str, i: int) -> bool:
    """’ or ' between letters (don't, Raimondo’s) is an apostrophe, not a quotation mark; so is " typed for one
    ('coup d"état')."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


_CARRIED = -1  # the stack's offset for a quotation opened in an earlier paragraph


def find_quotes(text: str, start: int, end: int, marks: dict[str, str], max_depth: int = 8,
                continued: bool | str = False, inner_marks: str = "",
                cues: tuple[re.Pattern, ...] = ()) -> list[Quote]:
    """`continued`: a quotation opened in an earlier paragraph is still open, so the first mark that cannot open
    here (after a word, before a space) closes it. Given as the mark that opened it, a quotation in one of
    `inner_marks` (the language's marks for a quotation inside another) is nested inside it ('"… and asked 'Did
    you do it?'' in the paragraph after the one that opened); any other opening mark starts a new quotation, as
    the carried one was left open. `cues`: the language's reporting verbs; given, a closing mark whose opening
    mark was lost closes a quotation when one of them follows it (`_lost_opening`)."""
    closers = {c for closing in marks.values() for c in closing}
    quotes: list[Quote] = []
    stack: list[tuple[int, str]] = []  # (offset, accepted closers)
    if isinstance(continued, str) and continued in marks and continued not in inner_marks:
        stack.append((_CARRIED, marks[continued]))

    def close(open_at: int, at: int) -> None:
        if open_at == _CARRIED:
            quotes.append(Quote(start, at, True, opened_before=True))
        else:
            quotes.append(Quote(open_at, at, True))
    last_closing: dict[str, int] = {}  # each closing mark's last offset in the paragraph, apostrophes aside
    closing_count: dict[str, int] = {}  # and how many of each there are
    for j in range(start, end):
        if text[j] in closers and not (text[j] in "’'\"" and _is_apostrophe(text, j)):
            last_closing[text[j]] = j
            closing_count[text[j]] = closing_count.get(text[j], 0) + 1
    last_mark = -1  # the offset of the last mark read
    for i in range(start, end):
        ch = text[i]
        if ch not in marks and ch not in closers:
            continue
        if ch in ("’", "'", '"') and _is_apostrophe(text, i):
            continue
        if stack and ch in stack[-1][1]:
            # a symmetric mark (") closes when the one before it is open and it does not start a word
            symmetric = ch in marks and ch in marks[ch]
            if not symmetric or not _opens_here(text, i, start) or _misplaced_closer(text, i, start, end, last_closing):
                open_at, _ = stack.pop()
                if not stack:
                    close(open_at, i + 1)
                continue
        inner_lost = _closes_lower_level(ch, i, stack, last_closing)
        if inner_lost is not None and not (ch in marks and _opens_here(text, i, start)):
            # '“Tôi kêu …: ‘Có cá mập ở đó!” Hammel chia sẻ': the inner quotation's closing mark was lost, and
            # the outer one's closes both
            open_at = stack[inner_lost][0]
            del stack[inner_lost:]
            if not stack:
                close(open_at, i + 1)
            continue
        if continued and not stack and not quotes and ch in closers and (
                ch not in marks or (ch in marks[ch] and (not _opens_here(text, i, start)
                                                         or _misplaced_closer(text, i, start, end, last_closing,
                                                                              CARRIED_LEAST_WORDS)))):
            quotes.append(Quote(start, i + 1, True, opened_before=True))
            continue
        previous_mark, last_mark = last_mark, i
        if cues and not stack and previous_mark < (quotes[-1].end if quotes else start):
            begin = _lost_opening(text, i, start, end, quotes, cues)
            if begin is not None:
                quotes.append(Quote(begin, i + 1, True, opened_before=True))
                continue
        if ch in marks:
            if ch == "'" and i > start and text[i - 1].isalnum():
                continue  # the AMs' title: a plural's apostrophe, which a straight single quote also types
            if len(stack) == 1 and stack[0][0] == _CARRIED and ch not in inner_marks \
                    and not _closes_carried_too(text, ch, start, stack[0][1], closing_count, last_closing):
                stack.clear()
            if len(stack) < max_depth:
                stack.append((i, marks[ch]))
            continue
        # a closing mark with nothing open: ignore it
    if stack and stack[0][0] != _CARRIED:
        quotes.append(Quote(stack[0][0], end, False))
    return quotes


# double closing marks; a single one (’) closes a plural's possessive as often ("the players’ union")
_DOUBLE_CLOSERS = '”»」』﹂"'
LOST_OPENING_LEAST_WORDS = 5
# words after the mark within which its sentence's reporting verb comes; an apposition may come between
# ('…," Grant Reeher, a professor of political science at Syracuse University's Maxwell School, told The Hill')
LOST_OPENING_CUE_WITHIN = 20
_WORD = re.compile(r"\S+")


def _lost_opening(text: str, i: int, start: int, end: int, quotes: list[Quote],
                  cues: tuple[re.Pattern, ...]) -> int | None:
    """'There are more than 300,000 people living there," the Red Cross said in a statement': a double closing
    mark with nothing open, after a run of words with no mark of their own and before a reporting verb later in
    its sentence, closes a quotation whose opening mark was lost (in a paragraph split from the one that opened it,
    or by a slip). Returns where that quotation starts: the paragraph's start or the end of the quotation before
    it; the caller asks only when no other mark comes between ('… theo kiểu ”ăn xổi” …'). A straight mark counts
    only as the paragraph's one straight mark, right after a comma or a full stop and before a space, where it
    cannot open."""
    ch = text[i]
    if ch not in _DOUBLE_CLOSERS:
        return None
    before = text[i - 1] if i > start else " "
    if before.isspace():
        return None
    if i + 1 >= end or not text[i + 1].isspace():
        return None
    words = list(islice(_WORD.finditer(text, i + 1, end), LOST_OPENING_CUE_WITHIN))
    sentence_end = next((k for k, w in enumerate(words) if w.group()[-1] in ".!?"), len(words) - 1)
    words = words[:sentence_end + 1]
    if not words or not any(cue.search(text, i + 1, words[-1].end()) for cue in cues):
        return None
    if ch == '"' and (before not in ",.!?…" or text.count('"', start, end) != 1):
        return None
    begin = quotes[-1].end if quotes else start
    while begin < i and text[begin].isspace():
        begin += 1
    if len(text[begin:i].split(maxsplit=LOST_OPENING_LEAST_WORDS)) < LOST_OPENING_LEAST_WORDS:
        return None
    return begin


def _closes_carried_too(text: str, ch: str, start: int, carried_closers: str, closing_count: dict[str, int],
                        last_closing: dict[str, int]) -> bool:
    """'Somebody called it "Snow White and the Seven Dwarfs.""' in a paragraph that carries a quotation on: an odd
    number of a symmetric mark that also closes the carried quotation, the last two of them side by side, closes
    the quotation it opens and then the carried one. ('…," he said. "Next …' closes the carried quotation first
    and opens one that runs on.)"""
    if ch not in carried_closers or closing_count.get(ch, 0) % 2 == 0:
        return False
    last = last_closing[ch]
    return last > start and text[last - 1] == ch


def _closes_lower_level(ch: str, i: int, stack: list[tuple[int, str]], last_closing: dict[str, int]) -> int | None:
    """The level of `stack` below the innermost that the mark `ch` at `i` closes, when no mark later in the
    paragraph could close the levels above it."""
    level = next((k for k in range(len(stack) - 2, -1, -1) if ch in stack[k][1]), None)
    if level is None:
        return None
    if any(last_closing.get(c, -1) > i for _, closing in stack[level + 1:] for c in closing):
        return None
    return level


# marks that only ever close a quotation in the languages claims reads
_CLOSING_ONLY = "”’»」』›﹂"


def _opens_here(text: str, i: int, start: int) -> bool:
    """A straight quote opens when it follows a space or an opening bracket and precedes a word; not before a
    closing mark, where it closes an inner quotation typed in the other style ('… “Đây là … phương Tây "”, ông
    Fleiss nói')."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return ((before.isspace() or before in "([{“‘«") and not after.isspace() and after not in ".,;:!?)"
            and after not in _CLOSING_ONLY)


# the fewest words before a mistyped closing mark: any paragraph (a shorter run is more likely someone's words
# opening: 'Smith said, "We …'), and one that carries on a quotation opened before, which is all quotation up to it
LEAST_WORDS = 8
CARRIED_LEAST_WORDS = 4


def _misplaced_closer(text: str, i: int, start: int, end: int, last_closing: dict[str, int],
                      least_words: int = LEAST_WORDS) -> bool:
    """'… là thứ tôi muốn, "Ross nói với BBC Scotland.': a straight mark after a clause's comma or full stop and
    its space, the last of its kind in a paragraph that carries on a quotation, is its closing mark with the
    space typed on the wrong side when a long run of words comes before it and only a short attribution after
    it. ('Smith said, "We …' opens a quotation that runs on to the paragraph's end.)"""
    if last_closing.get(text[i]) != i or not re.search(r"[,.!?…]\s$", text[max(start, i - 2):i]):
        return False
    after = text[i + 1:end].split()
    return len(after) <= 10 and len(text[start:i].split()) >= least_words and text[start:end].rstrip()[-1:] in ".!?"
