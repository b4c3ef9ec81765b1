"""The quote detector: attributed statements, their speakers, and unattributed claims.

    >>> from claims.detect import detect
    >>> [a.speaker for a in detect("“We will win,” said Jane Doe, the team's coach.", lang="en")]
    ['Jane Doe']
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from claims.model import Attribution, Claim, Document, Sentence


@dataclass
class DetectionResult:
    document: Document
    attributions: list[Attribution] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def to_dict(self) -> dict:
        doc = self.document

        def spans(d: dict) -> dict:
            for key in ("start", "end", "speaker_start", "speaker_end"):
                if d.get(key) is not None:
                    d[key] = doc.user_offset(d[key])
            if d.get("interruption"):
                d["interruption"] = [doc.user_offset(x) for x in d["interruption"]]
            return d

        return {"file": doc.source, "language": doc.lang, "duplicates_skipped": doc.duplicates_skipped,
                "furniture_skipped": doc.furniture_skipped,
                "attributions": [spans(a.to_dict()) for a in self.attributions],
                "claims": [spans(c.to_dict()) for c in self.claims]}


@lru_cache(maxsize=None)
def _detector(lang: str):
    if lang == "zh":  # no spaces between words, the speaker before time and place: a detector of its own
        from claims.detect.chinese import ChineseDetector

        return ChineseDetector(lang)
    from claims.detect.extract import Detector

    return Detector(lang)


@lru_cache(maxsize=None)
def _claim_finder(lang: str):
    from claims.detect.checkworthy import ClaimFinder

    return ClaimFinder(lang)


def parse_document(doc: Document) -> dict[int, list[Sentence]]:
    """Parse each distinct paragraph once; sentences keep document offsets. The dependency parse is left to
    the detector, which asks for it for the few sentences it looks into. Page furniture (captions, "Read
    more" links, bylines, embedded posts: claims.detect.furniture) is marked and not parsed, so it yields
    neither statements nor claims."""
    from claims.detect.furniture import furniture_kind
    from claims.nlp.pipeline import parse_many

    for paragraph in doc.paragraphs:
        paragraph.furniture = furniture_kind(doc.text[paragraph.start:paragraph.end], doc.lang)
    distinct = [i for i, paragraph in enumerate(doc.paragraphs)
                if paragraph.duplicate_of is None and not paragraph.furniture]
    found = parse_many([(doc.text[doc.paragraphs[i].start:doc.paragraphs[i].end], doc.paragraphs[i].start)
                        for i in distinct], doc.lang, dependencies=False)
    parsed = {}
    for index, sentences in zip(distinct, found):
        for sent in sentences:
            sent.paragraph = index
        parsed[index] = sentences
    doc.sentences = [s for index in sorted(parsed) for s in parsed[index]]
    return parsed


def detect_document(doc: Document, store=None, linker=None) -> DetectionResult:
    """Detect in a parsed-on-demand document; with a quote `store` (or a `SpeakerLinker` kept across
    articles), speakers are tied to its speakers in `db_speaker` (claims.detect.linking): "Lâm Kiếm" is
    "Lin Jian", "Dự luật" the bill the article names."""
    from claims.detect.linking import SpeakerLinker

    parsed = parse_document(doc)
    attributions = _detector(doc.lang).detect(doc, parsed)
    claims = _claim_finder(doc.lang).find(doc, doc.sentences, attributions)
    if linker is None and store is not None:
        linker = SpeakerLinker(store)
    if linker is not None:
        linker.link(attributions, doc.text, doc.lang)
    return DetectionResult(doc, attributions, claims)


def detect(text: str, lang: str | None = None) -> list[Attribution]:
    """Attributed statements in `text`, their offsets into `text` as given: the detector reads the text in NFC
    without invisible characters (a zero-width space, a soft hyphen), and each offset is mapped back."""
    from claims.ingest import make_document

    doc = make_document(text, lang)
    found = detect_document(doc).attributions
    for a in found:
        a.start, a.end = doc.user_offset(a.start), doc.user_offset(a.end)
        if a.speaker_start is not None:
            a.speaker_start, a.speaker_end = doc.user_offset(a.speaker_start), doc.user_offset(a.speaker_end)
        if a.interruption:
            a.interruption = [doc.user_offset(x) for x in a.interruption]
    return found
