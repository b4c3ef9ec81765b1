"""Compare a quote with the source span it was aligned to: figures, negation, modality, lists of alternatives,
names, conditions and restrictions, and in one language the words themselves (difflib opcodes over tokens).
Each difference is a `Reason` with the spans on both sides."""
from __future__ import annotations

import difflib
import re

from claims.detect.langdata import load_language
from claims.verify.link import default_model, numbers
from claims.verify.markers import (WORD, ability_undenied, alternatives, blank_names, canonical, denials, drop,
                                   drop_causative, entities, entity_pattern, find_phrases, lexical_negations,
                                   name_counts, negated_ability, negations, polarity_differs)
from claims.verify.verdict import Reason

CROSS_LANGUAGE_MODALITY = ("ability", "hedge", "certainty", "obligation")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# a capitalised word in Latin letters only: in a Vietnamese text, a foreign name unless it is a Vietnamese
# syllable written without its marks ("Kim", "Long", "Anh")
_FOREIGN_NAME = re.compile(r"(?<![\w'’-])[A-Z][a-z]{2,}(?![\w'’-])")
_VI_SYLLABLE = re.compile(r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?[aeiouy]{1,3}"
                          r"(?:ch|ng|nh|[cmnpt])?")


def language_data() -> dict[str, dict]:
    """Each language's `verify` data (its markers), by language code."""
    return {lang: load_language(lang)["verify"] for lang in ("vi", "en", "zh")}


