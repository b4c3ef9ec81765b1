"""Page furniture in pasted text: lines that are not the article's text.

A fact-checker pastes an article as the browser shows it, with its "Watch:"
and "Read more:" links, captions, bylines and embedded posts. A caption that
says "Lin Jian speaks at a briefing. Photo: Reuters" or a post embedded in the
page would otherwise be read as statements or unattributed claims of the
article. The detector skips such paragraphs; what counts as furniture is each
language's data (`page_furniture` in `lang/*.json`):

- `labels`: a line opening with one before a colon or a bar ("Watch: …",
  "Xem thêm: …", "相关阅读：…");
- `lines`: a whole line that is only a prompt ("Advertisement", "Chia sẻ");
- `bylines`: a short line of names opening with one ("By Jane Doe",
  "Reporting by …; Editing by …");
- `credits`, `credit_agencies`, `credit_endings`: a caption, told by the
  credit it ends with ("Photo: Getty Images", "(AP Photo/Evan Vucci)",
  "Ảnh minh họa", "（新华社记者张三摄）").

An embedded social post is told by its signature ("— Name (@handle) May 3,
2024") or its picture link.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claims.detect.langdata import load_language

# a name of words each capitalised, with the small words names and bylines join them by
_BYLINE_JOINERS = {"and", "by", "with", "in", "for", "of", "và", "cùng", "de", "van", "von", "bin"}
BYLINE_MAX_WORDS = 12
BYLINE_MAX_CHARS_UNSPACED = 24  # a Chinese byline: a few characters of names
CAPTION_MAX_WORDS = 60
_SOCIAL = re.compile(r"\(@\w{1,30}\)\s+\S+\s+\d{1,2},?\s+\d{4}\s*$|pic\.twitter\.com/|https?://t\.co/")
_QUOTE_MARKS = re.compile(r"[\"“”„«»「」『』]")
_WORDS = re.compile(r"[^\W\d_][\w.'’-]*")


@dataclass(frozen=True)
class FurnitureRules:
    labels: re.Pattern
    lines: frozenset[str]
    byline: re.Pattern | None
    credit: re.Pattern | None
    spaced: bool


def _alternatives(words: list[str]) -> str:
    # the longest first: "read more" before "read"
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def rules_for(lang: str) -> FurnitureRules | None:
    data = load_language(lang)
    found = data.get("page_furniture")
    if not found:
        return None
    spaced = data.get("word_boundaries", True)
    edge = r"(?<!\w)" if spaced else ""
    labels = re.compile(rf"^\W{{0,3}}(?:{_alternatives(found.get('labels', []))})(?:\s*[:：|»›>]|\s+[-–—]\s)",
                        re.IGNORECASE)
    byline = None
    if found.get("bylines"):
        byline = re.compile(rf"^(?:{_alternatives(found['bylines'])})(?:\s*[:：]\s*|\s+)(?P<rest>.+)$", re.IGNORECASE)
    # a credit is a segment of its own: it opens the line or follows a sentence's end, a bracket or a dash
    opens = r"(?:^|[.。!?！？|)\]）]\s*|[(\[（]\s*|\s[-–—]\s*)"
    credits = []
    if found.get("credits"):
        credits.append(rf"{opens}(?:{_alternatives(found['credits'])})\s*[:：/]\s*[^()\[\]（）:：]{{1,60}}")
    if found.get("credit_agencies"):
        credits.append(rf"{opens}(?:{_alternatives(found['credit_agencies'])})\s*/\s*[^()\[\]（）]{{1,40}}")
        credits.append(rf"[(\[（]\s*(?:{_alternatives(found['credit_agencies'])})\s*(?=[)\]）])")
    if found.get("credit_endings"):
        credits.append(rf"(?:[(\[（][^()\[\]（）]{{0,30}}{edge}|{opens})(?:{_alternatives(found['credit_endings'])})")
    credit = re.compile(rf"(?:{'|'.join(credits)})\s*[)\]）]?\s*[.。]?\s*$", re.IGNORECASE) if credits else None
    return FurnitureRules(labels, frozenset(_plain(line) for line in found.get("lines", [])), byline, credit, spaced)


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s'’]", " ", text.casefold()).split())


def _is_byline(rest: str, spaced: bool) -> bool:
    if _QUOTE_MARKS.search(rest) or rest.rstrip().endswith(("?", "!")):
        return False
    if not spaced:
        return len(rest) <= BYLINE_MAX_CHARS_UNSPACED and not re.search(r"[，。；]", rest)
    words = _WORDS.findall(rest)
    return 0 < len(words) <= BYLINE_MAX_WORDS and all(
        w[0].isupper() or w.casefold() in _BYLINE_JOINERS for w in words) and words[0][0].isupper()


def furniture_kind(line: str, lang: str) -> str | None:
    """What the line is when it is page furniture ("link or prompt", "byline", "caption", "social post"), or
    None when it is article text."""
    rules = rules_for(lang)
    line = line.strip()
    if not line or rules is None:
        return None
    if _SOCIAL.search(line):
        return "social post"
    if _plain(line) in rules.lines or rules.labels.search(line):
        return "link or prompt"
    if rules.byline is not None:
        m = rules.byline.match(line)
        if m and _is_byline(m.group("rest"), rules.spaced):
            return "byline"
    if rules.credit is not None and rules.credit.search(line):
        short = len(line.split()) <= CAPTION_MAX_WORDS if rules.spaced else len(line) <= 3 * CAPTION_MAX_WORDS
        if short:
            return "caption"
    return None


__all__ = ["furniture_kind", "rules_for"]
