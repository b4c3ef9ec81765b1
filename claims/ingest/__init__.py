"""Ingest: turn a file or a string into a `Document` with paragraphs.

- Decodes UTF-8 (with or without BOM) and UTF-16 with a BOM; anything else,
  binary or empty input, or more than `MAX_BYTES`, raises `InputError`.
- HTML keeps its visible text and paragraph breaks; scripts, styles and
  navigation are dropped. Offsets then point into that visible text.
- Paragraphs repeated verbatim (a scraping artefact) are marked as duplicates.
- The language (vi or en) is guessed cheaply from the characters and words.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from claims.ingest.html import html_to_text, looks_like_html
from claims.model import Document, Paragraph

MAX_BYTES = 5 * 1024 * 1024
# A news paragraph is a few hundred characters; anything this long is not one,
# and parsing it would take minutes.
MAX_PARAGRAPH_CHARS = 20_000
MAX_ARTICLE_CHARS = 400_000


class InputError(ValueError):
    """Input the tool refuses, with a one-line reason."""


def decode(data: bytes, name: str = "input") -> str:
    if not data:
        raise InputError(f"{name}: empty input")
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: {len(data) / 1e6:.1f} MB is over the 5 MB limit")
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
        head = data[:8192]
        if b"\x00" in head or sum(1 for b in head if b < 9 or 13 < b < 32) > len(head) // 100:
            raise InputError(f"{name}: looks like a binary file, not text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 or UTF-16 text (undecodable byte at offset {exc.start})") from None
    if "\x00" in text or _control_ratio(text) > 0.01:
        raise InputError(f"{name}: looks like a binary file, not text")
    if not text.strip():
        raise InputError(f"{name}: no text in input")
    return text


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return controls / max(1, len(sample))


_PARAGRAPH = re.compile(r"[^\n]+")


def split_paragraphs(text: str) -> list[Paragraph]:
    """One paragraph per non-blank line; repeated paragraphs point at their first occurrence."""
    paragraphs, first_seen = [], {}
    for m in _PARAGRAPH.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        key = " ".join(text[start:end].split())
        index = len(paragraphs)
        duplicate_of = first_seen.get(key)
        if duplicate_of is None:
            first_seen[key] = index
        paragraphs.append(Paragraph(start=start, end=end, duplicate_of=duplicate_of))
    return paragraphs


_VI_LETTERS = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
_VI_WORDS = {"của", "và", "là", "các", "những", "được", "không", "người", "rằng", "theo", "cho", "với", "một"}
_EN_WORDS = {"the", "and", "of", "to", "said", "is", "that", "in", "for", "was", "with", "on", "a"}


# Han characters: Chinese, which writes no spaces between words
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def detect_language(text: str) -> str:
    """zh, vi or en: Chinese by its script (Han characters without kana), Vietnamese and English by
    Vietnamese diacritics and very common words in the first 20k characters."""
    sample = text[:20000]
    if len(HAN.findall(sample)) > 0.3 * max(1, len(re.findall(r"[^\W\d_]", sample))) and \
            not re.search(r"[\u3040-\u30ff]", sample):
        return "zh"
    words = re.findall(r"\w+", sample.lower())
    vi = sum(1 for w in words if w in _VI_WORDS) + 2 * len(_VI_LETTERS.findall(sample))
    en = sum(1 for w in words if w in _EN_WORDS) * 2
    return "vi" if vi > en else "en"


SUPPORTED_LANGUAGES = ("vi", "en", "zh")
LANGUAGE_NAMES = {"vi": "Vietnamese", "en": "English", "zh": "Chinese", "ja": "Japanese", "ko": "Korean",
                  "ar": "Arabic", "fa": "Persian", "ru": "Russian", "uk": "Ukrainian", "el": "Greek", "he": "Hebrew",
                  "th": "Thai", "hi": "Hindi", "fr": "French", "es": "Spanish", "de": "German", "pt": "Portuguese",
                  "id": "Indonesian", "it": "Italian"}
# scripts that name their language (or its usual one); Han without kana is Chinese
_SCRIPTS = [("ja", re.compile(r"[\u3040-\u30ff]")), ("ko", re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")),
            ("zh", HAN), ("ar", re.compile(r"[\u0600-\u06ff\u0750-\u077f]")),
            ("ru", re.compile(r"[\u0400-\u04ff]")), ("el", re.compile(r"[\u0370-\u03ff]")),
            ("he", re.compile(r"[\u0590-\u05ff]")), ("th", re.compile(r"[\u0e00-\u0e7f]")),
            ("hi", re.compile(r"[\u0900-\u097f]"))]
_PERSIAN = re.compile(r"[پچژگ]")
_UKRAINIAN = re.compile(r"[єіїґ]", re.IGNORECASE)
# very common words of Latin-script languages claims does not read, to tell them from English
_OTHER_WORDS = {
    "fr": {"le", "la", "les", "des", "est", "une", "dans", "pour", "qui", "pas", "sur", "avec", "il", "du"},
    "es": {"el", "los", "las", "del", "es", "una", "por", "para", "con", "que", "se", "su", "como"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "sich", "auf", "ein", "eine"},
    "pt": {"os", "das", "dos", "uma", "não", "para", "com", "que", "em", "ao", "seu", "foi"},
    "id": {"yang", "dan", "di", "ini", "itu", "dengan", "untuk", "tidak", "dari", "dalam", "akan", "pada"},
    "it": {"il", "della", "che", "non", "per", "una", "sono", "gli", "alla", "anche", "nel", "di"},
}


def identify_language(text: str) -> str:
    """The language of an article: vi or en, which claims reads, or the code of another (zh, ar, ru, fr, ...)
    told by its script or its commonest words; "und" when there is too little text to tell."""
    sample = text[:20000]
    letters = re.findall(r"[^\W\d_]", sample)
    if not letters:
        return "und"
    for code, script in _SCRIPTS:
        if len(script.findall(sample)) > 0.3 * len(letters):
            if code == "ar" and _PERSIAN.search(sample):
                return "fa"
            if code == "ru" and _UKRAINIAN.search(sample):
                return "uk"
            return code
    guess = detect_language(sample)
    if guess in ("vi", "zh"):
        return "vi"
    words = re.findall(r"\w+", sample.lower())
    english = sum(1 for w in words if w in _EN_WORDS)
    other, found = max(((code, sum(1 for w in words if w in common)) for code, common in _OTHER_WORDS.items()),
                       key=lambda kv: kv[1])
    # an English article quoting a few words of French stays English: the other language must clearly lead
    if len(words) >= 20 and found > 2 * english + 3:
        return other
    return "en"


# characters with no width and no meaning in Vietnamese, English or Chinese text: a zero-width space pasted from a
# web page ("Neal Baer, \u200b\u200bthe showrunner") parts words where no reader sees a part, a byte order mark
# or a soft hyphen likewise
INVISIBLE = frozenset("\u200b\u2060\ufeff\u00ad")


def nfc_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """NFC text without INVISIBLE characters, and for each of its offsets (plus the end) the offset in `text`;
    None when unchanged."""
    if unicodedata.is_normalized("NFC", text) and not INVISIBLE.intersection(text):
        return text, None
    pieces, offsets, start = [], [], 0
    # normalise each base character together with the combining marks that follow it
    for i in range(1, len(text) + 1):
        if i == len(text) or unicodedata.combining(text[i]) == 0:
            piece = unicodedata.normalize("NFC", "".join(c for c in text[start:i] if c not in INVISIBLE))
            pieces.append(piece)
            offsets.extend([start] * len(piece))
            start = i
    offsets.append(len(text))
    return "".join(pieces), offsets


def make_document(text: str, lang: str | None = None, source: str = "-") -> Document:
    original = text
    text, offsets = nfc_with_offsets(text)
    doc = Document(text=text, source=source, original_text=original, original_offsets=offsets)
    doc.paragraphs = split_paragraphs(text)
    longest = max((p.end - p.start for p in doc.paragraphs), default=0)
    if longest > MAX_PARAGRAPH_CHARS:
        raise InputError(f"{source}: a paragraph of {longest:,} characters is not an article paragraph "
                         f"(at most {MAX_PARAGRAPH_CHARS:,}); split the text into paragraphs")
    unique = sum(p.end - p.start for p in doc.paragraphs if p.duplicate_of is None)
    if unique > MAX_ARTICLE_CHARS:
        raise InputError(f"{source}: {unique:,} characters of text is more than one article "
                         f"(at most {MAX_ARTICLE_CHARS:,}); check it in parts")
    if lang and lang != "auto":
        doc.lang = lang
    else:
        found = identify_language(text)
        if found == "und":
            found = "en"  # no words to read in any language
        if found not in SUPPORTED_LANGUAGES:
            name = LANGUAGE_NAMES.get(found)
            what = f"in {name} ({found})" if name else "in a language it cannot tell"
            names = [LANGUAGE_NAMES[c] for c in SUPPORTED_LANGUAGES]
            raise InputError(f"{source}: the article is {what}; claims reads "
                             f"{', '.join(names[:-1])} and {names[-1]} "
                             f"(--lang {'|'.join(SUPPORTED_LANGUAGES)} to read it as one of them)")
        doc.lang = found
    return doc


def read_bytes(data: bytes, name: str = "-", lang: str | None = None, html: bool | None = None) -> Document:
    text = decode(data, name)
    if html if html is not None else (name.lower().endswith((".html", ".htm")) or looks_like_html(text)):
        text = html_to_text(text)
        if not text.strip():
            raise InputError(f"{name}: the HTML has no visible text")
    return make_document(text, lang, name)


def read_file(path: str | Path, lang: str | None = None) -> Document:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: {size / 1e6:.1f} MB is over the 5 MB limit")
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    return read_bytes(data, str(path), lang)
