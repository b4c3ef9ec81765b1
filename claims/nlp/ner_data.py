"""Training sentences for the English NER model, from the formats its corpora come in.

Every reader returns sentences as lists of {"text", "ner"} with IOB2 tags of the three
types the model learns (PER, ORG, LOC), stanza's NER json once dumped.
"""
from __future__ import annotations

import re
from pathlib import Path

NER_TYPES = ("PER", "ORG", "LOC")
# Entity types of GUM's coreference layer that name what UNER tags.
ENTITY_TYPES = {"person": "PER", "organization": "ORG", "place": "LOC"}
# Words that may join two proper nouns inside one name ("Bank of America", "Procter & Gamble").
NAME_JOINERS = {"of", "and", "&", "for", "de", "du", "von", "van", "al"}
_ENTITY_MARK = re.compile(r"\((\d+)-([^()]*)\)?|(\d+)\)")


def read_ner_file(path: Path) -> list[list[dict]]:
    """Sentences of a column file (UNER IOB2, CoNLL) or of CoNLL-U with GUM's entity annotations."""
    return read_entity_conllu(path) if path.suffix == ".conllu" else read_ner_columns(path)


def read_ner_columns(src: Path) -> list[list[dict]]:
    """Sentences of {"text", "ner"} from a column file, PER/ORG/LOC kept and tags made IOB2.

    Reads UNER's IOB2 files (index, token, tag), and two-column CoNLL files, IOB1 or IOB2
    (token, tag; WikiGold, the Broad Twitter Corpus)."""
    sentences, sent, previous = [], [], "O"
    for line in src.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#") or line.startswith("-DOCSTART-"):
            continue
        if not line.strip():
            if sent:
                sentences.append(sent)
            sent, previous = [], "O"
            continue
        cols = line.split("\t") if "\t" in line else line.split()
        token, tag = (cols[1], cols[2]) if len(cols) >= 3 and cols[0].isdigit() else (cols[0], cols[-1])
        if not token.strip():
            continue  # a whitespace "token" (seen in tweets) is no word
        kind = tag[2:]
        if kind not in NER_TYPES or tag[:2] not in ("B-", "I-"):
            tag = "O"
        elif tag.startswith("I-") and previous[2:] != kind:
            tag = "B-" + kind  # IOB1: an entity's first word is I- unless it follows one of its own type
        sent.append({"text": token, "ner": tag})
        previous = tag
    return sentences


def entity_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """(start, end, type) of each entity in IOB2 or BIOES tags; an I- or E- of another type than the
    entity before it opens a new one."""
    found, start, kind = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        if tag.startswith(("B-", "S-")) or tag == "O" or (tag.startswith(("I-", "E-")) and tag[2:] != kind):
            if start is not None:
                found.add((start, i, kind))
            start, kind = (i, tag[2:]) if tag != "O" else (None, None)
            if tag.startswith("S-"):
                found.add((i, i + 1, kind))
                start, kind = None, None
        if tag.startswith("E-") and start is not None:
            found.add((start, i + 1, kind))
            start, kind = None, None
    return found


