"""The link decision: how likely a quote comes from each candidate the matcher found.

A logistic model over evidence that needs no translator, trained by
`python -m claims.verify.train` and shipped as `link_model.json`:

- the encoder's cosine of the quote with the candidate's best-aligned span, and
  its margin over the other candidates (e5 scores unrelated statements of one
  topic close to a true source, so the cosine alone separates little);
- the two embedded alike (the e5 "query:" prompt on both sides, which tells a
  translation from a sentence on the same topic far better than the stored
  "passage:" vectors do), and how well their tokens align (the F-score of each
  side's tokens' best match on the other, as BERTScore computes it);
- the candidate's place in the matcher's fused ranking;
- in one language, the share of the quote's words the candidate says in order;
- whether figures and names (written the same in every language: "Trump",
  "2019", "Wales") agree;
- how the two lengths compare, for their languages;
- whether the attributed speaker is the candidate's.

`decide` takes the most probable candidate when its probability reaches the
model's threshold; `claims match` and the verifier both call it, so they never
disagree about which source a quote has.
"""
from __future__ import annotations

import json
import math
import re
import time
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

import numpy as np
from rapidfuzz.distance import LCSseq

from claims.detect.langdata import load_language

MODEL_PATH = Path(__file__).parent / "link_model.json"
# two statements this alike say the same thing: above 99.7% of the pairs of different sentences of one news
# document (NTREX-128 train and dev, 13,132 pairs: 99.5th percentile 0.908, 99.9th 0.937), where the
# document's restatements of one sentence (a headline and its body sentence) have a median of 0.93
SAYS_THE_SAME = 0.92
POOL = 8  # candidates the matcher hands the link model per quote (with the embedding leaders, up to 10)
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_LATIN_NAME = re.compile(r"(?<![\w])[A-Z][\w'’-]*[A-Za-z]|(?<![\w])[A-Z]{2,}\b")
_WORD = re.compile(r"\w+")

FEATURES = ("cosine", "cosine_cross", "symmetric", "symmetric_cross", "token_f", "margin", "symmetric_margin",
            "token_f_margin", "top", "fused_rank", "wording", "same_lang",
            "numbers_agree", "numbers_clash", "numbers_one_side", "names_found", "names_missing",
            "length_gap", "speaker_same", "speaker_other", "short")


def text_language(text: str) -> str:
    """vi, en or zh, as the ingest stage tells them, from the first 2,000 characters."""
    from claims.ingest import detect_language

    return detect_language(text[:2000])


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c))


