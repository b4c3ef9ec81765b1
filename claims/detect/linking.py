"""Tie the detector's speakers to the quote database's speakers (`Attribution.db_speaker`).

In this order:
1. by name or alias, the parts of a name in any order included ("Lin" is Lin Jian);
2. a generic document or body ("Dự luật", "the bill", "các thành viên hội đồng",
   "the committee") by the document or body of that kind the article names,
   the nearest before the statement (else after) among those the database knows
   ("Đạo luật ENFORCE" is the ENFORCE Act);
3. a named document or body by meaning: its name embedded against the
   database's names and aliases ("Sắc lệnh hành pháp về phát triển và sử dụng
   trí tuệ nhân tạo an toàn" is Executive Order 14110, by its English title).
   Persons are never tied by meaning: two names that look alike are two people.
"""
from __future__ import annotations

import re

import numpy as np

from claims.detect.langdata import load_language
from claims.model import Attribution

NAME_LINK = 0.88     # cosine of a document's or body's name with a database name that ties them,
NAME_MARGIN = 0.02   # when no other database name comes this close;
HEAD_SLACK = 0.04    # a name headed by the same noun ("Sắc lệnh …") may be this much less close
WINDOW = 8           # words a named document or body may have
MEANING_LIMIT = 20_000  # database names beyond which step 3 is skipped (it embeds them all once)


def _nouns(lang: str) -> dict[str, list[str]]:
    """The common nouns that refer to a document or a body ("dự luật", "the committee"; not the names of
    outlets the detector's own noun lists carry), group nouns, and the words a reference may add."""
    data = load_language(lang)
    refs = data.get("referring_nouns", {})
    return {"document": sorted(refs.get("document", []), key=len, reverse=True),
            "organization": sorted(refs.get("organization", []), key=len, reverse=True),
            "group": sorted(data["group_nouns"], key=len, reverse=True),
            "determiners": data.get("determiners", []) + data.get("generic_modifiers", [])}


def head_noun(name: str, lang: str) -> tuple[str, str] | None:
    """(kind, noun) when a name is headed by a document or body noun: "Sắc lệnh 14110" (Vietnamese puts it
    first), "ENFORCE Act" and "Executive Order 14110" (English before or after the name)."""
    folded = name.casefold()
    nouns = _nouns(lang)
    for kind in ("document", "organization"):
        for noun in nouns[kind]:
            if folded.startswith(noun + " ") or (lang == "en" and re.search(rf"(?<!\w){re.escape(noun)}(?!\w)", folded)):
                return kind, noun
    return None


def generic_kind(speaker: str, lang: str) -> str | None:
    """"document" or "organization" when the speaker is only a noun of that kind, without a name: "Dự luật",
    "the bill", "dự luật mới này", "các thành viên hội đồng", "committee members"."""
    nouns = _nouns(lang)
    words = [w for w in speaker.casefold().split() if w not in nouns["determiners"]]
    rest = " ".join(words)
    for group in nouns["group"]:  # "members of the committee", "các thành viên hội đồng": the body speaks
        for pattern in (rf"^{re.escape(group)}\s+(?:of\s+|của\s+)?(?:the\s+)?", rf"\s+{re.escape(group)}$"):
            rest = re.sub(pattern, "", rest)
    for kind in ("document", "organization"):
        if rest in nouns[kind]:
            return kind
    return None


def named_in_article(text: str, store, lang: str) -> list[tuple[int, str, str]]:
    """(offset, database speaker, kind) for every document or body the article names that the database knows:
    word windows around each capitalised document or organisation noun, looked up by exact alias."""
    nouns = _nouns(lang)
    found = []
    for kind in ("document", "organization"):
        pattern = re.compile(rf"(?<![\w])(?:{'|'.join(re.escape(n) for n in nouns[kind])})(?![\w])", re.IGNORECASE)
        for m in pattern.finditer(text):
            if not m.group()[:1].isupper() and lang != "en":
                continue  # Vietnamese names of bodies and laws start with a capital: "Ủy ban", "Đạo luật"
            after = re.findall(r"[^\s,.;:()“”\"]+", text[m.end():m.end() + 200])[:WINDOW]
            before = re.findall(r"[^\s,.;:()“”\"]+", text[max(0, m.start() - 120):m.start()])[-WINDOW:]
            windows = [" ".join([m.group(), *after[:k]]) for k in range(len(after), -1, -1)]
            windows += [" ".join([*before[-k:], m.group()]) for k in range(min(len(before), WINDOW - 1), 0, -1)]
            for window in windows:
                if len(window.split()) < 2:
                    continue
                hit = store.speaker(window, parts=False)
                if hit:
                    found.append((m.start(), hit["name"], kind))
                    break
    return sorted(found)


def _same_head(a: tuple[str, str] | None, b: tuple[str, str]) -> bool:
    """"sắc lệnh" heads "Sắc lệnh 14110" as "sắc lệnh hành pháp" heads "Sắc lệnh hành pháp về …"."""
    return a is not None and a[0] == b[0] and (a[1].startswith(b[1]) or b[1].startswith(a[1]))


class SpeakerLinker:
    def __init__(self, store):
        self.store = store
        self._names: tuple[object, list[str], list[str], np.ndarray] | None = None

    def link(self, attributions: list[Attribution], text: str | None = None, lang: str = "en") -> None:
        named = None
        for a in attributions:
            for name in (a.speaker, a.speaker_mention):
                found = self.store.speaker(name) if name else None
                if found:
                    a.db_speaker = found["name"]
                    break
            if a.db_speaker or not a.speaker or text is None:
                continue
            kind = generic_kind(a.speaker, lang) if a.speaker_type in ("document", "organization", "group") else None
            if kind:
                if named is None:
                    named = named_in_article(text, self.store, lang)
                same = [(offset, name) for offset, name, k in named if k == kind]
                before = [name for offset, name in same if offset < a.start]
                after = [name for offset, name in same if offset >= a.start]
                a.db_speaker = (before[-1] if before else after[0]) if same else None
            elif a.speaker_type in ("document", "organization"):
                a.db_speaker = self.by_meaning(a.speaker, lang)

    def by_meaning(self, name: str, lang: str) -> str | None:
        """The database speaker a document's or body's name means: the only one with a name headed by the
        same noun ("Sắc lệnh hành pháp về …" and "Sắc lệnh 14110") when it is close enough, else the closest
        name by a clear margin."""
        from claims.nlp.encoder import embed

        names = self._database_names()
        if names is None:
            return None
        _, aliases, owners, vectors = names
        scores = vectors @ embed(self.store.encoder(), [name], kind="query")[0]
        head = head_noun(name, lang)
        if head:
            same = {owners[j] for j, alias in enumerate(aliases)
                    if _same_head(head_noun(alias, lang), head) and scores[j] >= NAME_LINK - HEAD_SLACK}
            if len(same) == 1:
                return same.pop()
        order = np.argsort(-scores)
        best = order[0]
        rival = next((j for j in order[1:] if owners[j] != owners[best]), None)
        if scores[best] < NAME_LINK or (rival is not None and scores[best] - scores[rival] < NAME_MARGIN):
            return None
        return owners[best]

    def _database_names(self):
        from claims.nlp.encoder import embed

        version = self.store.version()
        if self._names is not None and self._names[0] == version:
            return self._names
        rows = self.store.alias_names(MEANING_LIMIT + 1)
        if not rows or len(rows) > MEANING_LIMIT:
            return None
        aliases, owners = [r[0] for r in rows], [r[1] for r in rows]
        vectors = embed(self.store.encoder(), aliases, kind="query")
        self._names = (version, aliases, owners, vectors)
        return self._names
