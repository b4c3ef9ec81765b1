"""Judge an attributed statement against the source statements the matcher finds.

Verdicts: verified, paraphrase, partial, altered, misattributed, unverified, vague.

Which source a quote is linked to, if any, is the link model's decision
(claims.verify.link): the most probable of the matcher's candidates, when its
probability reaches the model's threshold. `claims match` shows the same
probabilities and the same choice.
The article's words are then aligned to the source span (the run of its
clauses closest to it) and compared on what needs no translator: numbers,
negation, modality, coordinated lists, conditions, names, and in the same
language the words themselves (difflib opcodes over tokens). A quote of
several sentences is also judged part by part: a part that says the opposite
of its source sentence makes it `altered`, a part the source does not say
makes it `partial`, never `verified`.
"""
from __future__ import annotations

import bisect
import difflib
import itertools
import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from claims.detect.langdata import load_language
from claims.ingest import HAN as _HAN, detect_language
from claims.verify.link import STRANGER_BAR, numbers

PARAPHRASE = 0.93     # same language, different words, same meaning
ALIGN_MARGIN = 0.005  # how much closer a part of a quote or source must be than the whole of it
# across languages a clause of a translation is often as close to the source as the whole of it: cut the
# quote only when a part is clearly closer, or a negation in the clause left out goes unseen
ALIGN_MARGIN_CROSS = 0.03
CROSS_LANGUAGE_MODALITY = ("ability", "hedge", "certainty", "obligation")
PART_FOUND = 0.86     # a part of a quote this close to a source sentence is found in the source,
PART_SLACK = 0.03     # and so is one nearly as close as the whole quote is to the whole source
OWN_STATEMENT = 0.2   # a candidate of the named speaker this probable is their source, though another's is closer
RELINK_BAR = 0.8      # what another speaker's statement needs, weighed as if no one were named, to make a quote
#                       of a speaker the database knows that links to nothing misattributed
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# a capitalised word in Latin letters only: in a Vietnamese text, a foreign name unless it is a Vietnamese
# syllable written without its marks ("Kim", "Long", "Anh")
_FOREIGN_NAME = re.compile(r"(?<![\w'’-])[A-Z][a-z]{2,}(?![\w'’-])")
_VI_SYLLABLE = re.compile(r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?[aeiouy]{1,3}"
                          r"(?:ch|ng|nh|[cmnpt])?")
_WORD = re.compile(r"\w+(?:['’]\w+)?")
_CLAUSE_END = re.compile(r"[,;:.!?]")


@dataclass
class Reason:
    type: str            # words, number, negation, modality, qualifier_dropped, entity_changed, speaker
    detail: str
    article_span: tuple[int, int] | None = None
    source_span: tuple[int, int] | None = None
    # whether the judge (claims.verify.judge) may overrule it: not a hedge hardened into a certainty, which
    # weighs more than the judge's training edits taught it
    judged: bool = field(default=True, repr=False)


@dataclass
class Verdict:
    verdict: str
    confidence: float
    reasons: list[Reason] = field(default_factory=list)
    source: dict | None = None
    parts: list[dict] | None = None  # a quote of several sentences, each found, added or contradicted

    def to_dict(self) -> dict:
        d = asdict(self)
        if d["parts"] is None:
            del d["parts"]
        for r in d["reasons"]:
            del r["judged"]
            for key in ("article_span", "source_span"):
                if r[key] is not None:
                    r[key] = list(r[key])
        return d


def _phrases(text: str, phrases: list[str]) -> list[re.Match]:
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


def _blank_names(text: str) -> str:
    """Blank out capitalised words past the start of a sentence: "Theresa May" and "PM May" are a name, not a
    modal verb."""
    # the word before is looked at, not taken: in "Minister Theresa May" each name follows another
    return re.sub(r"(?<=[^\W\d_])(,?\s)([A-Z][a-z]+)\b", lambda m: m.group(1) + " " * len(m.group(2)), text)


def _lexical_negations(text: str, data: dict) -> list[str]:
    """Words that negate by themselves: listed ones ("lack", "false", "vô căn cứ"), words made with a
    negative prefix or suffix ("unknown", "untroubled", "homeless") and negated "-able" words
    ("impenetrable"), as the language's data gives them."""
    lexical = data.get("lexical_negation", {})
    # words that hold one but negate nothing ("thanh thiếu niên" is teenagers, not a lack)
    text = _drop(text, lexical.get("not_phrases", []))
    found = {m.start(): m.group() for m in _phrases(text, lexical.get("words", []))}
    prefixes, suffixes = tuple(lexical.get("prefixes", [])), tuple(lexical.get("suffixes", []))
    exceptions = tuple(lexical.get("not", []))
    for m in _WORD.finditer(_blank_names(text)):  # "Steven Lawless" is a name
        word = m.group().casefold()
        if len(word) >= 5 and (word.startswith(prefixes) or word.endswith(suffixes)) and not word.startswith(exceptions):
            found.setdefault(m.start(), m.group())
    if lexical.get("negated_ability"):
        for m in re.finditer(lexical["negated_ability"], text, re.IGNORECASE):
            if not m.group().casefold().startswith(exceptions):
                found.setdefault(m.start(), m.group())
    return [found[k] for k in sorted(found)]


