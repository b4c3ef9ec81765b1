"""Markers the verifier compares across a quote and its source without a translator: negations (words that
negate, and words that carry a negation by themselves), modals, conditions and restrictions, lists of
alternatives, and the names of countries and institutions (entities.json). Each language's words are in its
language data (`verify`); these functions find them in a text.
"""
from __future__ import annotations

import bisect
import itertools
import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from claims.ingest import HAN as _HAN

WORD = re.compile(r"\w+(?:['’]\w+)?")  # a word, with its clitic ("don't")
_CLAUSE_END = re.compile(r"[,;:.!?]")


def find_phrases(text: str, phrases: list[str]) -> list[re.Match]:
    if not phrases:
        return []
    clitics = [p for p in phrases if p.startswith(("'", "’", "n't", "n’t"))]  # attach to the word before them
    han = [p for p in phrases if _HAN.match(p)]  # Chinese has no word boundaries: matched anywhere
    words = [p for p in phrases if p not in clitics and p not in han]
    parts = []
    if han:
        parts.append("|".join(re.escape(p) for p in sorted(han, key=len, reverse=True)))
    if words:
        parts.append(rf"(?<![\w'’])(?:{'|'.join(re.escape(p) for p in sorted(words, key=len, reverse=True))})(?![\w])")
    if clitics:
        parts.append(rf"(?:{'|'.join(re.escape(p) for p in clitics)})(?![\w])")
    return list(re.finditer("|".join(parts), text, re.IGNORECASE))


def blank_names(text: str) -> str:
    """Blank out capitalised words past the start of a sentence: "Theresa May" and "PM May" are a name, not a
    modal verb."""
    # the word before is looked at, not taken: in "Minister Theresa May" each name follows another
    return re.sub(r"(?<=[^\W\d_])(,?\s)([A-Z][a-z]+)\b", lambda m: m.group(1) + " " * len(m.group(2)), text)


def lexical_negations(text: str, data: dict) -> list[str]:
    """Words that negate by themselves: listed ones ("lack", "false", "vô căn cứ"), words made with a
    negative prefix or suffix ("unknown", "untroubled", "homeless") and negated "-able" words
    ("impenetrable"), as the language's data gives them."""
    lexical = data.get("lexical_negation", {})
    # words that hold one but negate nothing ("thanh thiếu niên" is teenagers, not a lack)
    text = drop(text, lexical.get("not_phrases", []))
    found = {m.start(): m.group() for m in find_phrases(text, lexical.get("words", []))}
    prefixes, suffixes = tuple(lexical.get("prefixes", [])), tuple(lexical.get("suffixes", []))
    exceptions = tuple(lexical.get("not", []))
    for m in WORD.finditer(blank_names(text)):  # "Steven Lawless" is a name
        word = m.group().casefold()
        if len(word) >= 5 and (word.startswith(prefixes) or word.endswith(suffixes)) and not word.startswith(exceptions):
            found.setdefault(m.start(), m.group())
    if lexical.get("negated_ability"):
        for m in re.finditer(lexical["negated_ability"], text, re.IGNORECASE):
            if not m.group().casefold().startswith(exceptions):
                found.setdefault(m.start(), m.group())
    return [found[k] for k in sorted(found)]


def polarity_differs(neg_a: list, lex_a: list, neg_s: list, lex_s: list, source: str) -> bool:
    """Across languages, whether the article negates what the source does not, or the reverse, from each
    side's negations (`neg_*`) and words that carry one (`lex_*`, `lexical_negations`). A word that carries a
    negation ("unknown" as "không rõ", "lack of remorse" as "không hối hận", "vô căn cứ" as "baseless") stands
    for one on its side but does not make one by itself: translators render "reject", "shortfall" and "split"
    with "bác bỏ", "thiếu" and "bất đồng" freely. The article differs when it has more "không" than the
    source has negations of any kind (one and none among them), or fewer negations of either kind than the
    `source` text has clauses with a "not". Fewer
    negations than the source's are allowed within a clause: one negation of a translation may cover several
    verbs ("không tìm cách ... hoặc cản trở", "not seeking ... or holding back"); two clauses that each deny
    something ("I did not hide ..., I did not leak ...") keep a negation each."""
    if len(neg_a) > len(neg_s) + len(lex_s):
        return True
    return len(neg_a) + len(lex_a) < _negated_clauses(source, neg_s)


def _negated_clauses(text: str, negations: list[re.Match]) -> int:
    """How many of the text's clauses (parted by commas, semicolons and sentence ends) hold a negation."""
    cuts = [m.start() for m in _CLAUSE_END.finditer(text)]
    return len({bisect.bisect_left(cuts, m.start()) for m in negations})


NEGATOR_REACH = 3  # words before a modal within which a negator still denies it ("không ai có thể")


def ability_undenied(article: str, da: dict, source: str, ds: dict) -> bool:
    """Across languages, whether the source denies an ability ("can't have", "cannot") that the article
    states undenied ("có thể để"): counting negations misses it when the sentence holds another one ("we
    don't want")."""
    denied_s = find_phrases(source, ds.get("negated_ability", {}).get("phrases", []))
    if not denied_s or find_phrases(article, da.get("negated_ability", {}).get("phrases", [])):
        return False
    stated = find_phrases(article, da.get("modality", {}).get("ability", []))
    negators = {w.casefold() for w in da.get("negators", [])}
    for m in stated:
        before = [w.casefold() for w in WORD.findall(article[:m.start()])][-NEGATOR_REACH:]
        if not negators & set(before):
            return True
    return False


