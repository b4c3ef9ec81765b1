"""Language data for the detector: cue words, titles, pronouns, quotation marks.

One JSON file per language in `lang/`; adding a language means adding a file.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LANG_DIR = Path(__file__).parent / "lang"

def available_languages() -> list[str]:
    return sorted(p.stem for p in LANG_DIR.glob("*.json"))


@lru_cache(maxsize=None)
def load_language(lang: str) -> dict:
    path = LANG_DIR / f"{lang}.json"
    if not path.exists():
        raise ValueError(f"no language data for {lang!r} (have {', '.join(available_languages())})")
    return json.loads(path.read_text(encoding="utf-8"))
