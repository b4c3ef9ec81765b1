"""Visible text of an HTML page, one paragraph per line.

Page furniture is dropped with the navigation: captions, bylines, "related"
and "read more" boxes, share bars, newsletter prompts and embedded social
posts. None of it is the article's text, and a caption or an embedded post
read as article text gives statements the article never makes.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

# content in these is never shown as article text
_SKIP = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button",
         "select", "svg", "iframe", "object", "canvas", "head", "title", "menu"}
_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section",
          "article", "tr", "table", "pre", "figcaption", "figure", "dd", "dt", "dl", "main", "hr"}
# furniture told by its tag, or by a word of its class or id ("article-caption", "byline__name")
_FURNITURE_TAGS = {"figcaption"}
_FURNITURE_CLASS = re.compile(r"(?:^|[-_])(?:caption|byline|related|read-?more|newsletter|share|sharing|social|"
                              r"advert|advertisement|promo|twitter-tweet|instagram-media|tiktok-embed|fb-post)"
                              r"(?:[-_]|$)", re.IGNORECASE)
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            if tag in _BLOCK and not self.skip_depth:
                self.parts.append("\n")
            return
        if tag in _SKIP or self.skip_depth or _is_furniture(tag, attrs):
            self.skip_depth += 1
        self.stack.append(tag)
        if tag in _BLOCK and not self.skip_depth:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _VOID or tag not in self.stack:
            return
        # close anything left open inside this element (sloppy HTML)
        while self.stack:
            open_tag = self.stack.pop()
            if self.skip_depth:
                self.skip_depth -= 1
            if open_tag == tag:
                break
        if tag in _BLOCK and not self.skip_depth:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip_depth:
            self.parts.append(data)


def _is_furniture(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    if tag in _FURNITURE_TAGS:
        return True
    words = " ".join(value or "" for name, value in attrs if name in ("class", "id")).split()
    return any(_FURNITURE_CLASS.search(word) for word in words)


def html_to_text(html: str) -> str:
    parser = _Visible()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line) + "\n"


_HTML_HINT = re.compile(r"<\s*(html|body|p|div|article|script|head|!doctype)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text[:4096]))
