"""What of a quote the matcher searches with.

A statement pasted from a social post carries the post's furniture: links,
picture links, the "— Name (@handle) Month D, YYYY" signature of an embedded
post, "#" before words. None of it is the statement, and it pulls both the
embedding and the full-text ranking towards other posts.
"""
from __future__ import annotations

import re

_SIGNATURE = re.compile(r"\s*[—–-]+\s*[^—–\n]{0,80}\(@\w+\)\s*(?:[A-Z][a-z]+ \d{1,2}, \d{4})?\s*$")
_LINK = re.compile(r"(?:https?://|pic\.twitter\.com/|www\.)\S+", re.IGNORECASE)
_HANDLE = re.compile(r"(?<![\w@])@\w+")
_HASH = re.compile(r"(?<![\w#])#(?=\w)")


def search_text(text: str) -> str:
    """`text` without the furniture of a social post; the text itself when nothing would be left."""
    cleaned = _SIGNATURE.sub("", text)
    cleaned = _LINK.sub(" ", cleaned)
    cleaned = _HANDLE.sub(" ", cleaned)
    cleaned = _HASH.sub("", cleaned)
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) >= 3 else text
