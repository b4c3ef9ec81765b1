"""What of a quote the matcher searches with.

A statement pasted from a social post carries the post's furniture: links,
picture links, the "— Name (@handle) Month D, YYYY" signature of an embedded
post, "#" and "@" before words. The links and the signature are not the
statement and pull both the embedding and the full-text ranking towards other
posts; a handle or a hashtag is often the name the statement is about
("@IvankaTrump", "#FyreFestival"), so it stays, written as words.
"""
from __future__ import annotations

import re

_SIGNATURE = re.compile(r"\s*[—–-]+\s*[^—–\n]{0,80}\(@\w+\)\s*(?:[A-Z][a-z]+ \d{1,2}, \d{4})?\s*$")
_LINK = re.compile(r"(?:https?://|pic\.twitter\.com/|www\.)\S+", re.IGNORECASE)
_TAGGED = re.compile(r"(?<![\w@#])[@#](\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def _as_words(match: re.Match) -> str:
    """A handle or hashtag as the words it joins: "IvankaTrump" is "Ivanka Trump", "BBCNews" "BBC News"."""
    return _CAMEL.sub(" ", match.group(1)).replace("_", " ")


def search_text(text: str) -> str:
    """`text` without the furniture of a social post; the text itself when nothing would be left."""
    cleaned = _SIGNATURE.sub("", text)
    cleaned = _LINK.sub(" ", cleaned)
    cleaned = _TAGGED.sub(_as_words, cleaned)
    cleaned = " ".join(cleaned.split())
    return cleaned if len(cleaned) >= 3 else text
