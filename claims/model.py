"""The shared data model: each stage of the pipeline enriches these objects.

Offsets are character offsets into `Document.text`, the text the user gave
(after decoding, and for HTML after extracting the visible text).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Token:
    text: str
    start: int
    end: int
    upos: str = ""
    xpos: str = ""
    lemma: str = ""
    head: int | None = 0   # 1-based index of the head within the sentence, 0 for the root, None: not parsed
    deprel: str = ""
    ner: str = "O"
    feats: str = ""        # morphological features, UD style ("Number=Sing|Person=3")

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass
class Sentence:
    start: int
    end: int
    tokens: list[Token] = field(default_factory=list)
    paragraph: int = 0

    def text_of(self, doc_text: str) -> str:
        return doc_text[self.start:self.end]


@dataclass
class Paragraph:
    start: int
    end: int
    duplicate_of: int | None = None  # index of the first identical paragraph
    furniture: str | None = None     # what the line is when it is page furniture (claims.detect.furniture)


@dataclass
class Document:
    text: str
    lang: str = ""
    source: str = "-"                # file name, or "-" for standard input
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    # Vietnamese text is analysed in NFC; when the input was not NFC these map
    # analysed offsets back to offsets in the text the user gave
    original_text: str | None = None
    original_offsets: list[int] | None = None

    def user_offset(self, offset: int) -> int:
        return self.original_offsets[offset] if self.original_offsets else offset

    @property
    def duplicates_skipped(self) -> int:
        return sum(1 for p in self.paragraphs if p.duplicate_of is not None)

    @property
    def furniture_skipped(self) -> int:
        return sum(1 for p in self.paragraphs if p.furniture and p.duplicate_of is None)


@dataclass
class Attribution:
    content: str
    start: int
    end: int
    kind: str                        # direct | indirect | mixed | according_to | continuation | vague
    cue: str = ""
    speaker: str = ""
    speaker_mention: str = ""
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_type: str = "unknown"    # person | organization | document | group | anonymous | vague | unknown
    role: str = ""
    outlet: str = ""
    db_speaker: str | None = None    # the quote database's name for the speaker, when linked
    # a quotation its attribution interrupts ("…," Doe said, "…"): the offsets from the first part's closing
    # mark to the second part's opening mark, which are not the speaker's words
    interruption: list[int] | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        for key in ("db_speaker", "interruption"):
            if d[key] is None:
                del d[key]
        return d


def spoken_words(content: str, start: int, interruption: list[int] | None) -> str:
    """The content of a statement that starts at `start` without its interruption, blanked so that offsets into
    the content still hold."""
    if not interruption:
        return content
    a, b = interruption[0] - start, interruption[1] - start
    if not 0 <= a < b <= len(content):
        return content
    return content[:a] + " " * (b - a) + content[b:]


@dataclass
class Claim:
    text: str
    start: int
    end: int
    reason: str                      # number | percentage | amount | date | superlative | comparison

    def to_dict(self) -> dict:
        return asdict(self)