def compare(article: str, source: str, lang_a: str, lang_s: str, a_off: int, s_off: int,
             data: dict[str, dict] | None = None, source_named: str | None = None, whole: tuple[str, int] | None = None
            ) -> list[Reason]:
    """`source_named` is the source span with the editor's bracketed words kept: they name who or what
    the speaker meant ("[U.S. cloud computing companies]"), which a translation may spell out. `whole` is
    the whole quote and its offset when `article` is the run of it that aligns with the source: a name
    put in place of the source's may sit in a clause the alignment left out, and is still the speaker's
    word as the article gives it."""
    data = data or language_data()
    da, ds = data.get(lang_a, data["en"]), data.get(lang_s, data["en"])
    reasons = []
    na, ns = _NUMBER.findall(article), _NUMBER.findall(source)
    # the figures, written alike ("1,000" and "1.000", "June" and "tháng 6"; "two" on the source's side
    # only, where it may stand for the article's "2"); across languages only a figure the article has and
    # the source has not counts: translations spell figures out, round them and add units freely
    fa, fs = numbers(article, lang_a, words=False), numbers(source, lang_s)
    changed = fa - fs if lang_a != lang_s else fa ^ numbers(source, lang_s, words=False)
    if changed:
        reasons.append(Reason("number", f"numbers {', '.join(na) or 'none'} in the article, "
                                        f"{', '.join(ns) or 'none'} in the source", _span(article, na, a_off),
                              _span(source, ns, s_off)))
    cross = lang_a != lang_s
    neg_a, neg_s = negations(article, da, cross), negations(source, ds, cross)
    # within one language every negation is counted; across languages one negation word may cover
    # several verbs ("không tìm cách ... hoặc cản trở" = "not seeking ... and not holding back")
    if lang_a == lang_s:
        flipped = len(neg_a) != len(neg_s)
    else:
        lex_a, lex_s = lexical_negations(article, da), lexical_negations(source, ds)
        flipped = polarity_differs(neg_a, lex_a, neg_s, lex_s, source) or (
            ability_undenied(article, da, source, ds) and denials(article, neg_a, lex_a, da)
            < denials(source, neg_s, lex_s, ds))
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
    plain_a = drop_causative(drop(blank_names(article), da.get("not_modal", [])), da)
    plain_s = drop_causative(drop(blank_names(source), ds.get("not_modal", [])), ds)
    # across languages the future tense is not compared: a translation renders "to prevent" with "sẽ"
    kinds = da["modality"] if lang_a == lang_s else {k: v for k, v in da["modality"].items()
                                                     if k in CROSS_LANGUAGE_MODALITY}
    mod_a = {k for k, words in kinds.items() if find_phrases(plain_a, words)}
    mod_s = {k for k, words in ds["modality"].items() if k in kinds and find_phrases(plain_s, words)}
    if lang_a != lang_s and negated_ability(source, ds):
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
        future_a = bool(find_phrases(plain_a, da["modality"].get("future", [])))
        added = broad(mod_a) - broad(mod_s)
        swapped = (bool(broad(mod_s) - broad(mod_a)) and (bool(mod_a) or future_a)
                   and not broad(mod_s) & broad(mod_a))
        modality_changed = bool(added) or swapped
        hardened = swapped and not added
    if modality_changed:
        def first(plain: str, lang_data: dict, kinds: set[str], offset: int) -> tuple[int, int] | None:
            found = sorted((m.start(), m.end()) for k in kinds for m in find_phrases(plain, lang_data["modality"][k]))
            return (offset + found[0][0], offset + found[0][1]) if found else None

        # point at a marker the other side lacks: the hedge or modal that was added, dropped or swapped
        reasons.append(Reason("modality", f"source {', '.join(sorted(mod_s)) or 'plain'}, article "
                                          f"{', '.join(sorted(mod_a)) or 'plain'}",
                              first(plain_a, da, mod_a - mod_s, a_off), first(plain_s, ds, mod_s - mod_a, s_off),
                              judged=not hardened))
    alt_a, alt_s = find_phrases(article, da["coordinators"][:1]), find_phrases(source, ds["coordinators"][:1])
    items_a, items_s = alternatives(article, alt_a), alternatives(source, alt_s)
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
    if lang_a != lang_s and not modality_changed:
        dropped = dropped_restriction(article, source, lang_a, lang_s, da, ds)
        if dropped is not None:
            reasons.append(Reason("qualifier_dropped", f"the source's '{source[dropped[0]:dropped[1]]}' is missing: "
                                                       f"the quote stops before it", None,
                                  (s_off + dropped[0], s_off + dropped[1])))
    if lang_a != lang_s:
        named_in, named_off = whole or (article, a_off)
        reasons.extend(entity_changes(named_in, source_named or source, named_off, ds))
    # a condition ("if", "nếu") and a restriction ("only", "chỉ") are kept apart: the one does not stand
    # for the other
    conditional_a = drop(article, da.get("not_condition", []))
    conditional_s = drop(source, ds.get("not_condition", []))
    for kind, name in (("conditions", "condition"), ("restrictions", "restriction")):
        cond_a, cond_s = find_phrases(conditional_a, da.get(kind, [])), find_phrases(conditional_s, ds.get(kind, []))
        if cond_s and not cond_a:
            reasons.append(Reason("qualifier_dropped", f"the source's '{cond_s[0].group()}' {name} is missing",
                                  None, (s_off + cond_s[0].start(), s_off + cond_s[0].end())))
            break
    if lang_a == lang_s and not reasons:
        canon_a, canon_s = canonical(article, da), canonical(source, ds)
        changes = word_changes(canon_a, canon_s, a_off, s_off)
        if (canon_a, canon_s) != (article, source):
            for r in changes:  # offsets into rewritten text would point to the wrong words
                r.article_span = r.source_span = None
        reasons.extend(changes)
    return reasons

# a quote shorter than this share of the length a rendering of its whole source span would have leaves part
# of the span out
SHORT_RENDERING = 0.75
TAIL = 0.5  # a restricting clause in the last half of the source span is where a quote that stops early ends


