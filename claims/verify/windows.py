"""Clause windows: the runs of a source's clauses a part of a quote may stand for, with the items of a list
kept together, and the evidence they show trimmed of the punctuation that parted them."""
from __future__ import annotations

import re

from claims.verify.markers import WORD


CLAUSE_WORDS = 4  # the fewest words a clause of a source needs to stand for a part of a quote


LIST_ITEM_MAX = 2  # a run between commas this short is an item of a list ("economic, trade, and technology")


def whole_items(clauses: list[tuple[int, int]], text: str, coordinators: list[str]) -> list[tuple[int, int]]:
    """Clauses with the items of a list kept together, so no window starts or ends inside "economic, trade, and
    technology issues". A short run is an item when it opens with a coordinator or the run after it is an item
    ("he said, calling the plan ..." is no list); an item joins the clause after it, the last one the clause
    before."""
    opens = re.compile(r"\s*(?:%s)\b" % "|".join(map(re.escape, coordinators)), re.IGNORECASE) if coordinators else None
    item = [False] * len(clauses)
    for i in range(len(clauses) - 1, -1, -1):
        x, y = clauses[i]
        starts = bool(opens and opens.match(text, x))
        item[i] = len(WORD.findall(text[x:y])) <= LIST_ITEM_MAX and (
            starts or (i + 1 < len(clauses) and (item[i + 1] or bool(opens and opens.match(text, clauses[i + 1][0])))))
    out: list[list[int]] = []
    carry = None
    for (x, y), is_item in zip(clauses, item):
        start = x if carry is None else carry
        if is_item:
            carry = start
            continue
        out.append([start, y])
        carry = None
    if carry is not None:
        if out:
            out[-1][1] = clauses[-1][1]
        else:
            out.append([carry, clauses[-1][1]])
    return [(x, y) for x, y in out]


def clause_windows(text: str, sentences: list[tuple[int, int]], most: int = 3,
                    coordinators: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """The sentences, and the runs of up to `most` clauses inside each of them: a translation splits one
    sentence into two ("..., he said, calling the Democrats ..." as "... . Ông nói thêm và cho rằng ..."),
    and each of its parts says one clause of the source, not the whole sentence."""
    out = list(sentences)
    for a, b in sentences:
        cuts = [a] + [a + m.end() for m in re.finditer(r"[,;:]\s+|[“”\"]\s*(?=\w)", text[a:b])] + [b]
        clauses = whole_items([(x, y) for x, y in zip(cuts, cuts[1:]) if text[x:y].strip()], text, list(coordinators))
        if len(clauses) < 2:
            continue
        for i in range(len(clauses)):
            for j in range(i, min(len(clauses), i + most)):
                span = (clauses[i][0], clauses[j][1])
                if span != (a, b) and len(WORD.findall(text[span[0]:span[1]])) >= CLAUSE_WORDS:
                    out.append(span)
    return out


def trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    """A window as evidence: without the comma that parted it from the next clause, or a quotation mark it
    opens but does not close."""
    while b > a and (text[b - 1] in " ,;:" or (text[b - 1] in "“\"" and text[a:b - 1].count(text[b - 1]) % 2 == 0)):
        b -= 1
    return a, b