def denials(text: str, negations: list, lexical: list, data: dict) -> int:
    """The negations of a text of every kind, with the words that deny by themselves ("unless", "trừ khi")."""
    return len(negations) + len(lexical) + len(find_phrases(text, data.get("negated_ability", {}).get("also_denies", [])))


def _blank_group(m: re.Match) -> str:
    """The match with its first group blanked out, offsets kept."""
    start, end = m.start(1) - m.start(), m.end(1) - m.start()
    return m.group()[:start] + " " * (end - start) + m.group()[end:]


def negated_ability(text: str, data: dict) -> bool:
    """A negated "-able" word ("impenetrable", "unstoppable", "inevitable"): it says something cannot be done."""
    lexical = data.get("lexical_negation", {})
    pattern = lexical.get("negated_ability")
    return bool(pattern) and re.search(pattern, text, re.IGNORECASE) is not None


def canonical(text: str, data: dict) -> str:
    """Write every name of the same thing the same way ("United States", "U.S." -> "US"); lengths may change,
    so this is only for comparing words, never for offsets."""
    for group in data.get("equivalents", []):
        for alias in sorted(group[1:], key=len, reverse=True):
            text = re.sub(rf"(?<![\w.]){re.escape(alias)}(?![\w])", group[0], text)
    return text


def blank(text: str, found: list[re.Match]) -> str:
    """`text` with the matched words blanked out, offsets kept."""
    for m in found:
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return text


def drop(text: str, phrases: list[str]) -> str:
    """Blank out words that contain a marker but are not one ("cần thiết" is "necessary", not "must")."""
    return blank(text, find_phrases(text, phrases))


def drop_causative(text: str, data: dict) -> str:
    """Blank out the obligation word that follows a causative verb within a few words ("khiến công ty phải
    trả giá", made the firm pay): it says what someone was made to undergo, which English writes as a plain
    verb ("could cost the firm")."""
    causatives = data.get("causatives", {})
    obligation = data.get("modality", {}).get("obligation", [])
    if not causatives.get("words") or not obligation:
        return text
    window = int(causatives.get("window", 4))
    for cause in find_phrases(text, causatives["words"]):
        for w in itertools.islice(WORD.finditer(text, cause.end()), window + 1):
            if _CLAUSE_END.search(text, cause.end(), w.start()):
                break  # the clause ended
            if w.group().casefold() in obligation:
                text = text[:w.start()] + " " * (w.end() - w.start()) + text[w.end():]
                break
    return text


LIST_ITEM_WORDS = 4  # a part between commas this short, before an "or", is one more item of the list


def alternatives(text: str, ors: list[re.Match]) -> int:
    """How many alternatives a list joined by `ors` has: one more than its "or"s and the commas before the
    first "or" that part off short items ("kill, harass or disturb them or destroy" has four, as does "giết,
    quấy rối, làm phiền hoặc phá hủy"); no "or", no list (0)."""
    if not ors:
        return 0
    parts = text[:ors[0].start()].split(",")
    commas = 0
    for part in reversed(parts[1:]):  # the parts after each comma, the nearest to the "or" first
        if re.search(r"[.;:!?]", part) or len(WORD.findall(part)) > LIST_ITEM_WORDS:
            break
        commas += 1
    return len(ors) + commas + 1


@lru_cache(maxsize=1)
def entity_pattern() -> tuple[re.Pattern, dict[str, str], re.Pattern]:
    data = json.loads((Path(__file__).parent / "entities.json").read_text(encoding="utf-8"))
    group_of = {name: group for group, names in data["groups"].items() for name in names}
    names = sorted(group_of, key=len, reverse=True)
    # phrases that hold a name but name no country: "Chủ Nhật" is Sunday, "Ý tưởng" an idea, "đô la Mỹ" a currency
    not_names = re.compile(rf"(?<![\w])(?:{'|'.join(re.escape(n) for n in data.get('not_names', []))})(?![\w])"
                           if data.get("not_names") else r"(?!)")
    spaced = [n for n in names if not _HAN.match(n)]
    han = [n for n in names if _HAN.match(n)]  # Chinese names stand between other Han characters
    return (re.compile(rf"(?<![\w.])({'|'.join(re.escape(n) for n in spaced)})(?:n|ns|s|['’]s)?(?![\w])"
                       rf"|({'|'.join(re.escape(n) for n in han) or '(?!)'})"), group_of, not_names)


def entities(text: str) -> list[tuple[str, re.Match]]:
    pattern, group_of, not_names = entity_pattern()
    text = not_names.sub(lambda m: " " * len(m.group()), text)
    return [(group_of[m.group(1) or m.group(2)], m) for m in pattern.finditer(text)]


def name_counts(text: str) -> Counter:
    """How often each capitalised word of a text occurs, folded."""
    from claims.verify.link import _LATIN_NAME, _fold

    return Counter(_fold(m.group()) for m in _LATIN_NAME.finditer(text))


def negations(text: str, data: dict, cross: bool = False) -> list[re.Match]:
    """The negations of a text, leaving out words that contain a negator but negate nothing ("không gian"
    is space, "not only" adds), and with `cross` (the other side is in another language) the litotes a
    translation writes as an affirmative ("không ít", many)."""
    text = drop(text, data.get("not_negation", []))
    if cross:
        text = drop(text, data.get("litotes", {}).get("phrases", []))
    if data.get("question_particle"):
        # "Ông có làm việc đó không?" asks; its "không" denies nothing
        text = re.sub(data["question_particle"], _blank_group, text, flags=re.IGNORECASE)
    return find_phrases(text, data["negators"])