def _polarity_differs(neg_a: list, lex_a: list, neg_s: list, lex_s: list, source: str) -> bool:
    """Across languages, whether the article negates what the source does not, or the reverse, from each
    side's negations (`neg_*`) and words that carry one (`lex_*`, `_lexical_negations`). A word that carries a
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


def _ability_undenied(article: str, da: dict, source: str, ds: dict) -> bool:
    """Across languages, whether the source denies an ability ("can't have", "cannot") that the article
    states undenied ("có thể để"): counting negations misses it when the sentence holds another one ("we
    don't want")."""
    denied_s = _phrases(source, ds.get("negated_ability", {}).get("phrases", []))
    if not denied_s or _phrases(article, da.get("negated_ability", {}).get("phrases", [])):
        return False
    stated = _phrases(article, da.get("modality", {}).get("ability", []))
    negators = {w.casefold() for w in da.get("negators", [])}
    for m in stated:
        before = [w.casefold() for w in _WORD.findall(article[:m.start()])][-NEGATOR_REACH:]
        if not negators & set(before):
            return True
    return False


def _denials(text: str, negations: list, lexical: list, data: dict) -> int:
    """The negations of a text of every kind, with the words that deny by themselves ("unless", "trừ khi")."""
    return len(negations) + len(lexical) + len(_phrases(text, data.get("negated_ability", {}).get("also_denies", [])))


def _blank_group(m: re.Match) -> str:
    """The match with its first group blanked out, offsets kept."""
    start, end = m.start(1) - m.start(), m.end(1) - m.start()
    return m.group()[:start] + " " * (end - start) + m.group()[end:]


def _negated_ability(text: str, data: dict) -> bool:
    """A negated "-able" word ("impenetrable", "unstoppable", "inevitable"): it says something cannot be done."""
    lexical = data.get("lexical_negation", {})
    pattern = lexical.get("negated_ability")
    return bool(pattern) and re.search(pattern, text, re.IGNORECASE) is not None


def _canonical(text: str, data: dict) -> str:
    """Write every name of the same thing the same way ("United States", "U.S." -> "US"); lengths may change,
    so this is only for comparing words, never for offsets."""
    for group in data.get("equivalents", []):
        for alias in sorted(group[1:], key=len, reverse=True):
            text = re.sub(rf"(?<![\w.]){re.escape(alias)}(?![\w])", group[0], text)
    return text


def _drop(text: str, phrases: list[str]) -> str:
    """Blank out words that contain a marker but are not one ("cần thiết" is "necessary", not "must")."""
    for m in _phrases(text, phrases):
        text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return text


def _drop_causative(text: str, data: dict) -> str:
    """Blank out the obligation word that follows a causative verb within a few words ("khiến công ty phải
    trả giá", made the firm pay): it says what someone was made to undergo, which English writes as a plain
    verb ("could cost the firm")."""
    causatives = data.get("causatives", {})
    obligation = data.get("modality", {}).get("obligation", [])
    if not causatives.get("words") or not obligation:
        return text
    window = int(causatives.get("window", 4))
    for cause in _phrases(text, causatives["words"]):
        for w in itertools.islice(_WORD.finditer(text, cause.end()), window + 1):
            if _CLAUSE_END.search(text, cause.end(), w.start()):
                break  # the clause ended
            if w.group().casefold() in obligation:
                text = text[:w.start()] + " " * (w.end() - w.start()) + text[w.end():]
                break
    return text


CLAUSE_WORDS = 4  # the fewest words a clause of a source needs to stand for a part of a quote


LIST_ITEM_MAX = 2  # a run between commas this short is an item of a list ("economic, trade, and technology")


def _whole_items(clauses: list[tuple[int, int]], text: str, coordinators: list[str]) -> list[tuple[int, int]]:
    """Clauses with the items of a list kept together, so no window starts or ends inside "economic, trade, and
    technology issues". A short run is an item when it opens with a coordinator or the run after it is an item
    ("he said, calling the plan ..." is no list); an item joins the clause after it, the last one the clause
    before."""
    opens = re.compile(r"\s*(?:%s)\b" % "|".join(map(re.escape, coordinators)), re.IGNORECASE) if coordinators else None
    item = [False] * len(clauses)
    for i in range(len(clauses) - 1, -1, -1):
        x, y = clauses[i]
        starts = bool(opens and opens.match(text, x))
        item[i] = len(_WORD.findall(text[x:y])) <= LIST_ITEM_MAX and (
            starts or (i + 1 < len(clauses) and (item[i + 1] or bool(opens and opens.match(text, clauses[i + 1][0])))))
    out: list[list[int]] = []
    carry = None
    for (x, y), is_item in zip(clauses, item):
        start = x if carry is None else carry
        if is_item:
            carry = start
            continue
        out.append([start, y])
        carry = None
    if carry is not None:
        if out:
            out[-1][1] = clauses[-1][1]
        else:
            out.append([carry, clauses[-1][1]])
    return [(x, y) for x, y in out]


def _clause_windows(text: str, sentences: list[tuple[int, int]], most: int = 3,
                    coordinators: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """The sentences, and the runs of up to `most` clauses inside each of them: a translation splits one
    sentence into two ("..., he said, calling the Democrats ..." as "... . Ông nói thêm và cho rằng ..."),
    and each of its parts says one clause of the source, not the whole sentence."""
    out = list(sentences)
    for a, b in sentences:
        cuts = [a] + [a + m.end() for m in re.finditer(r"[,;:]\s+|[“”\"]\s*(?=\w)", text[a:b])] + [b]
        clauses = _whole_items([(x, y) for x, y in zip(cuts, cuts[1:]) if text[x:y].strip()], text, list(coordinators))
        if len(clauses) < 2:
            continue
        for i in range(len(clauses)):
            for j in range(i, min(len(clauses), i + most)):
                span = (clauses[i][0], clauses[j][1])
                if span != (a, b) and len(_WORD.findall(text[span[0]:span[1]])) >= CLAUSE_WORDS:
                    out.append(span)
    return out


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    """A window as evidence: without the comma that parted it from the next clause, or a quotation mark it
    opens but does not close."""
    while b > a and (text[b - 1] in " ,;:" or (text[b - 1] in "“\"" and text[a:b - 1].count(text[b - 1]) % 2 == 0)):
        b -= 1
    return a, b


LIST_ITEM_WORDS = 4  # a part between commas this short, before an "or", is one more item of the list


def _alternatives(text: str, ors: list[re.Match]) -> int:
    """How many alternatives a list joined by `ors` has: one more than its "or"s and the commas before the
    first "or" that part off short items ("kill, harass or disturb them or destroy" has four, as does "giết,
    quấy rối, làm phiền hoặc phá hủy"); no "or", no list (0)."""
    if not ors:
        return 0
    parts = text[:ors[0].start()].split(",")
    commas = 0
    for part in reversed(parts[1:]):  # the parts after each comma, the nearest to the "or" first
        if re.search(r"[.;:!?]", part) or len(_WORD.findall(part)) > LIST_ITEM_WORDS:
            break
        commas += 1
    return len(ors) + commas + 1


@lru_cache(maxsize=1)
def _entity_pattern() -> tuple[re.Pattern, dict[str, str], re.Pattern]:
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


def _entities(text: str) -> list[tuple[str, re.Match]]:
    pattern, group_of, not_names = _entity_pattern()
    text = not_names.sub(lambda m: " " * len(m.group()), text)
    return [(group_of[m.group(1) or m.group(2)], m) for m in pattern.finditer(text)]


def _name_counts(text: str) -> Counter:
    """How often each capitalised word of a text occurs, folded."""
    from claims.verify.link import _LATIN_NAME, _fold

    return Counter(_fold(m.group()) for m in _LATIN_NAME.finditer(text))


def _parts(text: str) -> list[str]:
    """The sentences of a quote of several, those of four words or more, as the matcher searches them; none
    for a quote of one sentence."""
    from claims.match.query import search_text
    from claims.store import split_sentences

    query = search_text(text)
    sentences = [query[a:b] for a, b in split_sentences(query)]
    return [p for p in sentences if len(_WORD.findall(p)) >= 4] if len(sentences) > 1 else []


def _is_vague(attribution: dict) -> bool:
    return attribution.get("kind") == "vague" or attribution.get("speaker_type") == "vague"


def names_agree(a: str, b: str) -> bool:
    """Whether two names can be one person's: every word of the shorter is a word of the longer, in any order
    ("Lin" and "Lin Jian", "Raimondo" and "Gina Raimondo", "Kiếm" and "Lâm Kiếm")."""
    wa, wb = set(_WORD.findall(a.casefold())), set(_WORD.findall(b.casefold()))
    return bool(wa and wb) and (wa <= wb or wb <= wa)


class Verifier:
    def __init__(self, matcher, link_model=None, cross=None, judge=None):
        from claims.verify.link import default_model

        self.matcher = matcher
        self.link_model = link_model or default_model()
        self.cross = cross  # claims.verify.cross.CrossReader; the bundled one over the default encoder if None
        self.judge = judge  # claims.verify.judge.Judge; the bundled one over the default encoder if None
        self._evidence = None
        self._known: dict[tuple[str, str], np.ndarray] = {}
        self.data = {lang: load_language(lang)["verify"] for lang in ("vi", "en", "zh")}

    def candidates(self, text: str, speaker: str | None, q: np.ndarray | None = None, top: int | None = None,
                   kind: str | None = None) -> list:
        """The matcher's candidates for `text` (`top` of them, POOL by default), each with its link
        probability, the most probable first; `linked` marks the one the verdict is about. `kind` is the
        detector's (reported speech is linked more loosely to its speaker's own statements). `claims match`
        shows the same list."""
        return self._settle(self._weigh(text, speaker, q, top, kind), top)

    def _weigh(self, text: str, speaker: str | None, q: np.ndarray | None = None, top: int | None = None,
               kind: str | None = None):
        """The matcher's candidates for `text` with the link model's probabilities (claims.verify.link.Weighing),
        before the cross-encoder reads them."""
        from claims.match.query import search_text
        from claims.nlp.encoder import is_default_encoder
        from claims.verify.cross import reader_for
        from claims.verify.judge import judge_for
        from claims.verify.link import POOL, REPORTED_KINDS, SymmetricEvidence, weigh

        if q is None:
            q = self.matcher.embed_queries([text])[0]
        if self._evidence is None:
            encoder = self.matcher.store.encoder(self.matcher.model)
            self._evidence = SymmetricEvidence(encoder)
            if self.cross is None and is_default_encoder(self.matcher.model):
                # its trained layers continue the default encoder's, and mean nothing over another's
                self.cross = reader_for(encoder)
            if self.judge is None and is_default_encoder(self.matcher.model):
                self.judge = judge_for(encoder)
        found = self.matcher.match_vector(q, text, speaker, top=max(top or POOL, POOL))
        # a quote attributed in an article may stitch its sentences from several statements, so each is weighed
        # too, against the span of each statement closest to it. A text attributed to no one (a post, a claim
        # pasted alone) is one claim with comment around it: its sentences alone would link to whatever each
        # of them resembles (CheckThat! 2020 dev MAP@5 0.824 weighed whole, 0.781 with its sentences)
        parts = _parts(text) if speaker or kind else []
        aligned = [self.matcher.realign(found, v) for v in self._embed(parts, "query")] if parts else []
        return weigh(search_text(text), found, speaker, self.matcher.store, self._evidence, self.link_model,
                     list(zip(parts, aligned)), reported=kind in REPORTED_KINDS)

    def _settle(self, weighing, top: int | None = None) -> list:
        from claims.verify.link import POOL, settle

        top = top or POOL
        found = settle(weighing, self.link_model, self.cross)
        # the most probable first: the link model weighs more evidence than the fused ranking
        ranked = sorted(found, key=lambda c: -c.p_link)
        linked = [c for c in ranked[top:] if c.linked]
        return ranked[:top - len(linked)] + linked if linked else ranked[:top]

    def candidates_many(self, quotes: list[tuple[str, str | None, str | None]], vectors, top: int | None = None
                        ) -> list[list]:
        """`candidates` for several (text, speaker, kind) quotes with their query vectors, the cross-encoder
        reading all their leading pairs in one pass."""
        weighings = [self._weigh(text, speaker, q, top, kind) for (text, speaker, kind), q in zip(quotes, vectors)]
        if self.cross is not None:
            self.cross.read_ahead(weighings)
        return [self._settle(w, top) for w in weighings]

    def verify_many(self, attributions: list[dict]) -> list[Verdict]:
        """`verify` for every statement of an article, their queries embedded in one batch and their leading
        candidates read by the cross-encoder in one pass."""
        todo = [i for i, a in enumerate(attributions) if not _is_vague(a)]
        texts = [attributions[i]["content"] for i in todo]
        if not texts or not self.matcher.unit_count():
            return [self.verify(a, []) for a in attributions]
        parts = list(dict.fromkeys(p for text in texts for p in _parts(text)))
        vectors = self.matcher.embed_queries(texts + parts)
        # alignment compares a statement with its source again: its own vector is the one just computed, and so
        # are those of the sentences of a longer one
        self._known = {("query", text): q for text, q in zip(texts + parts, vectors)}
        vectors = vectors[:len(texts)]
        try:
            found = self.candidates_many([(text, attributions[i].get("speaker") or None, attributions[i].get("kind"))
                                          for i, text in zip(todo, texts)], vectors)
            candidates = dict(zip(todo, found))
            # the second weighing, without the speaker, of every named quote that links to nothing, in one pass
            again = [(i, q) for i, q in zip(todo, vectors) if attributions[i].get("speaker")
                     and candidates[i] and not any(c.linked for c in candidates[i])]
            unnamed = dict(zip([i for i, _ in again], self.candidates_many(
                [(attributions[i]["content"], None, attributions[i].get("kind")) for i, _ in again],
                [q for _, q in again]))) if again else {}
            return [self.verify(a, candidates.get(i), unnamed.get(i)) for i, a in enumerate(attributions)]
        finally:
            self._known = {}

    def verify(self, attribution: dict, candidates: list | None = None, unnamed: list | None = None) -> Verdict:
        """The verdict on one attributed statement; `candidates` are `candidates()`' answer, when known, and
        `unnamed` its answer with no speaker named, when known."""
        if _is_vague(attribution):
            return Verdict("vague", 1.0, [Reason("speaker", "the statement names no one in particular")])
        content = attribution["content"]
        if candidates is None:
            candidates = self.candidates(content, attribution.get("speaker") or None, kind=attribution.get("kind")) \
                if self.matcher.unit_count() else []
        linked = next((c for c in candidates if c.linked), None)
        speaker = attribution.get("speaker")
        if linked is None and speaker and candidates:
            # the link model counts a speaker's own statements as likelier sources, so words of someone else's
            # may stay below its threshold: weighed as if no one were named they may link to their speaker,
            # when the words alone carry it; for a speaker the database does not know, as far as they carry
            # any link to a stranger's statement (STRANGER_BAR)
            bar = RELINK_BAR if self.matcher.store.speaker(speaker) is not None else STRANGER_BAR
            if unnamed is None:
                unnamed = self.candidates(content, None, kind=attribution.get("kind"))
            linked = next((c for c in unnamed if c.linked and c.p_link >= bar and self._wrong_speaker(attribution, c)),
                          None)
        if linked is None:
            best = max((c.p_link for c in candidates), default=0.0)
            return Verdict("unverified", round(1.0 - best, 2))
        if speaker and self._wrong_speaker(attribution, linked):
            # the same words may be on record from two speakers (a spokesman and his embassy): when the named
            # speaker's own statement is a likely source too, the quote is theirs
            linked = next((c for c in candidates if c.same_speaker and c.p_link >= OWN_STATEMENT), linked)
        full = self.matcher.store.show(linked.statement_id)
        source = {"id": linked.statement_id, "speaker": linked.speaker, "text": full["text"], "date": linked.date,
                  "url": linked.url, "span": list(linked.span), "p_link": linked.p_link}
        confidence = round(linked.p_link, 2)
        if speaker and self._wrong_speaker(attribution, linked):
            return Verdict("misattributed", confidence, [Reason(
                "speaker", f"the words are {linked.speaker}'s, not {speaker}'s",
                (attribution.get("speaker_start"), attribution.get("speaker_end"))
                if attribution.get("speaker_start") is not None else None, None)], source)
        return self._judge(attribution, linked, full, source, confidence)

    def _wrong_speaker(self, attribution: dict, linked) -> bool:
        """Someone else said it: the linked statement is another speaker's, and the attributed speaker is named
        (a person or a body, or one the database knows), not merely a shorter form of the source's name."""
        speaker = attribution["speaker"]
        if linked.same_speaker or not linked.speaker or names_agree(speaker, linked.speaker):
            return False
        store = self.matcher.store
        if any(names_agree(speaker, name) for name in store.speaker_names(linked.speaker)):
            return False
        named = attribution.get("speaker_type", "person") in ("person", "organization")
        return named or store.speaker(speaker) is not None

    def _judge(self, attribution: dict, linked, full: dict, source: dict, confidence: float) -> Verdict:
        content = attribution["content"]
        base = attribution.get("start", 0)
        # the matched unit may hold more than the quote takes from it: keep the run of its clauses the quote covers
        n_start, n_end = self._align(linked.sentence, content, query_side=False)
        s_offset = linked.span[0] + n_start
        named = linked.sentence[n_start:n_end]
        # "[The department is] beginning ...": words in square brackets are the editor's, not the speaker's
        said = re.sub(r"\[[^\]]*\]", lambda m: " " * len(m.group()), named)
        lang_s = full.get("lang") or detect_language(said)
        cross = detect_language(content) != lang_s
        a_start, a_end = self._align(content, said, margin=ALIGN_MARGIN_CROSS if cross else ALIGN_MARGIN)
        article = content[a_start:a_end]
        source["span"] = [s_offset, s_offset + len(named)]
        lang_a = detect_language(article)
        parts = self._parts(content, full["text"], base, lang_a, lang_s)
        reasons = self._compare(article, said, lang_a, lang_s, base + a_start, s_offset, named,
                                whole=(content, base) if (a_start, a_end) != (0, len(content)) else None)
        if reasons and lang_a != lang_s and self.judge is not None:
            overruled = self.judge.overruled(article, said, lang_a, lang_s, {r.type for r in reasons if r.judged})
            reasons = [r for r in reasons if not (r.judged and r.type in overruled)]
        contradicted = [p for p in parts if p["status"] == "contradicted"]
        added = [p for p in parts if p["status"] == "added"]
        for p in contradicted:
            if not any(r.type == "negation" and r.article_span and p["span"][0] <= r.article_span[0] < p["span"][1]
                       for r in reasons):
                reasons.append(Reason("contradicted", f"'{p['text']}' says the opposite of the source's "
                                                     f"'{p['source_text']}'", tuple(p["span"]),
                                      tuple(p["source_span"])))
        verdict = None
        if reasons:
            verdict = "altered"
        elif added:
            verdict = "partial"
            reasons = [Reason("added", f"the source does not say '{p['text']}'", tuple(p["span"]), None)
                       for p in added]
        elif lang_a == lang_s and linked.score < PARAPHRASE and self._word_ratio(article, said) < 0.9:
            verdict = "paraphrase"
        result = Verdict(verdict or "verified", confidence, reasons, source)
        if len(parts) > 1:
            result.parts = parts
        return result

    def _parts(self, content: str, source_text: str, base: int, lang_a: str, lang_s: str) -> list[dict]:
        """A quote of several sentences, part by part: each sentence is `found` in the source (aligned to the
        source sentence closest to it), `contradicted` (found, but one side negates what the other affirms)
        or `added` (the source says nothing like it)."""
        from claims.store import split_sentences

        spans = [(a, b) for a, b in split_sentences(content) if len(_WORD.findall(content[a:b])) >= 4]
        if len(spans) < 2:
            return []
        ds = self.data.get(lang_s, self.data["en"])
        sources = _clause_windows(source_text, [(a, b) for a, b in split_sentences(source_text)
                                                if source_text[a:b].strip()], coordinators=tuple(ds["coordinators"]))
        vectors = self._embed([content[a:b] for a, b in spans], "query")
        targets = self._embed([source_text[a:b] for a, b in sources], "passage")
        scores = vectors @ targets.T
        whole = float(self._embed([content], "query")[0] @ self._embed([source_text], "passage")[0])
        da = self.data.get(lang_a, self.data["en"])
        cross = lang_a != lang_s
        parts = []
        for (a, b), row in zip(spans, scores):
            j = int(np.argmax(row))
            text, said = content[a:b], source_text[sources[j][0]:sources[j][1]]
            status = "found" if row[j] >= min(PART_FOUND, whole - PART_SLACK) else "added"
            if status == "found" and _polarity_differs(self._negations(text, da, cross), _lexical_negations(text, da),
                                                       self._negations(said, ds, cross),
                                                       _lexical_negations(said, ds), said):
                status = "contradicted"
            x, y = _trimmed(source_text, *sources[j])
            parts.append({"status": status, "span": [base + a, base + b], "text": text.strip(" ,."),
                          "source_span": [x, y], "source_text": source_text[x:y], "score": round(float(row[j]), 4)})
        return parts

    # -- alignment

    def _align(self, content: str, other: str, query_side: bool = True, margin: float = ALIGN_MARGIN
               ) -> tuple[int, int]:
        """The run of `content`'s parts closest in meaning to `other`; the whole of it unless a shorter run
        is clearly closer, since a quote usually takes a whole clause and a translation reorders words.

        The article's quote is cut into clauses, the source into sentences: a source clause left out of the
        quote is a truncation to judge, not a part to ignore."""
        # a full stop after a capital ("U.S.", "H.R.") ends an abbreviation, not a sentence
        boundary = r"(?:(?<![A-Z])[.?!]|[,;])\s+" if query_side else r"(?<![A-Z])[.?!]\s+"
        cuts = [0] + [m.end() for m in re.finditer(boundary, content)] + [len(content)]
        spans = [(a, b) for a, b in zip(cuts, cuts[1:]) if content[a:b].strip()]
        if len(spans) <= 1:
            return 0, len(content)
        windows = [(spans[i][0], spans[j][1]) for i in range(len(spans)) for j in range(i, min(len(spans), i + 4))]
        if (0, len(content)) not in windows:
            windows.append((0, len(content)))
        kinds = ("query", "passage") if query_side else ("passage", "query")
        vectors = self._embed([content[a:b] for a, b in windows], kinds[0])
        target = self._embed([other], kinds[1])[0]
        scores = vectors @ target
        whole = windows.index((0, len(content)))
        best = max(range(len(windows)), key=lambda i: scores[i])
        if scores[best] - scores[whole] < margin:
            best = whole
        a, b = windows[best]
        return a, len(content[:b].rstrip(" ,;")) if b < len(content) else b

    def _embed(self, texts: list[str], kind: str) -> np.ndarray:
        """Embeddings of `texts`, taking those already computed for this article from `_known`."""
        from claims.nlp.encoder import embed

        missing = [t for t in dict.fromkeys(texts) if (kind, t) not in self._known]
        found = dict(self._known)
        if missing:
            encoder = self.matcher.store.encoder(self.matcher.model)
            found.update(((kind, t), v) for t, v in zip(missing, embed(encoder, missing, kind=kind)))
        return np.stack([found[(kind, t)] for t in texts])

    # -- comparisons

    def _compare(self, article: str, source: str, lang_a: str, lang_s: str, a_off: int, s_off: int,
                 source_named: str | None = None, whole: tuple[str, int] | None = None) -> list[Reason]:
        """`source_named` is the source span with the editor's bracketed words kept: they name who or what
        the speaker meant ("[U.S. cloud computing companies]"), which a translation may spell out. `whole` is
        the whole quote and its offset when `article` is the run of it that aligns with the source: a name
        put in place of the source's may sit in a clause the alignment left out, and is still the speaker's
        word as the article gives it."""
        da, ds = self.data.get(lang_a, self.data["en"]), self.data.get(lang_s, self.data["en"])
        reasons = []
        na, ns = _NUMBER.findall(article), _NUMBER.findall(source)
        # the figures, written alike ("1,000" and "1.000", "June" and "tháng 6"; "two" on the source's side
        # only, where it may stand for the article's "2"); across languages only a figure the article has and
        # the source has not counts: translations spell figures out, round them and add units freely
        fa, fs = numbers(article, lang_a, words=False), numbers(source, lang_s)
        changed = fa - fs if lang_a != lang_s else fa ^ numbers(source, lang_s, words=False)
        if changed:
            reasons.append(Reason("number", f"numbers {', '.join(na) or 'none'} in the article, "
                                            f"{', '.join(ns) or 'none'} in the source", self._span(article, na, a_off),
                                  self._span(source, ns, s_off)))
        cross = lang_a != lang_s
        neg_a, neg_s = self._negations(article, da, cross), self._negations(source, ds, cross)
        # within one language every negation is counted; across languages one negation word may cover
        # several verbs ("không tìm cách ... hoặc cản trở" = "not seeking ... and not holding back")
        if lang_a == lang_s:
            flipped = len(neg_a) != len(neg_s)
        else:
            lex_a, lex_s = _lexical_negations(article, da), _lexical_negations(source, ds)
            flipped = _polarity_differs(neg_a, lex_a, neg_s, lex_s, source) or (
                _ability_undenied(article, da, source, ds) and _denials(article, neg_a, lex_a, da)
                < _denials(source, neg_s, lex_s, ds))
        if flipped:
            if lang_a != lang_s:
                said_s, said_a = [m.group() for m in neg_s] + lex_s, [m.group() for m in neg_a] + lex_a
                counted = (f"negations in the source: {', '.join(said_s) or 'none'}; "
                           f"in the article: {', '.join(said_a) or 'none'}")
            else:
                counted = f"{len(neg_s)} negation(s) in the source, {len(neg_a)} in the article"
            reasons.append(Reason("negation", counted,
                                  (a_off + neg_a[0].start(), a_off + neg_a[0].end()) if neg_a else None,
                                  (s_off + neg_s[0].start(), s_off + neg_s[0].end()) if neg_s else None))
        plain_a = _drop_causative(_drop(_blank_names(article), da.get("not_modal", [])), da)
        plain_s = _drop_causative(_drop(_blank_names(source), ds.get("not_modal", [])), ds)
        # across languages the future tense is not compared: a translation renders "to prevent" with "sẽ"
        kinds = da["modality"] if lang_a == lang_s else {k: v for k, v in da["modality"].items()
                                                         if k in CROSS_LANGUAGE_MODALITY}
        mod_a = {k for k, words in kinds.items() if _phrases(plain_a, words)}
        mod_s = {k for k, words in ds["modality"].items() if k in kinds and _phrases(plain_s, words)}
        if lang_a != lang_s and _negated_ability(source, ds):
            mod_s.add("ability")  # "impenetrable" is "không thể xuyên thủng", cannot be penetrated
        hardened = False
        if lang_a == lang_s:
            modality_changed = mod_a != mod_s
        else:
            # a translation renders "may", "likely" and "possibly" with one word ("có thể") and leaves out a
            # modal now and then: across languages a kind of modality counts when the article adds it, or puts
            # another in its place ("should honour" as "sẽ thực hiện", will honour); of two kinds the source
            # has, keeping one is leaving a modal out, not putting another in its place
            def broad(found: set[str]) -> set[str]:
                return {"possibility" if k in ("ability", "hedge") else k for k in found}
            future_a = bool(_phrases(plain_a, da["modality"].get("future", [])))
            added = broad(mod_a) - broad(mod_s)
            swapped = (bool(broad(mod_s) - broad(mod_a)) and (bool(mod_a) or future_a)
                       and not broad(mod_s) & broad(mod_a))
            modality_changed = bool(added) or swapped
            hardened = swapped and not added
        if modality_changed:
            def first(plain: str, data: dict, kinds: set[str], offset: int) -> tuple[int, int] | None:
                found = sorted((m.start(), m.end()) for k in kinds for m in _phrases(plain, data["modality"][k]))
                return (offset + found[0][0], offset + found[0][1]) if found else None

            # point at a marker the other side lacks: the hedge or modal that was added, dropped or swapped
            reasons.append(Reason("modality", f"source {', '.join(sorted(mod_s)) or 'plain'}, article "
                                              f"{', '.join(sorted(mod_a)) or 'plain'}",
                                  first(plain_a, da, mod_a - mod_s, a_off), first(plain_s, ds, mod_s - mod_a, s_off),
                                  judged=not hardened))
        alt_a, alt_s = _phrases(article, da["coordinators"][:1]), _phrases(source, ds["coordinators"][:1])
        items_a, items_s = _alternatives(article, alt_a), _alternatives(source, alt_s)
        # an item dropped from a list of alternatives narrows or widens the claim ("non-state actors or China or
        # folks" -> "China or other countries"); only a shorter "or" list counts, a shorter "and" list is a
        # truncation, and "and"/"or" wording differs too freely between languages
        # across languages "A or B" is often "A và B" or "A hay B": only a list with two "or"s counts there
        if items_s > items_a and (lang_a == lang_s or len(alt_s) >= 2):
            # the span runs from the first alternative's "or" to the last one's
            reasons.append(Reason("entity_changed", f"a list of {items_s} alternatives in the source "
                                                    f"has {max(items_a, 1)} in the article",
                                  (a_off + alt_a[0].start(), a_off + alt_a[-1].end()) if alt_a else None,
                                  (s_off + alt_s[0].start(), s_off + alt_s[-1].end())))
        if lang_a != lang_s:
            named_in, named_off = whole or (article, a_off)
            reasons.extend(self._entity_changes(named_in, source_named or source, named_off, ds))
        # a condition ("if", "nếu") and a restriction ("only", "chỉ") are kept apart: the one does not stand
        # for the other
        conditional_a = _drop(article, da.get("not_condition", []))
        conditional_s = _drop(source, ds.get("not_condition", []))
        for kind, name in (("conditions", "condition"), ("restrictions", "restriction")):
            cond_a, cond_s = _phrases(conditional_a, da.get(kind, [])), _phrases(conditional_s, ds.get(kind, []))
            if cond_s and not cond_a:
                reasons.append(Reason("qualifier_dropped", f"the source's '{cond_s[0].group()}' {name} is missing",
                                      None, (s_off + cond_s[0].start(), s_off + cond_s[0].end())))
                break
        if lang_a == lang_s and not reasons:
            canon_a, canon_s = _canonical(article, da), _canonical(source, ds)
            changes = self._word_changes(canon_a, canon_s, a_off, s_off)
            if (canon_a, canon_s) != (article, source):
                for r in changes:  # offsets into rewritten text would point to the wrong words
                    r.article_span = r.source_span = None
            reasons.extend(changes)
        return reasons

    @staticmethod
    def _negations(text: str, data: dict, cross: bool = False) -> list[re.Match]:
        """The negations of a text, leaving out words that contain a negator but negate nothing ("không gian"
        is space, "not only" adds), and with `cross` (the other side is in another language) the litotes a
        translation writes as an affirmative ("không ít", many)."""
        text = _drop(text, data.get("not_negation", []))
        if cross:
            text = _drop(text, data.get("litotes", {}).get("phrases", []))
        if data.get("question_particle"):
            # "Ông có làm việc đó không?" asks; its "không" denies nothing
            text = re.sub(data["question_particle"], _blank_group, text, flags=re.IGNORECASE)
        return _phrases(text, data["negators"])

    def _entity_changes(self, article: str, source: str, a_off: int, source_data: dict | None = None
                        ) -> list[Reason]:
        """Countries and institutions named in the article but not in the source, and a person's or place's
        name put in place of the source's, compared across languages."""
        found_a, found_s = _entities(article), _entities(source)
        extra = [m for m in found_a if m[0] not in {g for g, _ in found_s}]
        if not extra:
            return self._name_swaps(article, source, a_off, source_data or {})
        group, match = extra[0]
        named = ", ".join(sorted({g for g, _ in found_s})) or "no such name"
        return [Reason("entity_changed", f"'{match.group()}' ({group}) is in the article; the source names {named}",
                       (a_off + match.start(), a_off + match.end()), None)]

    @staticmethod
    def _name_swaps(article: str, source: str, a_off: int, source_data: dict | None = None) -> list[Reason]:
        """A foreign name in the article that the source does not have, while a name of the source is missing
        from the article: one name put in place of another ("Morelos" became "Ashworth"). A name the article
        adds alone is a translator's habit (a first name, a title), not a change."""
        from claims.verify.link import _fold, names

        folded_a, folded_s = _fold(article), _fold(source)
        known = _entity_pattern()[1]
        added = [m for m in _FOREIGN_NAME.finditer(article)
                 if m.start() > 0 and _fold(m.group()) not in folded_s and m.group() not in known
                 and not _VI_SYLLABLE.fullmatch(_fold(m.group()))]
        folded_known = {_fold(k) for k in known}
        # a weekday or a month is written in capitals in English and is no name ("Friday" is "Thứ Sáu")
        calendar = {w.casefold() for key in ("weekdays", "months", "month_abbreviations")
                    for w in (source_data or {}).get(key, []) if w}
        # a name the source repeats and the article has fewer times is dropped too ("Love and Brother Love" as
        # "Love and Brother Ashworth")
        count_a, count_s = _name_counts(article), _name_counts(source)
        dropped = [n for n in names(source) if len(n) >= 3 and n not in folded_known and n not in calendar
                   and (n not in folded_a or count_s[n] >= 2 and count_a[n] < count_s[n])]
        if not added or not dropped:
            return []
        m = added[0]
        return [Reason("entity_changed", f"'{m.group()}' is in the article where the source names "
                                         f"{', '.join(sorted(dropped)[:3])}", (a_off + m.start(), a_off + m.end()),
                       None)]

    @staticmethod
    def _span(text: str, found: list[str], offset: int) -> tuple[int, int] | None:
        if not found:
            return None
        i = text.find(found[0])
        return offset + i, offset + i + len(found[0])

    @staticmethod
    def _word_ratio(a: str, b: str) -> float:
        wa, wb = [w.lower() for w in _WORD.findall(a)], [w.lower() for w in _WORD.findall(b)]
        return difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).ratio()

    def _word_changes(self, article: str, source: str, a_off: int, s_off: int) -> list[Reason]:
        ta, ts = list(_WORD.finditer(article)), list(_WORD.finditer(source))
        wa, ws = [m.group().lower() for m in ta], [m.group().lower() for m in ts]
        matcher = difflib.SequenceMatcher(a=ws, b=wa, autojunk=False)
        if matcher.ratio() >= 0.97:
            return []
        reasons = []
        opcodes = matcher.get_opcodes()
        for k, (op, i1, i2, j1, j2) in enumerate(opcodes):
            if op == "equal":
                continue
            if op == "delete" and k in (0, len(opcodes) - 1):
                continue  # the quote starts or ends inside the source sentence: a fragment, judged by its qualifiers

            src = (s_off + ts[i1].start(), s_off + ts[i2 - 1].end()) if i2 > i1 else None
            art = (a_off + ta[j1].start(), a_off + ta[j2 - 1].end()) if j2 > j1 else None
            # a capital that only starts the sentence is not a name
            changed = [m.group() for k, m in list(enumerate(ts))[i1:i2] + list(enumerate(ta))[j1:j2] if k > 0]
            if not any(w[:1].isupper() or w[:1].isdigit() for w in changed):
                continue  # other words for the same thing; names and figures are what change a claim
            before, after = " ".join(ws[i1:i2]), " ".join(wa[j1:j2])
            detail = {"replace": f"'{before}' became '{after}'", "delete": f"'{before}' dropped",
                      "insert": f"'{after}' added"}[op]
            reasons.append(Reason("words", detail, art, src))
        return reasons[:5]
