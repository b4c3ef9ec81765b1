"""Language data for the detector: cue words, titles, pronouns, quotation marks.

One JSON file per language in `lang/`; adding a language means adding a file.
"""
from __future__ import annotations

import json
from functools import lru_cache
from itertools import product
from pathlib import Path

LANG_DIR = Path(__file__).parent / "lang"

def available_languages() -> list[str]:
    return sorted(p.stem for p in LANG_DIR.glob("*.json"))


@lru_cache(maxsize=None)
def load_language(lang: str) -> dict:
    path = LANG_DIR / f"{lang}.json"
    if not path.exists():
        raise ValueError(f"no language data for {lang!r} (have {', '.join(available_languages())})")
    data = json.loads(path.read_text(encoding="utf-8"))
    variants = data.get("spelling_variants")
    if variants:
        alternates = syllable_alternates(variants["onsets"], variants["vowels"])
        data = {key: value if key == "spelling_variants" else with_variants(value, alternates)
                for key, value in data.items()}
    return data


def syllable_alternates(onsets: list[str], vowels: list[str]) -> dict[str, str]:
    """Each syllable of an onset and one vowel that may be written either way, to its other spelling, in lower
    case ("sĩ" -> "sỹ", "sỹ" -> "sĩ")."""
    alternates = {}
    for onset in onsets:
        for a, b in vowels:
            alternates[onset + a], alternates[onset + b] = onset + b, onset + a
    return alternates


def spellings(phrase: str, alternates: dict[str, str], most: int = 16) -> list[str]:
    """`phrase` in every spelling of its syllables, itself first ("kỹ sư" -> ["kỹ sư", "kĩ sư"]); a capital
    stays a capital ("Mỹ" -> "Mĩ")."""
    options = []
    for syllable in phrase.split(" "):
        other = alternates.get(syllable.lower())
        if other is not None and syllable[:1].isupper():
            other = other[:1].upper() + other[1:]
        options.append((syllable, other) if other is not None else (syllable,))
    found = [" ".join(choice) for choice in product(*options)]
    return found[:most]


def with_variants(value, alternates: dict[str, str]):
    """A language file's value with every phrase of its lists also in its other spellings, after the phrases
    as written."""
    if isinstance(value, dict):
        return {key: with_variants(item, alternates) for key, item in value.items()}
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        extra = [v for item in value for v in spellings(item, alternates)[1:]]
        written = set(value)
        return value + [v for v in dict.fromkeys(extra) if v not in written]
    if isinstance(value, list):
        return [with_variants(item, alternates) for item in value]
    return value
