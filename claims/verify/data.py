"""Data for training and measuring the link model and the verifier.

- Parallel news (NTREX-128: English news sentences with professional Vietnamese
  and Chinese translations), split by document: `train` and `dev` documents
  train and tune, `heldout` documents are only ever measured on
  (bench/verify.py). Each document's sentences become statements of one
  speaker, so a translation attributed to another document's speaker is a
  misattribution and the document's other sentences are hard non-matches.
- Generated edits of one kind each (number, negation, modality, swapped entity,
  dropped condition), which turn a faithful quote into an altered one.

The parallel files are read from a folder given on the command line (the
training script and the benchmark), never by the product at run time.
"""
from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

NTREX_FILES = {"en": "newstest2019-src.eng.txt", "vi": "newstest2019-ref.vie.txt", "zh": "newstest2019-ref.zho-CN.txt"}
SPLITS = ("train", "dev", "heldout")

_FIRST = ["Sarah", "James", "Maria", "David", "Linda", "Robert", "Emma", "Michael", "Anna", "Thomas", "Grace",
          "Daniel", "Laura", "Peter", "Helen", "Mark", "Julia", "Steven", "Karen", "Paul", "Alice", "George",
          "Nora", "Henry", "Claire", "Oliver", "Ruth", "Samuel", "Irene", "Victor"]
_LAST = ["Mitchell", "Hartley", "Okafor", "Brennan", "Castillo", "Fischer", "Lindqvist", "Moreau", "Novak",
         "Patel", "Quinn", "Ramsey", "Sato", "Tanaka", "Underwood", "Varga", "Whitfield", "Yilmaz", "Zhou",
         "Abbott", "Barros", "Carver", "Dunmore", "Ellison", "Falk", "Galloway", "Haddad", "Ivanova", "Jensen",
         "Kowalski"]


@dataclass
class ParallelDocument:
    id: str
    speaker: str
    sentences: dict[str, list[str]] = field(default_factory=dict)  # lang -> sentences, aligned

    def statement_id(self, index: int) -> str:
        return f"{self.id}#{index}"


def _hash(text: str) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16)


def split_of(document_id: str) -> str:
    """A fixed split by document: a fifth held out, a fifth of the rest for development."""
    h = _hash(document_id) % 25
    return "heldout" if h < 5 else "dev" if h < 9 else "train"


def speaker_of(document_id: str, taken: set[str] = frozenset()) -> str:
    """A made-up person's name for the document, other than those `taken`."""
    h = _hash("speaker:" + document_id)
    for k in range(len(_FIRST) * len(_LAST)):
        name = f"{_FIRST[(h + k) % len(_FIRST)]} {_LAST[(h // len(_FIRST) + k) % len(_LAST)]}"
        if name not in taken:
            return name
    raise ValueError("more documents than names")