@lru_cache(maxsize=None)
def _number_words(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """(cardinal words, month names) -> their figure, from the language's data."""
    try:
        data = load_language(lang).get("verify", {})
    except ValueError:
        return {}, {}
    months = {m: str(i) for key in ("months", "month_abbreviations")
              for i, m in enumerate(data.get(key, []), start=1) if m}
    return {w: str(n) for w, n in data.get("number_words", {}).items()}, months


def figure_key(figure: str) -> str:
    """A figure in digits written one way: no separators, no leading zeros."""
    return figure.replace(",", "").replace(".", "").lstrip("0") or "0"


def numbers(text: str, lang: str, words: bool = True) -> set[str]:
    """The figures a text states, written one way: "1,000" and "1.000" are 1000, "1,5" and "1.5" are 15
    (digits only: separators differ by language), "June" and "tháng 6" are 6, and with `words` "two" is 2."""
    # "04:00" and "29/09" write 4 and 9 with a leading zero that a translation drops
    found = {figure_key(m.group()) for m in _DIGITS.finditer(text)}
    cardinals, months = _number_words(lang)
    if cardinals or months:
        tens = None  # the value of a "fifty" just before, which a following "eight" makes 58
        for m in _WORD.finditer(text):
            word = m.group().casefold()
            value = months.get(word) or (cardinals.get(word) if words else None)
            if value is not None:
                if tens is not None and int(value) < 10 and text[tens[1]:m.start()] in ("-", " "):
                    found.discard(tens[0])
                    value = str(int(tens[0]) + int(value))
                found.add(value)
            tens = (value, m.end()) if value and word in cardinals and len(value) == 2 and value.endswith("0") \
                and int(value) >= 20 else None
    return found


def names(text: str) -> set[str]:
    """Words written in capitals past the first word of a sentence, folded: the names a translation keeps."""
    out = set()
    for m in _LATIN_NAME.finditer(text):
        before = text[:m.start()].rstrip()
        if not before or before[-1] in ".!?:\"“”'‘’«»(—–-":
            continue  # the first word of a sentence or quote is capitalised whatever it is
        out.add(_fold(m.group()))
    return out


@dataclass
class LinkModel:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float
    length_ratio: dict[str, float]  # expected chars(quote) / chars(source) per "quote_lang>source_lang"
    info: dict

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> LinkModel:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{path}: trained on other features; retrain with python -m claims.verify.train")
        return cls(tuple(data["features"]), np.array(data["mean"]), np.array(data["scale"]),
                   np.array(data["weights"]), float(data["bias"]), float(data["threshold"]),
                   data["length_ratio"], data.get("info", {}))

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        z = ((expand(x) - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-z))


def expand(x: np.ndarray) -> np.ndarray:
    """The features and every product of two of them: evidence counts differently by language, by speaker
    and by how close the rivals are, which one weight per feature cannot say."""
    i, j = np.triu_indices(x.shape[1])
    return np.hstack([x, x[:, i] * x[:, j]])


@lru_cache(maxsize=1)
def default_model() -> LinkModel:
    return LinkModel.load()


def dev_precision_recall(dev: dict) -> dict[str, str]:
    """"dev vi>en P/R" and "dev zh>en P/R" from a trained model's dev report (one statement a sentence)."""
    score = {}
    for key, found in dev.items():
        if key.startswith("parallel") and "one sentence" in key and isinstance(found, dict):
            pair = key.split()[1].rstrip(",")
            score[f"dev {pair} P/R"] = f"{found.get('precision')}/{found.get('recall')}"
    return score


def status() -> dict:
    """The link model's row of `claims models status`: whether it loads, its threshold and its dev scores."""
    started = time.time()
    try:
        model = LinkModel.load()
    except (OSError, ValueError, KeyError) as exc:
        return {"model": "verify/link", "source": "bundled", "path": str(MODEL_PATH), "ok": False,
                "error": f"{type(exc).__name__}: {exc}".splitlines()[0], "score": {}, "load_seconds": 0.0}
    dev = model.info.get("dev", {})
    score = {"threshold": model.threshold, **dev_precision_recall(dev)}
    if "CheckThat! dev MAP@5" in dev:
        score["CheckThat! dev MAP@5"] = dev["CheckThat! dev MAP@5"]
    return {"model": "verify/link", "source": "bundled", "path": str(MODEL_PATH), "ok": True, "error": None,
            "score": score, "load_seconds": round(time.time() - started, 2)}


@lru_cache(maxsize=None)
def _marker_pattern(lang: str) -> re.Pattern | None:
    try:
        data = load_language(lang).get("verify", {})
    except ValueError:
        return None
    words = set(data.get("negators", [])) | {w for kind in data.get("modality", {}).values() for w in kind}
    words = sorted((w for w in words if not w.startswith(("'", "’", "n't", "n’t"))), key=len, reverse=True)
    # words that hold a marker but are none ("cần thiết", "không gian") are matched first and kept
    kept = sorted(set(data.get("not_modal", [])) | set(data.get("not_negation", [])), key=len, reverse=True)
    if not words:
        return None

    def alternatives(found: list[str]) -> str:
        return "|".join(re.escape(w) for w in found) or "(?!)"
    return re.compile(rf"(?<![\w'’])(?:({alternatives(kept)})|{alternatives(words)})(?![\w])", re.IGNORECASE)


def without_markers(text: str) -> str:
    """The text without its negations and modal words: whether a quote comes from a statement is one question,
    whether it keeps the statement's polarity and modality another, which the verifier asks apart. A quote
    that drops a "not" or turns "will" into "may" still comes from its source."""
    pattern = _marker_pattern(text_language(text))
    if pattern is None:
        return text
    cleaned = pattern.sub(lambda m: m.group(1) or " ", text)
    cleaned = " ".join(re.sub(r"n['’]t\b", "", cleaned).split())
    return cleaned or text


class SymmetricEvidence:
    """Quotes and candidates embedded alike, with their tokens, kept for the process: the same candidates
    come back for many quotes of one article."""

    def __init__(self, encoder, size: int = 4096):
        self.encoder = encoder
        self.size = size
        self._cache: OrderedDict[str, tuple[np.ndarray, np.ndarray]] = OrderedDict()

    def _encoded(self, texts: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        from claims.nlp.encoder import embed_with_tokens

        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            for text, found in zip(missing, embed_with_tokens(self.encoder, missing, kind="query")):
                self._cache[text] = found
            while len(self._cache) > self.size:
                self._cache.popitem(last=False)
        for t in texts:
            self._cache.move_to_end(t)
        return [self._cache[t] for t in texts]

    def prefetch(self, pairs: list[tuple[str, list[str]]]) -> None:
        """Embed, in one pass, every text that `scores` will be asked for on these (text, others) pairs."""
        self._encoded([without_markers(t) for text, others in pairs if others for t in (text, *others)])

    def similarities(self, texts: list[str]) -> np.ndarray:
        """The cosine of each two of `texts`, embedded as `scores` embeds them."""
        if not texts:
            return np.zeros((0, 0))
        vectors = np.stack([v for v, _ in self._encoded([without_markers(t) for t in texts])])
        return vectors @ vectors.T

    def scores(self, text: str, others: list[str]) -> list[tuple[float, float]]:
        """(cosine, token F-score) of `text` with each of `others`, both without their negations and modals."""
        if not others:
            return []
        (q, q_tokens), *found = self._encoded([without_markers(t) for t in (text, *others)])
        out = []
        for vector, tokens in found:
            sim = q_tokens @ tokens.T
            recall, precision = float(sim.max(axis=1).mean()), float(sim.max(axis=0).mean())
            out.append((float(q @ vector), 2 * recall * precision / max(recall + precision, 1e-9)))
        return out


def feature_rows(text: str, candidates: list, speaker_given: bool, speaker_known: bool,
                 length_ratio: dict[str, float], symmetric: list[tuple[float, float]],
                 lang: str | None = None, alike: np.ndarray | None = None) -> np.ndarray:
    """One row of FEATURES per candidate (the matcher's `Candidate`s, in fused order); `symmetric` is
    `SymmetricEvidence.scores` of the text with the candidates' spans.

    `speaker_known`: the attributed speaker is a speaker of the database, so a candidate by someone else is
    evidence against; a speaker the database has never heard of says nothing either way.

    `alike`: the candidates' spans' cosines with each other (`SymmetricEvidence.similarities`). A statement of
    the named speaker then has no rival in another speaker's statement that says the same (SAYS_THE_SAME):
    two bodies often put one thing alike (a bill's title and the committee's release about the bill), and the
    attribution tells which of them the quote is from."""
    lang = lang or text_language(text)
    q_numbers, q_names = numbers(text, lang), names(text)
    q_words = [w.casefold() for w in _WORD.findall(text)]
    scores = [c.score for c in candidates]
    sym_scores = [sym for sym, _ in symmetric]
    token_scores = [t for _, t in symmetric]

    own = [speaker_given and speaker_known and c.same_speaker for c in candidates]

    def rival(i: int, j: int) -> bool:
        return j != i and not (alike is not None and own[i] and not own[j] and alike[i, j] >= SAYS_THE_SAME)

    def margin_of(values: list[float], i: int) -> float:
        others = [v for j, v in enumerate(values) if rival(i, j)]
        return values[i] - max(others) if others else 0.1

    rows = []
    for rank, (c, (sym, token_f)) in enumerate(zip(candidates, symmetric)):
        c_lang = c.lang or text_language(c.sentence)
        same = c_lang == lang
        margin = margin_of(scores, rank)
        wording = 0.0
        if same and q_words:
            wording = LCSseq.similarity(q_words, [w.casefold() for w in _WORD.findall(c.sentence)]) / len(q_words)
        s_numbers = numbers(c.sentence, c_lang)
        agree = clash = one_side = 0.0
        if q_numbers and s_numbers:
            agree = len(q_numbers & s_numbers) / len(q_numbers | s_numbers)
            clash = float(bool(q_numbers - s_numbers))
        elif q_numbers or s_numbers:
            one_side = 1.0
        folded = _fold(c.sentence)
        found = sum(1 for n in q_names if n in folded)
        names_found = found / len(q_names) if q_names else 0.0
        names_missing = float(len(q_names) - found) if q_names else 0.0
        expected = length_ratio.get(f"{lang}>{c_lang}", 1.0)
        length_gap = abs(math.log(max(len(text), 1) / (max(len(c.sentence), 1) * expected)))
        rows.append([c.score, c.score if not same else 0.0, sym, sym if not same else 0.0, token_f, margin,
                     margin_of(sym_scores, rank), margin_of(token_scores, rank), float(c.score >= max(scores)),
                     1.0 / (1 + rank), wording, float(same), agree, clash, one_side, names_found,
                     min(names_missing, 3.0), min(length_gap, 3.0),
                     float(speaker_given and c.same_speaker),
                     float(speaker_given and speaker_known and not c.same_speaker),
                     float(len(q_words) < 6)])
    return np.array(rows, dtype=np.float64).reshape(len(candidates), len(FEATURES))


def link_probabilities(text: str, candidates: list, speaker_given: bool, speaker_known: bool,
                       evidence: SymmetricEvidence, model: LinkModel | None = None) -> list[float]:
    if not candidates:
        return []
    model = model or default_model()
    symmetric = evidence.scores(text, [c.sentence for c in candidates])
    alike = evidence.similarities([c.sentence for c in candidates]) if speaker_known else None
    x = feature_rows(text, candidates, speaker_given, speaker_known, model.length_ratio, symmetric, alike=alike)
    return [round(float(p), 4) for p in model.probabilities(x)]


STRANGER_BAR = 0.9  # the probability a statement by someone else needs when the quote's speaker is unknown
LOOSE_BAR = 0.4  # what the speaker's own statement needs for reported speech or a quote of several sentences
REPORTED_KINDS = ("indirect", "mixed", "continuation")  # kinds the reporter words, or may
# what it needs weighed as if the quote gave its figures: above every other bar, since the words must carry
# the link with the figures set aside (dev documents: at the link threshold, 0.65, one more quote whose
# source was left out linked to another sentence of its speaker)
FIGURES_BAR = 0.8


def decide(candidates: list, model: LinkModel | None = None, stranger: bool = False, loose: bool = False
           ) -> int | None:
    """The index of the candidate the quote is linked to (its `p_link` set), or None: the most probable
    one, when it reaches the threshold. With `stranger` (the quote names a speaker the database does not
    know: "a lawyer", "Zheng Ziqing"), another speaker's statement must reach STRANGER_BAR: that the two are
    one source is then the claim the link makes, and the words alone must carry it. With `loose` (reported
    speech, or a quote of several sentences), the attributed speaker's own statement is linked from
    LOOSE_BAR: reported speech is the reporter's wording, and a quote of several sentences often takes one
    from a statement and adds or changes the rest (the verdict then names each part); neither is as close to
    its source as a quoted sentence is, and the attribution to that speaker is evidence the words lack."""
    model = model or default_model()
    if not candidates:
        return None
    best = max(range(len(candidates)), key=lambda i: candidates[i].p_link)
    own_bar = min(model.threshold, LOOSE_BAR) if loose else model.threshold
    own = [i for i, c in enumerate(candidates) if c.same_speaker and c.p_link >= own_bar]
    if own and not candidates[best].same_speaker:
        # the speaker's own statement that fits wins over another's that fits a little better: two speakers
        # often say the same ("take necessary measures"), and a wrong-speaker verdict needs more than that
        return max(own, key=lambda i: candidates[i].p_link)
    if candidates[best].same_speaker and candidates[best].p_link >= own_bar:
        return best
    bar = STRANGER_BAR if stranger and not candidates[best].same_speaker else model.threshold
    return best if candidates[best].p_link >= bar else None


def figures_as(text: str, sentence: str) -> str | None:
    """`text` with the figures it does not share with `sentence` written as `sentence`'s, in order, when the
    two have as many unshared figures each; None when they share all of them or the counts differ."""
    ours, theirs = list(_DIGITS.finditer(text)), [m.group() for m in _DIGITS.finditer(sentence)]
    shared = {figure_key(m.group()) for m in ours} & {figure_key(f) for f in theirs}
    changed = [m for m in ours if figure_key(m.group()) not in shared]
    replacements = [f for f in theirs if figure_key(f) not in shared]
    if not changed or len(changed) != len(replacements):
        return None
    out, last = [], 0
    for m, figure in zip(changed, replacements):
        out += [text[last:m.start()], figure]
        last = m.end()
    return "".join(out) + text[last:]


@dataclass
class Weighing:
    """The link model's probabilities for one quote's candidates, before the cross-encoder reads them: for the
    whole quote and for each of its parts (its sentences), in that order. `aligned` holds, for each of them,
    the candidates with the span of each statement closest to it."""
    candidates: list
    quotes: list[str]
    aligned: list[list]
    scores: list[list[float]]
    stranger: bool
    loose: bool
    # (index of the speaker's own statement, the quote with its figures written as that statement's, what
    # gives the link model's probabilities for it), when the two differ only in figures they both state; the
    # probabilities are computed only when nothing else links
    figures: tuple[int, str, Callable[[], list[float]]] | None = None

    def sentences(self, quote: int = 0) -> list[str]:
        """The candidates' spans as aligned to the whole quote (0) or to one of its parts."""
        return [c.sentence for c in self.aligned[quote]]


def weigh(text: str, candidates: list, speaker: str | None, store, evidence: SymmetricEvidence,
          model: LinkModel | None = None, parts: list[tuple[str, list]] = (), reported: bool = False) -> Weighing:
    """The link model's probabilities for `text` and each of its `parts` against the matcher's candidates;
    a part comes with the candidates realigned to it (claims.match.Matcher.realign).

    A quote of several sentences may take one of them from a statement and add the rest, so its parts are
    weighed too, each against the statements' spans closest to it."""
    known = bool(speaker) and store.speaker(speaker) is not None
    quotes = [text, *(part for part, _ in parts)]
    aligned = [candidates, *(found for _, found in parts)]
    scores = [link_probabilities(q, found, bool(speaker), known, evidence, model) for q, found in zip(quotes, aligned)]
    figures = None
    own = next((i for i, c in enumerate(candidates) if c.same_speaker), None) if known else None
    if own is not None:
        # a figure changed is an alteration the verifier is there to report, and the link model counts a
        # figure the candidate lacks against the link: the speaker's own statement is also weighed as if the
        # quote gave its figures, and the comparison then names the figure
        swapped = figures_as(text, candidates[own].sentence)
        if swapped is not None:
            # in the order weighed now: settle's copies_together reorders the candidates in place
            figures = (own, swapped, partial(link_probabilities, swapped, list(candidates), True, known, evidence,
                                             model))
    return Weighing(candidates, quotes, aligned, scores, stranger=bool(speaker) and not known,
                    loose=reported or len(parts) > 1, figures=figures)


def settle(weighing: Weighing, model: LinkModel | None = None, cross=None) -> list:
    """Set `p_link` and `linked` on the candidates: each gets the probability of the whole quote or of its best
    part, combined with the cross-encoder's reading when `cross` (claims.verify.cross.CrossReader) is given."""
    best: list[float] | None = None
    for i, (quote, found) in enumerate(zip(weighing.quotes, weighing.scores)):
        found = cross.rescore(quote, weighing.sentences(i), found) if cross is not None else found
        best = found if best is None else [max(a, b) for a, b in zip(best, found)]
    candidates = weighing.candidates
    for c, p in zip(candidates, best or []):
        c.p_link, c.linked = p, False
    weighed = list(candidates)  # the order the probabilities were computed in; copies_together reorders
    copies_together(candidates)
    chosen = decide(candidates, model, stranger=weighing.stranger, loose=weighing.loose)
    if chosen is None and weighing.figures is not None:
        own, swapped, probabilities = weighing.figures
        found = probabilities()
        if cross is not None:
            found = cross.rescore(swapped, [c.sentence for c in weighed], found)
        if found[own] >= FIGURES_BAR and found[own] >= max(found):
            chosen = next(i for i, c in enumerate(candidates) if c is weighed[own])
    if chosen is not None:
        candidates[chosen].linked = True
    return candidates


SAME_QUOTE = 0.95  # the cosine of two quotes of one article that say the same thing


def one_quote_per_source(found: list[list], vectors: np.ndarray, same: float = SAME_QUOTE) -> dict[int, int]:
    """Quotes of one article that say different things are not all renderings of one source sentence. Where
    several of them link to the same span of one statement, the one closest to it in meaning (`score`) keeps
    the link; each of the others gives it up, unless it says what the keeper says (the cosine of the two
    quotes, `vectors`, reaches `same`: a headline and the sentence it shortens, a quote given twice). `found`
    holds each quote's candidates, as `settle` leaves them; the losers' links are undone in place. Returns
    {loser: keeper}, indices into `found`.

    A quote whose own source is missing from the database links, more often than to anything else, to the
    source of the sentence next to it, which the article quotes too (dev parallel news, half of the sources
    left out: 12 of the 16 wrong links, Vietnamese and Chinese, were of this kind). The closest quote, not the
    most probable link, keeps it: the link model also weighs evidence beyond the words (figures, names, the
    speaker), which a quote that shares a figure with the source but renders another sentence may have more of."""
    claimed: dict[tuple, list[tuple[float, int]]] = {}
    for i, candidates in enumerate(found):
        linked = next((c for c in candidates if c.linked), None)
        if linked is not None:
            claimed.setdefault((linked.statement_id, tuple(linked.span)), []).append((-linked.score, i))
    lost = {}
    for quotes in claimed.values():
        if len(quotes) < 2:
            continue
        keeper, *others = [i for _, i in sorted(quotes)]
        for i in others:
            if float(vectors[i] @ vectors[keeper]) < same:
                lost[i] = keeper
    for i in lost:
        for c in found[i]:
            c.linked = False
    return lost


# a mark before a word opens a quotation, except an apostrophe after one ("Trump's")
_OPENING_MARK = re.compile(r"((?<!\w)['’]|[^\w\s'’])(?=\w)")


def quotation_level(text: str, lang: str) -> str | None:
    """"outer" or "inner": the level of the first quotation mark `text` opens a quotation with (“…” and
    ‘…’ in English), by the language's data; None when it quotes nothing."""
    try:
        data = load_language(lang)
    except ValueError:
        return None
    outer, inner = data.get("quotation_marks", {}), data.get("inner_quotation_marks", [])
    for m in _OPENING_MARK.finditer(text):
        if m.group(1) in inner:
            return "inner"
        if m.group(1) in outer:
            return "outer"
    return None


def copies_together(candidates: list) -> None:
    """Copies of one statement (the same speaker, the same words, other punctuation) get the probability of
    the likeliest, and the candidates are ordered by probability with each group of copies in one place, the
    copy with the language's outer quotation marks first.

    A database filled from several listings holds a statement twice when one writes it as running text
    (called it “dark white”) and another with a headline's inner marks (called it 'dark white'). The two are
    one source; which of them came first was decided by the few thousandths of probability the punctuation
    moved. The outer marks win whatever marks the quote uses, then no marks, then inner ones: a post quotes
    with whichever marks are at hand. (CheckThat! 2020 train: in all 177 tweets whose claim is stored twice
    with different marks, the copy this puts first is the one annotated as the source.)"""
    groups: dict[tuple, list] = {}
    for c in candidates:
        key = ((c.speaker or "").casefold(), tuple(w.casefold() for w in _WORD.findall(c.sentence)))
        groups.setdefault(key, []).append(c)
    if all(len(g) == 1 for g in groups.values()):
        return
    rank = {}
    for group in groups.values():
        top = max(c.p_link for c in group)
        for c in group:
            c.p_link = top
            level = quotation_level(c.sentence, c.lang or text_language(c.sentence))
            rank[id(c)] = {"outer": 0, None: 1}.get(level, 2)
    candidates.sort(key=lambda c: (-c.p_link, rank[id(c)]))
