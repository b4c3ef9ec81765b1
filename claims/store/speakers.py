"""Speakers and their aliases: every name a speaker goes by, merged on import and looked up by any of them."""
from __future__ import annotations

import re

from claims.store.rows import normalise_name
from claims.store.schema import StoreError, _write


class Speakers:
    """The speaker methods of `QuoteStore` (its `db`)."""

    def _speaker_for(self, names: list[str], role: str | None) -> tuple[int | None, str | None]:
        """The speaker known by any of `names`, created or merged; its new names become aliases."""
        names = [n for n in names if n and n.strip()]
        if not names:
            return None, None
        keys = [normalise_name(n) for n in names]
        found = self.db.execute(
            f"SELECT speaker_id FROM aliases WHERE alias_key IN ({','.join('?' * len(keys))})", keys).fetchall()
        if found:
            speaker_id = found[0][0]
        else:
            cur = self.db.execute("INSERT INTO speakers (name, role) VALUES (?, ?) ON CONFLICT(name) DO NOTHING",
                                  [names[0].strip(), role])
            speaker_id = cur.lastrowid if cur.rowcount else self.db.execute(
                "SELECT id FROM speakers WHERE name = ?", [names[0].strip()]).fetchone()[0]
        for name, key in zip(names, keys):
            self.db.execute("INSERT OR IGNORE INTO aliases (alias_key, alias, speaker_id) VALUES (?, ?, ?)",
                            [key, name.strip(), speaker_id])
        if role:
            self.db.execute("UPDATE speakers SET role = ? WHERE id = ? AND role IS NULL", [role, speaker_id])
        name = self.db.execute("SELECT name FROM speakers WHERE id = ?", [speaker_id]).fetchone()[0]
        return speaker_id, name

    def add_alias(self, speaker: str, aliases: list[str]) -> dict:
        with _write(self.db):
            row = self.db.execute("SELECT speaker_id FROM aliases WHERE alias_key = ?",
                                  [normalise_name(speaker)]).fetchone()
            if row is None:
                raise StoreError(f"no speaker called {speaker!r}")
            for alias in aliases:
                key = normalise_name(alias)
                other = self.db.execute("SELECT speaker_id FROM aliases WHERE alias_key = ?", [key]).fetchone()
                if other and other[0] != row[0]:
                    raise StoreError(f"{alias!r} already names another speaker")
                self.db.execute("INSERT OR IGNORE INTO aliases (alias_key, alias, speaker_id) VALUES (?, ?, ?)",
                                [key, alias.strip(), row[0]])
        return self.speaker(speaker)

    def alias_names(self, limit: int) -> list[tuple[str, str]]:
        """(alias, speaker name) for every name a speaker is known by, at most `limit` of them."""
        return self.db.execute("SELECT a.alias, s.name FROM aliases a JOIN speakers s ON s.id = a.speaker_id "
                               "ORDER BY a.alias_key LIMIT ?", [limit]).fetchall()

    def _speaker_id(self, name: str, parts: bool = True) -> int | None:
        """The speaker known by `name`, or by its head when it only adds where they are ("Đại sứ quán Trung
        Quốc tại Hoa Kỳ" is "Đại sứ quán Trung Quốc", "the Chinese Embassy in Washington" the Chinese Embassy)."""
        key = normalise_name(name)
        candidates = [key] + [key[:m.start()] for m in re.finditer(r" (?:tại|ở|in|at) |, ", key)]
        for candidate in candidates:
            if candidate.count(" ") < 1 and candidate != key:
                continue  # a one-word head ("Bộ", "the") names nobody in particular
            row = self.db.execute("SELECT speaker_id FROM aliases WHERE alias_key = ?", [candidate]).fetchone()
            if row:
                return row[0]
        return self._speaker_by_name_part(key) if parts else None

    def _speaker_by_name_part(self, key: str) -> int | None:
        """The one speaker with a name of which `key` is a part, in any order: Chinese and Vietnamese names put
        the family name first, so "Lin" and "Jian" are both Lin Jian and "ông Kiếm" is Lâm Kiếm. A part two or
        more speakers share names none of them."""
        words = set(key.split())
        if len(words) != 1 or len(key) < 3:
            return None  # one word of a name; longer phrases are names of their own or descriptions
        version = self.version()
        cached = getattr(self, "_name_parts", None)
        if cached is None or cached[0] != version:
            index: dict[str, set[int]] = {}
            for alias_key, speaker_id in self.db.execute("SELECT alias_key, speaker_id FROM aliases"):
                for word in set(alias_key.split()):
                    index.setdefault(word, set()).add(speaker_id)
            cached = self._name_parts = (version, index)
        index = cached[1]
        if not all(w in index for w in words):
            return None
        found = set.intersection(*(index[w] for w in words))
        # every word must come from one alias of the speaker, not from two different names
        found = {sid for sid in found if any(words <= set(k.split()) for (k,) in self.db.execute(
            "SELECT alias_key FROM aliases WHERE speaker_id = ?", [sid]))}
        return found.pop() if len(found) == 1 else None

    def speaker(self, name: str, parts: bool = True) -> dict | None:
        """The speaker known by `name`: by a name or alias, by its head, or (with `parts`) by one word of
        exactly one speaker's name."""
        speaker_id = self._speaker_id(name, parts)
        row = None if speaker_id is None else self.db.execute(
            "SELECT id, name, role FROM speakers WHERE id = ?", [speaker_id]).fetchone()
        if row is None:
            return None
        aliases = [a for (a,) in self.db.execute("SELECT alias FROM aliases WHERE speaker_id = ? ORDER BY alias",
                                                  [row[0]]).fetchall() if a != row[1]]
        count = self.db.execute("SELECT count(*) FROM statements WHERE speaker_id = ?", [row[0]]).fetchone()[0]
        return {"name": row[1], "role": row[2], "aliases": aliases, "statements": count}

    def speaker_statements(self, name: str, limit: int = 200) -> list[dict]:
        """The statements of the speaker known by `name`, newest first."""
        speaker_id = self._speaker_id(name, parts=False)
        if speaker_id is None:
            return []
        return [{"id": i, "date": d, "lang": lang, "text": t} for i, d, lang, t in self.db.execute(
            "SELECT id, date, lang, text FROM statements WHERE speaker_id = ? ORDER BY date DESC, rowid DESC "
            "LIMIT ?", [speaker_id, limit])]

    def speakers(self) -> list[dict]:
        names = [n for (n,) in self.db.execute("SELECT name FROM speakers ORDER BY name").fetchall()]
        return [self.speaker(n) for n in names]

    def speaker_names(self, name: str) -> set[str]:
        """Every name of the speaker called `name` (normalised), or just `name` when unknown."""
        speaker_id = self._speaker_id(name)
        if speaker_id is None:
            return {normalise_name(name)}
        return {k for (k,) in self.db.execute("SELECT alias_key FROM aliases WHERE speaker_id = ?", [speaker_id])}

    def speaker_statement_ids(self, name: str, among: set[str]) -> set[str]:
        """Which of the statements `among` the speaker called `name` (by any of their names) made; asking about
        those only keeps it one indexed lookup each, however much the speaker has said."""
        speaker_id = self._speaker_id(name)
        if speaker_id is None or not among:
            return set()
        candidates = sorted(among)
        # "+speaker_id": look the candidates up by key; the speaker index would read every statement they made
        rows = self.db.execute(
            f"SELECT id FROM statements WHERE id IN ({','.join('?' * len(candidates))}) AND +speaker_id = ?",
            [*candidates, speaker_id]).fetchall()
        return {r[0] for r in rows}