def sent_ids(path: Path) -> list[str]:
    """The sent_id comments of a CoNLL-U or UNER file, in order."""
    return [line.split("=", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("# sent_id")]


def entity_marks(misc: str) -> list[tuple[str, str, str]]:
    """The mention openings and closings in a CoNLL-U MISC column's Entity= value, in order:
    ("open", id, description), ("single", id, description) or ("close", id, "")."""
    value = next((part[len("Entity="):] for part in misc.split("|") if part.startswith("Entity=")), "")
    marks = []
    for match in _ENTITY_MARK.finditer(value):
        if match.group(3):
            marks.append(("close", match.group(3), ""))
        else:
            whole = match.group(0).endswith(")")
            marks.append(("single" if whole else "open", match.group(1), match.group(2)))
    return marks


def _mentions(rows: list[list[str]]) -> list[tuple[int, int, str]]:
    """(first, last, type) token positions of each mention of a sentence."""
    found, open_ = [], []
    for i, cols in enumerate(rows):
        for kind, ident, description in entity_marks(cols[9]):
            etype = description.split("-", 1)[0]
            if kind == "single":
                found.append((i, i, etype))
            elif kind == "open":
                open_.append((ident, i, etype))
            else:
                for j in range(len(open_) - 1, -1, -1):
                    if open_[j][0] == ident:
                        _, first, etype = open_.pop(j)
                        found.append((first, i, etype))
                        break
    return found


def _in_name(rows: list[list[str]], i: int) -> bool:
    """A proper noun, or a capitalised word inside a name that the tagger calls something else
    ("United" in "United States", "Supreme" in "Supreme Court"), but not a sentence's first word."""
    cols = rows[i]
    return cols[3] == "PROPN" or (i > 0 and cols[1][:1].isupper() and cols[3] in ("ADJ", "NOUN", "VERB", "NUM"))


def _name_span(rows: list[list[str]], first: int, last: int, label: str, titles: set[str]) -> tuple[int, int] | None:
    """The proper name inside a mention: the run of name words around the mention's head, with
    joiners between them, without leading titles; None when the head is no proper noun, or a plural
    one for a person (a nationality or a family, not one person's name)."""
    ids = {rows[i][0]: i for i in range(first, last + 1)}
    heads = [i for i in range(first, last + 1) if rows[i][6] not in ids]
    if len(heads) != 1 or rows[heads[0]][3] != "PROPN":
        return None
    if label == "PER" and "Number=Plur" in rows[heads[0]][5]:
        return None
    joiners = NAME_JOINERS - {"and", "&"} if label == "PER" else NAME_JOINERS
    start = end = heads[0]
    while start > first and _in_name(rows, start - 1):
        start -= 1
    while end < last:
        if _in_name(rows, end + 1):
            end += 1
        elif end + 2 <= last and rows[end + 1][1].lower() in joiners and _in_name(rows, end + 2):
            end += 2
        else:
            break
    if label == "PER":  # a name starts after its titles ("U.S. Senator John Cornyn"); a title alone is none
        named = [i for i in range(start, end + 1) if rows[i][1].lower().rstrip(".") not in titles]
        after = [i for i in named if all(rows[j][1].lower().rstrip(".") not in titles for j in range(i, end + 1))]
        if not after or rows[after[0]][1].lower() in NAME_JOINERS:
            return None  # "Professor of Oriental Languages" names a post, not a person
        start = after[0]
    return start, end


def read_entity_conllu(path: Path, titles: set[str] | None = None) -> list[list[dict]]:
    """Sentences of {"text", "ner"} from CoNLL-U whose MISC column carries GUM's entity mentions
    (`Entity=(3-person-...`): a person, organisation or place mention whose head is a proper
    noun is tagged over its name. Nested names that overlap a longer one are left out."""
    if titles is None:
        from claims.detect.langdata import load_language

        data = load_language("en")
        titles = {word.rstrip(".") for t in data["titles"] + data["honorifics"] for word in t.lower().split()}
    sentences, rows = [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#"):
            continue
        if line.strip():
            cols = line.split("\t")
            if cols[0].isdigit():  # multi-word token ranges and empty nodes carry no mentions of their own
                rows.append(cols)
            continue
        if not rows:
            continue
        spans = []
        for first, last, etype in _mentions(rows):
            label = ENTITY_TYPES.get(etype)
            span = _name_span(rows, first, last, label, titles) if label else None
            if span:
                spans.append((span[0], span[1], label))
        tags = ["O"] * len(rows)
        for start, end, label in sorted(set(spans), key=lambda s: (s[0] - s[1], s[0])):
            if all(t == "O" for t in tags[start:end + 1]):
                tags[start:end + 1] = [f"B-{label}"] + [f"I-{label}"] * (end - start)
        sentences.append([{"text": cols[1], "ner": tag} for cols, tag in zip(rows, tags)])
        rows = []
    return sentences