def read_ntrex(folder: str | Path) -> list[ParallelDocument]:
    folder = Path(folder)
    ids = (folder / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()
    lines = {lang: (folder / name).read_text(encoding="utf-8").splitlines() for lang, name in NTREX_FILES.items()}
    if any(len(v) != len(ids) for v in lines.values()):
        raise ValueError(f"{folder}: the parallel files differ in length")
    docs: dict[str, ParallelDocument] = {}
    for i, raw in enumerate(ids):
        doc_id = raw.split("\t")[0].strip()
        if doc_id not in docs:
            taken = {d.speaker for d in docs.values()}
            docs[doc_id] = ParallelDocument(doc_id, speaker_of(doc_id, taken), {lang: [] for lang in lines})
        doc = docs[doc_id]
        for lang in lines:
            doc.sentences[lang].append(lines[lang][i].strip())
    return list(docs.values())


def restatements(doc: ParallelDocument) -> dict[int, set[int]]:
    """For each English sentence, the sentences of its document that say the same (a headline and the body
    sentence it shortens: "Kanye West: Rapper changes his name to Ye" and "Rapper Kanye West is changing his
    name - to Ye."), itself included: a quote of one comes as truly from the other."""
    from rapidfuzz import fuzz

    english = doc.sentences["en"]
    same = {i: {i} for i in range(len(english))}
    for i in range(len(english)):
        for j in range(i + 1, len(english)):
            if min(len(english[i].split()), len(english[j].split())) >= 6 and \
                    fuzz.token_set_ratio(english[i], english[j]) >= 85:
                same[i].add(j)
                same[j].add(i)
    return same


def sources_in_database(doc: ParallelDocument, index: int, same: dict[int, set[int]]) -> list[str]:
    """The statements in the database that sentence `index` of `doc` comes from: itself and its restatements,
    those not left out."""
    return sorted(doc.statement_id(j) for j in same[index] if not removed(doc.statement_id(j)))


def statement_runs(doc: ParallelDocument, grouped: bool) -> list[tuple[int, int]]:
    """The document's English sentences as statements: one sentence each, or (`grouped`) runs of one to three
    adjacent sentences, as a press release or a transcript stores them."""
    runs, i, n = [], 0, len(doc.sentences["en"])
    while i < n:
        size = 1 if not grouped else (1, 1, 2, 2, 3)[_hash(f"run:{doc.statement_id(i)}") % 5]
        runs.append((i, min(n, i + size)))
        i += size
    return runs


_CLAUSE_END = re.compile(r"\s*[,;:，；：]\s*")


def partial_quote(text: str) -> str | None:
    """The leading clauses of a sentence, as a partial quote takes them ("the bill gives Commerce the authority
    to use export controls on AI" of a sentence that goes on to say on which technology): from two fifths to
    four fifths of it, cut where a clause ends, the longest such cut; None when no clause ends there."""
    cuts = [m.start() for m in _CLAUSE_END.finditer(text) if 0.4 * len(text) <= m.start() <= 0.8 * len(text)]
    return text[:cuts[-1]] if cuts and cuts[-1] >= 12 else None


def removed(statement_id: str) -> bool:
    """Half of the sources are left out of the database: their translations have nothing to link to."""
    return _hash("removed:" + statement_id) % 2 == 0


# ---------------------------------------------------------------------------------------------- edits

# countries whose names a swap exchanges; one-word names that are also common words ("Anh", "Đức", "Nhật")
# are left out
_COUNTRIES = {
    "vi": ["Mỹ", "Hoa Kỳ", "Trung Quốc", "Nga", "Nhật Bản", "Hàn Quốc", "Triều Tiên", "Ấn Độ", "Pháp", "Việt Nam",
           "Đài Loan", "Iran", "Canada", "Úc", "Brazil", "Mexico", "Vương quốc Anh", "Thổ Nhĩ Kỳ", "Ukraine"],
    "en": ["US", "United States", "China", "Russia", "Japan", "South Korea", "North Korea", "India", "France",
           "Vietnam", "Taiwan", "Iran", "Canada", "Australia", "Brazil", "Mexico", "Britain", "Turkey", "Ukraine"],
}
_SURNAMES = ["Whitaker", "Delgado", "Konstantin", "Ashworth", "Nakamura", "Oyelaran", "Petrov", "Lindgren"]
_NAME = re.compile(r"(?<![\w])[A-Z][a-z]+(?: [A-Z][a-z]+)+(?![\w])")


_EDITS = {
    "vi": {
        "negation": [(r" sẽ ", " sẽ không "), (r" đã ", " đã không "), (r" là ", " không phải là "),
                     (r" có thể ", " không thể "), (r" cần ", " không cần "), (r" muốn ", " không muốn "),
                     (r" không ", " "), (r" chưa ", " đã ")],
        "modality": [(r" sẽ ", " có thể "), (r" phải ", " có thể "), (r" là ", " có thể là "),
                     (r" đã ", " có lẽ đã "), (r" cần ", " có thể ")],
        "condition": [r"(?:,\s*)?\b(?:nếu|trừ khi|chỉ khi)\b[^,.;]*"],
    },
    "en": {
        "negation": [(r" will ", " will not "), (r" is ", " is not "), (r" are ", " are not "),
                     (r" can ", " cannot "), (r" was ", " was not "), (r" not ", " "), (r"n't ", " ")],
        "modality": [(r" will ", " might "), (r" must ", " may "), (r" is ", " may be "), (r" are ", " may be ")],
        "condition": [r"(?:,\s*)?\b(?:if|unless|only if)\b[^,.;]*"],
    },
}


_MARKED = re.compile(r"(?:có thể|không|chưa|sẽ|phải|will|not|can|may|might|must)\W*$", re.IGNORECASE)


def edits(text: str, lang: str, seed: int = 0) -> list[tuple[str, str]]:
    """(kind, altered text) for each kind of one-edit alteration that applies to `text`."""
    rng = random.Random(seed)
    rules = _EDITS.get(lang)
    if not rules:
        return []
    out: list[tuple[str, str]] = []
    numbers = list(re.finditer(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])", text))
    if numbers:
        m = rng.choice(numbers)
        digits = m.group()
        value = int(re.sub(r"\D", "", digits) or "0")
        new = str(value * 2 if value > 2 and rng.random() < 0.5 else value + rng.choice([1, 3, 10]))
        out.append(("number", text[:m.start()] + new + text[m.end():]))
    for kind in ("negation", "modality"):
        # a marker right before the place would make the edit a double one ("có thể có thể", "không có thể")
        places = [(m, b) for a, b in rules[kind] for m in re.finditer(a, text)
                  if not _MARKED.search(text[max(0, m.start() - 12):m.start() + 1])]
        if places:
            match, b = rng.choice(places)
            out.append((kind, text[:match.start()] + b + text[match.end():]))
    countries = [m for name in _COUNTRIES.get(lang, []) for m in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", text)]
    people = [m for m in _NAME.finditer(text) if m.start() > 0]
    if countries:
        m = rng.choice(countries)
        replacement = rng.choice([n for n in _COUNTRIES[lang] if n not in text])
        out.append(("entity_changed", text[:m.start()] + replacement + text[m.end():]))
    elif people:
        m = rng.choice(people)
        given = m.group().split()[0]
        out.append(("entity_changed", text[:m.start()] + f"{given} {rng.choice(_SURNAMES)}" + text[m.end():]))
    for pattern in rules["condition"]:
        m = re.search(pattern, text, re.IGNORECASE)
        if m and len(text) - len(m.group()) > 20:
            out.append(("qualifier_dropped", (text[:m.start()] + text[m.end():]).replace("  ", " ")))
    return out