def dropped_restriction(article: str, source: str, lang_a: str, lang_s: str, da: dict, ds: dict
                        ) -> tuple[int, int] | None:
    """A translated quote that stops before the source's closing restriction: a relative clause that hedges
    ("… emerging technology that can potentially be used by our enemies in the future"), which the quote,
    far shorter than a rendering of the whole span and with no hedge of its own, leaves out; the claim is
    then wider than what was said. The span of the restriction in `source`, or None. In one language the
    modal's absence shows as a change of modality."""
    openers = ds.get("restricting_openers", [])
    hedges = ds["modality"].get("ability", []) + ds["modality"].get("hedge", [])
    if not openers or not hedges:
        return None
    expected = default_model().length_ratio.get(f"{lang_a}>{lang_s}", 1.0)
    if len(article) >= SHORT_RENDERING * expected * len(source):
        return None
    if find_phrases(article, da["modality"].get("ability", []) + da["modality"].get("hedge", [])):
        return None
    for opener in find_phrases(source, openers):
        if opener.start() < TAIL * len(source):
            continue
        hedge = find_phrases(source[opener.end():], hedges)[:1]
        if hedge and len(WORD.findall(source[opener.end():opener.end() + hedge[0].start()])) <= 2:
            return opener.start(), len(source.rstrip(" .!?\"”’'"))
    return None


def entity_changes(article: str, source: str, a_off: int, source_data: dict | None = None
                    ) -> list[Reason]:
    """Countries and institutions named in the article but not in the source, and a person's or place's
    name put in place of the source's, compared across languages."""
    found_a, found_s = entities(article), entities(source)
    extra = [m for m in found_a if m[0] not in {g for g, _ in found_s}]
    if not extra:
        return name_swaps(article, source, a_off, source_data or {})
    group, match = extra[0]
    named = ", ".join(sorted({g for g, _ in found_s})) or "no such name"
    return [Reason("entity_changed", f"'{match.group()}' ({group}) is in the article; the source names {named}",
                   (a_off + match.start(), a_off + match.end()), None)]

def name_swaps(article: str, source: str, a_off: int, source_data: dict | None = None) -> list[Reason]:
    """A foreign name in the article that the source does not have, while a name of the source is missing
    from the article: one name put in place of another ("Morelos" became "Ashworth"). A name the article
    adds alone is a translator's habit (a first name, a title), not a change."""
    from claims.verify.link import _fold, names

    folded_a, folded_s = _fold(article), _fold(source)
    known = entity_pattern()[1]
    added = [m for m in _FOREIGN_NAME.finditer(article)
             if m.start() > 0 and _fold(m.group()) not in folded_s and m.group() not in known
             and not _VI_SYLLABLE.fullmatch(_fold(m.group()))]
    folded_known = {_fold(k) for k in known}
    # a weekday or a month is written in capitals in English and is no name ("Friday" is "Thứ Sáu")
    calendar = {w.casefold() for key in ("weekdays", "months", "month_abbreviations")
                for w in (source_data or {}).get(key, []) if w}
    # a name the source repeats and the article has fewer times is dropped too ("Love and Brother Love" as
    # "Love and Brother Ashworth")
    count_a, count_s = name_counts(article), name_counts(source)
    dropped = [n for n in names(source) if len(n) >= 3 and n not in folded_known and n not in calendar
               and (n not in folded_a or count_s[n] >= 2 and count_a[n] < count_s[n])]
    if not added or not dropped:
        return []
    m = added[0]
    return [Reason("entity_changed", f"'{m.group()}' is in the article where the source names "
                                     f"{', '.join(sorted(dropped)[:3])}", (a_off + m.start(), a_off + m.end()),
                   None)]

def _span(text: str, found: list[str], offset: int) -> tuple[int, int] | None:
    if not found:
        return None
    i = text.find(found[0])
    return offset + i, offset + i + len(found[0])

def word_ratio(a: str, b: str) -> float:
    wa, wb = [w.lower() for w in WORD.findall(a)], [w.lower() for w in WORD.findall(b)]
    return difflib.SequenceMatcher(a=wa, b=wb, autojunk=False).ratio()

def word_changes(article: str, source: str, a_off: int, s_off: int) -> list[Reason]:
    ta, ts = list(WORD.finditer(article)), list(WORD.finditer(source))
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
